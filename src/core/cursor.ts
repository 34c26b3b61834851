import type { IndexedBank } from './bank';
import type { Round } from './rounds';
import type { Card, Scenario } from './schema';

/**
 * Where a game stands: its rounds and the current round and card. Self-paced play and the
 * workshop walk their rounds the same way, so both machines' contexts are cursors.
 */
export interface Cursor {
  rounds: Round[];
  roundIndex: number;
  cardIndex: number;
}

export function currentRound(cursor: Cursor): Round | undefined {
  return cursor.rounds[cursor.roundIndex];
}

export function currentCardId(cursor: Cursor): string | undefined {
  return currentRound(cursor)?.cardIds[cursor.cardIndex];
}

export function isLastCard(cursor: Cursor): boolean {
  return cursor.cardIndex >= (currentRound(cursor)?.cardIds.length ?? 0) - 1;
}

export function isLastRound(cursor: Cursor): boolean {
  return cursor.roundIndex >= cursor.rounds.length - 1;
}

/** The card on screen. */
export function currentCard(bank: IndexedBank, cursor: Cursor): Card | undefined {
  const id = currentCardId(cursor);
  return id ? bank.cards.get(id)?.card : undefined;
}

/** The company of the current round; undefined for a review round, which mixes companies. */
export function currentScenario(bank: IndexedBank, cursor: Cursor): Scenario | undefined {
  const id = currentRound(cursor)?.scenarioId;
  return id ? bank.companies.get(id) : undefined;
}

/** The card after the current one, in this round or the next; undefined at the very end. */
export function nextCardId(cursor: Cursor): string | undefined {
  return currentRound(cursor)?.cardIds[cursor.cardIndex + 1] ?? cursor.rounds[cursor.roundIndex + 1]?.cardIds[0];
}

/** The company of the round after this one, if there is one (null for a review round). */
export function nextRoundScenarioId(cursor: Cursor): string | null | undefined {
  return cursor.rounds[cursor.roundIndex + 1]?.scenarioId;
}

/** Every card dealt in the game, in play order. */
export function dealtCardIds(cursor: Cursor): string[] {
  return cursor.rounds.flatMap((round) => round.cardIds);
}

/** The cards reached so far, up to and including the current one. */
export function reachedCardIds(cursor: Cursor): string[] {
  return cursor.rounds.flatMap((round, r) =>
    r < cursor.roundIndex ? round.cardIds : r === cursor.roundIndex ? round.cardIds.slice(0, cursor.cardIndex + 1) : [],
  );
}

/** The cursor moved to the next card of the round. */
export const toNextCard = (cursor: Cursor) => ({ cardIndex: cursor.cardIndex + 1 });

/** The cursor moved to the first card of the next round. */
export const toNextRound = (cursor: Cursor) => ({ roundIndex: cursor.roundIndex + 1, cardIndex: 0 });
