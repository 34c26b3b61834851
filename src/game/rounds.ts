import { deriveSeed, shuffle } from './random';
import type { Bank, SharedCard } from './schema';

/** One round of a game: a scenario and the ids of its cards, in play order. */
export interface Round {
  scenarioId: string;
  cardIds: string[];
}

/**
 * The rounds of a game: the chosen scenarios in a seeded order, each with its cards in a
 * seeded order. `onlyCards` keeps just those cards (to replay the ones missed).
 */
export function buildRounds(bank: Bank, seed: number, scenarioIds: readonly string[], onlyCards?: ReadonlySet<string>): Round[] {
  const chosen = bank.scenarios.filter((scenario) => scenarioIds.includes(scenario.id));
  return shuffle(chosen, deriveSeed(seed, 'scenarios'))
    .map((scenario) => ({
      scenarioId: scenario.id,
      cardIds: shuffle(
        scenario.cards.filter((card) => !onlyCards || onlyCards.has(card.id)).map((card) => card.id),
        deriveSeed(seed, scenario.id),
      ),
    }))
    .filter((round) => round.cardIds.length > 0);
}

/** The order in which a shared card's overlap options are shown: indexes into `options`. */
export function optionOrder(card: SharedCard, seed: number): number[] {
  return shuffle(
    card.overlap.options.map((_, index) => index),
    deriveSeed(seed, `overlap:${card.id}`),
  );
}
