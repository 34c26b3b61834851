import { correctSplit } from './scoring';
import { cuesFor, type LanguageCues } from './bankLanguages.ts';
import type { Card, Role, SharedCard } from './schema';

/**
 * Cues a learner could answer from without knowing the roles: the shape of a split's options,
 * or single words in a task. Each rule here is what a test-wise player might try; the content
 * rules keep every one of them near chance on the whole bank.
 */

/** A split option's words, lowercased, for comparing options. */
function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** Shared words over all words (order ignored): how alike two options look at a glance. */
function wordSimilarity(a: string, b: string): number {
  const setA = new Set(tokens(a));
  const setB = new Set(tokens(b));
  const shared = [...setA].filter((word) => setB.has(word)).length;
  return shared / Math.max(1, new Set([...setA, ...setB]).size);
}

/** The role a split option names first, if it names one. */
export function roleNamedFirst(text: string, cues: LanguageCues = cuesFor()): 'pm' | 'pmm' | undefined {
  const pm = cues.pmName.exec(text)?.index ?? Infinity;
  const pmm = cues.pmmName.exec(text)?.index ?? Infinity;
  return pm < pmm ? 'pm' : pmm < pm ? 'pmm' : undefined;
}

/** What an option gives each role: the words after each naming of it, up to the next naming of a role. */
function partsByRole(text: string, cues: LanguageCues): { pm: string; pmm: string } | undefined {
  const names = new RegExp(`${cues.pmName.source}|${cues.pmmName.source}`, 'giu');
  const found = [...text.matchAll(names)];
  const parts = { pm: '', pmm: '' };
  found.forEach((match, i) => {
    const role = cues.pmName.test(match[0]) ? 'pm' : 'pmm';
    const end = found[i + 1]?.index ?? text.length;
    parts[role] += ` ${text.slice(match.index + match[0].length, end)}`;
  });
  return parts.pm.trim() && parts.pmm.trim() ? parts : undefined;
}

/** How alike two options' parts must be, role for role with the roles traded, to make them twins. */
const TWIN_SIMILARITY = 0.4;

/**
 * The wrong options that are the right one with the roles traded: what the right option gives
 * the product manager, the twin gives the product marketer, and the other way round. A learner
 * who spots the pair has the answer down to two, and the role named first often settles it.
 */
export function swappedTwins(card: SharedCard, cues: LanguageCues = cuesFor()): string[] {
  const right = partsByRole(card.overlap.options[correctSplit(card)]!.text, cues);
  if (!right) return [];
  return card.overlap.options
    .filter((_, index) => index !== correctSplit(card))
    .filter((option) => {
      const parts = partsByRole(option.text, cues);
      if (!parts) return false;
      const traded = (wordSimilarity(right.pm, parts.pmm) + wordSimilarity(right.pmm, parts.pm)) / 2;
      const kept = (wordSimilarity(right.pm, parts.pm) + wordSimilarity(right.pmm, parts.pmm)) / 2;
      return traded >= TWIN_SIMILARITY && traded > kept;
    })
    .map((option) => option.text);
}

/**
 * A rule that picks split options from their form alone: the chance it gives each option
 * (ties share the pick, as a player guessing among them would).
 */
type FormRule = (options: readonly string[], cues: LanguageCues) => number[];

/** An even pick among the options `keep` marks; among all of them when it marks none. */
function among(options: readonly string[], keep: (text: string, index: number) => boolean): number[] {
  const kept = options.map(keep);
  const count = kept.filter(Boolean).length;
  return count ? kept.map((k) => (k ? 1 / count : 0)) : options.map(() => 1 / options.length);
}

/** The most alike pair of options (shared words), or undefined when several pairs tie. */
function mostSimilarPair(options: readonly string[]): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestScore = -1;
  let tied = false;
  for (let i = 0; i < options.length; i++)
    for (let j = i + 1; j < options.length; j++) {
      const score = wordSimilarity(options[i]!, options[j]!);
      if (score > bestScore) [best, bestScore, tied] = [[i, j], score, false];
      else if (score === bestScore) tied = true;
    }
  return tied ? undefined : best;
}

