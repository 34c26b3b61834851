import { MAX_NAME } from '../../core/limits';
import { Client } from '@colyseus/sdk';
import * as v from 'valibot';
import type { Role } from '../../core/schema';
import {
  CLOSE_REMOVED,
  CLOSE_REPLACED,
  newSecret,
  normalizeCode,
  roomCode,
  roomInfoSchema,
  toPhone,
  type MinePart,
  type PhasePart,
  type RoomInfo,
  type StandingPart,
} from '../../room/protocol';
import {
  barTotal,
  clockOffset,
  readSeat,
  RETRY_FOR_MS,
  retryDelay,
  seatStorageKey,
  timeLeft,
  type StoredSeat,
} from './phoneSeat';
import { roomView, type RoomView } from '../../room/projection';

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

/** How long a phone waits before it tries a busy server again: a while, and never in step with the others. */
export type Wait = (attempt: number) => Promise<void>;

export interface PhoneDeps {
  endpoint: string;
  client?: PhoneClient;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  fetch?: typeof fetch;
  wait?: Wait;
}

export type PhoneStage = 'code' | 'looking' | 'join' | 'joining' | 'room' | 'removed' | 'replaced';
export type PhoneLink = 'online' | 'reconnecting' | 'lost';
export type PhoneSeatInfo = v.InferOutput<typeof toPhone.seat>;

/** The phone itself left (Colyseus's consented close). */
const CLOSE_CONSENTED = 4000;
/** The server's words when it refuses a phone the facilitator took out. */
const REMOVED_TEXT = 'took this phone out';
export const REMOVED_MESSAGE = 'The facilitator took this phone out of the room.';
const UNREACHABLE = 'The room server does not answer. Check that this phone is on the same network, then try again.';
/** What the phone says while a busy server makes it wait (HTTP 429 or 503): it tries again by itself. */
export const BUSY_MESSAGE = 'The room server is busy: trying again in a moment…';
/** A busy server is tried again for this long before the phone asks the player. */
const BUSY_FOR_MS = 2 * 60 * 1000;
const REFUSAL_MS = 4000;
const TICK_MS = 250;

/**
 * One phone in a workshop room: finding the room by its code, joining it, getting back in after
 * a reload, a locked screen or a server restart, and sending answers. It keeps its seat (a
 * secret key, its name and team, the last reconnection token) per room code, so the server can
 * give the same seat back. The screens read its state and call its methods.
 */
