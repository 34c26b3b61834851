import { mount } from 'svelte';
import { createActor } from 'xstate';
import { bank } from 'virtual:question-bank';
import { newSeed } from './game/random';
import { playMachine } from './machines/playMachine';
import { Persistence } from './storage/persistence.svelte';
import { browserStore } from './storage/store';
import { claimActiveTab } from './storage/tabs';
import App from './ui/App.svelte';
import './ui/app.css';

async function start() {
  const persistence = new Persistence(browserStore(), bank);
  const active = await claimActiveTab(() => persistence.handOver());
  if (!active) persistence.tab = 'elsewhere';
  const snapshot = await persistence.load();
  const actor = createActor(playMachine, { input: { bank, seed: newSeed() }, snapshot }).start();
  persistence.connect(actor);
  const target = document.getElementById('app')!;
  target.replaceChildren();
  mount(App, { target, props: { actor, persistence } });
}

void start();
