import { describe, expect, it } from 'vitest';
import { ranked } from '../../../src/core/scoring';
import type { CardEntries } from '../../../src/core/workshop';
import {
  boardRows,
  finalHeadline,
  nameList,
  podiumLayout,
  revealHeadline,
  roomHeadline,
  splitSpread,
  type ScoreLine,
} from '../../../src/modes/workshop/show';
import { fixtureBank } from '../../support/fixtures';

/** Standings from points by name, in the order given (ties keep it), as the core ranks them. */
const lines = (points: Record<string, number>): ScoreLine[] =>
  ranked(Object.entries(points).map(([name, points]) => ({ key: name, name, points })));

/** Where each name stands on the podium: its column, its height, its step. */
const spots = (points: Record<string, number>) =>
  Object.fromEntries(
    podiumLayout(lines(points)).spots.map((spot) => [spot.line.name, [spot.column, spot.height, spot.step]]),
  );

describe('the headline of a reveal', () => {
  const three = { Red: 0, Blue: 0, Green: 0 };

  it('names a new leader, or the teams that now share the lead', () => {
    expect(revealHeadline({ before: lines(three), after: lines({ Red: 1, Blue: 0, Green: 0 }), right: 1, of: 3 })).toBe(
      'Red takes the lead',
    );
    expect(
      revealHeadline({
        before: lines({ Red: 2, Blue: 1, Green: 1 }),
        after: lines({ Red: 2, Blue: 2, Green: 2 }),
        right: 2,
        of: 3,
      }),
    ).toBe('Red, Blue and Green share the lead');
    expect(
      revealHeadline({
        before: lines({ Red: 2, Blue: 1, Green: 0 }),
        after: lines({ Red: 2, Blue: 2, Green: 1 }),
        right: 2,
        of: 3,
      }),
    ).toBe('Red and Blue share the lead');
    expect(
      revealHeadline({
        before: lines({ Red: 2, Blue: 1, Green: 0 }),
        after: lines({ Blue: 3, Red: 2, Green: 0 }),
        right: 1,
        of: 3,
      }),
    ).toBe('Blue takes the lead');
  });

  it('counts more than three leaders instead of naming them', () => {
    const before = lines({ A: 0, B: 0, C: 0, D: 0, E: 0 });
    const after = lines({ A: 1, B: 1, C: 1, D: 1, E: 0 });
    expect(revealHeadline({ before, after, right: 4, of: 5 })).toBe('4 teams share the lead');
    expect(revealHeadline({ before, after, right: 4, of: 5, unit: 'phone' })).toBe('4 phones share the lead');
  });

  it('says when everyone got it, and when nobody did', () => {
    expect(revealHeadline({ before: lines(three), after: lines({ Red: 1, Blue: 1, Green: 1 }), right: 3, of: 3 })).toBe(
      'Everyone got it',
    );
    expect(
      revealHeadline({
        before: lines({ Red: 2, Blue: 1, Green: 1 }),
        after: lines({ Red: 3, Blue: 2, Green: 2 }),
        right: 3,
        of: 3,
      }),
    ).toBe('Everyone got it');
    const still = lines({ Red: 2, Blue: 1, Green: 0 });
    expect(revealHeadline({ before: still, after: still, right: 0, of: 3 })).toBe('A tough one: nobody got it');
    expect(revealHeadline({ before: [], after: [], right: 0, of: 0, unit: 'phone' })).toBe('No answers this time');
  });

  it('puts a change at the top before everyone getting it (a speed bonus can make one)', () => {
    expect(
      revealHeadline({
        before: lines({ Red: 2, Blue: 1 }),
        after: lines({ Blue: 3, Red: 3 }),
        right: 2,
        of: 2,
      }),
    ).toBe('Blue and Red share the lead');
  });

  it('says whether a leader pulls ahead or just stays in front, and when a shared lead holds', () => {
    expect(
      revealHeadline({
        before: lines({ Red: 2, Blue: 1 }),
        after: lines({ Red: 3, Blue: 1 }),
        right: 1,
        of: 2,
      }),
    ).toBe('Red pulls ahead');
    expect(
      revealHeadline({
        before: lines({ Red: 3, Blue: 1 }),
        after: lines({ Red: 3, Blue: 2 }),
        right: 1,
        of: 2,
      }),
    ).toBe('Red stays in front');
    expect(
      revealHeadline({
        before: lines({ Red: 1, Blue: 1, Green: 0 }),
        after: lines({ Red: 1, Blue: 1, Green: 1 }),
        right: 1,
        of: 3,
      }),
    ).toBe('Red, Blue and Green share the lead');
    expect(
      revealHeadline({
        before: lines({ Red: 1, Blue: 1, Green: 0 }),
        after: lines({ Red: 2, Blue: 2, Green: 0 }),
        right: 2,
        of: 3,
      }),
    ).toBe('Red and Blue still share the lead');
  });

  it('names the change over a whole company without counting answers', () => {
    expect(revealHeadline({ before: lines(three), after: lines({ Green: 4, Red: 3, Blue: 1 }) })).toBe(
      'Green takes the lead',
    );
    expect(revealHeadline({ before: lines(three), after: lines(three) })).toBe('Nobody has scored yet');
  });

  it('reads a show of hands by the share that was right', () => {
    expect(roomHeadline(100, 20)).toBe('Everyone got it');
    expect(roomHeadline(0, 20)).toBe('A tough one: nobody got it');
    expect(roomHeadline(80, 20)).toBe('Most of the room got it');
    expect(roomHeadline(50, 20)).toBe('The room is split');
    expect(roomHeadline(10, 20)).toBe('Only a few got it');
    expect(roomHeadline(0, 0)).toBe('No hands counted this time');
  });
});

