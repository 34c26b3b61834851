import { m } from '../i18n/paraglide/messages.js';
import { DOOR_SYMBOLS, readRefusal, type DoorShape, type Refusal } from './protocol';

/**
 * The room's words in the interface's language, for the phones and the facilitator's window:
 * why the server said no, and the door check's symbols. Apart from `protocol.ts`, which the
 * room server shares and which carries codes, never words.
 */

/** Why the room server said no, in words. */
export function refusalText(refusal: Refusal): string {
  switch (refusal.reason) {
    case 'removed':
      return m.room_refused_removed();
    case 'locked':
      return m.room_refused_locked();
    case 'full':
      return m.room_refused_full({ limit: refusal.limit });
    case 'symbols':
      return m.room_refused_symbols();
    case 'not-host':
      return m.room_refused_not_host();
    case 'join-details':
      return m.room_refused_join_details();
    case 'busy':
      return m.room_refused_busy();
    case 'no-room':
      return m.room_refused_no_room({ room: refusal.room });
    case 'seat-gone':
      return m.room_refused_seat_gone();
    case 'other-site':
      return m.room_refused_other_site();
    case 'failed':
      return m.room_refused_failed();
    case 'code-taken':
      return m.room_refused_code_taken();
    case 'settings':
      return m.room_refused_settings();
    case 'packs':
      return m.room_refused_packs({ problem: refusal.problem });
    case 'rooms-per-network':
      return m.room_refused_rooms_per_network({ rooms: refusal.rooms });
    case 'server-full':
      return m.room_refused_server_full();
    case 'unchecked':
      return m.room_refused_unchecked();
    case 'unknown-message':
      return m.room_refused_unknown_message();
    case 'host-only':
      return m.room_refused_host_only();
    case 'no-seat':
      return m.room_refused_no_seat();
    case 'answers-closed':
      return m.room_refused_answers_closed();
    case 'split-over':
      return m.room_refused_split_over();
    case 'both-first':
      return m.room_refused_both_first();
  }
}

/**
 * What went wrong with a request to the room server, in words: the refusal its error names,
 * else the error's own message (a network failure, the engine's own words).
 */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const refusal = readRefusal(message);
  return refusal ? refusalText(refusal) : message;
}

/** A door symbol's name, as a screen reader says it and a phone's key is named: "red triangle". */
export function doorSymbolName(shape: DoorShape): string {
  switch (shape) {
    case 'triangle':
      return m.room_symbol_triangle();
    case 'diamond':
      return m.room_symbol_diamond();
    case 'circle':
      return m.room_symbol_circle();
    case 'square':
      return m.room_symbol_square();
    case 'star':
      return m.room_symbol_star();
    case 'cross':
      return m.room_symbol_cross();
  }
}

/** The symbols of a door check in words, for a screen reader: "red triangle, blue diamond, …". */
export function doorCheckWords(check: string): string {
  return [...check]
    .map((digit) => {
      const shape = DOOR_SYMBOLS[Number(digit)];
      return shape ? doorSymbolName(shape) : '?';
    })
    .join(', ');
}
