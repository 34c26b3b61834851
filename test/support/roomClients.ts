import { Client, type Room } from '@colyseus/sdk';
import type * as v from 'valibot';
import { newSecret, type RoomSettings, type toHost, type toPhone } from '../../src/room/protocol.ts';
import { roomView, type RoomView } from '../../src/room/projection.ts';

/** What the server says, by message type, to the host and to phones. */
export type Heard = { [K in keyof typeof toHost]: v.InferOutput<(typeof toHost)[K]> } & {
  [K in keyof typeof toPhone]: v.InferOutput<(typeof toPhone)[K]>;
};

/** What one connection has heard from the room, in order, so a test can wait for a message. */
export interface Inbox {
  room: Room;
  /** Every message so far, oldest first. */
  all: Array<{ type: string; payload: unknown }>;
  /** Waits for the next message of a type (and matching `match`) that no earlier call took. */
  take<K extends keyof Heard>(type: K, match?: (payload: Heard[K]) => boolean, ms?: number): Promise<Heard[K]>;
  /** Every message of a type heard so far. */
  heard<K extends keyof Heard>(type: K): Array<Heard[K]>;
  /** How the connection ended, once it has: the close code. */
  left: Promise<number>;
}

export function inbox(room: Room): Inbox {
  const all: Inbox['all'] = [];
  const taken = new Set<number>();
  const waiters = new Set<() => void>();
  room.reconnection.enabled = false;
  room.onMessage('*', (type, payload) => {
    all.push({ type: String(type), payload });
    for (const wake of waiters) wake();
  });
  const left = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
  return {
    room,
    all,
    left,
    heard: (type) => all.filter((m) => m.type === type).map((m) => m.payload as never),
    take(type, match = () => true, ms = 3_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const at = all.findIndex((m, i) => !taken.has(i) && m.type === type && match(m.payload as never));
          if (at < 0) return false;
          taken.add(at);
          waiters.delete(look);
          clearTimeout(timer);
          resolve(all[at]!.payload as never);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`No '${type}' message within ${ms} ms; heard ${JSON.stringify(all.map((m) => m.type))}`));
        }, ms);
        if (!look()) waiters.add(look);
      });
    },
  };
}

export const teamSettings: RoomSettings = {
  phones: 'teams',
  teams: ['Red', 'Blue'],
  secondsPerCard: 0,
  speedBonus: false,
};

export interface Host extends Inbox {
  code: string;
  token: string;
}

/** Opens a room as the facilitator's host window and waits until it is told the code. */
export async function openRoom(
  endpoint: string,
  options: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Host> {
  const room = await new Client(endpoint, { headers }).create('workshop', {
    as: 'host',
    settings: teamSettings,
    ...options,
  });
  const host = inbox(room);
  room.send('hello');
  const { code, token } = await host.take('opened');
  return { ...host, code, token };
}

export interface Phone extends Inbox {
  key: string;
  seat: { id: string; name: string; team: number };
  /** What the phone shows now, from everything it heard (as the app works it out). */
  view(): RoomView;
  /** Waits until what the phone shows matches (now, or after a later message). */
  until(match: (view: RoomView) => boolean, ms?: number): Promise<RoomView>;
}

/** What a phone's messages add up to, as the app shows them. */
export function phoneSees(who: Inbox): RoomView | null {
  const phase = who.heard('phase').at(-1);
  return phase ? roomView(phase, who.heard('mine').at(-1) ?? null, who.heard('standing').at(-1) ?? null) : null;
}

/** Joins a room as a phone and waits for its seat and first view. */
export async function joinPhone(
  endpoint: string,
  code: string,
  options: { name?: string; team?: number; key?: string; check?: string } = {},
): Promise<Phone> {
  const key = options.key ?? newSecret();
  const join = { as: 'phone', key, name: options.name, team: options.team, check: options.check };
  const room = await new Client(endpoint).joinById(code, join);
  const phone = inbox(room);
  room.send('hello');
  const seat = await phone.take('seat');
  await phone.take('mine');
  const until = (match: (view: RoomView) => boolean, ms = 3_000) =>
    new Promise<RoomView>((resolve, reject) => {
      const look = () => {
        const view = phoneSees(phone);
        if (!view || !match(view)) return false;
        clearTimeout(timer);
        resolve(view);
        return true;
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`The phone did not show that within ${ms} ms; it shows ${JSON.stringify(phoneSees(phone))}`));
      }, ms);
      if (look()) return;
      const stop = room.onMessage('*', () => {
        // After the inbox has taken the message in (its listener came first).
        queueMicrotask(() => look() && stop());
      });
    });
  return { ...phone, key, seat, view: () => phoneSees(phone)!, until };
}

/**
 * Everything sent before this has been handled: a connection's messages are handled in order,
 * and `hello` is answered (with `opened` for the host, `seat` for a phone).
 */
export async function settled(who: Inbox): Promise<void> {
  who.room.send('hello');
  await who.take(who.all.some((m) => m.type === 'opened') ? 'opened' : 'seat');
}
