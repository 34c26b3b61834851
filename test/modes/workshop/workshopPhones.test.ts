import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { currentCard } from '../../../src/core/cursor';
import { playerStandings, teamVote, type WorkshopSettings } from '../../../src/core/workshop';
import { createWorkshopMachine, type IncomingVote } from '../../../src/modes/workshop/workshopMachine';
import { roomPhase, roomStandings, workshopView } from '../../../src/modes/workshop/workshopView';
import { restoreWorkshop, toSavedWorkshop } from '../../../src/modes/workshop/savedWorkshop';
import { phoneLinks } from '../../../src/modes/workshop/shareResult';
import { MAX_PHONE_LINK, STANDINGS_PART, STANDINGS_PART_BYTES, standingsParts } from '../../../src/room/protocol';
import { checkResult, workshopPoints } from '../../../src/share/check';
import { decodeResult } from '../../../src/share/codec';
import { fixtureBank, workshopSettings } from '../../support/fixtures';

const bank = fixtureBank();
const machine = createWorkshopMachine(bank);
const T0 = Date.UTC(2026, 10, 23, 9);

function start(change: Partial<WorkshopSettings> = {}) {
  const actor = createActor(machine, { input: { seed: 8 } }).start();
  actor.send({ type: 'setup.start', settings: workshopSettings({ phones: 'teams', ...change }) });
  return actor;
}
type WorkshopActor = ReturnType<typeof start>;

function seat(actor: WorkshopActor, id: string, team: number) {
  actor.send({ type: 'player.join', player: { id, name: `Player ${id}`, team } });
}

function vote(actor: WorkshopActor, ...votes: Array<Omit<IncomingVote, 'cardId'>>) {
  const cardId = currentCard(bank, actor.getSnapshot().context)!.id;
  actor.send({ type: 'votes.add', votes: votes.map((v) => ({ ...v, cardId })) });
}

const entries = (actor: WorkshopActor) => {
  const context = actor.getSnapshot().context;
  return context.entries[currentCard(bank, context)!.id]!;
};

