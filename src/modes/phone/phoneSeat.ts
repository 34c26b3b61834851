import * as v from 'valibot';
import { MAX_NAME, MAX_TEAMS } from '../../core/limits';
import { TIMER_CHOICES } from '../../core/workshop';
import { roomToken } from '../../room/protocol';

/**
 * What a phone keeps about its seat in one room, and the sums it does on what the server says.
 * Plain functions, so they are tested in Node without a browser or a server.
 */

/** A phone that lost its room keeps trying this long before it asks the player. */
export const RETRY_FOR_MS = 2 * 60 * 1000;
const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 10_000;

export const storedSeatSchema = v.object({
  /** The phone's secret: the server gives the seat back to whoever holds it. */
  key: roomToken,
  name: v.pipe(v.string(), v.maxLength(MAX_NAME)),
  team: v.pipe(v.number(), v.safeInteger(), v.minValue(-1), v.maxValue(MAX_TEAMS - 1)),
  /** The last connection's reconnection token, for the quickest way back in. */
  token: v.nullable(v.pipe(v.string(), v.maxLength(500))),
});
export type StoredSeat = v.InferOutput<typeof storedSeatSchema>;

/** Where a phone keeps its seat for a room code. */
export function seatStorageKey(code: string): string {
  return `role-call:phone:${code}`;
}

/** A stored seat read back, or null if there is none or it does not check (never throws). */
export function readSeat(text: string | null): StoredSeat | null {
  if (text === null) return null;
  try {
    const parsed = v.safeParse(storedSeatSchema, JSON.parse(text));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/** How far the server's clock is ahead of this phone's, from a message stamped `serverNow`. */
export function clockOffset(serverNow: number, localNow: number): number {
  return serverNow - localNow;
}

/** Milliseconds until `deadline` (server clock), never below 0; null without a deadline. */
export function timeLeft(deadline: number | null, offset: number, localNow: number): number | null {
  return deadline === null ? null : Math.max(0, deadline - (localNow + offset));
}

/**
 * The length of the time bar: the timer the room runs (the shortest timer setting that holds
 * what is left), or what was left when more time was added. It never shrinks during a task.
 */
export function barTotal(previous: number | null, left: number | null): number | null {
  if (left === null) return previous;
  const timer = TIMER_CHOICES.map((seconds) => seconds * 1000).find((ms) => ms >= left) ?? left;
  return Math.max(previous ?? 0, timer);
}

/** The wait before retry number `attempt` (0 first): 1 s, doubling, at most 10 s. */
export function retryDelay(attempt: number): number {
  return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt));
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