describe('the animated scoreboard', () => {
  it('gives each line its place before and now, and the points it earned', () => {
    const rows = boardRows(lines({ Red: 2, Blue: 1, Green: 0 }), lines({ Blue: 2, Red: 2, Green: 1 }));
    expect(rows.map((row) => [row.name, row.before.index, row.index, row.gained, row.before.rank, row.rank])).toEqual([
      ['Blue', 1, 0, 1, 2, 1],
      ['Red', 0, 1, 0, 1, 1],
      ['Green', 2, 2, 1, 3, 3],
    ]);
  });

  it('shows only the first lines, and brings a newcomer in from below them', () => {
    const before = lines({ A: 3, B: 2, C: 1, D: 0 });
    const after = lines({ D: 4, A: 3, B: 2, C: 1 });
    const rows = boardRows(before, after, 2);
    expect(rows.map((row) => [row.name, row.before.index, row.index])).toEqual([
      ['D', 2, 0],
      ['A', 0, 1],
    ]);
    expect(boardRows([], lines({ New: 1 }))[0]).toMatchObject({ before: { index: 1, points: 0, rank: 1 }, gained: 1 });
  });

  it('lists names as a sentence', () => {
    expect([nameList([]), nameList(['Red']), nameList(['Red', 'Blue']), nameList(['A', 'B', 'C'])]).toEqual([
      '',
      'Red',
      'Red and Blue',
      'A, B and C',
    ]);
    expect(nameList(['A', 'B', 'C', 'D'], 'phone')).toBe('4 phones');
  });
});

