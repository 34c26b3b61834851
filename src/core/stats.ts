import { correctSplit } from './scoring';
import { cuesFor, type LanguageCues } from './bankLanguages';
import { FORM_RULES, formRuleAccuracy, keywordAccuracy, roleNamedFirst, swappedTwins } from './formCues';
import { buildRounds, meanDifficulty } from './rounds';
import type { Bank, Card, SharedCard, Topic } from './schema';

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
  /** The best simple form rule (see `FORM_RULES`) may pick the right split at most this often; chance is 1 in 4. */
  maxFormRuleAccuracy: 0.35,
  /** The keyword baseline (see `KEYWORDS`) may name a task's key at most this often; chance is 1 in 3. */
  maxKeywordAccuracy: 0.45,
  /**
   * Among split options that name a role first, the share naming the product manager first, on
   * the right options and on the wrong ones alike: otherwise who comes first gives the split away.
   */
  pmNamedFirstShare: { min: 0.4, max: 0.6 },
  /** The most cards one idea (a card's `idea`) may be behind: a point is made once or twice, not six times. */
  maxCardsPerIdea: 3,
  /** Words in a takeaway, the one line the feedback shows beside the verdict. */
  maxTakeawayWords: 20,
  /** Words in a split's right option and its why together, what the split's feedback shows before "Why". */
  maxSplitGlanceWords: 27,
  /** Tasks the bank must hold on each of these topics. */
  minTopicCards: { positioning: 3, 'sales-enablement': 4, competitors: 4, 'market-performance': 4 } as Partial<
    Record<Topic, number>
  >,
  /** A source named by its code in text the learner reads: they are named in words (Torres, O'Brien). */
  sourceCode: /\bS\d\b/,
} as const;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const sharedCards = (bank: Bank) =>
  bank.scenarios.flatMap((scenario) => scenario.cards).filter((card) => card.key === 'both');

/** True when the right split option is at least as long as every other (in characters). */
function rightIsLongest(card: SharedCard): boolean {
  const right = card.overlap.options[correctSplit(card)]!.text.length;
  return card.overlap.options.every((option) => option.text.length <= right);
}

/** The longest split option of a card over its shortest, in characters. */
function splitLengthRatio(card: SharedCard): number {
  const lengths = card.overlap.options.map((option) => option.text.length);
  return Math.max(...lengths) / Math.max(1, Math.min(...lengths));
}

/**
 * The words a task sentence uses that name a deliverable of one role and so give the key away
 * (or that the learner cannot be expected to know yet), as written: `bannedTaskWords` of the
 * bank's language (src/core/bankLanguages.ts).
 */
function bannedWordsIn(task: string, cues: LanguageCues): string[] {
  return [...task.matchAll(cues.bannedTaskWords)].map((match) => match[0]);
}

/** Every text of a card the learner reads (the source list aside). */
export function learnerTexts(card: Card): string[] {
  return [
    card.task,
    card.explanation,
    card.takeaway,
    ...(card.key === 'both'
      ? [card.discuss, card.overlap.question ?? '', ...card.overlap.options.flatMap((o) => [o.text, o.why])]
      : [card.otherRole]),
    ...(card.views ?? []).map((view) => view.view),
  ];
}

/** The words a split's feedback shows before "Why": the right option and the line on why it is right. */
function splitGlanceWords(card: SharedCard): number {
  const right = card.overlap.options[correctSplit(card)]!;
  return words(right.text) + words(right.why);
}

/** Mean, largest and the card with the largest of some per-card counts. */
function spread(items: Array<{ id: string; value: number }>) {
  const largest = items.reduce<(typeof items)[number] | undefined>(
    (best, item) => (best && best.value >= item.value ? best : item),
    undefined,
  );
  return {
    mean: round2(items.reduce((sum, item) => sum + item.value, 0) / Math.max(1, items.length)),
    max: largest?.value ?? 0,
    maxCard: largest?.id,
  };
}

/** The share of options naming the product manager first, among those naming a role first. */
function pmFirstShare(texts: string[], cues: LanguageCues): number {
  const firsts = texts.map((text) => roleNamedFirst(text, cues)).filter((role) => role !== undefined);
  return round2(firsts.filter((role) => role === 'pm').length / Math.max(1, firsts.length));
}

/**
 * Mean difficulty (0 intro to 2 advanced) of each third of a full game, every company played
 * in the order a game deals them; the seed only moves cards within a company.
 */
