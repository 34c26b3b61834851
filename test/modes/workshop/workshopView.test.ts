import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { WorkshopSettings } from '../../../src/core/workshop';
import { createWorkshopMachine } from '../../../src/modes/workshop/workshopMachine';
import { workshopKey, workshopView, type KeyInput } from '../../../src/modes/workshop/workshopView';
import { currentCard } from '../../../src/core/cursor';
import { fixtureBank, workshopSettings } from '../../support/fixtures';

const bank = fixtureBank();
const machine = createWorkshopMachine(bank);
const T = Date.UTC(2026, 10, 23, 9);
const settings = (change: Partial<WorkshopSettings> = {}) =>
  workshopSettings({
    teams: Array.from({ length: 12 }, (_, i) => `Team ${i + 1}`),
    scenarioIds: ['alpha'],
    speedBonus: true,
    ...change,
  });
function start(change?: Partial<WorkshopSettings>) {
  const actor = createActor(machine, { input: { seed: 8 } }).start();
  actor.send({ type: 'setup.start', settings: settings(change) });
  return actor;
}
type Actor = ReturnType<typeof start>;
const key = (actor: Actor, input: Partial<KeyInput> & { key: string }) =>
  workshopKey({ shift: false, team: '', ...input }, actor.getSnapshot(), workshopView(bank, actor.getSnapshot(), T));
const eventOf = (actor: Actor, input: Partial<KeyInput> & { key: string }) => key(actor, input).event?.(T);

describe('the workshop view', () => {
  it('offers more time and closing answers only when the machine takes them', () => {
    const timed = start();
    const view = () => workshopView(bank, timed.getSnapshot(), T);
    expect([view().canExtend, view().canClose]).toEqual([false, false]);
    timed.send({ type: 'round.start', at: T });
    expect([view().canExtend, view().canClose]).toEqual([true, true]);
    timed.send({ type: 'answers.close' });
    // Time is up: more time reopens the task; there is nothing left to close.
    expect([view().canExtend, view().canClose]).toEqual([true, false]);
    timed.send({ type: 'card.reveal' });
    expect([view().canExtend, view().canClose]).toEqual([false, false]);
    const untimed = start({ secondsPerCard: 0 });
    untimed.send({ type: 'round.start', at: T });
    const plain = workshopView(bank, untimed.getSnapshot(), T);
    expect([plain.canExtend, plain.canClose]).toEqual([false, true]);
  });

  it('labels the next step on each screen and takes it with Space, Enter, N or the right arrow', () => {
    const actor = start();
    expect(workshopView(bank, actor.getSnapshot(), T).next?.label).toBe('Show the first task');
    expect(eventOf(actor, { key: ' ' })).toEqual({ type: 'round.start', at: T });
    actor.send({ type: 'round.start', at: T });
    expect(workshopView(bank, actor.getSnapshot(), T).next?.label).toBe('Reveal the answer');
    expect(eventOf(actor, { key: 'Enter' })).toEqual({ type: 'card.reveal' });
    actor.send({ type: 'card.reveal' });
    expect(workshopView(bank, actor.getSnapshot(), T).next?.label).toBe('Next task');
    expect(eventOf(actor, { key: 'n' })).toEqual({ type: 'card.next', at: T });
    actor.send({ type: 'card.next', at: T });
    actor.send({ type: 'card.reveal' });
    actor.send({ type: 'card.next', at: T });
    actor.send({ type: 'card.reveal' });
    expect(workshopView(bank, actor.getSnapshot(), T).next?.label).toBe('Show the final scores');
    const fresh = createActor(machine, { input: { seed: 1 } }).start();
    expect(workshopView(bank, fresh.getSnapshot(), T).next).toBeUndefined();
    expect(eventOf(fresh, { key: 'Enter' })).toBeUndefined();
  });

  it('counts the speed bonus in the points available, and judges each team at the reveal', () => {
    const actor = start();
    actor.send({ type: 'round.start', at: T });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    actor.send({ type: 'answer.set', team: 0, role: card.key, at: T });
    actor.send({ type: 'answer.set', team: 1, role: card.key === 'pm' ? 'pmm' : 'pm', at: T });
    actor.send({ type: 'card.reveal' });
    const view = workshopView(bank, actor.getSnapshot(), T);
    expect(view.maxPoints).toBe(2);
    expect(view.teams.slice(0, 3).map((team) => team.right)).toEqual([true, false, false]);
    expect(view.standings[0]).toMatchObject({ name: 'Team 1', points: 2 });
  });

  it('sets a team answer from its number and a role letter, up to team 12', () => {
    const actor = start({ teams: settings().teams });
    actor.send({ type: 'round.start', at: T });
    expect(key(actor, { key: '1' })).toEqual({ team: '1' });
    expect(key(actor, { key: '2', team: '1' })).toEqual({ team: '12' });
    expect(key(actor, { key: '3', team: '1' })).toEqual({ team: '3' });
    expect(eventOf(actor, { key: 'b', team: '12' })).toEqual({ type: 'answer.set', team: 11, role: 'both', at: T });
    expect(eventOf(actor, { key: 'x', team: '2' })).toEqual({ type: 'answer.set', team: 1, role: null, at: T });
    expect(eventOf(actor, { key: 'p' })).toBeUndefined();
    const three = start({ teams: ['A', 'B', 'C'] });
    three.send({ type: 'round.start', at: T });
    expect(key(three, { key: '9' })).toEqual({ team: '9' });
    expect(eventOf(three, { key: 'p', team: '9' })).toBeUndefined();
  });

  it('counts hands in room mode, pauses and resumes, undoes, and opens the key list', () => {
    const room = start({ room: true, teams: [] });
    room.send({ type: 'round.start', at: T });
    room.send({ type: 'tally.set', role: 'pmm', count: 4 });
    expect(eventOf(room, { key: 'm' })).toEqual({ type: 'tally.set', role: 'pmm', count: 5 });
    expect(eventOf(room, { key: 'M', shift: true })).toEqual({ type: 'tally.set', role: 'pmm', count: 3 });
    expect(eventOf(room, { key: 't' })).toEqual({ type: 'timer.pause', at: T });
    room.send({ type: 'timer.pause', at: T });
    expect(eventOf(room, { key: 't' })).toEqual({ type: 'timer.resume', at: T });
    expect(eventOf(room, { key: 'u' })).toEqual({ type: 'entry.undo' });
    room.send({ type: 'card.reveal' });
    room.send({ type: 'entry.undo' });
    expect(eventOf(room, { key: 'u' })).toBeUndefined();
    expect(key(room, { key: '?' }).ui).toBe('help');
    expect(key(createActor(machine, { input: { seed: 1 } }).start(), { key: 'f' }).ui).toBe('fullscreen');
  });
});
