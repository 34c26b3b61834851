import * as v from 'valibot';
import { MAX_NAME, MAX_TEAMS } from '../../core/limits';
import { deriveSeed, random } from '../../core/random';
import { TIMER_CHOICES } from '../../core/workshop';
import { readRefusal, roomInfoSchema, roomToken, type Refusal, type RoomInfo } from '../../room/protocol';

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

/**
 * The wait before retry number `attempt`, jittered: between half and all of `retryDelay`, drawn
 * from the phone's own seed, so a room of phones that lost the server together does not come
 * back in step.
 */
export function jitteredDelay(attempt: number, seed: number): number {
  const share = 0.5 + random(deriveSeed(seed, `retry:${attempt}`))() / 2;
  return Math.round(retryDelay(attempt) * share);
}

/** What the room server said to a phone's look-up of a code, stamped with when (this phone's clock). */
export type LookupReply =
  | { kind: 'found'; info: RoomInfo; at: number }
  | { kind: 'busy'; at: number }
  /** No such room, or another refusal: the server's reason, when it gave one. */
  | { kind: 'refused'; refusal: Refusal | null; at: number }
  | { kind: 'unreachable'; at: number };

/** How an attempt to take a seat in a room ended, stamped with when (this phone's clock). */
export type EnterReply =
  /** In: the connection's reconnection token, for the quickest way back. */
  | { kind: 'in'; token: string | null; at: number }
  | { kind: 'busy'; at: number }
  /** The facilitator took this phone out: its key is no good in this room. */
  | { kind: 'removed'; at: number }
  /** The server refused, and said why (the room is locked, the symbols are wrong). */
  | { kind: 'refused'; refusal: Refusal; at: number }
  | { kind: 'unreachable'; at: number };

/** Whether an HTTP status says the server is busy (too many requests a minute, or full for now): worth asking again. */
function isBusyStatus(status: unknown): boolean {
  return status === 429 || status === 503;
}

/** The look-up's answer from the status and JSON body of `GET /rooms/CODE`. */
export function lookupReply(status: number, body: unknown, at: number): LookupReply {
  if (isBusyStatus(status)) return { kind: 'busy', at };
  if (status >= 200 && status < 300) {
    const info = v.safeParse(roomInfoSchema, body);
    return info.success ? { kind: 'found', info: info.output, at } : { kind: 'refused', refusal: null, at };
  }
  const error = body && typeof body === 'object' && 'error' in body ? body.error : null;
  return { kind: 'refused', refusal: readRefusal(error), at };
}

/**
 * Why joining a room failed, from what the room client threw: busy, the reason the server gave
 * (the facilitator took this phone out, the room is locked), or else no answer it can read (a
 * network failure, the engine's own words).
 */
export function enterFailure(error: unknown, at: number): EnterReply {
  if (isBusyStatus((error as { code?: unknown } | null)?.code)) return { kind: 'busy', at };
  const refusal = readRefusal(error instanceof Error ? error.message : null);
  if (refusal === null) return { kind: 'unreachable', at };
  return refusal.reason === 'removed' ? { kind: 'removed', at } : { kind: 'refused', refusal, at };
}
