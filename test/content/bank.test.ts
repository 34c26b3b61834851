import { describe, expect, it } from 'vitest';
import { buildRounds } from '../../src/core/rounds';
import type { Bank, Card, SharedCard } from '../../src/core/schema';
import { FORM_RULES, formRuleAccuracy, keywordAccuracy, swappedTwins } from '../../src/core/formCues';
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
  difficultyByThird,
  explanationProblems,
  formProblems,
  glanceProblems,
  ideaProblems,
  keywordProblems,
  learnerTexts,
  longestRightProblems,
  rampProblems,
  splitLengthProblems,
  topicProblems,
} from '../../src/core/stats';
import { loadBank } from '../../src/core/loadBank';
import { fixtureBank } from '../support/fixtures';
import { cuesFor } from '../../src/core/bankLanguages';

const texts = learnerTexts;
// Loading validates every file, ids across the bank, source ids and overlap options;
// it throws a BankError naming file, card and field otherwise.
const english = loadBank('questions');

/** Each shipped bank: the English one, and the German translation with the same ids and keys. */
const BANKS = [
  {
    name: 'English',
    bank: english,
    // Words the issue found deciding keys, which must appear under more than one key.
    signs: [/\bads?\b|\badverts?\b/i, /\bemails?\b/i, /\bdevelopers?\b/i, /\bcrash/i, /\blaunch/i, /\bprices?\b/i],
    evidenceThenDecision: /product manager[^;]*decides/,
  },
  {
    name: 'German',
    bank: loadBank('questions/de'),
    signs: [/anzeige|werbung|spot/i, /mail/i, /entwickl/i, /absturz|abstürz|crash/i, /launch/i, /preis/i],
    evidenceThenDecision: /Produktmanagement[^;]*(entscheidet|trifft)/,
  },
];

