import { Client } from '@colyseus/sdk';
import * as v from 'valibot';
import { createActor, fromPromise, type Actor } from 'xstate';
import { newSeed } from '../../core/random';
import { toPhone } from '../../room/protocol';
import { phoneMachine, type EnterInput, type PhoneEvent, type PhoneMachine } from './phoneMachine';
import { countsDown, type PhoneSnapshot } from './phoneView';
import {
  enterFailure,
  lookupReply,
  readSeat,
  seatStorageKey,
  type EnterReply,
  type LookupReply,
  type StoredSeat,
} from './phoneSeat';

/** The parts of a Colyseus room a phone uses. */
export interface PhoneRoom {
  reconnectionToken: string;
  send(type: string, payload?: unknown): void;
  onMessage(type: string, callback: (payload: unknown) => void): unknown;
  onDrop(callback: () => void): unknown;
  onReconnect(callback: () => void): unknown;
  onLeave(callback: (code: number) => void): unknown;
  leave(consented?: boolean): Promise<number>;
}

/** The parts of the Colyseus client a phone uses. */
export interface PhoneClient {
  joinById(code: string, options: object): Promise<PhoneRoom>;
  reconnect(token: string): Promise<PhoneRoom>;
}

export interface PhoneDeps {
  endpoint: string;
  client?: PhoneClient;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  fetch?: typeof fetch;
}

const TICK_MS = 250;

/**
 * One phone's runtime: the phone machine's one actor, the connection to the room server, the
 * seat kept in localStorage and the clock. It does what the machine names (looks the code up,
 * takes a seat, sends to the room, keeps the seat) and passes what the room says in as
 * events, checked against the protocol, each stamped with this phone's clock. The screens read
 * `snapshot` (through `phoneView`) and call `send`.
 */
export class PhoneRuntime {
  readonly actor: Actor<PhoneMachine>;
  /** The machine's latest snapshot (never proxied). */
  snapshot: PhoneSnapshot;
  /** The time on this phone, ticking while a countdown runs. */
  now = $state(Date.now());

  #room: PhoneRoom | null = null;
  #client: PhoneClient;
  #storage: PhoneDeps['storage'];
  #fetch: typeof fetch;
  #endpoint: string;
  #ticker: ReturnType<typeof setInterval> | null = null;

  /** `linkCode`: the code in the link the phone opened, if any. */
  constructor(deps: PhoneDeps, linkCode: string | null = null) {
    this.#endpoint = deps.endpoint;
    this.#client = deps.client ?? (new Client(deps.endpoint) as unknown as PhoneClient);
    this.#storage = deps.storage === undefined ? safeLocalStorage() : deps.storage;
    this.#fetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
    const machine = phoneMachine.provide({
      actors: {
        recallSeat: fromPromise(async ({ input }: { input: { code: string } }) => this.#readSeat(input.code)),
        findRoom: fromPromise(({ input }: { input: { code: string } }) => this.#findRoom(input.code)),
        enterRoom: fromPromise(({ input, signal }: { input: EnterInput; signal: AbortSignal }) =>
          this.#enterRoom(input, signal),
        ),
      },
      actions: {
        keepSeat: ({ context }) => {
          if (context.seat) this.#writeSeat(context.code, context.seat);
        },
        forgetSeat: ({ context }) => this.#forgetSeat(context.code),
        greetRoom: () => this.#room?.send('hello'),
        sendAnswer: (_, answer) => this.#room?.send('answer', answer),
        sendSplit: (_, { option }) => this.#room?.send('split', { option }),
        leaveRoom: () => this.#leave(),
      },
    });
    this.actor = createActor(machine, { input: { seed: newSeed(), code: linkCode } });
    this.snapshot = $state.raw(this.actor.getSnapshot());
  }

  /** Starts the phone: straight back in for a phone that was in the room of its link before. */
  start(): void {
    this.actor.subscribe((snapshot) => {
      this.snapshot = snapshot;
      this.#clock(snapshot);
    });
    this.actor.start();
    this.snapshot = this.actor.getSnapshot();
  }

  send(event: PhoneEvent): void {
    this.actor.send(event);
  }

  /** Leaves the room and stops the clock and the actor (for tests and page teardown). */
  stop(): void {
    this.#leave();
    this.#stopTicker();
    this.actor.stop();
  }

  /** A GET to the room server: the room, what the server said was wrong, that it is busy, or that it did not answer. */
  async #findRoom(code: string): Promise<LookupReply> {
    try {
      const response = await this.#fetch(`${this.#endpoint}/rooms/${code}`);
      const body: unknown = await response.json().catch(() => null);
      return lookupReply(response.status, body, Date.now());
    } catch {
      return { kind: 'unreachable', at: Date.now() };
    }
  }

  /**
   * Takes the seat: the quick way (the last connection's token) when asked, then the sure way
   * (the key). A room that comes after the machine stopped waiting for it is left at once.
   */
  async #enterRoom(input: EnterInput, signal: AbortSignal): Promise<EnterReply> {
    try {
      const room = await this.#connect(input);
      if (signal.aborted) {
        void room.leave(true).catch(() => undefined);
        return { kind: 'unreachable', at: Date.now() };
      }
      this.#attach(room);
      return { kind: 'in', token: room.reconnectionToken || null, at: Date.now() };
    } catch (error) {
      return enterFailure(error, Date.now());
    }
  }

