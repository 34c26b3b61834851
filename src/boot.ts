import { createActor } from 'xstate';
import { bank as questions } from 'virtual:question-bank';
import { indexBank } from './game/bank';
import { newSeed } from './game/random';
import { createPlayMachine } from './machines/playMachine';
import { Persistence } from './storage/persistence.svelte';
import { browserStore } from './storage/store';
import { claimActiveTab } from './storage/tabs';

/**
 * Everything self-paced play needs beyond the first screen: the questions, the machine and the
 * saved progress. main.ts loads this after showing the start screen, so the first screen
 * stays small.
 */
export async function bootPlay() {
  const bank = indexBank(questions);
  const machine = createPlayMachine(bank);
  const persistence = new Persistence(browserStore(), machine, bank);
  persistence.tab = await claimActiveTab(() => persistence.handOver());
  const snapshot = await persistence.load();
  const actor = createActor(machine, { input: { seed: newSeed() }, snapshot }).start();
  persistence.connect(actor);
  const { default: App } = await import('./ui/App.svelte');
  return { App, actor, bank, persistence };
}

/** Workshop mode: the projector window, or the presenter view beside it. */
export async function bootWorkshop(view: 'projector' | 'presenter') {
  const [{ WorkshopRuntime }, { createWorkshopMachine }, { default: WorkshopApp }] = await Promise.all([
    import('./runtime/workshopRuntime.svelte'),
    import('./machines/workshopMachine'),
    import('./ui/workshop/WorkshopApp.svelte'),
  ]);
  const bank = indexBank(questions);
  const runtime = new WorkshopRuntime(browserStore(), createWorkshopMachine(bank), bank, view);
  await runtime.start();
  return { WorkshopApp, runtime };
}
