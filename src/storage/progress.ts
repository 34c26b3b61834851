import * as v from 'valibot';
import type { SnapshotFrom } from 'xstate';
import { version as appVersion } from '../../package.json';
import { addToHistory, HISTORY_LIMIT } from '../game/history';
import { BOX_DAYS, updateDeck } from '../game/review';
import { cardsOf, currentRound, roundCards, type playMachine } from '../machines/playMachine';
import { count, id, ids, LIMITS, timestamp, unique } from './bounds';
import { savedGameSchema, savedGameV1Schema, toSavedGame } from './savedGame';

/**
 * Everything Role Call keeps on a device, as plain JSON in a versioned envelope. Loading
 * validates it and migrates older versions one step at a time.
 */

export const SCHEMA_VERSION = 2;
const APP = 'role-call';

const mode = v.picklist(['play', 'replay', 'review']);

const historyEntry = v.pipe(
  v.object({
    id: count(0xffffffff),
    finishedAt: timestamp,
    mode,
    scenarioIds: ids(LIMITS.companies),
    points: count(LIMITS.points),
    max: count(LIMITS.points),
  }),
  v.check((entry) => entry.points <= entry.max, 'a game scores more points than it had'),
);

const reviewEntry = v.object({ cardId: id, box: v.pipe(count(BOX_DAYS.length), v.minValue(1)), due: timestamp });

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
});
export type Progress = v.InferOutput<typeof progressSchema>;

/** Version 1 kept the game and the history; there was no review deck yet. */
const progressV1Schema = v.object({
  game: v.nullable(savedGameV1Schema),
  history: v.array(v.object({ ...historyEntry.pipe[0].entries, mode: v.picklist(['play', 'replay']) })),
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
};

const envelopeSchema = v.object({
  app: v.literal(APP),
  schemaVersion: v.pipe(count(1000), v.minValue(1)),
  appVersion: v.pipe(v.string(), v.maxLength(100)),
  savedAt: v.pipe(v.string(), v.maxLength(100)),
  data: v.unknown(),
});

export interface Envelope {
  app: typeof APP;
  schemaVersion: number;
  appVersion: string;
  savedAt: string;
  data: unknown;
}

export const EMPTY_PROGRESS: Progress = { game: null, history: [], review: [] };

/** The envelope to store for some progress. */
export function wrap(progress: Progress, now: number): Envelope {
  return { app: APP, schemaVersion: SCHEMA_VERSION, appVersion, savedAt: new Date(now).toISOString(), data: progress };
}

export type ReadResult = { ok: true; progress: Progress } | { ok: false; reason: string };

function firstIssue(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!;
  const path = issue.path?.map((item) => item.key).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Validates and migrates a stored or imported value. Never throws. */
export function unwrap(raw: unknown): ReadResult {
  const envelope = v.safeParse(envelopeSchema, raw);
  if (!envelope.success) return { ok: false, reason: 'it is not Role Call progress data' };
  const { schemaVersion } = envelope.output;
  if (schemaVersion > SCHEMA_VERSION)
    return { ok: false, reason: `it was saved by a newer version of Role Call (format ${schemaVersion})` };
  let data = envelope.output.data;
  try {
    for (let version = schemaVersion; version < SCHEMA_VERSION; version++) data = MIGRATIONS[version]!(data);
  } catch (error) {
    const detail = error instanceof v.ValiError ? firstIssue(error.issues) : String(error);
    return { ok: false, reason: `its format ${schemaVersion} data could not be upgraded (${detail})` };
  }
  const progress = v.safeParse(progressSchema, data);
  if (!progress.success) return { ok: false, reason: `part of it is damaged (${firstIssue(progress.issues)})` };
  return { ok: true, progress: progress.output };
}

type PlaySnapshot = SnapshotFrom<typeof playMachine>;

/**
 * The progress after a snapshot: the game as it now stands; on a round summary, the round's
 * cards applied to the review deck; on the results, the game added to the history. Applying
 * the same snapshot twice changes nothing more, so a reload on a summary is harmless.
 */
export function record(progress: Progress, snapshot: PlaySnapshot, now: number): Progress {
  const context = snapshot.context;
  let { history, review } = progress;
  if (snapshot.matches('summary') && currentRound(context)) {
    review = updateDeck(
      review,
      roundCards(context).map((card) => ({ card, answer: context.answers[card.id] })),
      now,
    );
  }
  if (snapshot.matches('results')) {
    history = addToHistory(
      history,
      {
        id: context.seed,
        mode: context.mode,
        scenarioIds: context.scenarioIds,
        cards: cardsOf(context),
        answers: context.answers,
      },
      now,
    );
  }
  return { game: toSavedGame(snapshot), history, review };
}