describe('the podium', () => {
  it('stands first in the middle, second at left and third at right, each as tall as its rank', () => {
    expect(spots({ Red: 5, Blue: 4, Green: 3, Gold: 1 })).toEqual({
      Red: [2, 1, 1],
      Blue: [1, 0.74, 2],
      Green: [3, 0.52, 3],
    });
    const layout = podiumLayout(lines({ Red: 5, Blue: 4, Green: 3, Gold: 1 }));
    expect(layout.columns).toBe(3);
    expect(layout.rest.map((line) => line.name)).toEqual(['Gold']);
    // First place first, so a screen reader hears the podium from the top.
    expect(layout.spots.map((spot) => spot.line.rank)).toEqual([1, 2, 3]);
  });

  it('puts a tie at the top side by side in the middle at one height, third still at right', () => {
    const layout = podiumLayout(lines({ Red: 5, Blue: 5, Green: 3 }));
    expect(spots({ Red: 5, Blue: 5, Green: 3 })).toEqual({ Red: [2, 1, 1], Blue: [3, 1, 1], Green: [4, 0.52, 3] });
    // Nobody is second: the left side stays empty, as wide as the right, so the winners stand centred.
    expect(layout.columns).toBe(4);
  });

  it('puts a tie at second side by side at left, at one height, with first in the middle', () => {
    expect(spots({ Red: 5, Blue: 4, Green: 4, Gold: 1 })).toEqual({
      Red: [3, 1, 1],
      Blue: [1, 0.74, 2],
      Green: [2, 0.74, 2],
    });
    expect(podiumLayout(lines({ Red: 5, Blue: 4, Green: 4, Gold: 1 })).columns).toBe(5);
  });

  it('puts a three-way tie side by side in the middle at one height, and a tie at third at right', () => {
    expect(spots({ Red: 3, Blue: 3, Green: 3, Gold: 1 })).toEqual({
      Red: [1, 1, 1],
      Blue: [2, 1, 1],
      Green: [3, 1, 1],
    });
    expect(podiumLayout(lines({ Red: 3, Blue: 3, Green: 3, Gold: 1 })).rest.map((line) => line.rank)).toEqual([4]);
    expect(spots({ Red: 5, Blue: 4, Green: 2, Gold: 2 })).toEqual({
      Red: [3, 1, 1],
      Blue: [2, 0.74, 2],
      Green: [4, 0.52, 3],
      Gold: [5, 0.52, 3],
    });
  });

  it('keeps the middle centred with twelve teams, and lists the rest below', () => {
    const twelve = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`Team ${i + 1}`, 12 - i]));
    const layout = podiumLayout(lines(twelve));
    expect(layout.columns).toBe(3);
    expect(layout.rest).toHaveLength(9);
    const level = podiumLayout(lines(Object.fromEntries(Object.keys(twelve).map((name) => [name, 0]))));
    expect([level.columns, level.spots.length, level.rest.length]).toEqual([12, 12, 0]);
    expect(podiumLayout([])).toEqual({ columns: 0, spots: [], rest: [] });
  });

  it('gives the final headline: a winner, a shared win, or nobody', () => {
    expect(finalHeadline(lines({ Red: 5, Blue: 4 }))).toBe('Red wins!');
    expect(finalHeadline(lines({ Red: 5, Blue: 5, Green: 1 }))).toBe('Red and Blue share the win');
    expect(finalHeadline(lines({ Red: 5, Blue: 5, Green: 5 }))).toBe(
      'A three-way tie: Red, Blue and Green share the win',
    );
    expect(finalHeadline(lines({ A: 1, B: 1, C: 1, D: 1 }), 'phone')).toBe('4 phones share the win');
    expect(finalHeadline(lines({ Red: 0, Blue: 0 }))).toBe('A tough workshop: nobody scored');
    expect(finalHeadline([])).toBe('Thanks for playing');
  });
});

describe('how the room split the shared work', () => {
  const bank = fixtureBank();
  const shared = [...bank.cards.values()].find(({ card }) => card.key === 'both')!.card;
  const plain = [...bank.cards.values()].find(({ card }) => card.key !== 'both')!.card;
  const entries = (votes: CardEntries['votes']): CardEntries => ({
    picks: [],
    left: [],
    tally: { pm: 0, pmm: 0, both: 0 },
    votes,
  });

  it('counts the phones that chose each split, the right one marked, in the card order', () => {
    const right = shared.key === 'both' ? shared.overlap.options.findIndex((option) => option.correct) : -1;
    const other = right === 0 ? 1 : 0;
    const spread = splitSpread(
      shared,
      entries({
        a: { role: 'both', left: null, order: 0, split: right },
        b: { role: 'both', left: null, order: 1, split: right },
        c: { role: 'both', left: null, order: 2, split: other },
        // Not counted: a split without Both, Both without a split, a split the card does not have.
        d: { role: 'pm', left: null, order: 3, split: right },
        e: { role: 'both', left: null, order: 4, split: null },
        f: { role: 'both', left: null, order: 5, split: 99 },
      }),
    )!;
    expect(spread.map((split) => split.count)).toEqual(
      spread.map((_, index) => (index === right ? 2 : index === other ? 1 : 0)),
    );
    expect(spread.filter((split) => split.right)).toHaveLength(1);
    expect(spread[right]!.right).toBe(true);
    expect(splitSpread(shared, undefined)!.every((split) => split.count === 0)).toBe(true);
  });

  it('has nothing to show on a task that is not shared', () => {
    expect(splitSpread(plain, entries({}))).toBeUndefined();
  });
});