describe.each(BANKS)('the shipped question bank in $name', ({ bank, signs, evidenceThenDecision }) => {
  const cards = bank.scenarios.flatMap((scenario) => scenario.cards);
  const shared = cards.filter((card): card is SharedCard => card.key === 'both');
  const cues = cuesFor(bank.language);

  describe('as a whole', () => {
    it('keeps every balance rule', () => {
      expect(balanceProblems(bank)).toEqual([]);
    });

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
      expect(cards.filter((card) => cues.giveaways.test(card.task)).map((card) => card.id)).toEqual([]);
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

  describe('read from its form alone', () => {
    it('lets no simple rule on the form of the splits find the right one much above chance', () => {
      const accuracy = Object.entries(FORM_RULES).map(([rule, pick]) => ({
        rule,
        accuracy: formRuleAccuracy(pick, shared, cues),
      }));
      expect(shared.every((card) => card.overlap.options.length === 4)).toBe(true);
      expect(accuracy.filter((item) => item.accuracy > CONTENT.maxFormRuleAccuracy)).toEqual([]);
    });

    it('gives no right split a wrong twin with the roles traded, and names the roles first evenly', () => {
      expect(shared.filter((card) => swappedTwins(card, cues).length).map((card) => card.id)).toEqual([]);
      const { right, wrong } = contentStats(bank).form.pmFirst;
      for (const share of [right, wrong]) {
        expect(share).toBeGreaterThanOrEqual(CONTENT.pmNamedFirstShare.min);
        expect(share).toBeLessThanOrEqual(CONTENT.pmNamedFirstShare.max);
      }
    });

    it('lets no keyword rule on the tasks name the key much above chance', () => {
      expect(keywordAccuracy(cards, false, cues)).toBeLessThanOrEqual(CONTENT.maxKeywordAccuracy);
      expect(keywordAccuracy(cards, true, cues)).toBeLessThanOrEqual(CONTENT.maxKeywordAccuracy);
    });

    it('uses the words the issue found deciding keys under more than one key', () => {
      const keysOf = (word: RegExp) => new Set(cards.filter((card) => word.test(card.task)).map((card) => card.key));
      for (const word of signs) expect(keysOf(word).size, String(word)).toBeGreaterThanOrEqual(2);
    });
  });

  describe('idea by idea', () => {
    const byIdea = new Map<string | undefined, Card[]>();
    for (const card of cards) byIdea.set(card.idea, [...(byIdea.get(card.idea) ?? []), card]);

    it('names the idea behind every card, and puts no idea behind more than three cards', () => {
      expect(cards.filter((card) => !card.idea).map((card) => card.id)).toEqual([]);
      expect(
        [...byIdea].filter(([, ideaCards]) => ideaCards.length > CONTENT.maxCardsPerIdea).map(([idea]) => idea),
      ).toEqual([]);
    });

    it('keeps a build call made on marketing evidence with product management, and shares it only with the research', () => {
      const decided = byIdea.get('build-call-after-evidence') ?? [];
      expect(decided.length).toBeGreaterThanOrEqual(2);
      expect(decided.map((card) => card.key)).toEqual(decided.map(() => 'pm'));
      for (const card of byIdea.get('evidence-then-decision') ?? []) {
        expect(card.key).toBe('both');
        const right = (card as SharedCard).overlap.options.find((option) => option.correct)!.text;
        expect(right).toMatch(evidenceThenDecision);
      }
    });

    it('teaches positioning, sales enablement, competitors and performance in the market', () => {
      const { byTopic } = bankStats(bank);
      for (const [topic, least] of Object.entries(CONTENT.minTopicCards))
        expect(byTopic[topic], topic).toBeGreaterThanOrEqual(least);
      // The sources' headline disagreement: the Distinction article gives positioning to marketing, O'Brien to the product manager.
      const disputed = cards.filter(
        (card) =>
          card.topics.includes('positioning') &&
          card.views?.some((view) => view.sources.includes('S5')) &&
          card.views.some((view) => view.sources.includes('S3')),
      );
      expect(disputed.map((card) => card.key)).toContain('both');
    });
  });

  describe('at a glance and across a game', () => {
    it('gives every card a takeaway of at most 20 words and every split a short line', () => {
      const { takeawayWords, splitWords } = contentStats(bank).glance;
      expect(takeawayWords.max).toBeLessThanOrEqual(CONTENT.maxTakeawayWords);
      expect(splitWords.max).toBeLessThanOrEqual(CONTENT.maxSplitGlanceWords);
    });

    it('names sources in words, never by their code, wherever the learner reads', () => {
      const coded = cards.flatMap((card) =>
        texts(card)
          .filter((text) => /\bS\d\b/.test(text))
          .map(() => card.id),
      );
      expect(coded).toEqual([]);
      expect(bank.sources.every((source) => source.name)).toBe(true);
    });

    it('rises in difficulty from the first third of a full game to the last, whatever the seed', () => {
      for (let seed = 0; seed < 30; seed++) {
        const [first, middle, last] = difficultyByThird(bank, seed);
        expect(first, `seed ${seed}`).toBeLessThan(middle);
        expect(middle, `seed ${seed}`).toBeLessThan(last);
      }
    });

    it('keeps disagreements between sources off intro cards', () => {
      expect(cards.filter((card) => card.difficulty === 'intro' && card.views).map((card) => card.id)).toEqual([]);
    });
  });
});

describe('the German question bank', () => {
  const german = BANKS[1]!.bank;
  const shape = (bank: Bank) =>
    bank.scenarios.map((scenario) => ({
      id: scenario.id,
      stage: scenario.stage,
      cards: scenario.cards.map((card) => ({
        id: card.id,
        key: card.key,
        idea: card.idea,
        topics: card.topics,
        difficulty: card.difficulty,
        sources: card.sources,
        compare: card.compare,
        storyFact: card.storyFact !== undefined,
        views: card.views?.map((view) => view.sources),
        split: card.key === 'both' ? card.overlap.options.map((option) => option.correct === true) : undefined,
      })),
    }));

  it('is the English bank translated: the same companies, cards, keys, ideas, sources and right splits', () => {
    expect(german.language).toBe('de');
    expect(shape(german)).toEqual(shape(english));
    expect(german.sources.map((source) => source.id)).toEqual(english.sources.map((source) => source.id));
  });

  it('is written in German, not left in English', () => {
    const untranslated = german.scenarios.flatMap((scenario, s) =>
      scenario.cards.filter((card, c) => card.task === english.scenarios[s]!.cards[c]!.task).map((card) => card.id),
    );
    expect(untranslated).toEqual([]);
  });
});

// The rules themselves, tried on changed copies of the English bank.
const bank = english;
const cards = bank.scenarios.flatMap((scenario) => scenario.cards);
const shared = cards.filter((card): card is SharedCard => card.key === 'both');

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

  it('are kept card by card by a bank written to them', () => {
    // The rules on the whole bank (form, keywords, topics, ramp) need a bank of its size: they
    // are tried on the shipped bank below.
    for (const rule of [
      explanationProblems,
      longestRightProblems,
      splitLengthProblems,
      bannedWordProblems,
      companyProblems,
      glanceProblems,
    ])
      expect(rule(kept), rule.name).toEqual([]);
    expect(Object.keys(CONTENT_RULES).sort()).toEqual([
      'bannedWords',
      'companies',
      'explanations',
      'form',
      'glance',
      'ideas',
      'keywords',
      'longestRight',
      'ramp',
      'splitLength',
      'topics',
    ]);
  });

  it('count the figures the stats report', () => {
    const stats = contentStats(fixture);
    expect(stats).toMatchObject({
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
      // Both right splits are the longest and name both roles; one names the product manager first.
      form: { best: { rule: 'longest', accuracy: 1 }, twinCards: 0, pmFirst: { right: 1, wrong: 0.5 } },
      ideas: { count: 0, untagged: 5 },
      glance: {
        takeawayWords: { mean: 4.6, max: 6, maxCard: 'b-roadmap' },
        splitWords: { max: 19, maxCard: 'a-both' },
      },
      sourceCodeCards: 0,
      introDisagreements: 0,
    });
    expect(Object.keys(stats.form.rules)).toEqual(Object.keys(FORM_RULES));
    expect(stats.keywords.best).toBe(Math.max(stats.keywords.mostHits, stats.keywords.mixedMeansBoth));
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

describe('the content rules on the whole bank', () => {
  /** A copy of the shipped bank with every card changed by `change`. */
  const mutate = (change: (card: Card) => Card): Bank => ({
    ...bank,
    scenarios: bank.scenarios.map((s) => ({ ...s, cards: s.cards.map(change) })),
  });
  /** A copy of the shipped bank with every shared card's options changed by `change`. */
  const mutateOptions = (change: (option: SharedCard['overlap']['options'][number]) => typeof option) =>
    mutate((card) =>
      card.key === 'both' ? { ...card, overlap: { ...card.overlap, options: card.overlap.options.map(change) } } : card,
    );

  it('are all kept by the shipped bank', () => {
    for (const [name, rule] of Object.entries(CONTENT_RULES)) expect(rule(bank), name).toEqual([]);
  });

  it('catch splits answerable from their form', () => {
    const longest = mutateOptions((option) =>
      option.correct ? { ...option, text: `${option.text} In short, each role does its own part of it.` } : option,
    );
    expect(formProblems(longest)).toContainEqual(
      expect.stringMatching(/^the form rule "longest" picks the right split on 100%/),
    );
    const pmFirst = mutateOptions((option) =>
      option.correct ? { ...option, text: `The product manager and the product marketer: ${option.text}` } : option,
    );
    expect(formProblems(pmFirst)).toContain(
      '100% of the right split options name the product manager first; 40% to 60% are wanted',
    );
  });

  it('catch a wrong split that is the right one with the roles traded', () => {
    const [card] = shared;
    const right = 'The product manager defines the app in detail; the product marketer shapes the message.';
    const twin = 'The product marketer defines the app in detail; the product manager shapes the message.';
    const twinned = mutate((other) =>
      other.id === card!.id
        ? {
            ...card!,
            overlap: {
              ...card!.overlap,
              options: card!.overlap.options.map((option, index) =>
                option.correct
                  ? { ...option, text: right }
                  : index === 0 || index === 1
                    ? { ...option, text: twin }
                    : option,
              ),
            },
          }
        : other,
    );
    expect(formProblems(twinned)).toContain(`card "${card!.id}": a wrong split is the right one with the roles traded`);
  });

  it('catch tasks whose words give the key away', () => {
    const word = { pm: 'feature', pmm: 'campaign', both: 'together' } as const;
    const telling = mutate((card) => ({ ...card, task: `Do the ${word[card.key]} work` }));
    expect(keywordProblems(telling)).toEqual([
      'the keyword baseline names the key of 100% of tasks; at most 45% is allowed',
    ]);
  });

  it('catch a card with no idea, and an idea asked too often', () => {
    const untagged = mutate((card) => (card.id === cards[0]!.id ? { ...card, idea: undefined } : card));
    expect(ideaProblems(untagged)).toEqual([`card "${cards[0]!.id}" names no idea`]);
    const repeated = mutate((card) => (card.key === 'pm' ? { ...card, idea: 'one-idea' } : card));
    expect(ideaProblems(repeated)).toEqual([expect.stringMatching(/^the idea "one-idea" is behind \d+ cards/)]);
  });

  it('catch long takeaways, long splits and sources named by code', () => {
    const [first] = cards;
    const [split] = shared;
    const wordy = mutate((card) =>
      card.id === first!.id
        ? { ...card, takeaway: Array(21).fill('word').join(' '), explanation: `${card.explanation} (S2)` }
        : card.id === split!.id
          ? {
              ...card,
              overlap: {
                ...(card as SharedCard).overlap,
                options: (card as SharedCard).overlap.options.map((option) =>
                  option.correct ? { ...option, why: Array(20).fill('word').join(' ') } : option,
                ),
              },
            }
          : card,
    );
    expect(glanceProblems(wordy)).toEqual([
      `card "${first!.id}": its takeaway has 21 words; at most 20 are allowed`,
      expect.stringMatching(new RegExp(`^card "${split!.id}": its right split and why have \\d+ words; at most 27`)),
      `card "${first!.id}" names a source by its code where the learner reads it`,
    ]);
  });

  it('catch a topic the bank no longer teaches', () => {
    const untaught = mutate((card) => ({
      ...card,
      topics: card.topics.map((t) => (t === 'positioning' ? 'messaging' : t)),
    }));
    expect(topicProblems(untaught)).toEqual(['0 tasks on "positioning"; at least 3 are needed']);
  });

  it('catch a game that does not get harder, and a disagreement on an intro card', () => {
    const level = { intro: 'advanced', core: 'core', advanced: 'intro' } as const;
    const reversed = mutate((card) => ({ ...card, difficulty: level[card.difficulty] }));
    expect(rampProblems(reversed)).toContainEqual(
      expect.stringMatching(/^mean difficulty by third of a full game is .*; it must rise$/),
    );
    const disputed = cards.find((card) => card.views)!;
    const early = mutate((card) => (card.id === disputed.id ? { ...card, difficulty: 'intro' } : card));
    expect(rampProblems(early)).toEqual([`card "${disputed.id}" is intro but presents a disagreement between sources`]);
  });
});
