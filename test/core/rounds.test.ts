import { describe, expect, it } from 'vitest';
import {
  buildReviewRound,
  buildRounds,
  compareGentleness,
  interleave,
  meanDifficulty,
  optionOrder,
  rampCards,
} from '../../src/core/rounds';
import type { Card, SharedCard, Stage } from '../../src/core/schema';
import { fixtureBank } from '../support/fixtures';

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

describe('the difficulty ramp', () => {
  const template = bank.scenarios[0]!.cards[0]!;
  const KEY = { p: 'pm', m: 'pmm', b: 'both' } as const;
  const LEVEL = { i: 'intro', c: 'core', a: 'advanced' } as const;
  /** Cards from pairs such as "pi mc ba": key (p, m, b) then difficulty (i, c, a). */
  const make = (pattern: string, prefix = 'c') =>
    pattern.split(' ').map(
      ([k, d], i) =>
        ({
          ...template,
          id: `${prefix}${i}`,
          key: KEY[k as keyof typeof KEY],
          difficulty: LEVEL[d as keyof typeof LEVEL],
        }) as Card,
    );
  const levels = (cards: Card[]) => cards.map((card) => card.difficulty[0]).join('');
  const keys = (cards: Card[]) => cards.map((card) => ({ pm: 'p', pmm: 'm', both: 'b' })[card.key]).join('');

  it('deals intro, then core, then advanced, in a seeded order within each level', () => {
    const cards = make('pa mc bi pi mi bc pc ma ba');
    const orders = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const ramp = rampCards(cards, seed);
      expect(levels(ramp)).toBe('iiicccaaa');
      expect(rampCards(cards, seed)).toEqual(ramp);
      orders.add(ramp.map((card) => card.id).join());
    }
    expect(orders.size).toBeGreaterThan(10);
  });

  it('bends the ramp only to keep three cards of one key from coming in a row', () => {
    // Three PM intro cards: one must give way to a card from a later level.
    const cards = make('pi pi pi mc mc ba');
    for (let seed = 0; seed < 40; seed++) {
      const ramp = rampCards(cards, seed);
      expect(keys(ramp)).not.toMatch(/(.)\1\1/);
      expect(levels(ramp).slice(0, 2)).toBe('ii');
      expect(levels(ramp)).toMatch(/^ii[ca]i/);
    }
  });

  it('judges a company gentler by its mean difficulty, then by its intro cards', () => {
    expect(meanDifficulty(make('pi mc ba'))).toBe(1);
    expect(meanDifficulty([])).toBe(0);
    expect(compareGentleness(make('pi mi'), make('pi mc'))).toBeLessThan(0);
    expect(compareGentleness(make('pi mi pa ma'), make('pc mc'))).toBeLessThan(0);
    expect(compareGentleness(make('pc mc'), make('pi mi pa ma'))).toBeGreaterThan(0);
    expect(compareGentleness(make('pc mc'), make('pc bc'))).toBe(0);
  });

  it('orders the companies by stage, the gentlest first within a stage, ties in a seeded order', () => {
    const scenario = (id: string, stage: Stage, pattern: string) => ({
      ...bank.scenarios[0]!,
      id,
      stage,
      cards: make(pattern, id),
    });
    const ramped = {
      ...bank,
      scenarios: [
        scenario('reorg', 'reorganisation', 'pi mi bi pi'),
        scenario('hard', 'growth', 'pa ma ba pc'),
        scenario('gentle', 'growth', 'pi mi bc pa'),
        scenario('idea', 'idea', 'pa ma ba pa'),
        scenario('tie1', 'launch', 'pi mc bc pa'),
        scenario('tie2', 'launch', 'pc mi bc pa'),
      ],
    };
    const ids = ramped.scenarios.map((s) => s.id);
    const ties = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const order = buildRounds(ramped, seed, ids).map((round) => round.scenarioId);
      expect(order.slice(0, 1)).toEqual(['idea']);
      expect(order.slice(3)).toEqual(['gentle', 'hard', 'reorg']);
      ties.add(order.slice(1, 3).join());
    }
    expect([...ties].sort()).toEqual(['tie1,tie2', 'tie2,tie1']);
    // A replay judges gentleness on the cards it keeps: only gentle's advanced card is left.
    const replay = buildRounds(ramped, 1, ids, new Set(['gentle3', 'hard3']));
    expect(replay.map((round) => round.scenarioId)).toEqual(['hard', 'gentle']);
    // On the fixture bank, alpha (building) always comes before beta (growth).
    expect(buildRounds(bank, 3, ['beta', 'alpha']).map((round) => round.scenarioId)).toEqual(['alpha', 'beta']);
  });
});
