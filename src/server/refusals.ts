import type { Client } from '@colyseus/core';
import { refusalLine, type Refusal } from '../room/protocol.ts';

/** Refusals sent as a message in the room: codes alone, which the apps put in words. */
type RoomRefusal = Extract<
  Refusal,
  { reason: 'unchecked' | 'unknown-message' | 'host-only' | 'no-seat' | 'answers-closed' | 'split-over' | 'both-first' }
>;
/** Refusals sent as an HTTP error, or as a socket opens: an error is one line of text there. */
export type LineRefusal = Exclude<Refusal, RoomRefusal>;

/**
 * The English beside a refusal's code in an HTTP error, for whoever reads the raw reply (a
 * stranger, a log); the phones and the facilitator's window show their own words for the code.
 */
function english(refusal: LineRefusal): string {
  switch (refusal.reason) {
    case 'removed':
      return 'The facilitator took this phone out of the room.';
    case 'locked':
      return 'The room is locked: no new phones. Ask the facilitator to open it.';
    case 'full':
      return `The room is full (${refusal.limit} phones).`;
    case 'symbols':
      return 'Those are not the symbols on the big screen. Look again and tap them in order.';
    case 'not-host':
      return 'Only the facilitator can run this room.';
    case 'join-details':
      return 'Those join details do not check.';
    case 'busy':
      return 'The room server is busy. Trying again in a moment…';
    case 'no-room':
      return `There is no room ${refusal.room}. Check the code on the big screen.`;
    case 'seat-gone':
      return 'That seat is gone. Join the room again.';
    case 'other-site':
      return 'This room server takes requests from Role Call’s own pages only.';
    case 'failed':
      return 'Something went wrong.';
    case 'code-taken':
      return 'The room could not open with that code.';
    case 'settings':
      return 'The room could not open: its settings do not check.';
    case 'packs':
      return `The room could not open: ${refusal.problem}.`;
    case 'rooms-per-network':
      return `This network has ${refusal.rooms} rooms open already: close one first.`;
    case 'server-full':
      return 'The room server is full. Try again later.';
  }
}

/** A refusal as an HTTP error's line: its code, then the English (`full?limit=500: The room is full (500 phones).`). */
export function refusalError(refusal: LineRefusal): string {
  return refusalLine(refusal, english(refusal));
}

/** Refuses a message in the room: the sender is told why, by code, and stays in the room. */
export function refuse(client: Client, refusal: RoomRefusal): void {
  client.send('refused', refusal);
}
