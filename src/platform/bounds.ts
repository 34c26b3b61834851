import * as v from 'valibot';
import { m } from '../i18n/paraglide/messages.js';
import { MAX_NAME, MAX_PACKS, MAX_SPLIT_OPTIONS } from '../core/limits';

/**
 * Bounds for everything that enters from outside the running app (saved progress, imported
 * files, the other workshop window): whatever validates here can always be rendered. A
 * timestamp outside these years, a count past these caps or a repeated id is refused, so no
 * stored value can make a date format throw, a list key repeat or a screen build forever.
 */

/** The earliest and latest moments (epoch ms) a stored timestamp may hold: 2020 to 2100. */
export const EARLIEST = Date.UTC(2020, 0, 1);
export const LATEST = Date.UTC(2100, 0, 1);

/** Caps on stored lists, far above anything real play makes. */
export const LIMITS = {
  /** Characters in an id (card, company). */
  id: 100,
  /** Companies in one game, or tasks in one round. */
  companies: 200,
  cardsPerRound: 2000,
  rounds: 200,
  /** Cards answered in one game, and review deck entries. */
  cards: 5000,
  /** Points available in one game. */
  points: 10_000,
  /** Certainty-based marks available in one game: 3 a card. */
  marks: 15_000,
  /** Split options on one card. */
  options: MAX_SPLIT_OPTIONS,
  /** Characters in a player's or a team's name. */
  name: MAX_NAME,
  /** Undo steps kept in a workshop. */
  log: 5000,
  /** Trainer packs on one device. */
  packs: MAX_PACKS,
} as const;

/** A whole number from 0 to `max`. */
export const count = (max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(max));

/** A whole number from `min` to `max`, which may be negative. */
export const between = (min: number, max: number) =>
  v.pipe(v.number(), v.safeInteger(), v.minValue(min), v.maxValue(max));

/** A moment (epoch ms) in the sane range. */
export const timestamp = v.pipe(v.number(), v.safeInteger(), v.minValue(EARLIEST), v.maxValue(LATEST));

/** A duration in ms, at most a day. */
export const duration = count(24 * 60 * 60 * 1000);

/** A card or company id. */
export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.id));

/** A list of at most `max` ids. */
export const ids = (max: number) => v.pipe(v.array(id), v.maxLength(max));

/**
 * Refuses a list in which two items share a key. `what` names the items in the plural, in the
 * interface's language ("past games"), as the refusal says it: "two past games are the same".
 */
export function unique<T>(key: (item: T) => unknown, what: string) {
  return v.check(
    (items: T[]) => new Set(items.map(key)).size === items.length,
    () => m.platform_bounds_repeated({ what }),
  );
}

/** A record of at most `max` entries; `what` names them in the plural, as `unique` does: "more than 5000 answers". */
export function atMost<T extends Record<string, unknown>>(max: number, what: string) {
  return v.check(
    (record: T) => Object.keys(record).length <= max,
    () => m.platform_bounds_too_many({ max, what }),
  );
}
