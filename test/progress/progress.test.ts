import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createPlayMachine } from '../../src/modes/solo/playMachine';
import { EMPTY_PROGRESS, wrapProgress as wrap, type Progress } from '../../src/progress/progress';
import { record } from '../../src/modes/solo/record';
import { progressFormat, readProgress as unwrap } from '../../src/progress/progressFormat';
import { restoreGame } from '../../src/modes/solo/restoreGame';
import { fixtureBank } from '../support/fixtures';
import { finishRound, playToResults } from '../support/play';

const bank = fixtureBank();
const machine = createPlayMachine(bank);
const SCHEMA_VERSION = progressFormat.version;
const now = new Date(2026, 10, 23, 10).getTime();

const v1Game = {
  state: 'answering',
  context: {
    seed: 5,
    scenarioIds: ['alpha'],
    rounds: [{ scenarioId: 'alpha', cardIds: ['a-pm', 'a-pmm', 'a-both'] }],
    roundIndex: 0,
    cardIndex: 1,
    answers: { 'a-pm': { role: 'pm' } },
    replay: true,
  },
};
/** The version 1 game's context as later versions keep it, less the setting. */
const { replay: _replay, ...v2Context } = v1Game.context;
const envelope = (schemaVersion: number, data: unknown) => ({
  app: 'role-call',
  schemaVersion,
  appVersion: '0.0.1',
  savedAt: '2026-11-01T10:00:00.000Z',
  data,
});

