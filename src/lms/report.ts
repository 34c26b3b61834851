import type { IndexedBank } from '../core/bank';
import { cbmScore, isOverlapCorrect, isRoleCorrect, percent, scoreCards } from '../core/scoring';
import { cardsOf, type PlayContext } from '../modes/solo/playMachine';
import type { PlaySnapshot } from '../modes/solo/playView';
import type { LmsSettings } from './settings';

/**
 * What an LMS is told about a game: the rules of reporting, as plain functions of a snapshot.
 * The SCORM adapter (`scormReporter.svelte.ts`) writes what these return and decides nothing.
 */

export type LessonStatus = 'not attempted' | 'incomplete' | 'passed' | 'failed' | 'completed' | 'browsed';

/** One answer as a SCORM 1.2 interaction: the role of a task, or the split of a shared one. */
export interface Interaction {
  /** Tells this answer from every other of the session: the game's seed, the card and the part. */
  key: string;
  id: string;
  type: 'fill-in' | 'choice';
  response: string;
  correct: string;
  result: 'correct' | 'wrong';
}

/**
 * Whether a game counts for the course: a game of every company in the package. A replay of
 * the tasks missed, a review or a game of fewer companies is practice.
 */
export function isCourseGame(bank: IndexedBank, context: PlayContext): boolean {
  return context.mode === 'play' && bank.scenarios.every((scenario) => context.scenarioIds.includes(scenario.id));
}

/**
 * The score (0 to 100) of a game: the share of points earned, or, when the package counts
 * confidence and the game asked for it, the share of the certainty-based marks available
 * (a negative total scores 0).
 */
export function gameScore(bank: IndexedBank, context: PlayContext, settings: LmsSettings): number {
  const cards = cardsOf(bank, context.rounds);
  const points =
    settings.confidenceCounts && context.confidence
      ? cbmScore(cards, context.answers)
      : scoreCards(cards, context.answers);
  return percent({ points: Math.max(0, points.points), max: points.max });
}

/** The score of a finished course game, for the LMS; undefined for any other snapshot. */
export function finishedScore(bank: IndexedBank, snapshot: PlaySnapshot, settings: LmsSettings): number | undefined {
  if (!snapshot.matches('results') || !isCourseGame(bank, snapshot.context)) return undefined;
  return gameScore(bank, snapshot.context, settings);
}

/** The statuses that say a course game was finished. */
const FINISHED: readonly string[] = ['passed', 'failed', 'completed'];

/**
 * The lesson status for the best score so far (undefined until a course game is finished):
 * incomplete until then, or what an earlier session finished with; then passed or failed
 * against the pass mark, or completed when there is none. Reported from the best score, so a
 * worse game later never takes a pass away.
 */
export function lessonStatus(best: number | undefined, passingScore: number | null, prior?: string): LessonStatus {
  if (best === undefined) return prior && FINISHED.includes(prior) ? (prior as LessonStatus) : 'incomplete';
  if (passingScore === null) return 'completed';
  return best >= passingScore ? 'passed' : 'failed';
}

/**
 * The pass mark: the LMS's mastery score (from the manifest's `adlcp:masteryscore`, or set in
 * the LMS) when it gives a valid one, else the package's setting.
 */
export function passMark(masteryScore: string | undefined, settings: LmsSettings): number | null {
  const fromLms = masteryScore?.trim() ? Number(masteryScore) : NaN;
  return Number.isFinite(fromLms) && fromLms >= 0 && fromLms <= 100 ? fromLms : settings.passingScore;
}

/**
 * The score an LMS already holds from an earlier session, when that session finished a game
 * (its status says so); a score kept while the course was incomplete is not one.
 */
export function priorBest(status: string | undefined, raw: string | undefined): number | undefined {
  if (!status || !FINISHED.includes(status)) return undefined;
  const score = raw?.trim() ? Number(raw) : NaN;
  return Number.isFinite(score) && score >= 0 && score <= 100 ? score : undefined;
}

/** The answers of a game as interactions, in play order: a role each, and a split on a shared task. */
export function interactionsOf(bank: IndexedBank, context: PlayContext): Interaction[] {
  return cardsOf(bank, context.rounds).flatMap((card): Interaction[] => {
    const answer = context.answers[card.id];
    if (!answer) return [];
    const key = `${context.seed}:${card.id}`;
    const role: Interaction = {
      key: `${key}:role`,
      id: card.id,
      type: 'fill-in',
      response: answer.role,
      correct: card.key,
      result: isRoleCorrect(card, answer) ? 'correct' : 'wrong',
    };
    if (card.key !== 'both' || answer.overlap === undefined) return [role];
    // Choices are single characters in SCORM 1.2: the options, in the bank's order, are 1 to 9.
    const right = card.overlap.options.findIndex((option) => option.correct);
    return [
      role,
      {
        key: `${key}:split`,
        id: `${card.id}-split`,
        type: 'choice',
        response: String(answer.overlap + 1),
        correct: String(right + 1),
        result: isOverlapCorrect(card, answer) ? 'correct' : 'wrong',
      },
    ];
  });
}

/** Whether the learner should come back to this game: an LMS keeps suspend data for an exit of "suspend". */
export function exitFor(snapshot: PlaySnapshot): 'suspend' | '' {
  return snapshot.matches('intro') || snapshot.matches('results') ? '' : 'suspend';
}
