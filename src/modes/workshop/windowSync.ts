import * as v from 'valibot';
import { MAX_PLAYERS } from '../../core/limits';
import { count } from '../../platform/bounds';
import { seatId } from '../../room/protocol';

/**
 * What the projector and presenter windows say to each other over a BroadcastChannel. Any
 * script of the origin can post on the channel, and a buggy one can post anything, so every
 * message is checked before it is used: a message that does not check is dropped (and logged).
 */

export const CHANNEL = 'role-call:workshop';

const windowId = v.pipe(v.string(), v.minLength(1), v.maxLength(40));

const messageSchema = v.variant('type', [
  /** A window's workshop after its step number `seq`; `reply` when it answers a hello. */
  v.object({
    type: v.literal('state'),
    seq: count(),
    from: windowId,
    reply: v.optional(v.boolean(), false),
    saved: v.unknown(),
  }),
  /** A window has opened and asks for the current state. */
  v.object({ type: v.literal('hello') }),
  /** The presenter window is open (sent every second) or closing. */
  v.object({ type: v.literal('presenter'), open: v.boolean() }),
  /** Which phones are connected, as the projector's line to the room server sees them. */
  v.object({
    type: v.literal('phones'),
    connected: v.pipe(
      v.record(seatId, v.boolean()),
      v.check((seats) => Object.keys(seats).length <= MAX_PLAYERS, 'more seats than a room has'),
    ),
  }),
]);

export type WindowMessage = v.InferOutput<typeof messageSchema>;

/** The message, checked; undefined for anything else. */
export function readMessage(data: unknown): WindowMessage | undefined {
  const result = v.safeParse(messageSchema, data);
  if (result.success) return result.output;
  console.warn('Role Call ignored a workshop message it could not read.', result.issues[0]?.message);
  return undefined;
}

/**
 * Whether a window at step `seq` (window `id`) takes a state numbered `incoming` from window
 * `from`: the very next step, or the same step from a window that wins the tie (both windows
 * break it the same way). A reply to a hello may be any number of steps ahead, since the
 * window asking has only just opened.
 */
export function isNewer(message: Extract<WindowMessage, { type: 'state' }>, seq: number, id: string): boolean {
  if (message.from === id) return false;
  if (message.reply) return message.seq > seq || (message.seq === seq && message.from < id);
  return message.seq === seq + 1 || (message.seq === seq && message.from < id);
}
