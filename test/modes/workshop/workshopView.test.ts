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

describe('the show the view works out', () => {
  const wrong = (role: string) => (role === 'pm' ? 'pmm' : 'pm');
  /** Plays the current card: the teams listed answer right, the rest wrong, team by team. */
  function answer(actor: Actor, right: number[], teams = 3) {
    const card = currentCard(bank, actor.getSnapshot().context)!;
    for (let team = 0; team < teams; team++)
      actor.send({ type: 'answer.set', team, role: right.includes(team) ? card.key : wrong(card.key), at: T });
  }
  const view = (actor: Actor) => workshopView(bank, actor.getSnapshot(), T);

  it('keeps every score still while answers come in, and moves them at the reveal', () => {
    const actor = start({ teams: ['Owls', 'Foxes', 'Hares'], speedBonus: false });
    actor.send({ type: 'round.start', at: T });
    answer(actor, [0]);
    expect(view(actor).standings.map((row) => row.points)).toEqual([0, 0, 0]);
    expect(view(actor).maxPoints).toBe(0);
    actor.send({ type: 'card.reveal' });
    expect(view(actor).standings.map((row) => [row.name, row.points])).toEqual([
      ['Owls', 1],
      ['Foxes', 0],
      ['Hares', 0],
    ]);
    expect(view(actor).maxPoints).toBe(1);
    // The next task's answers stay hidden in the scores until it is revealed in turn.
    actor.send({ type: 'card.next', at: T });
    answer(actor, [1, 2]);
    expect(view(actor).standings.map((row) => row.points)).toEqual([1, 0, 0]);
  });

  it('names the moment at the reveal, with each team’s answer and the points it earned', () => {
    const actor = start({ teams: ['Owls', 'Foxes', 'Hares'], speedBonus: false });
    actor.send({ type: 'round.start', at: T });
    answer(actor, [1]);
    actor.send({ type: 'card.reveal' });
    const { show } = view(actor);
    expect(show.headline).toBe('Foxes takes the lead');
    expect(show.verdict).toBe('1 of 3 teams got it');
    expect(show.board.map((row) => [row.name, row.before.index, row.index, row.gained, row.pick?.right])).toEqual([
      ['Foxes', 1, 0, 1, true],
      ['Owls', 0, 1, 0, false],
      ['Hares', 2, 2, 0, false],
    ]);
    actor.send({ type: 'card.next', at: T });
    answer(actor, [0, 1, 2]);
    expect(view(actor).show).toEqual({ board: [], headline: '' });
    actor.send({ type: 'card.reveal' });
    expect(view(actor).show.headline).toBe('Everyone got it');
    actor.send({ type: 'card.next', at: T });
    answer(actor, []);
    actor.send({ type: 'card.reveal' });
    expect(view(actor).show.headline).toBe('A tough one: nobody got it');
  });

  it('moves the scoreboard from where the company started, and stands the winners on the podium', () => {
    const actor = start({ teams: ['Owls', 'Foxes', 'Hares'], speedBonus: false, scenarioIds: ['alpha', 'beta'] });
    actor.send({ type: 'round.start', at: T });
    for (const right of [[0], [0, 1], [1]]) {
      answer(actor, right);
      actor.send({ type: 'card.reveal' });
      actor.send({ type: 'card.next', at: T });
    }
    const board = view(actor);
    expect(board.screen).toBe('scoreboard');
    expect(board.show.headline).toBe('Owls and Foxes share the lead');
    expect(board.show.board.map((row) => [row.name, row.before.points, row.points, row.pick])).toEqual([
      ['Owls', 0, 2, undefined],
      ['Foxes', 0, 2, undefined],
      ['Hares', 0, 0, undefined],
    ]);
    actor.send({ type: 'scoreboard.continue' });
    actor.send({ type: 'round.start', at: T });
    for (const right of [[1, 2], [2]]) {
      answer(actor, right);
      actor.send({ type: 'card.reveal' });
      actor.send({ type: 'card.next', at: T });
    }
    const final = view(actor);
    expect(final.screen).toBe('final');
    // Foxes 3, Hares 2, Owls 2: a tie at second stands side by side at left.
    expect(final.show.headline).toBe('Foxes wins!');
    expect(final.show.podium?.spots.map((spot) => [spot.line.name, spot.column, spot.step])).toEqual([
      ['Foxes', 3, 1],
      ['Owls', 1, 2],
      ['Hares', 2, 2],
    ]);
  });

  it('shows how the phones split the shared work at its reveal, and a show of hands by its share', () => {
    const actor = start({ teams: ['Owls', 'Foxes'], phones: 'teams' });
    actor.send({ type: 'player.join', player: { id: 'a', name: 'Ann', team: 0 } });
    actor.send({ type: 'player.join', player: { id: 'b', name: 'Bo', team: 1 } });
    actor.send({ type: 'lobby.close' });
    actor.send({ type: 'round.start', at: T });
    while (currentCard(bank, actor.getSnapshot().context)!.key !== 'both') {
      actor.send({ type: 'card.reveal' });
      actor.send({ type: 'card.next', at: T });
    }
    const cardId = currentCard(bank, actor.getSnapshot().context)!.id;
    actor.send({
      type: 'votes.add',
      votes: [
        { id: 'a', cardId, role: 'both', left: null, split: 1 },
        { id: 'b', cardId, role: 'both', left: null, split: 0 },
      ],
    });
    expect(view(actor).show.splits).toBeUndefined();
    actor.send({ type: 'card.reveal' });
    expect(view(actor).show.splits?.map((split) => [split.count, split.right])).toEqual([
      [1, false],
      [1, true],
      [0, false],
    ]);

    const room = start({ room: true, teams: [] });
    room.send({ type: 'round.start', at: T });
    const card = currentCard(bank, room.getSnapshot().context)!;
    room.send({ type: 'tally.set', role: card.key, count: 3 });
    room.send({ type: 'tally.set', role: wrong(card.key), count: 1 });
    room.send({ type: 'card.reveal' });
    expect(view(room).show).toMatchObject({
      board: [],
      headline: 'Most of the room got it',
      verdict: '75% of hands were right',
    });
  });
});