export class PhoneRuntime {
  /** How far the server's clock is ahead of this phone's (set with every view, with `now`). */
  #offset = 0;
  stage = $state<PhoneStage>('code');
  link = $state<PhoneLink>('online');
  code = $state('');
  /** Why the code or the join did not work, in words for the player. */
  error = $state<string | null>(null);
  info = $state.raw<RoomInfo | null>(null);
  seat = $state.raw<PhoneSeatInfo | null>(null);
  /** Waiting on a busy server, which the phone tries again by itself. */
  busy = $state(false);
  #phase = $state.raw<PhasePart | null>(null);
  #mine = $state.raw<MinePart | null>(null);
  #standing = $state.raw<StandingPart | null>(null);
  /** What the phone shows of the room now. */
  readonly view: RoomView | null = $derived(this.#phase ? roomView(this.#phase, this.#mine, this.#standing) : null);
  /** The server's last refusal of an answer, shown for a moment. */
  refusal = $state<string | null>(null);
  now = $state(Date.now());
  /** The length of the time bar for the task on screen. */
  total = $state<number | null>(null);
  /** An answer tapped while the connection was away: sent as soon as the phone is back. */
  pending = $state<Role | null>(null);

  /** Milliseconds left to answer, on this phone's clock; null without a timer. */
  readonly left = $derived(this.view ? timeLeft(this.view.deadline, this.#offset, this.now) : null);

  #room: PhoneRoom | null = null;
  #client: PhoneClient;
  #storage: PhoneDeps['storage'];
  #fetch: typeof fetch;
  #wait: Wait;
  #endpoint: string;
  #run = 0;
  #task = -1;
  #ticker: ReturnType<typeof setInterval> | null = null;
  #refusalTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(deps: PhoneDeps) {
    this.#endpoint = deps.endpoint;
    this.#client = deps.client ?? (new Client(deps.endpoint) as unknown as PhoneClient);
    this.#storage = deps.storage === undefined ? safeLocalStorage() : deps.storage;
    this.#fetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
    this.#wait = deps.wait ?? jitteredWait;
  }

  /** Starts from the code in the link, if any: straight back in for a phone that was here before. */
  start(linkCode: string | null): void {
    const code = normalizeCode(linkCode ?? '');
    if (!code) return;
    this.code = code;
    if (v.is(roomCode, code) && this.#stored()) void this.#rejoin(false);
    else void this.lookUp(code);
  }

  /** Looks a typed code up: which teams the room has, or why there is no such room. A busy server is asked again. */
  async lookUp(typed: string): Promise<void> {
    const code = normalizeCode(typed);
    const run = ++this.#run;
    this.code = code;
    this.error = null;
    if (!v.is(roomCode, code)) {
      this.error = 'A room code is 6 letters and digits. Check the code on the big screen.';
      this.stage = 'code';
      return;
    }
    if (this.#stored()) return this.#rejoin(false);
    this.stage = 'looking';
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const answer = await this.#ask(`${this.#endpoint}/rooms/${code}`);
      if (run !== this.#run) return;
      if (answer.kind !== 'busy' || Date.now() - started >= BUSY_FOR_MS) {
        this.busy = false;
        if (answer.kind === 'ok') {
          const info = v.safeParse(roomInfoSchema, answer.body);
          if (info.success) {
            this.info = info.output;
            this.stage = 'join';
            return;
          }
        }
        this.error =
          answer.kind === 'unreachable' ? UNREACHABLE : (answer.kind === 'refused' && answer.said) || noRoom(code);
        this.stage = 'code';
        return;
      }
      this.busy = true;
      await this.#wait(attempt);
      if (run !== this.#run) return;
    }
  }

  /** A GET to the room server: its JSON, what it said was wrong, that it is busy, or that it did not answer. */
  async #ask(
    url: string,
  ): Promise<
    { kind: 'ok'; body: unknown } | { kind: 'busy' | 'unreachable' } | { kind: 'refused'; said: string | null }
  > {
    try {
      const response = await this.#fetch(url);
      if (response.status === 429 || response.status === 503) return { kind: 'busy' };
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) return { kind: 'ok', body };
      const said = v.safeParse(v.object({ error: v.pipe(v.string(), v.maxLength(300)) }), body);
      return { kind: 'refused', said: said.success ? said.output.error : null };
    } catch {
      return { kind: 'unreachable' };
    }
  }

  /**
   * Joins the room looked up, as a new phone, with the symbols on the big screen when the room
   * asks for them. An empty name lets the server name the player. A busy server is asked again.
   */
  async join(name: string, team: number, check?: string): Promise<void> {
    const seat: StoredSeat = { key: newSecret(), name: name.trim().slice(0, MAX_NAME), team, token: null };
    const run = ++this.#run;
    // Kept before the server is asked, so a reload mid-join comes back to the same seat.
    this.#store(seat);
    this.stage = 'joining';
    this.error = null;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const options = { as: 'phone', key: seat.key, name: seat.name, team, ...(check ? { check } : {}) };
        const room = await this.#client.joinById(this.code, options);
        if (run !== this.#run) return void room.leave(true).catch(() => undefined);
        this.busy = false;
        return this.#attach(room);
      } catch (error) {
        if (run !== this.#run) return;
        if (!isBusy(error) || Date.now() - started >= BUSY_FOR_MS) {
          this.busy = false;
          this.#forget();
          this.error = messageOf(error) ?? UNREACHABLE;
          this.stage = 'join';
          return;
        }
      }
      this.busy = true;
      await this.#wait(attempt);
      if (run !== this.#run) return;
    }
  }

  /** Sends this phone's answer; another tap before the deadline changes it. */
  answer(role: Role): void {
    if (!this.view?.open) return;
    if (this.link === 'online' && this.#room) this.#room.send('answer', { role });
    else this.pending = role;
  }

  /** On a shared task answered Both: who does which part (an option's place). */
  split(option: number): void {
    if (this.view?.open && this.link === 'online') this.#room?.send('split', { option });
  }

  /** After giving up, or after another tab took the seat: try to get back in now. */
  retry(): void {
    void this.#rejoin(false);
  }

  /** Back to typing a code (the seat in this room stays kept, for coming back). */
  otherCode(): void {
    this.#run++;
    const room = this.#room;
    this.#room = null;
    void room?.leave(true).catch(() => undefined);
    this.#clearRoom();
    this.info = null;
    this.error = null;
    this.busy = false;
    this.stage = 'code';
  }

  /** Stops the clock and leaves the room (for tests and page teardown). */
  stop(): void {
    this.otherCode();
    this.#stopTicker();
  }

  /**
   * Gets a known phone back into its seat, retrying with backoff while the server is away (a
   * room the host re-opens after a restart has the same code, so a missing room is retried too).
   * `useToken`: only a page that lost its own connection tries its reconnection token; a page
   * that just opened joins by key, because a token still in use in another tab would take that
   * tab's connection without either of them being told.
   */
  async #rejoin(useToken: boolean): Promise<void> {
    const run = ++this.#run;
    const started = Date.now();
    this.stage = 'room';
    this.link = 'reconnecting';
    for (let attempt = 0; ; attempt++) {
      const seat = this.#stored();
      if (!seat) return void (this.stage = 'code');
      try {
        const room = await this.#connect(seat, useToken);
        if (run !== this.#run) return void room.leave(true).catch(() => undefined);
        return this.#attach(room);
      } catch (error) {
        if (run !== this.#run) return;
        if (messageOf(error)?.includes(REMOVED_TEXT)) return this.#removed();
      }
      if (Date.now() - started >= RETRY_FOR_MS) return void (this.link = 'lost');
      await this.#wait(attempt);
      if (run !== this.#run) return;
    }
  }

  /** The quick way (the last connection's token), then the sure way (the key). */
  async #connect(seat: StoredSeat, useToken: boolean): Promise<PhoneRoom> {
    if (useToken && seat.token) {
      try {
        return await this.#client.reconnect(seat.token);
      } catch {
        // The server forgot that connection (it restarted, or too long went by): the key still works.
      }
    }
    return this.#client.joinById(this.code, { as: 'phone', key: seat.key, name: seat.name, team: seat.team });
  }

  #attach(room: PhoneRoom): void {
    this.#room = room;
    const mine = (run: () => void) => () => room === this.#room && run();
    room.onMessage('seat', (payload) => {
      const seat = v.safeParse(toPhone.seat, payload);
      if (!seat.success || room !== this.#room) return;
      this.seat = seat.output;
      const stored = this.#stored();
      if (stored) this.#store({ ...stored, name: seat.output.name, team: seat.output.team });
    });
    room.onMessage('phase', (payload) => {
      const phase = v.safeParse(toPhone.phase, payload);
      if (phase.success && room === this.#room) this.#show(phase.output);
    });
    room.onMessage('mine', (payload) => {
      const mine = v.safeParse(toPhone.mine, payload);
      if (!mine.success || room !== this.#room) return;
      this.#mine = mine.output;
      // Back in: the answer tapped while away goes now, if that task is still open.
      if (this.pending && this.view?.open && mine.output.answer !== this.pending)
        room.send('answer', { role: this.pending });
      this.pending = null;
    });
    room.onMessage('standing', (payload) => {
      const standing = v.safeParse(toPhone.standing, payload);
      if (standing.success && room === this.#room) this.#standing = standing.output;
    });
    room.onMessage('refused', (payload) => {
      const refused = v.safeParse(toPhone.refused, payload);
      if (refused.success && room === this.#room) this.#refuse(refused.output.reason);
    });
    room.onDrop(mine(() => (this.link = 'reconnecting')));
    room.onReconnect(
      mine(() => {
        this.link = 'online';
        this.#keepToken(room);
        room.send('hello');
      }),
    );
    room.onLeave((code) => room === this.#room && this.#closed(code));
    this.#keepToken(room);
    this.stage = 'room';
    this.link = 'online';
    this.error = null;
    room.send('hello');
  }

  #closed(code: number): void {
    this.#room = null;
    if (code === CLOSE_CONSENTED) return;
    if (code === CLOSE_REPLACED) {
      this.stage = 'replaced';
      return;
    }
    if (code === CLOSE_REMOVED) return this.#removed();
    // Any other close (the server shutting down, the network) tries to join again.
    void this.#rejoin(true);
  }

  #removed(): void {
    this.#forget();
    this.#clearRoom();
    this.error = REMOVED_MESSAGE;
    this.link = 'online';
    this.stage = 'removed';
  }

  /** A new step of the room: the clock set by the server's, the time bar kept within one task. */
  #show(phase: PhasePart): void {
    const now = Date.now();
    this.#offset = clockOffset(phase.now, now);
    this.now = now;
    const task = phase.phase === 'question' ? phase.ask : -1;
    if (task !== this.#task) this.total = null;
    // A new step's standings are the host's to send again.
    if (phase.phase !== this.#phase?.phase) this.#standing = null;
    this.#task = task;
    this.#phase = phase;
    if (task >= 0) this.total = barTotal(this.total, timeLeft(phase.deadline, this.#offset, now));
    if (phase.deadline !== null) this.#startTicker();
    else this.#stopTicker();
  }

  #clearRoom(): void {
    this.#phase = null;
    this.#mine = null;
    this.#standing = null;
    this.seat = null;
  }

  #refuse(reason: string): void {
    this.refusal = reason;
    if (this.#refusalTimer) clearTimeout(this.#refusalTimer);
    this.#refusalTimer = setTimeout(() => (this.refusal = null), REFUSAL_MS);
  }

  #startTicker(): void {
    this.#ticker ??= setInterval(() => (this.now = Date.now()), TICK_MS);
  }

  #stopTicker(): void {
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = null;
  }

  #keepToken(room: PhoneRoom): void {
    const stored = this.#stored();
    if (stored && room.reconnectionToken) this.#store({ ...stored, token: room.reconnectionToken });
  }

  #stored(): StoredSeat | null {
    try {
      return readSeat(this.#storage?.getItem(seatStorageKey(this.code)) ?? null);
    } catch {
      return null;
    }
  }

  #store(seat: StoredSeat): void {
    try {
      this.#storage?.setItem(seatStorageKey(this.code), JSON.stringify(seat));
    } catch {
      // No storage (a private window that refuses it): the phone still plays, it just cannot come back.
    }
  }

  #forget(): void {
    try {
      this.#storage?.removeItem(seatStorageKey(this.code));
    } catch {
      // As in #store.
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

/** Whether the server said it is busy (too many requests a minute, or full for now): worth asking again. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 429 || code === 503;
}

const noRoom = (code: string) => `There is no room ${code}. Check the code on the big screen.`;

/** Waits before attempt `attempt + 1`: the back-off of `retryDelay`, cut by a random part so phones do not come back together. */
function jitteredWait(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, retryDelay(attempt) * (0.5 + Math.random() / 2)));
}

/** A server's refusal in words, if it gave one a player can read. */
function messageOf(error: unknown): string | null {
  const message = error instanceof Error ? error.message : null;
  return message && message.length < 300 && !/fetch|network|websocket|ECONN/i.test(message) ? message : null;
}