/** In the most alike pair, the option that names `role` first (both of the pair when neither or both do). */
function inPairNaming(role: 'pm' | 'pmm' | undefined): FormRule {
  return (options, cues) => {
    const pair = mostSimilarPair(options);
    if (!pair) return options.map(() => 1 / options.length);
    const named = pair.filter((index) => role && roleNamedFirst(options[index]!, cues) === role);
    const picks = named.length === 1 ? named : pair;
    return among(options, (_, index) => picks.includes(index));
  };
}

/** The simple form rules a test-wise learner might use on a split, by name. */
export const FORM_RULES: Record<string, FormRule> = {
  longest: (options) => {
    const most = Math.max(...options.map((text) => text.length));
    return among(options, (text) => text.length === most);
  },
  shortest: (options) => {
    const least = Math.min(...options.map((text) => text.length));
    return among(options, (text) => text.length === least);
  },
  'product manager named first': (options, cues) => among(options, (text) => roleNamedFirst(text, cues) === 'pm'),
  'product marketer named first': (options, cues) => among(options, (text) => roleNamedFirst(text, cues) === 'pmm'),
  'names both roles': (options, cues) => among(options, (text) => cues.pmName.test(text) && cues.pmmName.test(text)),
  'no absolute words': (options, cues) => among(options, (text) => !cues.absolute.test(text)),
  'most alike pair, product manager first': inPairNaming('pm'),
  'most alike pair, product marketer first': inPairNaming('pmm'),
  'most alike pair, either': inPairNaming(undefined),
  'most like the others': (options) => {
    const typical = options.map((text, i) =>
      options.reduce((sum, other, j) => (i === j ? sum : sum + wordSimilarity(text, other)), 0),
    );
    const most = Math.max(...typical);
    return among(options, (_, index) => typical[index] === most);
  },
};

/** How often a form rule picks the right split, over some shared cards (0 to 1). */
export function formRuleAccuracy(rule: FormRule, cards: readonly SharedCard[], cues: LanguageCues = cuesFor()): number {
  const right = cards.reduce((sum, card) => {
    const chances = rule(
      card.overlap.options.map((option) => option.text),
      cues,
    );
    return sum + chances[correctSplit(card)]!;
  }, 0);
  return right / Math.max(1, cards.length);
}

/**
 * The keys a keyword rule picks for a task: the lists with the most hits (all three when none
 * hits). The lists (`LanguageCues.keywords`, src/core/bankLanguages.ts) were fixed before the
 * bank's keys were rewritten to defeat them (issue 27): the bank is written so that these words
 * do not decide the key.
 */
export function keywordGuess(task: string, mixedMeansBoth = false, cues: LanguageCues = cuesFor()): Role[] {
  const words = tokens(task);
  const hits = (role: Role) =>
    cues.keywords[role].filter((keyword) => words.some((word) => cues.isKeyword(word, keyword))).length;
  const counts = { pm: hits('pm'), pmm: hits('pmm'), both: hits('both') };
  if (mixedMeansBoth && counts.pm > 0 && counts.pmm > 0) return ['both'];
  const most = Math.max(counts.pm, counts.pmm, counts.both);
  return (['pm', 'pmm', 'both'] as const).filter((role) => counts[role] === most);
}

/**
 * How often the keyword rule names the key, over some cards (0 to 1); a tie counts as an even
 * guess among the keys tied. `mixedMeansBoth` guesses Both when words of both roles appear.
 */
export function keywordAccuracy(
  cards: readonly Card[],
  mixedMeansBoth = false,
  cues: LanguageCues = cuesFor(),
): number {
  const right = cards.reduce((sum, card) => {
    const guesses = keywordGuess(card.task, mixedMeansBoth, cues);
    return sum + (guesses.includes(card.key) ? 1 / guesses.length : 0);
  }, 0);
  return right / Math.max(1, cards.length);
}
