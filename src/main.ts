import { mount } from 'svelte';
import { createActor } from 'xstate';
import { bank } from 'virtual:question-bank';
import { newSeed } from './game/random';
import { isShareHash } from './share/link';
import { playMachine } from './machines/playMachine';
import { Persistence } from './storage/persistence.svelte';
import { browserStore } from './storage/store';
import { claimActiveTab } from './storage/tabs';
import App from './ui/App.svelte';
import { registerServiceWorker } from './ui/updates.svelte';
import './ui/app.css';

const target = document.getElementById('app')!;

/** Self-paced play: one actor, its progress loaded first, one tab at a time. */
async function startPlay() {
  const persistence = new Persistence(browserStore(), bank);
  const active = await claimActiveTab(() => persistence.handOver());
  if (!active) persistence.tab = 'elsewhere';
  const snapshot = await persistence.load();
  const actor = createActor(playMachine, { input: { bank, seed: newSeed() }, snapshot }).start();
  persistence.connect(actor);
  target.replaceChildren();
  mount(App, { target, props: { actor, persistence } });
}

/** Workshop mode: the projector window, or the presenter view beside it. Loaded only when used. */
async function startWorkshop(view: 'projector' | 'presenter') {
  const [{ WorkshopSession }, { default: WorkshopApp }] = await Promise.all([import('./storage/workshopSession.svelte'), import('./ui/workshop/WorkshopApp.svelte')]);
  const session = new WorkshopSession(browserStore(), bank, view);
  await session.start();
  document.title = view === 'presenter' ? 'Presenter view · Role Call workshop' : 'Role Call workshop';
  target.replaceChildren();
  mount(WorkshopApp, { target, props: { session } });
}

registerServiceWorker();

const params = new URLSearchParams(location.search);
// A result link always opens on the share page, which the self-paced app shows.
const started = params.get('mode') === 'workshop' && !isShareHash(location.hash) ? startWorkshop(params.get('view') === 'presenter' ? 'presenter' : 'projector') : startPlay();
started.catch(() => {
  target.textContent = 'Role Call could not start. Check your connection and reload the page.';
});
