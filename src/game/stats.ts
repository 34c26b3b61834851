import type { Bank, Card, SharedCard } from './schema';

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
  minScenarios: 12,
  minCards: 100,
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

/** Targets for how the cards are written, so that no surface cue gives a key or a split away. */
export const CONTENT = {
  /** Mean words in an explanation: feedback is read between tasks, so it stays short. */
  maxMeanExplanationWords: 35,
  /** Share of shared cards whose right split is the longest option (a learner may learn to pick the longest). */
  maxLongestRightShare: 0.4,
  /** The longest split option of a card, in characters, over its shortest. */
  maxSplitLengthRatio: 1.5,
  /**
   * Words that name a deliverable of one role and so give the key away in a task sentence
   * (or that the learner cannot be expected to know yet).
   */
  bannedTaskWords:
    /\b(requirements?|user stor(?:y|ies)|messaging frameworks?|positioning statements?|go[- ]to[- ]market|GTM|product[- ]market fit|personas?|sales[- ]enablement|MRDs?|PRDs?|roadmaps?)\b/gi,
} as const;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const sharedCards = (bank: Bank) =>
  bank.scenarios.flatMap((scenario) => scenario.cards).filter((card) => card.key === 'both');

/** True when the right split option is at least as long as every other (in characters). */
function rightIsLongest(card: SharedCard): boolean {
  const right = card.overlap.options.find((option) => option.correct)!.text.length;
  return card.overlap.options.every((option) => option.text.length <= right);
}

/** The longest split option of a card over its shortest, in characters. */
function splitLengthRatio(card: SharedCard): number {
  const lengths = card.overlap.options.map((option) => option.text.length);
  return Math.max(...lengths) / Math.max(1, Math.min(...lengths));
}

/** The banned words a task sentence uses, as written. */
function bannedWordsIn(task: string): string[] {
  return [...task.matchAll(CONTENT.bannedTaskWords)].map((match) => match[0]);
}

/** Figures on how the cards are written, for authors and for the content rules. */
export interface ContentStats {
  tasks: number;
  companies: number;
  explanationWords: { mean: number; max: number; maxCard: string | undefined };
  /** Shared cards, and how many of them have the right split as the longest option. */
  shared: { cards: number; rightLongest: number; rightLongestShare: number };
  /** The largest longest-over-shortest ratio of split options, and its card. */
  splitLengthRatio: { max: number; card: string | undefined; over: number };
  /** Tasks using a banned word. */
  bannedWordTasks: number;
  /** Per company: intro shared cards, cards with a story fact, and cards that name a look-alike. */
  byCompany: Array<{ id: string; introBoth: number; storyFacts: number; compares: number }>;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function contentStats(bank: Bank): ContentStats {
  const cards = bank.scenarios.flatMap((scenario) => scenario.cards);
  const lengths = cards.map((card) => ({ id: card.id, words: words(card.explanation) }));
  const longest = lengths.reduce<(typeof lengths)[number] | undefined>(
    (best, item) => (best && best.words >= item.words ? best : item),
    undefined,
  );
  const shared = sharedCards(bank);
  const rightLongest = shared.filter(rightIsLongest).length;
  const ratios = shared.map((card) => ({ id: card.id, ratio: splitLengthRatio(card) }));
  const widest = ratios.reduce<(typeof ratios)[number] | undefined>(
    (best, item) => (best && best.ratio >= item.ratio ? best : item),
    undefined,
  );
  return {
    tasks: cards.length,
    companies: bank.scenarios.length,
    explanationWords: {
      mean: round2(lengths.reduce((sum, item) => sum + item.words, 0) / Math.max(1, lengths.length)),
      max: longest?.words ?? 0,
      maxCard: longest?.id,
    },
    shared: {
      cards: shared.length,
      rightLongest,
      rightLongestShare: round2(rightLongest / Math.max(1, shared.length)),
    },
    splitLengthRatio: {
      max: round2(widest?.ratio ?? 0),
      card: widest?.id,
      over: ratios.filter((item) => item.ratio > CONTENT.maxSplitLengthRatio).length,
    },
    bannedWordTasks: cards.filter((card) => bannedWordsIn(card.task).length > 0).length,
    byCompany: bank.scenarios.map((scenario) => ({
      id: scenario.id,
      introBoth: scenario.cards.filter((card) => card.key === 'both' && card.difficulty === 'intro').length,
      storyFacts: scenario.cards.filter((card) => card.storyFact).length,
      compares: scenario.cards.filter((card) => card.compare).length,
    })),
  };
}

/** Explanations must be short on average. */
export function explanationProblems(bank: Bank, stats = contentStats(bank)): string[] {
  const { mean, max, maxCard } = stats.explanationWords;
  return mean > CONTENT.maxMeanExplanationWords
    ? [
        `explanations run to ${mean} words on average; at most ${CONTENT.maxMeanExplanationWords} are wanted (longest: "${maxCard}", ${max} words)`,
      ]
    : [];
}

/** The right split must not be the longest option too often. */
export function longestRightProblems(bank: Bank, stats = contentStats(bank)): string[] {
  const { cards, rightLongest, rightLongestShare } = stats.shared;
  return rightLongestShare > CONTENT.maxLongestRightShare
    ? [
        `on ${rightLongest} of ${cards} shared cards (${Math.round(rightLongestShare * 100)}%) the right split is the longest option; at most ${CONTENT.maxLongestRightShare * 100}% are allowed`,
      ]
    : [];
}

/** A card's split options must be of like length. */
export function splitLengthProblems(bank: Bank): string[] {
  return sharedCards(bank).flatMap((card) => {
    const ratio = splitLengthRatio(card);
    return ratio > CONTENT.maxSplitLengthRatio
      ? [
          `card "${card.id}": its longest split option is ${round2(ratio)} times its shortest; at most ${CONTENT.maxSplitLengthRatio} is allowed`,
        ]
      : [];
  });
}

/** No task sentence may use a banned word. */
export function bannedWordProblems(bank: Bank): string[] {
  return bank.scenarios
    .flatMap((scenario) => scenario.cards)
    .flatMap((card) => {
      const found = bannedWordsIn(card.task);
      return found.length ? [`card "${card.id}": its task uses ${found.map((word) => `"${word}"`).join(', ')}`] : [];
    });
}

/**
 * Every company needs an intro shared card (the ramp starts gently on the hardest key) and a
 * card whose key its story decides (`storyFact`), so the story is read.
 */
export function companyProblems(bank: Bank, stats = contentStats(bank)): string[] {
  return stats.byCompany.flatMap(({ id, introBoth, storyFacts }) => [
    ...(introBoth ? [] : [`scenario "${id}" has no intro card with the key "both"`]),
    ...(storyFacts ? [] : [`scenario "${id}" has no card with a storyFact`]),
  ]);
}

/** The content rules by name: each returns the problems it finds, empty when kept. */
export const CONTENT_RULES = {
  explanations: explanationProblems,
  longestRight: longestRightProblems,
  splitLength: splitLengthProblems,
  bannedWords: bannedWordProblems,
  companies: companyProblems,
} as const satisfies Record<string, (bank: Bank) => string[]>;

/** Every content rule the bank breaks, as sentences; empty when it keeps them all. */
export function contentProblems(bank: Bank): string[] {
  return Object.values(CONTENT_RULES).flatMap((rule) => rule(bank));
}
