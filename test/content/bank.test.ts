import { describe, expect, it } from 'vitest';
import { buildRounds } from '../../src/game/rounds';
import type { Bank, Card } from '../../src/game/schema';
import { BALANCE, balanceProblems, bankStats } from '../../src/game/stats';
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
