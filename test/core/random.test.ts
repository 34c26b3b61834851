import { describe, expect, it } from 'vitest';
import { deriveSeed, random, shuffle } from '../../src/core/random';

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = random(42);
    const b = random(42);
    const c = random(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it('shuffles into a permutation that depends only on the seed', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = shuffle(items, 7);
    expect(shuffled).toEqual(shuffle(items, 7));
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(shuffle(items, 8)).not.toEqual(shuffled);
    expect(items[0]).toBe(0);
  });

  it('derives distinct, stable seeds from labels', () => {
    expect(deriveSeed(1, 'scenarios')).toBe(deriveSeed(1, 'scenarios'));
    expect(deriveSeed(1, 'scenarios')).not.toBe(deriveSeed(1, 'alpha'));
    expect(deriveSeed(1, 'alpha')).not.toBe(deriveSeed(2, 'alpha'));
  });
});
