import type { Card } from './schema';
import { isConfidentError, isMissed, type Answer } from './scoring';

/**
 * The review deck: Leitner boxes for cards the learner got wrong. A missed card enters box 1
 * and is due the next day; one whose role was wrong at high confidence (a confident error, the
 * sign of a misconception) is due the same day and comes first. Answered right while due, it moves up a box and is due again after
 * that box's interval; right again from the last box, it leaves the deck. So a card leaves only
 * after being answered right on separate days. Missed again, it goes back to box 1.
 */

export interface ReviewEntry {
  cardId: string;
  /** 1-based Leitner box. */
  box: number;
  /** Start of the local day (epoch ms) from which the card is due. */
  due: number;
  /** Set while the card is back for a role chosen wrongly at high confidence. */
  confidentError?: true;
}

/** Days until a card in each box is due again (box 1 first). */
export const BOX_DAYS = [1, 3] as const;

/** The start of the local day `days` after the day containing `now`. */
export function dayStart(now: number, days = 0): number {
  const date = new Date(now);
  date.setHours(0, 0, 0, 0);
  date.setDate(date.getDate() + days);
  return date.getTime();
}

/** True when the card is due at `now`. */
export function isDue(entry: ReviewEntry, now: number): boolean {
  return now >= entry.due;
}

/** Cards due at `now`: confident errors first, then soonest due first. */
export function dueCards(deck: readonly ReviewEntry[], now: number): string[] {
  const first = (entry: ReviewEntry) => (entry.confidentError ? 0 : 1);
  return deck
    .filter((entry) => isDue(entry, now))
    .sort((a, b) => first(a) - first(b) || a.due - b.due || a.cardId.localeCompare(b.cardId))
    .map((entry) => entry.cardId);
}

/**
 * The deck after some answered cards. Applying the same answers twice on one day changes
 * nothing more: a promotion makes the card not due, and a miss always resets it the same way.
 */
export function updateDeck(
  deck: readonly ReviewEntry[],
  answered: Array<{ card: Card; answer: Answer | undefined }>,
  now: number,
): ReviewEntry[] {
  const byId = new Map(deck.map((entry) => [entry.cardId, entry]));
  for (const { card, answer } of answered) {
    const entry = byId.get(card.id);
    if (isConfidentError(card, answer)) {
      byId.set(card.id, { cardId: card.id, box: 1, due: dayStart(now), confidentError: true });
    } else if (isMissed(card, answer)) {
      byId.set(card.id, { cardId: card.id, box: 1, due: dayStart(now, BOX_DAYS[0]) });
    } else if (entry && isDue(entry, now)) {
      const days = BOX_DAYS[entry.box];
      if (days === undefined) byId.delete(card.id);
      else byId.set(card.id, { cardId: card.id, box: entry.box + 1, due: dayStart(now, days) });
    }
  }
  return [...byId.values()];
}

/**
 * The review deck as the start screen counts it: the cards due now (confident errors come back
 * the same day, other misses from the next day), how many the deck holds, and when the next of
 * those not yet due comes back. The one count of tasks to review: due now plus waiting is every
 * task missed and not yet learnt, so it agrees with the games that put them there.
 */
export function reviewStatus(
  deck: readonly ReviewEntry[],
  now: number,
): { due: string[]; total: number; next?: number } {
  const due = dueCards(deck, now);
  const next = nextDue(deck.filter((entry) => !isDue(entry, now)));
  return { due, total: deck.length, ...(next === undefined ? {} : { next }) };
}

/** When the next card in the deck comes due (epoch ms); undefined for an empty deck. */
export function nextDue(review: readonly ReviewEntry[]): number | undefined {
  return review.length ? review.reduce((soonest, entry) => Math.min(soonest, entry.due), Infinity) : undefined;
}
