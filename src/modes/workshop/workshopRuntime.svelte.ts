import * as v from 'valibot';
import { createActor, type Actor } from 'xstate';
import type { IndexedBank } from '../../core/bank';
import { newSeed } from '../../core/random';
import type { WorkshopEvent, WorkshopMachine } from './workshopMachine';
import type { WorkshopSnapshot } from './workshopView';
import { asText, SavedSlot } from '../../platform/savedActor';
import {
  restoreWorkshop,
  savedWorkshopSchema,
  toSavedWorkshop,
  workshopSlot,
  type WorkshopData,
} from './savedWorkshop';
import type { KeyValueStore } from '../../platform/store';
import type { RoomLink } from './roomLink.svelte';
import { CHANNEL, isNewer, readMessage, type WindowMessage } from './windowSync';
import { m } from '../../i18n/paraglide/messages.js';

/** Where the workshop in progress is kept. */
export const WORKSHOP_KEY = 'workshop';
/** The presenter window says it is there this often; after three silences it counts as closed. */
const HEARTBEAT_MS = 1000;
const TICK_MS = 250;

/**
 * One window of a workshop, the projector or the presenter view: its one actor, the clock,
 * saving, and keeping in step with the other window. After every step taken here it saves the
 * state and broadcasts it, numbered; a newer state from the other window is taken in with
 * `sync.adopt`. Either window can close and reopen: it starts from the saved state, and the
 * deadline in it tells how much time is left. The clock is the only source of time: it sends
 * `timer.check` once the deadline has passed.
 */
export class WorkshopRuntime {
  readonly actor: Actor<WorkshopMachine>;
  snapshot: WorkshopSnapshot;
  /** Why the workshop is not being saved right now; null while saving works. */
  problem = $state<string | null>(null);
  /** Why a saved workshop could not be resumed. */
  notice = $state<string | null>(null);
  /** Saved data that could not be used, as text, for download. */
  unreadable = $state<string | null>(null);
  /** Whether a presenter window is open (as the projector window sees it). */
  presenterOpen = $state(false);
  /** The time now, ticking, for the countdown. */
  now = $state(Date.now());
  /** The line to the room server, in the projector window of a workshop with phones. */
  room = $state.raw<RoomLink | null>(null);
  /** Which phones are connected: the projector's line to the room says, and tells the presenter window. */
  phones = $state.raw<Record<string, boolean>>({});
  /** Where this machine is on the local network, as the room server says (both windows show the same join address). */
  lan = $state.raw<string[]>([]);
  #lanAsked = false;

  #seq = 0;
  readonly #id = Math.random().toString(36).slice(2);
  #adopting = false;
  #channel: BroadcastChannel | null = null;
  #presenterSeen = 0;
  #timers: Array<ReturnType<typeof setInterval>> = [];
  readonly #slot: SavedSlot<WorkshopData>;

  constructor(
    store: KeyValueStore,
    readonly machine: WorkshopMachine,
    readonly bank: IndexedBank,
    readonly view: 'projector' | 'presenter',
    limitMs?: number,
  ) {
    this.#slot = new SavedSlot(store, WORKSHOP_KEY, workshopSlot, limitMs);
    this.actor = createActor(machine, { input: { seed: newSeed() } });
    this.snapshot = $state.raw(this.actor.getSnapshot());
  }

  /** Loads the saved workshop (if any), starts the actor, then listens to the other window. */
  async start(): Promise<void> {
    this.actor.start();
    await this.#load();
    this.snapshot = this.actor.getSnapshot();
    this.actor.subscribe((next) => {
      this.snapshot = next;
      if (!this.#adopting) void this.#publish(next);
      void this.#linkRoom(next);
    });
    void this.#linkRoom(this.snapshot);
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = (event: MessageEvent<unknown>) => this.#receive(event.data);
    }
    this.#post({ type: 'hello' });
    this.#timers.push(setInterval(() => this.#tick(), TICK_MS));
    if (this.view === 'presenter') {
      this.#post({ type: 'presenter', open: true });
      this.#timers.push(setInterval(() => this.#post({ type: 'presenter', open: true }), HEARTBEAT_MS));
      globalThis.addEventListener?.('pagehide', () => this.#post({ type: 'presenter', open: false }));
    }
  }

  /** Stops timers and listening (a window closing, or a test ending). */
  stop(): void {
    this.#timers.forEach(clearInterval);
    if (this.view === 'presenter') this.#post({ type: 'presenter', open: false });
    this.#channel?.close();
    this.room?.stop();
    this.actor.stop();
  }

  /**
   * The projector window holds the room's connection from the lobby to the end of a workshop
   * with phones, whichever window took the step; a new workshop closes it.
   */
  async #linkRoom(snapshot: WorkshopSnapshot) {
    const phones = snapshot.context.settings.phones !== 'off' && !snapshot.matches('setup');
    if (phones && !this.#lanAsked) {
      this.#lanAsked = true;
      const { roomEndpoint, roomServerUp } = await import('../../room/endpoint');
      void roomServerUp(roomEndpoint()).then((server) => (this.lan = server.lan));
    }
    const wanted = this.view === 'projector' && phones;
    if (!wanted) {
      this.room?.stop();
      this.room = null;
      return;
    }
    if (this.room) return this.room.sync(snapshot);
    const { RoomLink } = await import('./roomLink.svelte');
    if (this.room) return;
    this.room = new RoomLink(
      this.bank,
      () => this.actor.getSnapshot(),
      (event) => this.send(event),
      (connected) => {
        this.phones = connected;
        this.#post({ type: 'phones', connected });
      },
    );
    void this.room.open();
  }

