import { describe, expect, it } from 'vitest';
import { buildRounds } from '../../src/game/rounds';
import type { Bank, Card, SharedCard } from '../../src/game/schema';
import {
  BALANCE,
  balanceProblems,
  bankStats,
  bannedWordProblems,
  companyProblems,
  CONTENT,
  CONTENT_RULES,
  contentProblems,
  contentStats,
  explanationProblems,
  longestRightProblems,
  splitLengthProblems,
} from '../../src/game/stats';
import { loadBank } from '../../src/tools/loadBank';
import { fixtureBank } from '../fixtures';

// Loading validates every file, ids across the bank, source ids and overlap options;
// it throws a BankError naming file, card and field otherwise.
const bank = loadBank('questions');
const cards = bank.scenarios.flatMap((scenario) => scenario.cards);
const texts = (card: Card) => [
  card.task,
  card.explanation,
  card.takeaway,
  ...(card.key === 'both' ? card.overlap.options.flatMap((o) => [o.text, o.why]) : [card.otherRole]),
  ...(card.views ?? []).map((v) => v.view),
];

describe('the shipped question bank', () => {
  it('keeps every balance rule', () => {
    expect(balanceProblems(bank)).toEqual([]);
  });

  // The rules of learning design 2: the bank that ships before the rewrite does not keep them yet.
  it('keeps every content rule', () => {
    expect(contentProblems(bank)).toEqual([]);
  });

  it('gives every scenario at least six cards and a story', () => {
    for (const scenario of bank.scenarios) {
      expect(scenario.cards.length, scenario.id).toBeGreaterThanOrEqual(6);
      expect(scenario.story.split(/[.!?]\s/).length, scenario.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('never gives the answer away in a task', () => {
    const giveaways = /product (manager|marketer|management|marketing)|\bPMM?s?\b/i;
    expect(cards.filter((card) => giveaways.test(card.task)).map((card) => card.id)).toEqual([]);
  });

  it('quotes sources only in short phrases', () => {
    const long = cards.flatMap((card) =>
      texts(card).flatMap((text) =>
        [...text.matchAll(/["“]([^"”]+)["”]/g)]
          .filter((m) => m[1]!.split(/\s+/).length > 12)
          .map((m) => `${card.id}: ${m[0]}`),
      ),
    );
    expect(long).toEqual([]);
  });

  it('cites, on each disagreement card, every source its views name', () => {
    for (const card of cards.filter((c) => c.views)) {
      for (const view of card.views!) expect(card.sources, card.id).toEqual(expect.arrayContaining(view.sources));
    }
  });

  it('deals no three cards of one key in a row, whatever the seed', () => {
    const letter = { pm: 'p', pmm: 'm', both: 'b' } as const;
    const keyOf = new Map(cards.map((card) => [card.id, letter[card.key]]));
    for (let seed = 0; seed < 200; seed++) {
      for (const round of buildRounds(
        bank,
        seed,
        bank.scenarios.map((s) => s.id),
      )) {
        expect(round.cardIds.map((id) => keyOf.get(id)).join('')).not.toMatch(/(.)\1\1/);
      }
    }
  });
});

describe('the balance rules', () => {
  /** A copy of the shipped bank with every card changed by `change`. */
  const mutate = (change: (card: Card, index: number) => Card): Bank => {
    let index = 0;
    return {
      ...bank,
      scenarios: bank.scenarios.map((s) => ({ ...s, cards: s.cards.map((card) => change(card, index++)) })),
    };
  };

  it('reject a small, unbalanced bank', () => {
    const problems = balanceProblems(fixtureBank());
    expect(problems).toEqual(
      expect.arrayContaining([
        `2 scenarios; at least ${BALANCE.minScenarios} are needed`,
        `5 cards; at least ${BALANCE.minCards} are needed`,
        'source S3 backs 0 cards; at least 8 are needed',
        '1 cards present a disagreement between sources; at least 6 are needed',
        'scenario "beta" is one-sided: its cards are only pm, both',
      ]),
    );
  });

  it('catch a bank leaning on one key', () => {
    const leaning = mutate((card) => (card.key === 'both' ? card : { ...card, key: 'pm' }));
    expect(balanceProblems(leaning)).toContain('0% of cards are "pmm"; at least 30% are needed');
  });

  it('catch a source that backs too few cards', () => {
    const noS4 = mutate((card) => ({
      ...card,
      sources: card.sources
        .filter((s) => s !== 'S4')
        .concat(card.sources.length === 1 && card.sources[0] === 'S4' ? ['S5'] : []),
    }));
    expect(balanceProblems(noS4)).toContain('source S4 backs 0 cards; at least 8 are needed');
  });

  it('catch two cards with the same task text', () => {
    const copy = mutate((card, index) => (index === 1 ? { ...card, task: cards[0]!.task.toUpperCase() } : card));
    expect(balanceProblems(copy)).toContain(`cards "${cards[0]!.id}" and "${cards[1]!.id}" have the same task text`);
  });

  it('count what the stats report', () => {
    const stats = bankStats(bank);
    expect(stats.cards).toBe(cards.length);
    expect(Object.values(stats.byKey).reduce((a, b) => a + b, 0)).toBe(cards.length);
    expect(stats.scenarios.map((s) => s.id)).toEqual(bank.scenarios.map((s) => s.id));
  });
});

describe('the content rules', () => {
  const fixture = fixtureBank();
  /** The fixture bank with each card changed by `change`. */
  const edit = (base: Bank, change: (card: Card) => Card): Bank => ({
    ...base,
    scenarios: base.scenarios.map((s) => ({ ...s, cards: s.cards.map(change) })),
  });
  const options = (card: SharedCard, texts: string[]) => ({
    ...card,
    overlap: { ...card.overlap, options: card.overlap.options.map((o, i) => ({ ...o, text: texts[i]! })) },
  });
  /** The fixture rewritten to keep every content rule. */
  const kept = edit(fixture, (card) => {
    if (card.id === 'a-pm') return { ...card, task: 'Rank the asks for the next release', storyFact: 'small fixture' };
    if (card.id === 'b-roadmap')
      return { ...card, task: 'Order the features for next year', storyFact: 'Another fixture company' };
    if (card.key !== 'both') return card;
    // The right option (the second of a-both's, the first of b-launch's) is not the longest.
    const texts =
      card.id === 'a-both'
        ? [
            'Only product management needs to know them.',
            'Each role needs them for its own work.',
            'Only product marketing needs to know them.',
          ]
        : [
            'One readies it, the other takes it out.',
            'Marketing decides which features ship.',
            'Management writes the press release alone.',
          ];
    return { ...options(card, texts), difficulty: 'intro' };
  });

  it('are all kept by a bank written to them', () => {
    expect(contentProblems(kept)).toEqual([]);
    expect(Object.keys(CONTENT_RULES).sort()).toEqual([
      'bannedWords',
      'companies',
      'explanations',
      'longestRight',
      'splitLength',
    ]);
  });

  it('count the figures the stats report', () => {
    expect(contentStats(fixture)).toEqual({
      tasks: 5,
      companies: 2,
      explanationWords: { mean: 4.8, max: 6, maxCard: 'a-both' },
      shared: { cards: 2, rightLongest: 2, rightLongestShare: 1 },
      splitLengthRatio: { max: 1.75, card: 'b-launch', over: 2 },
      bannedWordTasks: 2,
      byCompany: [
        { id: 'alpha', introBoth: 0, storyFacts: 0, compares: 0 },
        { id: 'beta', introBoth: 0, storyFacts: 0, compares: 0 },
      ],
    });
  });

  it('catch long explanations', () => {
    const wordy = edit(kept, (card) => ({ ...card, explanation: Array(36).fill('word').join(' ') }));
    expect(explanationProblems(kept)).toEqual([]);
    expect(explanationProblems(wordy)).toEqual([
      'explanations run to 36 words on average; at most 35 are wanted (longest: "a-pm", 36 words)',
    ]);
  });

  it('catch a bank where the right split is the longest too often', () => {
    expect(longestRightProblems(kept)).toEqual([]);
    expect(longestRightProblems(fixture)).toEqual([
      `on 2 of 2 shared cards (100%) the right split is the longest option; at most ${CONTENT.maxLongestRightShare * 100}% are allowed`,
    ]);
  });

  it('catch split options of unlike length', () => {
    const uneven = edit(kept, (card) =>
      card.id === 'a-both'
        ? options(card as SharedCard, ['Only management.', 'Each role needs them for its own work.', 'Only marketing.'])
        : card,
    );
    expect(splitLengthProblems(kept)).toEqual([]);
    expect(splitLengthProblems(uneven)).toEqual([
      'card "a-both": its longest split option is 2.53 times its shortest; at most 1.5 is allowed',
    ]);
  });

  it.each([
    'Write the requirements',
    'Draft a requirement',
    'Split the epic into user stories',
    'Rewrite one user story',
    'Build the messaging framework',
    'Draft a positioning statement',
    'Plan the go-to-market',
    'Own the GTM plan',
    'Find product-market fit',
    'Test product market fit',
    'Describe the buyer persona',
    'Map the personas',
    'Run sales enablement',
    'Write the MRD',
    'Write the PRD',
    'Share the roadmap',
  ])('catch the banned words in the task "%s"', (task) => {
    const banned = edit(kept, (card) => (card.id === 'a-pmm' ? { ...card, task } : card));
    expect(bannedWordProblems(banned)).toEqual([expect.stringMatching(/^card "a-pmm": its task uses "/)]);
  });

  it('let words that only look like banned ones pass', () => {
    const close = edit(kept, (card) =>
      card.id === 'a-pmm' ? { ...card, task: 'Send what is required to personal story writers' } : card,
    );
    expect(bannedWordProblems(close)).toEqual([]);
    expect(bannedWordProblems(fixture)).toEqual([
      'card "a-pm": its task uses "requirements"',
      'card "b-roadmap": its task uses "roadmap"',
    ]);
  });

  it('catch a company with no intro shared card or no card decided by its story', () => {
    const flat = edit(kept, (card) =>
      card.id === 'b-launch'
        ? { ...card, difficulty: 'core' }
        : card.id === 'b-roadmap'
          ? { ...card, storyFact: undefined }
          : card,
    );
    expect(companyProblems(kept)).toEqual([]);
    expect(companyProblems(flat)).toEqual([
      'scenario "beta" has no intro card with the key "both"',
      'scenario "beta" has no card with a storyFact',
    ]);
  });
});