  async #connect({ code, seat, check, useToken }: EnterInput): Promise<PhoneRoom> {
    if (useToken && seat.token) {
      try {
        return await this.#client.reconnect(seat.token);
      } catch {
        // The server forgot that connection (it restarted, or too long went by): the key still works.
      }
    }
    const options = { as: 'phone', key: seat.key, name: seat.name, team: seat.team, ...(check ? { check } : {}) };
    return this.#client.joinById(code, options);
  }

  /** Listens to the room: every message checked, then passed in; anything from a room left behind is dropped. */
  #attach(room: PhoneRoom): void {
    if (this.#room !== room) this.#leave();
    this.#room = room;
    const pass = (event: PhoneEvent) => room === this.#room && this.actor.send(event);
    room.onMessage('seat', (payload) => {
      const seat = v.safeParse(toPhone.seat, payload);
      if (seat.success) pass({ type: 'room.seat', seat: seat.output });
    });
    room.onMessage('phase', (payload) => {
      const phase = v.safeParse(toPhone.phase, payload);
      if (!phase.success || room !== this.#room) return;
      const at = Date.now();
      this.now = at;
      pass({ type: 'room.phase', phase: phase.output, at });
    });
    room.onMessage('mine', (payload) => {
      const mine = v.safeParse(toPhone.mine, payload);
      if (mine.success) pass({ type: 'room.mine', mine: mine.output });
    });
    room.onMessage('standing', (payload) => {
      const standing = v.safeParse(toPhone.standing, payload);
      if (standing.success) pass({ type: 'room.standing', standing: standing.output });
    });
    room.onMessage('refused', (payload) => {
      const refused = v.safeParse(toPhone.refused, payload);
      if (refused.success) pass({ type: 'room.refused', refusal: refused.output });
    });
    room.onDrop(() => pass({ type: 'room.drop' }));
    room.onReconnect(() => pass({ type: 'room.reconnect', token: room.reconnectionToken || null }));
    room.onLeave((code) => {
      if (room !== this.#room) return;
      this.#room = null;
      this.actor.send({ type: 'room.closed', code });
    });
  }

  #leave(): void {
    const room = this.#room;
    this.#room = null;
    void room?.leave(true).catch(() => undefined);
  }

  #clock(snapshot: PhoneSnapshot): void {
    if (countsDown(snapshot)) this.#ticker ??= setInterval(() => (this.now = Date.now()), TICK_MS);
    else this.#stopTicker();
  }

  #stopTicker(): void {
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = null;
  }

  #readSeat(code: string): StoredSeat | null {
    try {
      return readSeat(this.#storage?.getItem(seatStorageKey(code)) ?? null);
    } catch {
      return null;
    }
  }

  #writeSeat(code: string, seat: StoredSeat): void {
    try {
      this.#storage?.setItem(seatStorageKey(code), JSON.stringify(seat));
    } catch {
      // No storage (a private window that refuses it): the phone still plays, it just cannot come back.
    }
  }

  #forgetSeat(code: string): void {
    try {
      this.#storage?.removeItem(seatStorageKey(code));
    } catch {
      // As in #writeSeat.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
