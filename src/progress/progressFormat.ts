import { m } from '../i18n/paraglide/messages.js';
import { type Pack } from '../core/schema';
import * as v from 'valibot';
import { HISTORY_LIMIT } from '../core/history';
import { BOX_DAYS } from '../core/review';

import { between, count, id, ids, LIMITS, timestamp, unique } from '../platform/bounds';
import { PROGRESS_LABEL } from './label';
import { unwrap } from '../platform/readEnvelope';
import type { SavedFormat } from '../platform/savedActor';
import { savedGameSchema, savedGameV1Schema } from './savedGameSchema';

/**
 * The checks on stored and imported progress (`progress.ts` says what it holds): its schema
 * and the migrations from older versions. They load with the first progress to read, never on
 * a first visit, which has none.
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
  v.check(
    ({ points, max }) => points <= max && points >= -2 * max,
    () => m.progress_schema_marks(),
  ),
);

const historyEntry = v.pipe(
  v.object({ ...historyFields, cbm: v.optional(marks) }),
  v.check(
    (entry) => entry.points <= entry.max,
    () => m.progress_schema_points(),
  ),
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
  pack: v.custom<Pack>(isRecord, () => m.progress_schema_pack_fields()),
  addedAt: timestamp,
  updatedAt: v.optional(timestamp),
});
export type StoredPack = v.InferOutput<typeof storedPack>;

export const progressSchema = v.object({
  game: v.nullable(savedGameSchema),
  history: v.pipe(
    v.array(historyEntry),
    v.maxLength(HISTORY_LIMIT),
    unique((entry) => entry.id, m.progress_schema_past_games()),
  ),
  review: v.pipe(
    v.array(reviewEntry),
    v.maxLength(LIMITS.cards),
    unique((entry) => entry.cardId, m.progress_schema_review_cards()),
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

/** Progress as it is stored and exported. */
export const progressFormat: SavedFormat<Progress> = {
  ...PROGRESS_LABEL,
  schema: progressSchema,
  migrations: MIGRATIONS,
};

/** Validates and migrates a stored or imported value. Never throws. */
export const readProgress = (raw: unknown) => unwrap(progressFormat, raw);
