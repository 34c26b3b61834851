import * as v from 'valibot';
import type { SnapshotFrom } from 'xstate';
import { version as appVersion } from '../../package.json';
import { addToHistory } from '../game/history';
import { updateDeck } from '../game/review';
import { cardsOf, currentRound, roundCards, type playMachine } from '../machines/playMachine';
import { savedGameSchema, savedGameV1Schema, toSavedGame } from './savedGame';

/**
 * Everything Role Call keeps on a device, as plain JSON in a versioned envelope. Loading
 * validates it and migrates older versions one step at a time.
 */

export const SCHEMA_VERSION = 2;
const APP = 'role-call';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const mode = v.picklist(['play', 'replay', 'review']);

const historyEntry = v.object({
  id: count,
  finishedAt: count,
  mode,
  scenarioIds: v.array(v.string()),
  points: count,
  max: count,
});

const reviewEntry = v.object({ cardId: v.string(), box: v.pipe(count, v.minValue(1)), due: count });

export const progressSchema = v.object({
  game: v.nullable(savedGameSchema),
  history: v.array(historyEntry),
  review: v.array(reviewEntry),
});
export type Progress = v.InferOutput<typeof progressSchema>;

/** Version 1 kept the game and the history; there was no review deck yet. */
const progressV1Schema = v.object({
  game: v.nullable(savedGameV1Schema),
  history: v.array(v.object({ ...historyEntry.entries, mode: v.picklist(['play', 'replay']) })),
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
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  appVersion: v.string(),
  savedAt: v.string(),
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
