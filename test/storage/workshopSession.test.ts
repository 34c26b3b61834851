import { afterEach, expect, it, vi } from 'vitest';
import { workshopCard } from '../../src/machines/workshopMachine';
import { WORKSHOP_KEY, WorkshopSession } from '../../src/storage/workshopSession.svelte';
import { fixtureBank, memoryStore } from '../fixtures';

const bank = fixtureBank();
const sessions: WorkshopSession[] = [];
async function open(store: ReturnType<typeof memoryStore>, view: 'projector' | 'presenter') {
  const session = new WorkshopSession(store, bank, view, 200);
  await session.start();
  sessions.push(session);
  return session;
}
afterEach(() => {
  sessions.splice(0).forEach((session) => session.stop());
});
const settings = {
  teams: ['Owls', 'Foxes'],
  room: false,
  scenarioIds: ['alpha'],
  secondsPerCard: 60 as const,
  speedBonus: false,
  scoreboard: 'end' as const,
};

it('keeps the projector and the presenter in step, whichever one acts', async () => {
  const store = memoryStore();
  const projector = await open(store, 'projector');
  const presenter = await open(store, 'presenter');
  projector.send({ type: 'setup.start', settings });
  await vi.waitFor(() => expect(presenter.snapshot.matches('roundIntro')).toBe(true));
  presenter.send({ type: 'round.start', at: Date.now() });
  await vi.waitFor(() => expect(projector.snapshot.matches({ question: 'timing' })).toBe(true));
  presenter.send({ type: 'answer.set', team: 1, role: 'both', at: Date.now() });
  const card = workshopCard(presenter.snapshot.context)!;
  await vi.waitFor(() => expect(projector.snapshot.context.entries[card.id]?.picks).toEqual([null, 'both']));
  expect(projector.snapshot.context.deadline).toBe(presenter.snapshot.context.deadline);
  await vi.waitFor(() => expect(projector.presenterOpen).toBe(true));
});

it('resumes from storage when a window reopens, with the same deadline', async () => {
  const store = memoryStore();
  const first = await open(store, 'projector');
  first.send({ type: 'setup.start', settings });
  first.send({ type: 'round.start', at: Date.now() });
  await vi.waitFor(async () =>
    expect(await store.getItem(WORKSHOP_KEY)).toMatchObject({ data: { state: 'question.timing' } }),
  );
  const deadline = first.snapshot.context.deadline;
  first.stop();
  sessions.splice(0);
  const again = await open(store, 'projector');
  expect(again.snapshot.matches({ question: 'timing' })).toBe(true);
  expect(again.snapshot.context.deadline).toBe(deadline);
});

it('starts a new workshop, saying so, when the saved one is damaged, and keeps the damaged data', async () => {
  const store = memoryStore();
  await store.setItem(WORKSHOP_KEY, { app: 'role-call', seq: 3, data: { state: 'reveal', context: 'torn' } });
  const session = await open(store, 'projector');
  expect(session.snapshot.matches('setup')).toBe(true);
  expect(session.notice).toBe('The saved workshop is damaged, so a new one starts.');
  expect([...store.values.keys()].some((key) => key.startsWith('unreadable-workshop-'))).toBe(true);
});
