import { m } from '../i18n/paraglide/messages.js';
import * as v from 'valibot';
import { ROLES } from '../core/schema';
import { CONFIDENCES } from '../core/scoring';
import { atMost, count, id, ids, LIMITS } from '../platform/bounds';

/**
 * A game in progress as stored, checked with valibot when progress is read; `savedGame.ts`
 * saves and resumes it without these checks.
 */

/** The rounds of a game as stored: bounded, and no card dealt twice. */
export const savedRounds = v.pipe(
  v.array(v.object({ scenarioId: v.nullable(id), cardIds: ids(LIMITS.cardsPerRound) })),
  v.maxLength(LIMITS.rounds),
  v.check(
    (rounds) => {
      const all = rounds.flatMap((round) => round.cardIds);
      return all.length <= LIMITS.cards && new Set(all).size === all.length;
    },
    () => m.progress_schema_task_twice(),
  ),
);

const answerFields = { role: v.picklist(ROLES), overlap: v.optional(count(LIMITS.options)) };
const answers = <T extends v.ObjectEntries>(fields: T) =>
  v.pipe(v.record(id, v.object(fields)), atMost(LIMITS.cards, m.progress_schema_answers()));

const savedContext = {
  seed: count(0xffffffff),
  scenarioIds: ids(LIMITS.companies),
  rounds: savedRounds,
  roundIndex: count(LIMITS.rounds),
  cardIndex: count(LIMITS.cardsPerRound),
  answers: answers(answerFields),
};

const state = v.pipe(v.string(), v.maxLength(60));
const mode = v.picklist(['play', 'replay', 'review']);

/**
 * A game in progress as stored: the machine's state and its context, with whether the game
 * asks for confidence, each answer's confidence and a role picked waiting for it.
 */
export const savedGameSchema = v.object({
  state,
  context: v.object({
    ...savedContext,
    answers: answers({ ...answerFields, confidence: v.optional(v.picklist(CONFIDENCES)) }),
    mode,
    confidence: v.boolean(),
    /** A role picked and waiting for how sure the learner is; games saved before it was kept have none. */
    picked: v.optional(v.nullable(v.picklist(ROLES)), null),
    /** A game left for the start screen: the step it takes up again at (the machine checks which). */
    resumeAt: v.optional(state),
  }),
});
export type SavedGame = v.InferOutput<typeof savedGameSchema>;

/** The first saved-game format, before review games: a flag said whether a game was a replay. */
export const savedGameV1Schema = v.object({
  state,
  context: v.object({ ...savedContext, replay: v.boolean() }),
});