describe('a workshop with phones', () => {
  it('opens a lobby first, where phones take seats before the first company', () => {
    const actor = start();
    expect(actor.getSnapshot().value).toBe('lobby');
    actor.send({ type: 'room.open', room: { code: 'ABCDEF', token: 'x'.repeat(22) } });
    seat(actor, 'a', 0);
    seat(actor, 'b', 2);
    expect(actor.getSnapshot().context.room?.code).toBe('ABCDEF');
    expect(actor.getSnapshot().context.players.map((p) => [p.id, p.team])).toEqual([
      ['a', 0],
      ['b', 2],
    ]);
    actor.send({ type: 'lobby.close' });
    expect(actor.getSnapshot().value).toBe('roundIntro');
  });

  it('goes straight to the story without phones, and seats nobody', () => {
    const actor = start({ phones: 'off' });
    expect(actor.getSnapshot().value).toBe('roundIntro');
    seat(actor, 'a', 0);
    expect(actor.getSnapshot().context.players).toEqual([]);
  });

  it('refuses a seat on a team that does not exist, a seat taken twice, and a team in a solo room', () => {
    const actor = start();
    seat(actor, 'a', 3);
    seat(actor, 'b', 1);
    seat(actor, 'b', 0);
    expect(actor.getSnapshot().context.players.map((p) => [p.id, p.team])).toEqual([['b', 1]]);
    const solo = start({ phones: 'solo' });
    expect(solo.getSnapshot().context.settings.teams).toEqual([]);
    seat(solo, 'c', 0);
    seat(solo, 'd', -1);
    expect(solo.getSnapshot().context.players.map((p) => p.id)).toEqual(['d']);
  });

  it("works out each team's answer from its phones: the majority, a tie to the role that got there first", () => {
    const actor = start();
    ['a', 'b', 'c'].forEach((id) => seat(actor, id, 0));
    seat(actor, 'd', 1);
    actor.send({ type: 'lobby.close' });
    actor.send({ type: 'round.start', at: T0 });
    vote(actor, { id: 'a', role: 'pm', left: 50_000 });
    vote(actor, { id: 'b', role: 'pmm', left: 40_000 }, { id: 'd', role: 'both', left: 45_000 });
    // One each for PM and PMM: PM got there first.
    expect(entries(actor).picks).toEqual(['pm', 'both', null]);
    expect(entries(actor).left).toEqual([50_000, 45_000, null]);
    vote(actor, { id: 'c', role: 'pmm', left: 30_000 });
    expect(entries(actor).picks[0]).toBe('pmm');
    expect(entries(actor).left[0]).toBe(30_000);
    // A phone may change its answer; its team's answer follows.
    vote(actor, { id: 'c', role: 'pm', left: 20_000 });
    expect(entries(actor).picks[0]).toBe('pm');
    // A split, or the same role again, later on: the answer keeps its place and its time.
    vote(actor, { id: 'c', role: 'pmm', left: 10_000 }, { id: 'a', role: 'pmm', left: 9_000 });
    vote(actor, { id: 'b', role: 'pmm', left: 5_000, split: 1 });
    expect(entries(actor).votes?.b).toMatchObject({ role: 'pmm', left: 40_000, split: 1 });
    expect(entries(actor).left[0]).toBe(40_000);
  });

  it('ignores answers from unknown or removed seats and for another task', () => {
    const actor = start();
    seat(actor, 'a', 0);
    seat(actor, 'b', 1);
    actor.send({ type: 'lobby.close' });
    actor.send({ type: 'round.start', at: T0 });
    actor.send({ type: 'player.remove', id: 'b' });
    vote(actor, { id: 'b', role: 'pm', left: 1 }, { id: 'ghost', role: 'pm', left: 1 });
    actor.send({ type: 'votes.add', votes: [{ id: 'a', cardId: 'not-this-one', role: 'pm', left: 1 }] });
    expect(entries(actor)?.votes ?? {}).toEqual({});
    expect(actor.getSnapshot().context.players.find((p) => p.id === 'b')?.removed).toBe(true);
  });

  it('counts what the server took before the reveal but sent after it, and nothing for a task gone by', () => {
    const actor = start();
    seat(actor, 'a', 0);
    actor.send({ type: 'lobby.close' });
    actor.send({ type: 'round.start', at: T0 });
    vote(actor, { id: 'a', role: 'both', left: 20_000 });
    const cardId = currentCard(bank, actor.getSnapshot().context)!.id;
    actor.send({ type: 'card.reveal' });
    // The server flushes the answers it took before it hears of the reveal: a split chosen at the last moment.
    actor.send({ type: 'votes.add', votes: [{ id: 'a', cardId, role: 'both', left: 20_000, split: 2 }] });
    expect(entries(actor).votes?.a).toMatchObject({ role: 'both', left: 20_000, split: 2 });
    actor.send({ type: 'card.next', at: T0 + 60_000 });
    actor.send({ type: 'votes.add', votes: [{ id: 'a', cardId, role: 'pm', left: 1 }] });
    expect(actor.getSnapshot().context.entries[cardId]!.votes?.a?.role).toBe('both');
    expect(entries(actor)?.votes ?? {}).toEqual({});
  });

  it('extends the time, even after it ran out, and closes answers early', () => {
    const actor = start({ phones: 'off' });
    actor.send({ type: 'round.start', at: T0 });
    actor.send({ type: 'timer.extend', seconds: 15, at: T0 + 10_000 });
    expect(actor.getSnapshot().context.deadline).toBe(T0 + 75_000);
    actor.send({ type: 'timer.extend', seconds: 600, at: T0 + 10_000 });
    expect(actor.getSnapshot().context.deadline).toBe(T0 + 75_000);
    actor.send({ type: 'timer.check', at: T0 + 75_000 });
    expect(actor.getSnapshot().matches({ question: 'timeUp' })).toBe(true);
    actor.send({ type: 'timer.extend', seconds: 30, at: T0 + 80_000 });
    expect(actor.getSnapshot().matches({ question: 'timing' })).toBe(true);
    expect(actor.getSnapshot().context.deadline).toBe(T0 + 110_000);
    actor.send({ type: 'answers.close' });
    expect(actor.getSnapshot().matches({ question: 'timeUp' })).toBe(true);
    expect(actor.getSnapshot().context.deadline).toBeNull();
  });

  it('ranks every phone by its own answers, with the speed bonus the teams get', () => {
    const actor = start({ phones: 'solo', speedBonus: true });
    seat(actor, 'a', -1);
    seat(actor, 'b', -1);
    actor.send({ type: 'lobby.close' });
    actor.send({ type: 'round.start', at: T0 });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    const wrong = card.key === 'pm' ? 'pmm' : 'pm';
    vote(actor, { id: 'a', role: card.key, left: 50_000 }, { id: 'b', role: wrong, left: 59_000 });
    const context = actor.getSnapshot().context;
    const votes = Object.fromEntries(Object.entries(context.entries).map(([id, e]) => [id, e.votes]));
    expect(
      playerStandings([card], votes, context.players, context.settings).map((r) => [r.id, r.points, r.rank]),
    ).toEqual([
      ['a', 2, 1],
      ['b', 0, 2],
    ]);
    // The scoreboard and podium list the phones themselves: a solo room has no teams.
    actor.send({ type: 'card.reveal' });
    const view = workshopView(bank, actor.getSnapshot(), T0);
    expect(view.standings.map((row) => [row.name, row.rank])).toEqual([
      ['Player a', 1],
      ['Player b', 2],
    ]);
    // The reveal's spread counts phones, and half of them were right.
    expect(view.counts[card.key]).toBe(1);
    expect(view.counts[wrong]).toBe(1);
    expect([view.spreadTotal, view.spreadUnit, view.phonesRight]).toEqual([2, 'phone', 50]);
  });

  it('keeps the first votes of a task voted twice with how sure each phone was, and counts the second', () => {
    const actor = start({ phones: 'solo', voteTwice: true, secondsPerCard: 30 });
    for (const id of ['a', 'b', 'c']) seat(actor, id, -1);
    actor.send({ type: 'lobby.close' });
    actor.send({ type: 'round.start', at: T0 });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    const wrong = card.key === 'pm' ? 'pmm' : 'pm';
    vote(actor, { id: 'a', role: wrong, left: 20_000, confidence: 'high' }, { id: 'b', role: card.key, left: 20_000 });
    actor.send({ type: 'card.reveal' });
    // A vote the server took before the first vote closed still counts in it, as the room looks.
    vote(actor, { id: 'c', role: wrong, left: 1000, confidence: 'low' });
    expect(entries(actor).first?.votes).toMatchObject({
      a: { role: wrong, confidence: 'high' },
      b: { role: card.key },
      c: { role: wrong, confidence: 'low' },
    });
    expect(entries(actor).votes).toBeUndefined();
    actor.send({ type: 'talk.start', at: T0 + 40_000 });
    expect(roomPhase(bank, actor.getSnapshot(), T0 + 50_000)).toMatchObject({ phase: 'talk', left: 50_000 });
    // Nothing a phone sends during the talk counts in either vote.
    vote(actor, { id: 'a', role: card.key, left: 0 });
    expect(entries(actor).votes).toBeUndefined();
    actor.send({ type: 'vote.again', at: T0 + 100_000 });
    expect(roomPhase(bank, actor.getSnapshot(), T0 + 100_000)).toMatchObject({
      phase: 'question',
      vote: 2,
      sure: false,
    });
    vote(actor, { id: 'a', role: card.key, left: 25_000 }, { id: 'b', role: card.key, left: 25_000 });
    actor.send({ type: 'card.reveal' });
    expect(workshopView(bank, actor.getSnapshot(), T0).shift).toEqual({
      before: 1 / 3,
      after: 1,
      changes: [{ from: wrong, to: card.key, count: 1 }],
    });
    const view = workshopView(bank, actor.getSnapshot(), T0);
    expect(view.playerStandings.map((row) => [row.id, row.points])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 0],
    ]);
  });

  it("restores a task's first vote and the second as far as it went", () => {
    const actor = start({ voteTwice: true });
    seat(actor, 'a', 0);
    actor.send({ type: 'lobby.close' });
    actor.send({ type: 'round.start', at: T0 });
    vote(actor, { id: 'a', role: 'pm', left: 1, confidence: 'medium' });
    actor.send({ type: 'card.reveal' });
    actor.send({ type: 'talk.start', at: T0 });
    actor.send({ type: 'vote.again', at: T0 });
    vote(actor, { id: 'a', role: 'both', left: 1 });
    const saved = JSON.parse(JSON.stringify(toSavedWorkshop(actor.getSnapshot())));
    const restored = restoreWorkshop(saved, machine, bank);
    if (!restored.ok) throw new Error(restored.error);
    const resumed = createActor(machine, { input: { seed: 0 }, snapshot: restored.value }).start();
    expect(entries(resumed).first?.votes?.a).toMatchObject({ role: 'pm', confidence: 'medium' });
    expect(entries(resumed).votes?.a).toMatchObject({ role: 'both' });
    expect(entries(resumed).picks[0]).toBe('both');
  });

  it('saves and restores its seats, answers and room', () => {
    const actor = start();
    actor.send({ type: 'room.open', room: { code: 'ABCDEF', token: 'x'.repeat(22) } });
    seat(actor, 'a', 0);
    actor.send({ type: 'lobby.close' });
    actor.send({ type: 'round.start', at: T0 });
    vote(actor, { id: 'a', role: 'pm', left: 1000 });
    for (const snapshot of [actor.getSnapshot()]) {
      const saved = JSON.parse(JSON.stringify(toSavedWorkshop(snapshot)));
      const restored = restoreWorkshop(saved, machine, bank);
      if (!restored.ok) throw new Error(restored.error);
      expect(restored.value.context).toEqual(snapshot.context);
    }
    const inLobby = start();
    const restored = restoreWorkshop(JSON.parse(JSON.stringify(toSavedWorkshop(inLobby.getSnapshot()))), machine, bank);
    expect(restored.ok && restored.value.value).toBe('lobby');
  });
});

