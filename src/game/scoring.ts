import { DIFFICULTIES, type Card, type Difficulty, type Role, type Scenario, type Topic } from './schema';

/** What a learner answered for one card: the role, and for a shared card the split chosen. */
export interface Answer {
  role: Role;
  /** Index into the card's `overlap.options` (not the shown order). */
  overlap?: number;
}

export interface Points {
  points: number;
  max: number;
}

/** The scoring rule, in words, as the game shows it. */
export const SCORING_RULES = [
  '1 point for the right role on every task.',
  'On a shared task (Both), 1 more point for picking the right split of the work.',
  'Your score is the points you earned out of the points available.',
] as const;

/** Points available on a card: 1 for the role, plus 1 for the split on a shared card. */
export function maxPoints(card: Card): number {
  return card.key === 'both' ? 2 : 1;
}

export function isRoleCorrect(card: Card, answer: Answer | undefined): boolean {
  return answer?.role === card.key;
}

export function isOverlapCorrect(card: Card, answer: Answer | undefined): boolean {
  return card.key === 'both' && answer?.overlap !== undefined && card.overlap.options[answer.overlap]?.correct === true;
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
