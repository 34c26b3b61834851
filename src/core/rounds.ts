import { deriveSeed, shuffle } from './random';
import { STAGES, type Bank, type Card, type Difficulty, type SharedCard, type Stage } from './schema';

/** One round of a game: a scenario (none for a review mixing companies) and its cards in play order. */
export interface Round {
  scenarioId: string | null;
  cardIds: string[];
}

/** Most cards in a row with the same key before the order is broken up. */
const MAX_RUN = 2;

/** True when cards can still be laid out with no run longer than MAX_RUN. */
function canInterleave(cards: readonly Card[]): boolean {
  const counts = new Map<string, number>();
  for (const card of cards) counts.set(card.key, (counts.get(card.key) ?? 0) + 1);
  const most = Math.max(0, ...counts.values());
  return most <= MAX_RUN * (cards.length - most + 1);
}

/**
 * Breaks up runs of cards with the same key (a shuffle can deal four PM cards in a row), so
 * look-alike tasks with different keys stay interleaved. Deterministic: it takes the cards in
 * their seeded order, skipping ahead only when the next card would make a run or leave the
 * rest impossible to interleave.
 */
export function interleave(cards: readonly Card[]): Card[] {
  const remaining = [...cards];
  const result: Card[] = [];
  const makesRun = (card: Card) =>
    result.length >= MAX_RUN && result.slice(-MAX_RUN).every((last) => last.key === card.key);
  while (remaining.length) {
    const allowed = remaining.flatMap((card, index) => (makesRun(card) ? [] : [index]));
    const pick =
      allowed.find((index) => canInterleave(remaining.filter((_, other) => other !== index))) ?? allowed[0] ?? 0;
    result.push(...remaining.splice(pick, 1));
  }
  return result;
}

/** Difficulty levels as numbers, gentlest first. */
const LEVEL: Record<Difficulty, number> = { intro: 0, core: 1, advanced: 2 };

/** The mean difficulty of some cards: 0 when all are intro, 2 when all are advanced. */
export function meanDifficulty(cards: readonly Card[]): number {
  return cards.length ? cards.reduce((sum, card) => sum + LEVEL[card.difficulty], 0) / cards.length : 0;
}

/**
 * Which of two sets of cards is gentler to start a game with: the lower mean difficulty, then
 * the more intro cards. Negative when `a` is gentler, 0 when neither is.
 */
export function compareGentleness(a: readonly Card[], b: readonly Card[]): number {
  const intro = (cards: readonly Card[]) => cards.filter((card) => card.difficulty === 'intro').length;
  return meanDifficulty(a) - meanDifficulty(b) || intro(b) - intro(a);
}

/**
 * A round's cards as a ramp: intro, then core, then advanced, each level in a seeded order,
 * then interleaved. Interleaving moves a card ahead only to break a run of one key, so the ramp
 * bends only where three cards in a row would otherwise share a key.
 */
export function rampCards(cards: readonly Card[], seed: number): Card[] {
  // The sort is stable, so within a level the cards keep their seeded order.
  return interleave(shuffle(cards, seed).sort((a, b) => LEVEL[a.difficulty] - LEVEL[b.difficulty]));
}

/** Where a stage comes in a product's life, earliest first. */
const STAGE_ORDER: Record<Stage, number> = Object.fromEntries(STAGES.map((stage, index) => [stage, index])) as Record<
  Stage,
  number
>;

/**
 * The rounds of a game. Companies come in the order of a product's life, from the idea to the
 * reorganisation (the bank is written so that difficulty rises along it), and within a stage the
 * gentlest first (see `compareGentleness`; a tie goes to the seeded order). Each round's cards
 * are a ramp (`rampCards`). `onlyCards` keeps just those cards (to replay the ones missed), and
 * gentleness is judged on the cards kept.
 */
export function buildRounds(
  bank: Bank,
  seed: number,
  scenarioIds: readonly string[],
  onlyCards?: ReadonlySet<string>,
): Round[] {
  return shuffle(
    bank.scenarios.filter((scenario) => scenarioIds.includes(scenario.id)),
    deriveSeed(seed, 'scenarios'),
  )
    .map((scenario) => ({
      scenario,
      cards: scenario.cards.filter((card) => !onlyCards || onlyCards.has(card.id)),
    }))
    .filter((round) => round.cards.length > 0)
    .sort(
      (a, b) => STAGE_ORDER[a.scenario.stage] - STAGE_ORDER[b.scenario.stage] || compareGentleness(a.cards, b.cards),
    )
    .map(({ scenario, cards }) => ({
      scenarioId: scenario.id,
      cardIds: rampCards(cards, deriveSeed(seed, scenario.id)).map((card) => card.id),
    }));
}

/**
 * A review round: the given cards (unknown ids are dropped) in a seeded order that takes
 * one company at a time in turn, so cards from the same story are spread apart.
 */
export function buildReviewRound(bank: Bank, seed: number, cardIds: readonly string[]): Round[] {
  const wanted = new Set(cardIds);
  // Only the companies with cards in the review are shuffled: the deal does not depend on
  // which other companies happen to be loaded.
  const piles = shuffle(
    bank.scenarios.filter((scenario) => scenario.cards.some((card) => wanted.has(card.id))),
    deriveSeed(seed, 'review'),
  ).map((scenario) =>
    shuffle(
      scenario.cards.filter((card) => wanted.has(card.id)),
      deriveSeed(seed, `review:${scenario.id}`),
    ),
  );
  const dealt: Card[] = [];
  for (let i = 0; piles.some((pile) => i < pile.length); i++)
    for (const pile of piles) if (pile[i]) dealt.push(pile[i]!);
  return dealt.length ? [{ scenarioId: null, cardIds: dealt.map((card) => card.id) }] : [];
}

/** The order in which a shared card's overlap options are shown: indexes into `options`. */
export function optionOrder(card: SharedCard, seed: number): number[] {
  return shuffle(
    card.overlap.options.map((_, index) => index),
    deriveSeed(seed, `overlap:${card.id}`),
  );
}
