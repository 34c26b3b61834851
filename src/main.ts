import { mount } from 'svelte';
import { createActor } from 'xstate';
import { bank } from 'virtual:question-bank';
import { newSeed } from './game/random';
import { playMachine } from './machines/playMachine';
import App from './ui/App.svelte';
import './ui/app.css';

const actor = createActor(playMachine, { input: { bank, seed: newSeed() } }).start();

mount(App, { target: document.getElementById('app')!, props: { actor } });