export function difficultyByThird(bank: Bank, seed = 0): [number, number, number] {
  const cards = new Map(bank.scenarios.flatMap((scenario) => scenario.cards.map((card) => [card.id, card])));
  const dealt = buildRounds(
    bank,
    seed,
    bank.scenarios.map((scenario) => scenario.id),
  ).flatMap((round) => round.cardIds.map((id) => cards.get(id)!));
  const cut = (part: number) => Math.round((dealt.length * part) / 3);
  return [0, 1, 2].map((third) => round2(meanDifficulty(dealt.slice(cut(third), cut(third + 1))))) as [
    number,
    number,
    number,
  ];
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
  /** How often each form rule picks the right split, the best of them, and the form of the options. */
  form: {
    rules: Record<string, number>;
    best: { rule: string; accuracy: number };
    /** Shared cards whose right option has a wrong twin with the roles traded. */
    twinCards: number;
    /** Share of options naming the product manager first (of those naming a role first). */
    pmFirst: { right: number; wrong: number };
  };
  /** How often the keyword baseline names the key: by most hits, and guessing Both when both roles' words appear. */
  keywords: { mostHits: number; mixedMeansBoth: number; best: number };
  /** Distinct ideas, cards with none, and the idea behind the most cards. */
  ideas: { count: number; untagged: number; most: { idea: string | undefined; cards: number } };
  /** What the feedback shows before "Why": the takeaway, and on a split the right option with its line. */
  glance: {
    takeawayWords: { mean: number; max: number; maxCard: string | undefined };
    splitWords: { mean: number; max: number; maxCard: string | undefined };
  };
  /** Mean difficulty of the first, middle and last third of a full game. */
  difficultyByThird: [number, number, number];
  /** Cards whose learner-facing text names a source by its code. */
  sourceCodeCards: number;
  /** Intro cards that present a disagreement between sources. */
  introDisagreements: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function contentStats(bank: Bank): ContentStats {
  const cues = cuesFor(bank.language);
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
    bannedWordTasks: cards.filter((card) => bannedWordsIn(card.task, cues).length > 0).length,
    byCompany: bank.scenarios.map((scenario) => ({
      id: scenario.id,
      introBoth: scenario.cards.filter((card) => card.key === 'both' && card.difficulty === 'intro').length,
      storyFacts: scenario.cards.filter((card) => card.storyFact).length,
      compares: scenario.cards.filter((card) => card.compare).length,
    })),
    form: formFigures(shared, cues),
    keywords: keywordFigures(cards, cues),
    ideas: ideaFigures(cards),
    glance: {
      takeawayWords: spread(cards.map((card) => ({ id: card.id, value: words(card.takeaway) }))),
      splitWords: spread(shared.map((card) => ({ id: card.id, value: splitGlanceWords(card) }))),
    },
    difficultyByThird: difficultyByThird(bank),
    sourceCodeCards: cards.filter((card) => learnerTexts(card).some((text) => CONTENT.sourceCode.test(text))).length,
    introDisagreements: cards.filter((card) => card.difficulty === 'intro' && card.views).length,
  };
}

function formFigures(shared: SharedCard[], cues: LanguageCues): ContentStats['form'] {
  const rules = Object.fromEntries(
    Object.entries(FORM_RULES).map(([name, rule]) => [name, round2(formRuleAccuracy(rule, shared, cues))]),
  );
  const [rule, accuracy] = Object.entries(rules).reduce((best, item) => (item[1] > best[1] ? item : best));
  const [right, wrong] = [true, false].map((isRight) =>
    shared.flatMap((card) =>
      card.overlap.options.flatMap((option, index) =>
        (index === correctSplit(card)) === isRight ? [option.text] : [],
      ),
    ),
  );
  return {
    rules,
    best: { rule, accuracy },
    twinCards: shared.filter((card) => swappedTwins(card, cues).length > 0).length,
    pmFirst: {
      right: pmFirstShare(right!, cues),
      wrong: pmFirstShare(wrong!, cues),
    },
  };
}

function keywordFigures(cards: Card[], cues: LanguageCues): ContentStats['keywords'] {
  const mostHits = round2(keywordAccuracy(cards, false, cues));
  const mixedMeansBoth = round2(keywordAccuracy(cards, true, cues));
  return { mostHits, mixedMeansBoth, best: Math.max(mostHits, mixedMeansBoth) };
}

/** Cards per idea. */
function ideaCounts(cards: Card[]): Map<string, string[]> {
  const byIdea = new Map<string, string[]>();
  for (const card of cards) if (card.idea) byIdea.set(card.idea, [...(byIdea.get(card.idea) ?? []), card.id]);
  return byIdea;
}

