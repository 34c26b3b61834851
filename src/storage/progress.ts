import * as v from 'valibot';
import type { IndexedBank } from '../game/bank';
import { addToHistory, HISTORY_LIMIT } from '../game/history';
import { BOX_DAYS, updateDeck } from '../game/review';
import { playView, type PlaySnapshot } from '../machines/playView';
import { between, count, id, ids, LIMITS, timestamp, unique } from './bounds';
import { unwrap, wrap, type SavedFormat } from './savedActor';
import { savedGameSchema, savedGameV1Schema, toSavedGame } from './savedGame';
import type { Pack } from '../packs/pack';

/**
 * Everything self-paced play keeps on a device: the game in progress, the history and the
 * review deck, in the versioned envelope of `savedActor.ts`.
 */

const mode = v.picklist(['play', 'replay', 'review']);

const historyFields = {
  id: count(0xffffffff),
  finishedAt: timestamp,
  mode,
  scenarioIds: ids(LIMITS.companies),
  points: count(LIMITS.points),
  max: count(LIMITS.points),
};

/** Certainty-based marks: at most 3 a card and at least -6 a card, so never below -2 × max. */
const marks = v.pipe(
  v.object({ points: between(-2 * LIMITS.marks, LIMITS.marks), max: count(LIMITS.marks) }),
  v.check(({ points, max }) => points <= max && points >= -2 * max, 'a game has marks it could not earn'),
);

const historyEntry = v.pipe(
  v.object({ ...historyFields, cbm: v.optional(marks) }),
  v.check((entry) => entry.points <= entry.max, 'a game scores more points than it had'),
);

const reviewEntry = v.object({
  cardId: id,
  box: v.pipe(count(BOX_DAYS.length), v.minValue(1)),
  due: timestamp,
  confidentError: v.optional(v.literal(true)),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A trainer pack kept on the device. Its content is checked as a pack (src/packs/shelf.ts)
 * when progress is loaded or imported, by code that loads only when there are packs, so the
 * start screen does not carry the pack schema.
 */
const storedPack = v.object({
  pack: v.custom<Pack>(isRecord, 'a pack must be a set of fields'),
  addedAt: timestamp,
  updatedAt: v.optional(timestamp),
});
export type StoredPack = v.InferOutput<typeof storedPack>;

export const progressSchema = v.object({
  game: v.nullable(savedGameSchema),
  history: v.pipe(
    v.array(historyEntry),
    v.maxLength(HISTORY_LIMIT),
    unique((entry) => entry.id, 'past games'),
  ),
  review: v.pipe(
    v.array(reviewEntry),
    v.maxLength(LIMITS.cards),
    unique((entry) => entry.cardId, 'review cards'),
  ),
  /** Trainer packs, since version 4; progress without any has none. */
  packs: v.optional(v.pipe(v.array(storedPack), v.maxLength(LIMITS.packs))),
});
export type Progress = v.InferOutput<typeof progressSchema>;

/** Version 1 kept the game and the history; there was no review deck yet. */
const progressV1Schema = v.object({
  game: v.nullable(savedGameV1Schema),
  history: v.array(v.object({ ...historyFields, mode: v.picklist(['play', 'replay']) })),
});

/** Each step turns data of version N into data of version N + 1. */
const MIGRATIONS: Record<number, (data: unknown) => unknown> = {
  1: (data) => {
    const old = v.parse(progressV1Schema, data);
    const game =
      old.game &&
      (({ replay, ...context }) => ({
        state: old.game!.state,
        context: { ...context, mode: replay ? 'replay' : 'play' },
      }))(old.game.context);
    return { game, history: old.history, review: [] };
  },
  // A game saved before confidence was asked goes on without it: a game does not start asking
  // midway. Nothing else changed shape, so the rest is left for the schema to check, and damaged
  // version 2 data is reported as damaged, as before.
  2: (data) => {
    if (!isRecord(data) || !isRecord(data.game) || !isRecord(data.game.context)) return data;
    return { ...data, game: { ...data.game, context: { ...data.game.context, confidence: false } } };
  },
  // Version 4 added trainer packs, which progress without any leaves out: nothing to change.
  3: (data) => data,
};

export const EMPTY_PROGRESS: Progress = { game: null, history: [], review: [] };

/** Progress as it is stored and exported. */
export const progressFormat: SavedFormat<Progress> = {
  kind: 'progress',
  version: 4,
  schema: progressSchema,
  migrations: MIGRATIONS,
};

/** Validates and migrates a stored or imported value. Never throws. */
export const readProgress = (raw: unknown) => unwrap(progressFormat, raw);

/** The envelope to store or export for some progress. */
export const wrapProgress = (progress: Progress, now: number) => wrap(progressFormat, progress, now);

/**
 * The progress after a snapshot: the game as it now stands; on a round summary, the round's
 * cards applied to the review deck; on the results, the game added to the history. Applying
 * the same snapshot twice changes nothing more, so a reload on a summary is harmless.
 */
export function record(progress: Progress, bank: IndexedBank, snapshot: PlaySnapshot, now: number): Progress {
  const view = playView(bank, snapshot);
  let { history, review } = progress;
  if (view.screen === 'summary') {
    review = updateDeck(
      review,
      view.results.map(({ card, answer }) => ({ card, answer })),
      now,
    );
  }
  if (view.screen === 'results') {
    const { seed, mode, scenarioIds, confidence } = snapshot.context;
    const cards = view.groups.flatMap((group) => group.cards);
    history = addToHistory(history, { id: seed, mode, scenarioIds, cards, answers: view.answers, confidence }, now);
  }
  return { ...progress, game: toSavedGame(snapshot), history, review };
}
