import { m } from '../i18n/paraglide/messages.js';
import { deriveSeed } from './random.ts';
import {
  DIFFICULTIES,
  type Card,
  type SharedCard,
  type Difficulty,
  type Role,
  type Scenario,
  type Topic,
} from './schema.ts';

/** How sure a learner says they are of a role, when the game asks (certainty-based marking). */
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/**
 * What a learner answered for one card: the role, for a shared card the split chosen, and in a
 * game that asks, how sure they were of the role.
 */
export interface Answer {
  role: Role;
  /** Index into the card's `overlap.options` (not the shown order). */
  overlap?: number;
  confidence?: Confidence;
}

export interface Points {
  points: number;
  max: number;
}

/** The scoring rule, in words, as the game shows it. */
export const scoringRules = (): string[] => [
  m.core_scoring_rule_role(),
  m.core_scoring_rule_split(),
  m.core_scoring_rule_score(),
];

/** Points available on a card: 1 for the role, plus 1 for the split on a shared card. */
export function maxPoints(card: Card): number {
  return card.key === 'both' ? 2 : 1;
}

export function isRoleCorrect(card: Card, answer: Answer | undefined): boolean {
  return isRightRole(card.key, answer?.role);
}

/** Whether a role given is the right one (`key`), where only the key is known (a phone at the reveal). */
export function isRightRole(key: Role, given: Role | null | undefined): boolean {
  return given === key;
}

/** The place of a shared task's right split of the work: its one correct option. */
export function correctSplit(card: SharedCard): number {
  return card.overlap.options.findIndex((option) => option.correct);
}

export function isOverlapCorrect(card: Card, answer: Answer | undefined): boolean {
  return card.key === 'both' && answer?.overlap !== undefined && answer.overlap === correctSplit(card);
}

/** Points a learner earned on one card. An unanswered card scores 0. */
export function scoreCard(card: Card, answer: Answer | undefined): Points {
  const points = (isRoleCorrect(card, answer) ? 1 : 0) + (isOverlapCorrect(card, answer) ? 1 : 0);
  return { points, max: maxPoints(card) };
}

/** True when the learner left points on the card, so it belongs in "replay missed". */
export function isMissed(card: Card, answer: Answer | undefined): boolean {
  const { points, max } = scoreCard(card, answer);
  return points < max;
}

/** The sum of points over cards. */
export function scoreCards(cards: readonly Card[], answers: Readonly<Record<string, Answer>>): Points {
  return cards.reduce(
    (total, card) => {
      const { points, max } = scoreCard(card, answers[card.id]);
      return { points: total.points + points, max: total.max + max };
    },
    { points: 0, max: 0 },
  );
}

/** Role points only, as a workshop scores: 1 per right role, nothing for the split. */
export function scoreRoles(cards: readonly Card[], answers: Readonly<Record<string, Answer>>): Points {
  return { points: cards.filter((card) => isRoleCorrect(card, answers[card.id])).length, max: cards.length };
}

/** Points per topic; a card counts fully towards each of its topics. Sorted weakest first. */
export function scoreByTopic(
  cards: readonly Card[],
  answers: Readonly<Record<string, Answer>>,
): Array<Points & { topic: Topic }> {
  const byTopic = new Map<Topic, Card[]>();
  for (const card of cards) for (const topic of card.topics) byTopic.set(topic, [...(byTopic.get(topic) ?? []), card]);
  return [...byTopic]
    .map(([topic, topicCards]) => ({ topic, ...scoreCards(topicCards, answers) }))
    .sort((a, b) => a.points / a.max - b.points / b.max || a.topic.localeCompare(b.topic));
}

/** A whole-number percentage, 0 when nothing was available. */
export function percent({ points, max }: Points): number {
  return max === 0 ? 0 : Math.round((points / max) * 100);
}

/** One card as a results list shows it: the answer, each verdict and the points. */
export interface CardResult extends Points {
  card: Card;
  answer: Answer | undefined;
  /** Whether the role was right. */
  role: boolean;
  /** Whether the split was right; undefined on a card with no split. */
  split: boolean | undefined;
}

/** The verdicts on some cards, in their order. */
export function cardResults(
  cards: readonly Card[],
  answers: Readonly<Record<string, Answer | undefined>>,
): CardResult[] {
  return cards.map((card) => {
    const answer = answers[card.id];
    return {
      card,
      answer,
      role: isRoleCorrect(card, answer),
      split: card.key === 'both' ? isOverlapCorrect(card, answer) : undefined,
      ...scoreCard(card, answer),
    };
  });
}

/** A game's points: in all, by company, by difficulty, and by topic (weakest first). */
export interface Breakdown {
  total: Points;
  companies: Array<Points & { scenario: Scenario }>;
  difficulties: Array<Points & { level: Difficulty }>;
  topics: Array<Points & { topic: Topic }>;
}

export function breakdown(
  groups: ReadonlyArray<{ scenario: Scenario; cards: Card[] }>,
  answers: Readonly<Record<string, Answer>>,
): Breakdown {
  const cards = groups.flatMap((group) => group.cards);
  return {
    total: scoreCards(cards, answers),
    companies: groups.map((group) => ({ scenario: group.scenario, ...scoreCards(group.cards, answers) })),
    difficulties: DIFFICULTIES.map((level) => ({
      level,
      ...scoreCards(
        cards.filter((card) => card.difficulty === level),
        answers,
      ),
    })).filter((row) => row.max > 0),
    topics: scoreByTopic(cards, answers),
  };
}

