import type { IndexedBank } from '../core/bank';
import { currentCardId } from '../core/cursor';
import { roleName } from '../core/labels';
import { ROLES } from '../core/schema';
import {
  cbmScore,
  isOverlapCorrect,
  isRoleCorrect,
  percent,
  scoreCards,
  type Confidence,
  correctSplit,
} from '../core/scoring';
import { cardsOf, type PlayContext } from '../modes/solo/playMachine';
import type { PlaySnapshot } from '../modes/solo/playView';
import type { LmsSettings } from './settings';
import { nextAct } from './suspend';
import { m } from '../i18n/paraglide/messages.js';

/**
 * What an LMS is told about a game: the rules of reporting, as plain functions of a snapshot,
 * shared by every standard. Each standard's adapter (`scormChannel.ts`, `cmi5Channel.ts`) says
 * what these return in its own vocabulary and decides nothing.
 */

/**
 * Where the course stands for the learner: whether a course game has been finished, whether the
 * best score passes, and that score. SCORM 2004 reports the two statuses as they are, SCORM 1.2
 * folds them into one lesson status, and cmi5 turns them into "completed", "passed" or "failed".
 */
export interface Outcome {
  completion: 'incomplete' | 'completed';
  /** Against the pass mark; unknown until a game is finished, and always without a pass mark. */
  success: 'unknown' | 'passed' | 'failed';
  /** The best score (0 to 100) of a finished course game, when there is one. */
  score?: number;
}

/** One answer as an interaction: the role of a task, or the split of a shared one. */
export interface Interaction {
  /** Tells this answer from every other of the session: the game's seed, the card and the part. */
  key: string;
  /** The card's id; the split of a shared task adds `-split`. */
  id: string;
  part: 'role' | 'split';
  /** The task, as the learner read it. */
  task: string;
  /** What the learner chose: a role (`pm`, `pmm`, `both`) or an option's number, 1 to 9. */
  response: string;
  correct: string;
  result: 'correct' | 'wrong';
  /** What could be chosen, in the bank's order. */
  choices: Array<{ id: string; text: string }>;
  /** How sure the learner said they were of the role, in a game that asks. */
  confidence?: Confidence;
}