function ideaFigures(cards: Card[]): ContentStats['ideas'] {
  const byIdea = [...ideaCounts(cards)];
  const most = byIdea.reduce<(typeof byIdea)[number] | undefined>(
    (best, item) => (best && best[1].length >= item[1].length ? best : item),
    undefined,
  );
  return {
    count: byIdea.length,
    untagged: cards.filter((card) => !card.idea).length,
    most: { idea: most?.[0], cards: most?.[1].length ?? 0 },
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
      const found = bannedWordsIn(card.task, cuesFor(bank.language));
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

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** No simple rule on the form of a split's options may find the right one well above chance. */
export function formProblems(bank: Bank, stats = contentStats(bank)): string[] {
  const { best, pmFirst } = stats.form;
  const { min, max } = CONTENT.pmNamedFirstShare;
  return [
    ...(best.accuracy > CONTENT.maxFormRuleAccuracy
      ? [
          `the form rule "${best.rule}" picks the right split on ${percent(best.accuracy)} of shared cards; at most ${percent(CONTENT.maxFormRuleAccuracy)} is allowed`,
        ]
      : []),
    ...sharedCards(bank)
      .filter((card) => swappedTwins(card, cuesFor(bank.language)).length > 0)
      .map((card) => `card "${card.id}": a wrong split is the right one with the roles traded`),
    ...(['right', 'wrong'] as const)
      .filter((side) => pmFirst[side] < min || pmFirst[side] > max)
      .map(
        (side) =>
          `${percent(pmFirst[side])} of the ${side} split options name the product manager first; ${percent(min)} to ${percent(max)} are wanted`,
      ),
  ];
}

/** Single words in a task must not decide its key. */
export function keywordProblems(bank: Bank, stats = contentStats(bank)): string[] {
  return stats.keywords.best > CONTENT.maxKeywordAccuracy
    ? [
        `the keyword baseline names the key of ${percent(stats.keywords.best)} of tasks; at most ${percent(CONTENT.maxKeywordAccuracy)} is allowed`,
      ]
    : [];
}

/** Every card names its idea, and no idea is behind more than a few cards. */
export function ideaProblems(bank: Bank): string[] {
  const cards = bank.scenarios.flatMap((scenario) => scenario.cards);
  return [
    ...cards.filter((card) => !card.idea).map((card) => `card "${card.id}" names no idea`),
    ...[...ideaCounts(cards)]
      .filter(([, ids]) => ids.length > CONTENT.maxCardsPerIdea)
      .map(
        ([idea, ids]) =>
          `the idea "${idea}" is behind ${ids.length} cards (${ids.join(', ')}); at most ${CONTENT.maxCardsPerIdea} are allowed`,
      ),
  ];
}

/** The feedback is read at a glance: a short takeaway, a short split, sources named in words. */
export function glanceProblems(bank: Bank): string[] {
  const cards = bank.scenarios.flatMap((scenario) => scenario.cards);
  return [
    ...cards
      .filter((card) => words(card.takeaway) > CONTENT.maxTakeawayWords)
      .map(
        (card) =>
          `card "${card.id}": its takeaway has ${words(card.takeaway)} words; at most ${CONTENT.maxTakeawayWords} are allowed`,
      ),
    ...sharedCards(bank)
      .filter((card) => splitGlanceWords(card) > CONTENT.maxSplitGlanceWords)
      .map(
        (card) =>
          `card "${card.id}": its right split and why have ${splitGlanceWords(card)} words; at most ${CONTENT.maxSplitGlanceWords} are allowed`,
      ),
    ...cards
      .filter((card) => learnerTexts(card).some((text) => CONTENT.sourceCode.test(text)))
      .map((card) => `card "${card.id}" names a source by its code where the learner reads it`),
  ];
}

/** Positioning, sales enablement, competitors and performance in the market are each taught. */
export function topicProblems(bank: Bank, stats = bankStats(bank)): string[] {
  return Object.entries(CONTENT.minTopicCards).flatMap(([topic, least]) =>
    (stats.byTopic[topic] ?? 0) < least
      ? [`${stats.byTopic[topic] ?? 0} tasks on "${topic}"; at least ${least} are needed`]
      : [],
  );
}

/** Difficulty rises across a full game, and an intro card never carries a disagreement. */
export function rampProblems(bank: Bank, stats = contentStats(bank)): string[] {
  const [first, middle, last] = stats.difficultyByThird;
  return [
    ...(first < middle && middle < last
      ? []
      : [`mean difficulty by third of a full game is ${first}, ${middle}, ${last}; it must rise`]),
    ...bank.scenarios
      .flatMap((scenario) => scenario.cards)
      .filter((card) => card.difficulty === 'intro' && card.views)
      .map((card) => `card "${card.id}" is intro but presents a disagreement between sources`),
  ];
}

/** The content rules by name: each returns the problems it finds, empty when kept. */
export const CONTENT_RULES = {
  explanations: explanationProblems,
  longestRight: longestRightProblems,
  splitLength: splitLengthProblems,
  bannedWords: bannedWordProblems,
  companies: companyProblems,
  form: formProblems,
  keywords: keywordProblems,
  ideas: ideaProblems,
  glance: glanceProblems,
  topics: topicProblems,
  ramp: rampProblems,
} as const satisfies Record<string, (bank: Bank) => string[]>;

/** Every content rule the bank breaks, as sentences; empty when it keeps them all. */
export function contentProblems(bank: Bank): string[] {
  return Object.values(CONTENT_RULES).flatMap((rule) => rule(bank));
}
