import { describe, expect, it } from 'vitest';
import { buildReviewRound, buildRounds, interleave, optionOrder } from '../../src/game/rounds';
import type { Card, SharedCard } from '../../src/game/schema';
import { fixtureBank } from '../fixtures';

const bank = fixtureBank();

describe('buildRounds', () => {
  it('plays every card of the chosen scenarios once, in an order fixed by the seed', () => {
    const rounds = buildRounds(bank, 1, ['alpha', 'beta']);
    expect(rounds.map((r) => r.scenarioId).sort()).toEqual(['alpha', 'beta']);
    expect(rounds.flatMap((r) => r.cardIds).sort()).toEqual(['a-both', 'a-pm', 'a-pmm', 'b-launch', 'b-roadmap']);
    expect(buildRounds(bank, 1, ['alpha', 'beta'])).toEqual(rounds);
  });

  it('orders differently for some other seed', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, seed) => JSON.stringify(buildRounds(bank, seed, ['alpha', 'beta']))),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('keeps only the chosen scenarios and, when asked, only some cards', () => {
    expect(buildRounds(bank, 1, ['beta']).map((r) => r.scenarioId)).toEqual(['beta']);
    const replay = buildRounds(bank, 1, ['alpha', 'beta'], new Set(['a-pm', 'a-both']));
    expect(replay).toHaveLength(1);
    expect(replay[0]!.cardIds.sort()).toEqual(['a-both', 'a-pm']);
    expect(buildRounds(bank, 1, ['nope'])).toEqual([]);
  });
});

describe('buildReviewRound', () => {
  it('deals the given cards in one round, taking the companies in turn', () => {
    const [round, ...rest] = buildReviewRound(bank, 4, ['a-pm', 'a-pmm', 'a-both', 'b-roadmap', 'nope']);
    expect(rest).toEqual([]);
    expect(round!.scenarioId).toBeNull();
    expect([...round!.cardIds].sort()).toEqual(['a-both', 'a-pm', 'a-pmm', 'b-roadmap']);
    const companies = round!.cardIds.map((id) => id[0]);
    expect(companies.slice(0, 2).sort()).toEqual(['a', 'b']);
    expect(buildReviewRound(bank, 4, ['a-pm', 'a-pmm', 'a-both', 'b-roadmap'])).toEqual([round]);
    expect(buildReviewRound(bank, 4, ['nope'])).toEqual([]);
  });
});

describe('optionOrder', () => {
  it('is a seeded permutation of the options', () => {
    const card = bank.scenarios[0]!.cards.find((c) => c.key === 'both') as SharedCard;
    const order = optionOrder(card, 5);
    expect([...order].sort()).toEqual([0, 1, 2]);
    expect(optionOrder(card, 5)).toEqual(order);
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => optionOrder(card, seed).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('interleave', () => {
  const template = bank.scenarios[0]!.cards[0]!;
  const KEY = { p: 'pm', m: 'pmm', b: 'both' } as const;
  /** Cards from a pattern such as "ppmb": p = pm, m = pmm, b = both. */
  const make = (pattern: string) =>
    [...pattern].map((k, i) => ({ ...template, id: `c${i}`, key: KEY[k as keyof typeof KEY] }) as Card);
  const pattern = (cards: Card[]) =>
    cards.map((card) => (card.key === 'pm' ? 'p' : card.key === 'pmm' ? 'm' : 'b')).join('');

  it('breaks up runs of more than two cards with the same key, keeping every card', () => {
    expect(pattern(interleave(make('pppmmmbb')))).toBe('ppmpmmbb');
  });

  it('leaves a well-mixed order alone and copes when a run cannot be broken', () => {
    expect(pattern(interleave(make('pmbpmb')))).toBe('pmbpmb');
    expect(pattern(interleave(make('mppp')))).toBe('pmpp');
    expect(pattern(interleave(make('pppp')))).toBe('pppp');
  });

  it('is applied to every round', () => {
    const lopsided = { ...bank, scenarios: [{ ...bank.scenarios[0]!, cards: make('ppppmmbb') }] };
    for (let seed = 0; seed < 50; seed++) {
      const [round] = buildRounds(lopsided, seed, [lopsided.scenarios[0]!.id]);
      const cards = round!.cardIds.map((id) => lopsided.scenarios[0]!.cards.find((card) => card.id === id)!);
      expect(pattern(cards)).not.toMatch(/(.)\1\1/);
    }
  });
});