/** An answer's question as an LMS's reports name it: "Who does this: …", in the package's language. */
export function interactionName(part: Interaction['part'], task: string): string {
  return part === 'role' ? m.lms_interaction_role({ task }) : m.lms_interaction_split({ task });
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

/**
 * The outcome for the best score so far (undefined until a course game is finished):
 * incomplete until then, or what an earlier session finished with; then passed or failed
 * against the pass mark, or only completed when there is none. Reported from the best score,
 * so a worse game later never takes a pass away.
 */
export function courseOutcome(best: number | undefined, passMark: number | null, prior?: Outcome): Outcome {
  if (best === undefined)
    return prior?.completion === 'completed'
      ? { completion: 'completed', success: prior.success }
      : { completion: 'incomplete', success: 'unknown' };
  const success = passMark === null ? 'unknown' : best >= passMark ? 'passed' : 'failed';
  return { completion: 'completed', success, score: best };
}

/** The outcome in one word, as SCORM 1.2's lesson status and the learner's notice say it. */
export function statusOf(outcome: Outcome): 'incomplete' | 'completed' | 'passed' | 'failed' {
  return outcome.success === 'unknown' ? outcome.completion : outcome.success;
}

/** A number an LMS gave as text or as a number; undefined for anything else. */
function numberOf(value: string | number | undefined): number | undefined {
  const number = typeof value === 'number' ? value : value?.trim() ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

/**
 * A scaled score or pass mark (0 to 1, as SCORM 2004 and cmi5 give them) as a percentage,
 * rounded to the 4 decimal places they allow so that 0.7 is exactly 70; undefined when invalid.
 */
export function percentOfScaled(scaled: string | number | undefined): number | undefined {
  const number = numberOf(scaled);
  return number !== undefined && number >= 0 && number <= 1 ? Math.round(number * 10_000) / 100 : undefined;
}

/**
 * The pass mark: the LMS's (a SCORM 1.2 mastery score, or a scaled one as a percentage) when it
 * gives a valid one, else the package's setting.
 */
export function passMark(fromLms: string | number | undefined, settings: LmsSettings): number | null {
  const mark = numberOf(fromLms);
  return mark !== undefined && mark >= 0 && mark <= 100 ? mark : settings.passingScore;
}

/**
 * The score an LMS already holds from an earlier session, when that session finished a game
 * (its outcome says so); a score kept while the course was incomplete is not one.
 */
export function priorBest(prior: Outcome | undefined, raw: string | number | undefined): number | undefined {
  if (prior?.completion !== 'completed') return undefined;
  const score = numberOf(raw);
  return score !== undefined && score >= 0 && score <= 100 ? score : undefined;
}

/** The key of one part of one card in a game, as interactions and the timing of them share it. */
function partKey(context: PlayContext, cardId: string, part: Interaction['part']): string {
  return `${context.seed}:${cardId}:${part}`;
}

/** The answers of a game as interactions, in play order: a role each, and a split on a shared task. */
export function interactionsOf(bank: IndexedBank, context: PlayContext): Interaction[] {
  return cardsOf(bank, context.rounds).flatMap((card): Interaction[] => {
    const answer = context.answers[card.id];
    if (!answer) return [];
    const role: Interaction = {
      key: partKey(context, card.id, 'role'),
      id: card.id,
      part: 'role',
      task: card.task,
      response: answer.role,
      correct: card.key,
      result: isRoleCorrect(card, answer) ? 'correct' : 'wrong',
      choices: ROLES.map((id) => ({ id, text: roleName(id) })),
      ...(answer.confidence ? { confidence: answer.confidence } : {}),
    };
    if (card.key !== 'both' || answer.overlap === undefined) return [role];
    // Choices are single characters in SCORM 1.2: the options, in the bank's order, are 1 to 9.
    const right = correctSplit(card);
    return [
      role,
      {
        key: partKey(context, card.id, 'split'),
        id: `${card.id}-split`,
        part: 'split',
        task: card.task,
        response: String(answer.overlap + 1),
        correct: String(right + 1),
        result: isOverlapCorrect(card, answer) ? 'correct' : 'wrong',
        choices: card.overlap.options.map((option, index) => ({ id: String(index + 1), text: option.text })),
      },
    ];
  });
}

/**
 * The answers of the game a snapshot shows, as interactions: none on the start screen, whose
 * context still holds the last game's answers (under the next game's seed) until a game starts.
 */
export function gameInteractions(bank: IndexedBank, snapshot: PlaySnapshot): Interaction[] {
  return snapshot.matches('intro') ? [] : interactionsOf(bank, snapshot.context);
}

/** The key of the part a snapshot is asking for (a role, or a split), to time the answer to it. */
export function askedKey(snapshot: PlaySnapshot): string | undefined {
  const id = currentCardId(snapshot.context);
  if (!id) return undefined;
  if (snapshot.matches('answering')) return partKey(snapshot.context, id, 'role');
  if (snapshot.matches({ overlap: 'choosing' })) return partKey(snapshot.context, id, 'split');
  return undefined;
}

/**
 * Whether a game is under way, to come back to: an LMS keeps its data for an exit of "suspend".
 * The start screen and the results are no place to come back to.
 */
export function isUnderWay(snapshot: PlaySnapshot): boolean {
  return !snapshot.matches('intro') && !snapshot.matches('results');
}

/**
 * Where the learner is, as a bookmark for the LMS: while a game is under way, the card it
 * resumes on. It moves with the answers, as the kept game does, not with every screen.
 */
export function locationOf(bank: IndexedBank, snapshot: PlaySnapshot): string {
  if (!isUnderWay(snapshot)) return '';
  return currentCardId(nextAct(bank, snapshot).context) ?? '';
}
