/**
 * The separator of a pack's ids inside the game. A bank id never holds it, so a pack's
 * company, card or source can never take the place of the bank's, or of another pack's.
 */
const SEPARATOR = '/';

/** The game's id for a pack's company, card or source. */
export const packItemId = (packId: string, itemId: string) => `${packId}${SEPARATOR}${itemId}`;

/** The pack a game id belongs to, if any. */
export const packOf = (gameId: string): string | undefined =>
  gameId.includes(SEPARATOR) ? gameId.slice(0, gameId.indexOf(SEPARATOR)) : undefined;

/** An id as the trainer wrote it: a source shows as "P1", not as the game's "acme/P1". */
export const shownId = (gameId: string) => gameId.slice(gameId.indexOf(SEPARATOR) + 1);