/** Rows best first by points (ties keep their order), each with its rank: equal points share one. */
export function ranked<T extends { points: number }>(rows: readonly T[]): Array<T & { rank: number }> {
  const sorted = rows
    .map((row, order) => ({ row, order }))
    .sort((a, b) => b.row.points - a.row.points || a.order - b.order);
  return sorted.map(({ row }) => ({ ...row, rank: sorted.findIndex((other) => other.row.points === row.points) + 1 }));
}

/**
 * Certainty-based marks (Gardner-Medwin): what the role earns at each level of confidence. Being
 * sure and wrong costs most, so the best bet is to say how sure one really is.
 */
export const CBM_MARKS: Record<Confidence, { right: number; wrong: number }> = {
  low: { right: 1, wrong: 0 },
  medium: { right: 2, wrong: -2 },
  high: { right: 3, wrong: -6 },
};

/** The mark for a right role at high confidence: the most a card can earn. */
export const CBM_MAX_PER_CARD = CBM_MARKS.high.right;

/**
 * The share of right answers (in percent) over which each level pays best on average: below
 * 67% low, 67% to 80% medium, above 80% high. Where the marks of two levels cross.
 */
export const CBM_BANDS: Record<Confidence, { from: number; to: number }> = {
  low: { from: 0, to: 67 },
  medium: { from: 67, to: 80 },
  high: { from: 80, to: 100 },
};

/** The certainty-based marking rule, in words, as the game shows it. */
export const cbmRules = (): string[] => [m.core_cbm_rule_ask(), m.core_cbm_rule_marks(), m.core_cbm_rule_split()];

/**
 * The certainty-based mark for a card's role: undefined when no confidence was given (a game
 * that does not ask, or no answer). The split of a shared card is not marked.
 */
export function cbmMark(card: Card, answer: Answer | undefined): number | undefined {
  if (!answer?.confidence) return undefined;
  const marks = CBM_MARKS[answer.confidence];
  return isRoleCorrect(card, answer) ? marks.right : marks.wrong;
}

/** Certainty-based marks over cards: their sum (which may be negative) out of 3 a card. */
export function cbmScore(cards: readonly Card[], answers: Readonly<Record<string, Answer | undefined>>): Points {
  return {
    points: cards.reduce((sum, card) => sum + (cbmMark(card, answers[card.id]) ?? 0), 0),
    max: cards.length * CBM_MAX_PER_CARD,
  };
}

/** How often the learner was right at one level of confidence. */
export interface CalibrationRow {
  level: Confidence;
  answered: number;
  right: number;
  /** Whole-number percent right; 0 when nothing was answered at this level. */
  percent: number;
  /**
   * Against the level's band (`CBM_BANDS`): right less often than the level pays for is
   * "over" confident, more often "under"; undefined when nothing was answered at this level.
   */
  verdict?: 'under' | 'calibrated' | 'over';
}

/** For each level of confidence, in order, how many roles were given at it and how many were right. */
export function calibration(
  cards: readonly Card[],
  answers: Readonly<Record<string, Answer | undefined>>,
): CalibrationRow[] {
  return CONFIDENCES.map((level) => {
    const given = cards.filter((card) => answers[card.id]?.confidence === level);
    const right = given.filter((card) => isRoleCorrect(card, answers[card.id])).length;
    const share = percent({ points: right, max: given.length });
    const band = CBM_BANDS[level];
    const verdict = given.length
      ? share < band.from
        ? ('over' as const)
        : share > band.to
          ? ('under' as const)
          : ('calibrated' as const)
      : undefined;
    return { level, answered: given.length, right, percent: share, ...(verdict ? { verdict } : {}) };
  });
}

/** The cards whose role was wrong at high confidence: the misconceptions worth going back to. */
export function confidentErrors(cards: readonly Card[], answers: Readonly<Record<string, Answer | undefined>>): Card[] {
  return cards.filter((card) => isConfidentError(card, answers[card.id]));
}

/** True when the role was wrong and the learner was highly confident of it. */
export function isConfidentError(card: Card, answer: Answer | undefined): boolean {
  return answer?.confidence === 'high' && !isRoleCorrect(card, answer);
}

/** Certainty-based marking of some cards, as a summary or the results show it. */
export interface CbmSummary {
  score: Points;
  calibration: CalibrationRow[];
  confidentErrors: Card[];
}

export function cbmSummary(cards: readonly Card[], answers: Readonly<Record<string, Answer | undefined>>): CbmSummary {
  return {
    score: cbmScore(cards, answers),
    calibration: calibration(cards, answers),
    confidentErrors: confidentErrors(cards, answers),
  };
}

/** A card's 24-bit reference: the same for as long as the card scores the same way. */
export function cardRef(card: Card): number {
  const split = card.key === 'both' ? `${correctSplit(card)}/${card.overlap.options.length}` : '';
  return deriveSeed(0, `${card.id}|${card.key}|${split}`) & 0xffffff;
}

/** A certainty-based mark in words: "+3 marks", "-6 marks", "0 marks". */
export function marksText(mark: number): string {
  return m.core_marks({ count: Math.abs(mark), signed: signed(mark) });
}

/** A number with its sign as the game prints it: +3, 0, −6 (a true minus sign, U+2212, never a hyphen). */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : '0';
}
