import { createActor } from 'xstate';
import * as questions from 'virtual:question-index';
import { loadingBank } from '../core/bank';
import { newSeed } from '../core/random';
import type { LmsSettings } from '../lms/settings';
import { createPlayMachine } from '../modes/solo/playMachine';
import { Persistence } from '../modes/solo/persistence.svelte';
import { browserStore } from '../platform/store';
import { claimActiveTab } from '../platform/tabs';
import { loadGameScreens } from '../modes/solo/screens/gameScreens.svelte';

/**
 * Everything self-paced play needs beyond the first screen: the machine and the saved
 * progress, with the questions of a saved game's companies (a new game loads its own when it
 * starts). main.ts loads this after showing the start screen, so the first screen stays small.
 * In an LMS package (`lmsSettings`), it also opens the LMS session: a game kept by the LMS
 * (SCORM suspend data, or cmi5 state) comes before the one saved on the device.
 */
export async function bootPlay(lmsSettings: LmsSettings | null = null) {
  const bank = loadingBank(questions);
  // The app's own code loads while the saved progress is read.
  const app = import('./App.svelte');
  const machine = createPlayMachine(bank);
  // An LMS course is its package's companies alone: packs on the device stay out of it.
  const persistence = new Persistence(browserStore(), machine, bank, Date.now, undefined, !lmsSettings);
  persistence.tab = await claimActiveTab(() => persistence.handOver());
  const saved = await persistence.load();
  const reporter = lmsSettings
    ? await (await import('../lms/openReporter')).openReporter(window, lmsSettings, bank)
    : null;
  // A kept game names its cards by reference, which only loaded companies can match: the
  // package's few companies load before it is read.
  if (reporter?.connected) await bank.loadAll();
  const fromLms = reporter?.resume(machine);
  if (fromLms && !fromLms.ok) persistence.notResumed = fromLms.error;
  const snapshot = fromLms?.ok ? fromLms.value : saved;
  const actor = createActor(machine, { input: { seed: newSeed() }, snapshot }).start();
  persistence.connect(actor);
  reporter?.connect(actor);
  const [{ default: App }] = await Promise.all([
    app,
    // A resumed game shows its own screen at once, not the start screen's.
    actor.getSnapshot().matches('intro') ? undefined : loadGameScreens(),
  ]);
  const lms = reporter && lmsSettings ? { settings: lmsSettings, reporter } : null;
  return { App, actor, bank, persistence, lms };
}

/** Workshop mode: the projector window, or the presenter view beside it, with every company. */
export async function bootWorkshop(view: 'projector' | 'presenter') {
  const bank = loadingBank(questions);
  const store = browserStore();
  const [{ WorkshopRuntime }, { createWorkshopMachine }, { default: WorkshopApp }, packs] = await Promise.all([
    import('../modes/workshop/workshopRuntime.svelte'),
    import('../modes/workshop/workshopMachine'),
    import('../modes/workshop/screens/WorkshopApp.svelte'),
    // The trainer's packs on this device join the workshop's companies.
    import('../progress/shelf').then(({ devicePacks }) => devicePacks(store)),
    bank.loadAll(),
  ]);
  bank.setPacks(packs);
  const runtime = new WorkshopRuntime(store, createWorkshopMachine(bank), bank, view);
  await runtime.start();
  return { WorkshopApp, runtime };
}
