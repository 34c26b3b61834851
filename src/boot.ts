import { createActor } from 'xstate';
import { bank as questions } from 'virtual:question-bank';
import { indexBank } from './game/bank';
import { newSeed } from './game/random';
import type { LmsSettings } from './lms/settings';
import { createPlayMachine } from './machines/playMachine';
import { Persistence } from './storage/persistence.svelte';
import { browserStore } from './storage/store';
import { claimActiveTab } from './storage/tabs';

/**
 * Everything self-paced play needs beyond the first screen: the questions, the machine and the
 * saved progress. main.ts loads this after showing the start screen, so the first screen
 * stays small. In a SCORM package (`lmsSettings`), it also opens the LMS session: a game kept
 * in the LMS's suspend data comes before the one saved on the device.
 */
export async function bootPlay(lmsSettings: LmsSettings | null = null) {
  const bank = indexBank(questions);
  const machine = createPlayMachine(bank);
  const persistence = new Persistence(browserStore(), machine, bank);
  persistence.tab = await claimActiveTab(() => persistence.handOver());
  const saved = await persistence.load();
  const reporter = lmsSettings
    ? (await import('./lms/scormReporter.svelte')).ScormReporter.open(window, { bank, settings: lmsSettings })
    : null;
  const fromLms = reporter?.resume(machine);
  if (fromLms && !fromLms.ok) persistence.notResumed = fromLms.error;
  const snapshot = fromLms?.ok ? fromLms.value : saved;
  const actor = createActor(machine, { input: { seed: newSeed() }, snapshot }).start();
  persistence.connect(actor);
  reporter?.connect(actor);
  const { default: App } = await import('./ui/App.svelte');
  const lms = reporter && lmsSettings ? { settings: lmsSettings, reporter } : null;
  return { App, actor, bank, persistence, lms };
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
