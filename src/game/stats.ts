import type { Bank, Card } from './schema';

type Counts = Record<string, number>;

export interface ScenarioStats {
  id: string;
  cards: number;
  byKey: Counts;
  bySource: Counts;
  byTopic: Counts;
  byDifficulty: Counts;
}

export interface BankStats extends Omit<ScenarioStats, 'id'> {
  scenarios: ScenarioStats[];
  /** Cards that present where the sources disagree (they carry `views`). */
  disagreements: number;
}

function tally(cards: Card[], pick: (card: Card) => string[]): Counts {
  const counts: Counts = {};
  for (const card of cards) for (const value of pick(card)) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function statsOf(cards: Card[]) {
  return {
    cards: cards.length,
    byKey: tally(cards, (card) => [card.key]),
    bySource: tally(cards, (card) => card.sources),
    byTopic: tally(cards, (card) => card.topics),
    byDifficulty: tally(cards, (card) => [card.difficulty]),
  };
}

/** Counts per scenario and for the whole bank, for authors and for the balance rules. */
export function bankStats(bank: Bank): BankStats {
  const all = bank.scenarios.flatMap((scenario) => scenario.cards);
  return {
    ...statsOf(all),
    scenarios: bank.scenarios.map((scenario) => ({ id: scenario.id, ...statsOf(scenario.cards) })),
    disagreements: all.filter((card) => card.views).length,
  };
}

/** The mix the full bank must keep so that a learner cannot game it. */
export const BALANCE = {
  minScenarios: 10,
  minCards: 80,
  minShare: { pm: 0.3, pmm: 0.3, both: 0.2 },
  minCardsPerSource: 8,
  minDisagreements: 6,
} as const;

/** Every balance rule the bank breaks, as sentences; empty when it keeps them all. */
export function balanceProblems(bank: Bank, stats = bankStats(bank)): string[] {
  const problems: string[] = [];
  if (stats.scenarios.length < BALANCE.minScenarios)
    problems.push(`${stats.scenarios.length} scenarios; at least ${BALANCE.minScenarios} are needed`);
  if (stats.cards < BALANCE.minCards) problems.push(`${stats.cards} cards; at least ${BALANCE.minCards} are needed`);
  for (const [key, share] of Object.entries(BALANCE.minShare)) {
    const actual = (stats.byKey[key] ?? 0) / Math.max(stats.cards, 1);
    if (actual < share)
      problems.push(`${Math.round(actual * 100)}% of cards are "${key}"; at least ${share * 100}% are needed`);
  }
  for (const source of bank.sources) {
    const count = stats.bySource[source.id] ?? 0;
    if (count < BALANCE.minCardsPerSource)
      problems.push(`source ${source.id} backs ${count} cards; at least ${BALANCE.minCardsPerSource} are needed`);
  }
  if (stats.disagreements < BALANCE.minDisagreements)
    problems.push(
      `${stats.disagreements} cards present a disagreement between sources; at least ${BALANCE.minDisagreements} are needed`,
    );
  for (const scenario of stats.scenarios) {
    const keys = Object.keys(scenario.byKey);
    if (keys.length < 3) problems.push(`scenario "${scenario.id}" is one-sided: its cards are only ${keys.join(', ')}`);
  }
  const tasks = new Map<string, string>();
  for (const card of bank.scenarios.flatMap((scenario) => scenario.cards)) {
    const task = card.task.toLowerCase().replace(/\W+/g, ' ').trim();
    const other = tasks.get(task);
    if (other) problems.push(`cards "${other}" and "${card.id}" have the same task text`);
    tasks.set(task, card.id);
  }
  return problems;
}