describe('the progress envelope', () => {
  it('round-trips progress through plain JSON', () => {
    const progress: Progress = {
      game: {
        state: 'feedback',
        context: {
          ...v2Context,
          mode: 'play',
          answers: { 'a-pm': { role: 'pm', confidence: 'high' }, 'a-pmm': { role: 'pm', confidence: 'low' } },
          confidence: true,
          picked: null,
        },
      },
      history: [
        { id: 1, finishedAt: now, mode: 'play', scenarioIds: ['alpha'], points: 3, max: 4 },
        {
          id: 2,
          finishedAt: now,
          mode: 'play',
          scenarioIds: ['alpha'],
          points: 1,
          max: 4,
          cbm: { points: -5, max: 9 },
        },
      ],
      review: [
        { cardId: 'a-pm', box: 1, due: now },
        { cardId: 'a-pmm', box: 1, due: now, confidentError: true },
      ],
    };
    const stored = JSON.parse(JSON.stringify(wrap(progress, now)));
    expect(stored).toMatchObject({
      app: 'role-call',
      schemaVersion: SCHEMA_VERSION,
      savedAt: new Date(now).toISOString(),
    });
    expect(unwrap(stored)).toEqual({ ok: true, value: progress });
  });

  it('migrates version 1 step by step: replay flag to mode, and an empty review deck', () => {
    const result = unwrap(envelope(1, { game: v1Game, history: [] }));
    expect(result).toEqual({
      ok: true,
      value: {
        game: {
          state: 'answering',
          // A game saved before a pick was kept holds none.
          context: { ...v1Game.context, replay: undefined, mode: 'replay', confidence: false, picked: null },
        },
        history: [],
        review: [],
      },
    });
    expect(result.ok && 'replay' in result.value.game!.context).toBe(false);
    expect(unwrap(envelope(1, { game: null, history: [] }))).toEqual({ ok: true, value: EMPTY_PROGRESS });
  });

  it('reads a version 2 file as it was, its game going on without asking for confidence', () => {
    const file = JSON.parse(readFileSync('test/support/fixtures/saved/progress-v2.json', 'utf8'));
    const result = unwrap(file);
    if (!result.ok) throw new Error(result.error);
    const old = file.data;
    expect(result.value).toEqual({
      game: { state: old.game.state, context: { ...old.game.context, confidence: false, picked: null } },
      history: old.history,
      review: old.review,
    });
    const restored = restoreGame(result.value.game!, machine, bank);
    if (!restored.ok) throw new Error(restored.error);
    const actor = createActor(machine, { input: { seed: 1 }, snapshot: restored.value }).start();
    playToResults(bank, actor);
    const after = record(result.value, bank, actor.getSnapshot(), now);
    expect(after.history[0]).toMatchObject({ id: 3141, points: 6, max: 7 });
    expect(after.history[0]).not.toHaveProperty('cbm');
    expect(after.history[1]).toEqual(old.history[0]);
    expect(unwrap(JSON.parse(JSON.stringify(wrap(after, now))))).toEqual({ ok: true, value: after });
  });

  it.each([
    ['a string', 'garbage', 'it is not Role Call progress data'],
    ['nothing useful', {}, 'it is not Role Call progress data'],
    ['another app', { ...envelope(2, EMPTY_PROGRESS), app: 'kahoot' }, 'it is not Role Call progress data'],
    [
      'a newer format',
      envelope(SCHEMA_VERSION + 1, EMPTY_PROGRESS),
      `it was saved by a newer version of Role Call (format ${SCHEMA_VERSION + 1})`,
    ],
    [
      'damaged current data',
      envelope(SCHEMA_VERSION, { ...EMPTY_PROGRESS, history: [{ id: -1 }] }),
      /^part of it is damaged \(history\.0\.id: /,
    ],
    ['damaged old data', envelope(1, { game: { state: 'nowhere' }, history: [] }), /^part of it is damaged \(game\./],
    [
      'a version 2 game with no rounds',
      envelope(2, { game: { state: 'answering', context: { seed: 1 } }, history: [], review: [] }),
      /^part of it is damaged \(game\.context\./,
    ],
    [
      'damaged version 2 data, as damaged',
      envelope(2, { game: null, history: [], review: [{ cardId: 'a-pm', box: 1, due: 9e15 }] }),
      /^part of it is damaged \(review\.0\.due: /,
    ],
    [
      'a version 2 game that is not an object',
      envelope(2, { game: 7, history: [], review: [] }),
      /^part of it is damaged \(game/,
    ],
  ])('rejects %s with a reason', (_, raw, reason) => {
    const result = unwrap(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(reason);
  });
});

describe('bounds on what validates', () => {
  const game = (review: unknown[] = [], history: unknown[] = []) =>
    envelope(SCHEMA_VERSION, { game: null, history, review });
  const saved = (answers: unknown, setting: { confidence?: unknown } = { confidence: true }) =>
    envelope(SCHEMA_VERSION, {
      game: { ...v1Game, context: { ...v2Context, mode: 'play', answers, ...setting } },
      history: [],
      review: [],
    });
  const entry = (id: number, extra = {}) => ({
    id,
    finishedAt: now,
    mode: 'play',
    scenarioIds: ['alpha'],
    points: 1,
    max: 2,
    ...extra,
  });

  it.each([
    ['a review date no calendar can show', game([{ cardId: 'a-pm', box: 1, due: 9e15 }]), /review\.0\.due/],
    ['a finish date no calendar can show', game([], [entry(1, { finishedAt: 9e15 })]), /history\.0\.finishedAt/],
    ['two past games with one id', game([], [entry(1), entry(1)]), /two past games are the same/],
    ['more points than the game had', game([], [entry(1, { points: 200, max: 1 })]), /more points than it had/],
    [
      'more past games than are kept',
      game(
        [],
        Array.from({ length: 101 }, (_, i) => entry(i)),
      ),
      /history/,
    ],
    [
      'the same card twice in the deck',
      game([
        { cardId: 'a', box: 1, due: now },
        { cardId: 'a', box: 1, due: now },
      ]),
      /two review cards/,
    ],
    [
      'a review deck of 200,000 cards',
      game(Array.from({ length: 200_000 }, (_, i) => ({ cardId: `c${i}`, box: 1, due: now }))),
      /review/,
    ],
    ['marks above what the game had', game([], [entry(1, { cbm: { points: 10, max: 9 } })]), /marks it could not earn/],
    ['marks below -6 a card', game([], [entry(1, { cbm: { points: -19, max: 9 } })]), /marks it could not earn/],
    ['marks past any game', game([], [entry(1, { cbm: { points: 0, max: 1e9 } })]), /history\.0\.cbm\.max/],
    ['an unknown level of confidence', saved({ 'a-pm': { role: 'pm', confidence: 'total' } }), /answers/],
    ['a setting that is not true or false', saved({}, { confidence: 'yes' }), /game\.context\.confidence/],
    ['a game with no setting', saved({}, {}), /game\.context\.confidence/],
    [
      'a review card flagged false',
      game([{ cardId: 'a-pm', box: 1, due: now, confidentError: false }]),
      /review\.0\.confidentError/,
    ],
    [
      'an unsafe seed',
      envelope(2, { game: { ...v1Game, context: { ...v1Game.context, seed: 2 ** 53 } }, history: [], review: [] }),
      /game/,
    ],
  ])('refuses %s', (_, raw, reason) => {
    const result = unwrap(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(reason);
  });
});

describe('recording a game', () => {
  it('keeps the game in progress, without the bank, and nothing on the intro', () => {
    const actor = createActor(machine, { input: { seed: 2 } }).start();
    expect(record(EMPTY_PROGRESS, bank, actor.getSnapshot(), now).game).toBeNull();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    const { game } = record(EMPTY_PROGRESS, bank, actor.getSnapshot(), now);
    expect(game?.state).toBe('roundIntro');
    expect(game && 'bank' in game.context).toBe(false);
  });

  it('adds missed cards to the review deck at the round summary, once', () => {
    const actor = createActor(machine, { input: { seed: 2 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    finishRound(bank, actor, (card) => card.key !== 'pmm');
    const once = record(EMPTY_PROGRESS, bank, actor.getSnapshot(), now);
    expect(once.review.map((entry) => entry.cardId)).toEqual(['a-pmm']);
    expect(record(once, bank, actor.getSnapshot(), now)).toEqual(once);
  });

  it('adds the finished game to the history, once', () => {
    const actor = createActor(machine, { input: { seed: 2 } }).start();
    playToResults(bank, actor);
    const once = record(EMPTY_PROGRESS, bank, actor.getSnapshot(), now);
    expect(once.history).toEqual([
      {
        id: 2,
        finishedAt: now,
        mode: 'play',
        scenarioIds: ['alpha', 'beta'],
        points: 7,
        max: 7,
        cbm: { points: 10, max: 15 },
      },
    ]);
    expect(record(once, bank, actor.getSnapshot(), now + 1000)).toEqual(once);
  });

  it('keeps no marks for a game that did not ask for confidence', () => {
    const actor = createActor(machine, { input: { seed: 2 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence: false });
    playToResults(bank, actor);
    expect(record(EMPTY_PROGRESS, bank, actor.getSnapshot(), now).history[0]).not.toHaveProperty('cbm');
  });

  it('puts a role missed at high confidence first in the review deck, due at once', () => {
    const actor = createActor(machine, { input: { seed: 2 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    finishRound(
      bank,
      actor,
      (card) => card.key === 'both',
      (card) => (card.key === 'pmm' ? 'high' : 'low'),
    );
    const { review } = record(EMPTY_PROGRESS, bank, actor.getSnapshot(), now);
    expect(review).toContainEqual({
      cardId: 'a-pmm',
      box: 1,
      due: new Date(2026, 10, 23).getTime(),
      confidentError: true,
    });
    expect(review).toContainEqual({ cardId: 'a-pm', box: 1, due: new Date(2026, 10, 24).getTime() });
  });
});
