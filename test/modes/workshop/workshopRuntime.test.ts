import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createWorkshopMachine } from '../../../src/modes/workshop/workshopMachine';
import { CHANNEL } from '../../../src/modes/workshop/windowSync';
import { WORKSHOP_KEY, WorkshopRuntime } from '../../../src/modes/workshop/workshopRuntime.svelte';
import { toSavedWorkshop } from '../../../src/modes/workshop/savedWorkshop';
import { currentCard } from '../../../src/core/cursor';
import { fixtureBank, memoryStore } from '../../support/fixtures';
import { eventually } from '../../support/eventually';

const bank = fixtureBank();
const machine = createWorkshopMachine(bank);
const runtimes: WorkshopRuntime[] = [];
async function open(store: ReturnType<typeof memoryStore>, view: 'projector' | 'presenter') {
  const runtime = new WorkshopRuntime(store, machine, bank, view, 200);
  await runtime.start();
  runtimes.push(runtime);
  return runtime;
}
afterEach(() => {
  runtimes.splice(0).forEach((runtime) => runtime.stop());
  vi.restoreAllMocks();
});
const settings = {
  teams: ['Owls', 'Foxes'],
  room: false,
  scenarioIds: ['alpha'],
  secondsPerCard: 60 as const,
  speedBonus: false,
  scoreboard: 'end' as const,
  phones: 'off' as const,
  voteTwice: false,
  talkSeconds: 60 as const,
};

describe('a workshop window', () => {
  it('keeps the projector and the presenter in step, whichever one acts, with one actor each', async () => {
    const store = memoryStore();
    const projector = await open(store, 'projector');
    const presenter = await open(store, 'presenter');
    const actors = [projector.actor, presenter.actor];
    projector.send({ type: 'setup.start', settings });
    await eventually(() => expect(presenter.snapshot.matches('roundIntro')).toBe(true));
    presenter.send({ type: 'round.start', at: Date.now() });
    await eventually(() => expect(projector.snapshot.matches({ question: 'timing' })).toBe(true));
    presenter.send({ type: 'answer.set', team: 1, role: 'both', at: Date.now() });
    const card = currentCard(bank, presenter.snapshot.context)!;
    await eventually(() => expect(projector.snapshot.context.entries[card.id]?.picks).toEqual([null, 'both']));
    expect(projector.snapshot.context.deadline).toBe(presenter.snapshot.context.deadline);
    await eventually(() => expect(projector.presenterOpen).toBe(true));
    expect([projector.actor, presenter.actor]).toEqual(actors);
  });

  it('resumes from storage when a window reopens, with the same deadline', async () => {
    const store = memoryStore();
    const first = await open(store, 'projector');
    first.send({ type: 'setup.start', settings });
    first.send({ type: 'round.start', at: Date.now() });
    await eventually(async () =>
      expect(await store.getItem(WORKSHOP_KEY)).toMatchObject({
        schemaVersion: 2,
        data: { workshop: { state: 'question.timing' } },
      }),
    );
    const deadline = first.snapshot.context.deadline;
    first.stop();
    runtimes.splice(0);
    const again = await open(store, 'projector');
    expect(again.snapshot.matches({ question: 'timing' })).toBe(true);
    expect(again.snapshot.context.deadline).toBe(deadline);
  });

  it('resumes a workshop saved by the previous version, before workshops had a versioned envelope', async () => {
    const old = JSON.parse(readFileSync('test/support/fixtures/saved/workshop-0.1.0.json', 'utf8'));
    const store = memoryStore(new Map([[WORKSHOP_KEY, old]]));
    const runtime = await open(store, 'projector');
    expect(runtime.notice).toBeNull();
    expect(runtime.snapshot.value).toEqual({ question: 'timing' });
    // The old format had no page of the final screens (it opens on the podium), no phones, no door
    // and no task voted twice.
    expect(toSavedWorkshop(runtime.snapshot)).toEqual({
      ...old.data,
      context: {
        ...old.data.context,
        settings: { ...old.data.context.settings, phones: 'off', voteTwice: false, talkSeconds: 60 },
        twice: {},
        page: 0,
        players: [],
        room: null,
        door: { locked: false, check: false },
      },
    });
  });

  it('starts a new workshop, saying so, when the saved one is damaged, and keeps the damaged data', async () => {
    const store = memoryStore();
    await store.setItem(WORKSHOP_KEY, { app: 'role-call', kind: 'workshop', seq: 3, data: { state: 'reveal' } });
    const runtime = await open(store, 'projector');
    expect(runtime.snapshot.matches('setup')).toBe(true);
    expect(runtime.notice).toBe('The saved workshop is damaged, so a new one starts.');
    expect(runtime.unreadable).toContain('"reveal"');
    expect([...store.values.keys()].some((key) => key.startsWith('unreadable-workshop-'))).toBe(true);
  });

  it('runs out the time on its clock, and time up stays up when the clock jumps back', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 9), toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      const runtime = await open(memoryStore(), 'projector');
      runtime.send({ type: 'setup.start', settings });
      runtime.send({ type: 'round.start', at: Date.now() });
      vi.advanceTimersByTime(60_250);
      expect(runtime.snapshot.matches({ question: 'timeUp' })).toBe(true);
      vi.setSystemTime(Date.now() - 45_000);
      vi.advanceTimersByTime(500);
      expect(runtime.snapshot.matches({ question: 'timeUp' })).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('forged messages from the other window', () => {
  it('change nothing: unsafe or endless step numbers, duplicate team names, nulls and junk', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = memoryStore();
    const runtime = await open(store, 'projector');
    runtime.send({ type: 'setup.start', settings });
    await eventually(async () => expect(await store.getItem(WORKSHOP_KEY)).not.toBeNull());
    const before = toSavedWorkshop(runtime.snapshot);
    // What the other window would send after starting the first task: good but for one field.
    const other = createActor(machine, { input: { seed: 2 } }).start();
    other.send({ type: 'setup.start', settings });
    other.send({ type: 'round.start', at: Date.now() });
    const next = toSavedWorkshop(other.getSnapshot());
    const spoilt = (change: (saved: typeof next) => void) => {
      const copy = structuredClone(next);
      change(copy);
      return copy;
    };
    const forger = new BroadcastChannel(CHANNEL);
    const forged: unknown[] = [
      { type: 'state', seq: 2 ** 53, from: '0', saved: next },
      { type: 'state', seq: Infinity, from: '0', saved: next },
      { type: 'state', seq: 2, from: '0', saved: spoilt((saved) => (saved.context.settings.teams = ['Owls', 'owls'])) },
      { type: 'state', seq: 2, from: '0', saved: spoilt((saved) => (saved.context.deadline = Infinity)) },
      { type: 'state', seq: 2, from: '0', saved: null },
      { type: 'state', seq: -1, from: '0', saved: next },
      null,
      'state',
      { type: 'presenter' },
    ];
    for (const message of forged) forger.postMessage(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(toSavedWorkshop(runtime.snapshot)).toEqual(before);
    expect(await store.getItem(WORKSHOP_KEY)).toMatchObject({ data: { workshop: before } });
    expect(console.warn).toHaveBeenCalled();
    // The same state, numbered as the next step, is taken in.
    forger.postMessage({ type: 'state', seq: 2, from: '0', saved: next });
    await eventually(() => expect(runtime.snapshot.matches({ question: 'timing' })).toBe(true));
    forger.close();
  });
});