describe('teamVote', () => {
  it('is null with no answers, and a later answer only wins by taking the lead', () => {
    expect(teamVote([])).toBeNull();
    expect(
      teamVote([
        { role: 'pmm', left: 1, order: 1 },
        { role: 'pm', left: 2, order: 0 },
      ]),
    ).toEqual({ role: 'pm', left: 2 });
  });
});

describe('what the room server is told', () => {
  const view = (actor: WorkshopActor, at = T0) => roomPhase(bank, actor.getSnapshot(), at);

  it('follows the workshop: lobby, story, an open task with its time, closed, reveal, scoreboard', () => {
    const actor = start({ secondsPerCard: 30 });
    expect(view(actor)).toEqual({ phase: 'lobby' });
    actor.send({ type: 'lobby.close' });
    expect(view(actor)).toEqual({ phase: 'intro', company: bank.companies.get('alpha')!.title });
    actor.send({ type: 'round.start', at: T0 });
    const cardId = currentCard(bank, actor.getSnapshot().context)!.id;
    expect(view(actor, T0 + 10_000)).toEqual({
      phase: 'question',
      cardId,
      number: 1,
      of: 3,
      left: 20_000,
      open: true,
      vote: 1,
      sure: false,
    });
    actor.send({ type: 'timer.pause', at: T0 + 10_000 });
    expect(view(actor, T0 + 20_000)).toMatchObject({ phase: 'question', left: null, open: true });
    actor.send({ type: 'answers.close' });
    expect(view(actor)).toMatchObject({ phase: 'question', left: null, open: false });
    actor.send({ type: 'card.reveal' });
    expect(view(actor)).toEqual({ phase: 'reveal', cardId });
  });

  it("gives every phone its rank and points, and its team's", () => {
    const actor = start({ speedBonus: false });
    seat(actor, 'a', 0);
    seat(actor, 'b', 1);
    actor.send({ type: 'lobby.close' });
    actor.send({ type: 'round.start', at: T0 });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    vote(actor, { id: 'a', role: card.key, left: 1 });
    actor.send({ type: 'card.reveal' });
    const rows = roomStandings(workshopView(bank, actor.getSnapshot(), T0), actor.getSnapshot().context.players);
    expect(rows.players).toBe(2);
    expect(rows.max).toBe(1);
    expect(rows.rows).toEqual([
      { id: 'a', rank: 1, points: 1, team: { name: 'Owls', rank: 1, points: 1 } },
      { id: 'b', rank: 2, points: 0, team: { name: 'Foxes', rank: 2, points: 0 } },
    ]);
  });

  it('gives each phone at the end a result link of its own answers, which scores as its standing', () => {
    const actor = start({ speedBonus: true, secondsPerCard: 60 });
    seat(actor, 'a', 0);
    seat(actor, 'b', 0);
    actor.send({ type: 'lobby.close' });
    actor.send({ type: 'round.start', at: T0 });
    let at = T0;
    for (let played = 0; !actor.getSnapshot().matches('final'); played++) {
      const card = currentCard(bank, actor.getSnapshot().context)!;
      // Ana is right and fast; Bo is wrong on every other task, then right and slow.
      vote(actor, { id: 'a', role: card.key, left: 50_000 });
      vote(actor, { id: 'b', role: played % 2 ? card.key : card.key === 'pm' ? 'pmm' : 'pm', left: 5_000 });
      actor.send({ type: 'card.reveal' });
      at += 60_000;
      actor.send({ type: 'card.next', at });
      if (actor.getSnapshot().matches('roundIntro')) actor.send({ type: 'round.start', at });
      if (actor.getSnapshot().matches('scoreboard')) actor.send({ type: 'scoreboard.continue' });
    }
    const snapshot = actor.getSnapshot();
    const standing = roomStandings(workshopView(bank, snapshot, at), snapshot.context.players);
    const links = phoneLinks(bank, snapshot.context, at);
    expect([...links.keys()]).toEqual(['a', 'b']);
    for (const row of standing.rows) {
      const decoded = decodeResult(links.get(row.id)!);
      if (!decoded.ok) throw new Error(decoded.error.message);
      expect(decoded.value.players.map((p) => p.name)).toEqual([`Player ${row.id}`]);
      expect(workshopPoints(checkResult(decoded.value, bank), 0)).toMatchObject({
        points: row.points,
        max: standing.max,
      });
    }
    expect(standing.rows.map((row) => row.points)).toEqual([standing.max, expect.any(Number)]);
  });

  it('sends 500 phones’ standings with their links in parts the server takes, every row once and in order', () => {
    const link = `r=${'A'.repeat(MAX_PHONE_LINK - 2)}`;
    const rows = Array.from({ length: 500 }, (_, i) => ({ id: `seat-${i}`, rank: i + 1, points: 3, link }));
    const parts = standingsParts(rows);
    expect(parts.flat()).toEqual(rows);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(STANDINGS_PART);
      expect(JSON.stringify({ rows: part, players: 500, max: 30 }).length).toBeLessThan(STANDINGS_PART_BYTES + 100);
    }
    // Without links, a hundred rows a part, as before; with none, one part to carry the totals.
    expect(standingsParts(rows.map(({ link: _link, ...row }) => row)).map((part) => part.length)).toEqual(
      Array(5).fill(100),
    );
    expect(standingsParts([])).toEqual([[]]);
  });
});
