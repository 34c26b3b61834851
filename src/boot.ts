import { createActor } from 'xstate';
import { bank } from 'virtual:question-bank';
import { newSeed } from './game/random';
import { playMachine } from './machines/playMachine';
import { Persistence } from './storage/persistence.svelte';
import { browserStore } from './storage/store';
import { claimActiveTab } from './storage/tabs';

/**
 * Everything self-paced play needs beyond the first screen: the questions, the machine and the
 * saved progress. main.ts loads this after showing the start screen, so the first screen
 * stays small.
 */
export async function bootPlay() {
  const persistence = new Persistence(browserStore(), bank);
  persistence.tab = await claimActiveTab(() => persistence.handOver());
  const snapshot = await persistence.load();
  const actor = createActor(playMachine, { input: { bank, seed: newSeed() }, snapshot }).start();
  persistence.connect(actor);
  const { default: App } = await import('./ui/App.svelte');
  return { App, actor, persistence };
}

/** Workshop mode: the projector window, or the presenter view beside it. */
export async function bootWorkshop(view: 'projector' | 'presenter') {
  const [{ WorkshopSession }, { default: WorkshopApp }] = await Promise.all([
    import('./storage/workshopSession.svelte'),
    import('./ui/workshop/WorkshopApp.svelte'),
  ]);
  const session = new WorkshopSession(browserStore(), bank, view);
  await session.start();
  return { WorkshopApp, session };
}
