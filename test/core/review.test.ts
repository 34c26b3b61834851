import { describe, expect, it } from 'vitest';
import { dayStart, dueCards, reviewStatus, updateDeck, type ReviewEntry } from '../../src/core/review';
import { isMissed } from '../../src/core/scoring';
import { fixtureBank } from '../support/fixtures';

const card = (id: string) => fixtureBank().cards.get(id)!.card;
const monday = new Date(2026, 10, 23, 15, 30).getTime();
const day = (n: number, hour = 9) => new Date(2026, 10, 23 + n, hour).getTime();

describe('review deck', () => {
  it('counts the tasks a game missed once: due now and waiting add up to the misses', () => {
    const answered = [
      { card: card('a-pm'), answer: { role: 'pmm' as const, confidence: 'high' as const } },
      { card: card('a-pmm'), answer: { role: 'pm' as const, confidence: 'low' as const } },
      { card: card('a-both'), answer: { role: 'both' as const, overlap: 0, confidence: 'medium' as const } },
    ];
    const missed = answered.filter(({ card, answer }) => isMissed(card, answer)).length;
    const status = reviewStatus(updateDeck([], answered, monday), monday);
    // Certain and wrong comes back the same day; the other misses from the next day.
    expect(status.due).toEqual(['a-pm']);
    expect(status.total).toBe(missed);
    expect(status.next).toBe(dayStart(monday, 1));
    expect(reviewStatus([], monday)).toEqual({ due: [], total: 0 });
  });

  it('adds a missed card to box 1, due the next day', () => {
    const deck = updateDeck(
      [],
      [
        { card: card('a-pm'), answer: { role: 'pmm' } },
        { card: card('a-pmm'), answer: { role: 'pmm' } },
      ],
      monday,
    );
    expect(deck).toEqual([{ cardId: 'a-pm', box: 1, due: dayStart(monday, 1) }]);
    expect(dueCards(deck, monday)).toEqual([]);
    expect(dueCards(deck, day(1, 0))).toEqual(['a-pm']);
  });

  it('counts a shared card with the wrong split as missed', () => {
    const deck = updateDeck([], [{ card: card('a-both'), answer: { role: 'both', overlap: 0 } }], monday);
    expect(deck.map((e) => e.cardId)).toEqual(['a-both']);
  });

  it('lets a card go only after it is answered right on two separate days', () => {
    const right = [{ card: card('a-pm'), answer: { role: 'pm' as const } }];
    let deck: ReviewEntry[] = [{ cardId: 'a-pm', box: 1, due: dayStart(monday, 1) }];
    expect(updateDeck(deck, right, monday)).toEqual(deck); // not due yet: nothing changes
    deck = updateDeck(deck, right, day(1));
    expect(deck).toEqual([{ cardId: 'a-pm', box: 2, due: dayStart(day(1), 3) }]);
    expect(updateDeck(deck, right, day(1, 20))).toEqual(deck); // same day again: no promotion
    expect(updateDeck(deck, right, day(4))).toEqual([]);
  });

  it('sends a card missed again back to box 1', () => {
    const deck: ReviewEntry[] = [{ cardId: 'a-pm', box: 2, due: day(4) }];
    expect(updateDeck(deck, [{ card: card('a-pm'), answer: { role: 'both' } }], day(5))).toEqual([
      { cardId: 'a-pm', box: 1, due: dayStart(day(5), 1) },
    ]);
  });

  it('lists due cards soonest first', () => {
    const deck: ReviewEntry[] = [
      { cardId: 'b', box: 1, due: day(2, 0) },
      { cardId: 'a', box: 1, due: day(1, 0) },
      { cardId: 'c', box: 1, due: day(9, 0) },
    ];
    expect(dueCards(deck, day(3))).toEqual(['a', 'b']);
  });

  it('brings a role missed at high confidence back the same day, ahead of the others', () => {
    const deck = updateDeck(
      [{ cardId: 'b-roadmap', box: 1, due: dayStart(monday) }],
      [
        { card: card('a-pm'), answer: { role: 'pmm', confidence: 'high' } },
        { card: card('a-pmm'), answer: { role: 'pm', confidence: 'medium' } },
      ],
      monday,
    );
    expect(deck).toEqual([
      { cardId: 'b-roadmap', box: 1, due: dayStart(monday) },
      { cardId: 'a-pm', box: 1, due: dayStart(monday), confidentError: true },
      { cardId: 'a-pmm', box: 1, due: dayStart(monday, 1) },
    ]);
    expect(dueCards(deck, monday)).toEqual(['a-pm', 'b-roadmap']);
    expect(dueCards(deck, day(1))).toEqual(['a-pm', 'b-roadmap', 'a-pmm']);
  });

  it('treats a confident error like any card once answered right, and keeps a miss idempotent', () => {
    const missed = [{ card: card('a-pm'), answer: { role: 'both' as const, confidence: 'high' as const } }];
    const deck = updateDeck([], missed, monday);
    expect(updateDeck(deck, missed, monday + 1000)).toEqual(deck);
    const right = [{ card: card('a-pm'), answer: { role: 'pm' as const, confidence: 'high' as const } }];
    expect(updateDeck(deck, right, monday + 1000)).toEqual([{ cardId: 'a-pm', box: 2, due: dayStart(monday, 3) }]);
    // A wrong split at high confidence is a miss, but not a confident error: the role was right.
    const split = [
      { card: card('a-both'), answer: { role: 'both' as const, overlap: 0, confidence: 'high' as const } },
    ];
    expect(updateDeck([], split, monday)).toEqual([{ cardId: 'a-both', box: 1, due: dayStart(monday, 1) }]);
  });
});
