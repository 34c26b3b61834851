import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createPlayMachine } from '../../src/machines/playMachine';
import {
  EMPTY_PROGRESS,
  progressFormat,
  readProgress as unwrap,
  record,
  wrapProgress as wrap,
  type Progress,
} from '../../src/storage/progress';
import { fixtureBank } from '../fixtures';
import { finishRound, playToResults } from '../play';

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
      game: null,
      history: [{ id: 1, finishedAt: now, mode: 'play', scenarioIds: ['alpha'], points: 3, max: 4 }],
      review: [{ cardId: 'a-pm', box: 1, due: now }],
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
        game: { state: 'answering', context: { ...v1Game.context, replay: undefined, mode: 'replay' } },
        history: [],
        review: [],
      },
    });
    expect(result.ok && 'replay' in result.value.game!.context).toBe(false);
    expect(unwrap(envelope(1, { game: null, history: [] }))).toEqual({ ok: true, value: EMPTY_PROGRESS });
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
      envelope(2, { ...EMPTY_PROGRESS, history: [{ id: -1 }] }),
      /^part of it is damaged \(history\.0\.id: /,
    ],
    [
      'damaged old data',
      envelope(1, { game: { state: 'nowhere' }, history: [] }),
      /^its format 1 data could not be upgraded \(game\./,
    ],
  ])('rejects %s with a reason', (_, raw, reason) => {
    const result = unwrap(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(reason);
  });
});

describe('bounds on what validates', () => {
  const game = (review: unknown[] = [], history: unknown[] = []) => envelope(2, { game: null, history, review });
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
      { id: 2, finishedAt: now, mode: 'play', scenarioIds: ['alpha', 'beta'], points: 7, max: 7 },
    ]);
    expect(record(once, bank, actor.getSnapshot(), now + 1000)).toEqual(once);
  });
});