  send(event: WorkshopEvent): void {
    this.actor.send($state.snapshot(event) as WorkshopEvent);
  }

  /**
   * After a screen failed to render: keeps the workshop's data aside for download and starts a
   * new workshop at setup, so the window is usable again.
   */
  async recover(reason: string): Promise<void> {
    const saved = toSavedWorkshop(this.actor.getSnapshot());
    const kept = await this.#slot.keepAside({ seq: this.#seq, workshop: saved }, reason);
    this.unreadable = asText(kept.raw);
    this.notice = m.workshop_runtime_screen_failed({ reason });
    const fresh = createActor(this.machine, { input: { seed: newSeed() } }).getSnapshot();
    this.send({ type: 'sync.adopt', state: 'setup', context: fresh.context });
  }

  async #load(): Promise<void> {
    const read = await this.#slot.read();
    if (read.found === 'error') this.problem = read.message;
    if (read.found === 'unreadable') {
      this.notice = m.workshop_runtime_damaged();
      this.unreadable = asText(read.raw);
    }
    if (read.found !== 'data') return;
    const restored = restoreWorkshop(read.value.workshop, this.machine, this.bank);
    if (restored.ok) {
      this.#seq = read.value.seq;
      this.actor.send({ type: 'sync.adopt', state: read.value.workshop.state, context: read.value.workshop.context });
      return;
    }
    this.notice = restored.error;
    const kept = await this.#slot.keepAside(read.value, restored.error);
    this.unreadable = asText(kept.raw);
  }

  async #publish(snapshot: WorkshopSnapshot) {
    const seq = ++this.#seq;
    const saved = toSavedWorkshop(snapshot);
    this.#post({ type: 'state', seq, from: this.#id, reply: false, saved });
    try {
      await this.#slot.write({ seq, workshop: saved }, Date.now());
      this.problem = null;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  #post(message: WindowMessage) {
    this.#channel?.postMessage(message);
  }

  #receive(data: unknown) {
    const message = readMessage(data);
    if (!message) return;
    if (message.type === 'hello') {
      const saved = toSavedWorkshop(this.snapshot);
      this.#post({ type: 'state', seq: this.#seq, from: this.#id, reply: true, saved });
      if (this.room) this.#post({ type: 'phones', connected: this.phones });
    } else if (message.type === 'phones') {
      if (!this.room) this.phones = message.connected;
    } else if (message.type === 'presenter') {
      this.#presenterSeen = message.open ? Date.now() : 0;
      this.presenterOpen = message.open;
    } else if (isNewer(message, this.#seq, this.#id)) {
      this.#adopt(message.seq, message.saved);
    } else if (message.seq > this.#seq + 1) {
      // Steps were missed (this window was busy or asleep): ask for the whole state.
      this.#post({ type: 'hello' });
    }
  }

  /** Takes in the other window's state, if it checks and fits this bank; otherwise changes nothing. */
  #adopt(seq: number, raw: unknown) {
    const parsed = v.safeParse(savedWorkshopSchema, raw);
    const restored = parsed.success && restoreWorkshop(parsed.output, this.machine, this.bank);
    if (!parsed.success || !restored || !restored.ok) {
      console.warn('Role Call ignored a workshop state it could not use.');
      return;
    }
    this.#seq = seq;
    this.#adopting = true;
    this.actor.send({ type: 'sync.adopt', state: parsed.output.state, context: parsed.output.context });
    this.#adopting = false;
  }

  #tick() {
    this.now = Date.now();
    if (this.presenterOpen && this.now - this.#presenterSeen > HEARTBEAT_MS * 3) this.presenterOpen = false;
    const check: WorkshopEvent = { type: 'timer.check', at: this.now };
    if (this.snapshot.can(check)) this.send(check);
  }
}
