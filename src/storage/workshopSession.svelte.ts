import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import { newSeed } from '../game/random';
import type { Bank } from '../game/schema';
import { workshopMachine, type WorkshopEvent } from '../machines/workshopMachine';
import { restoreWorkshop, toSavedWorkshop, type SavedWorkshop } from './savedWorkshop';
import { keepAside, timed, type KeyValueStore } from './store';

/** Where the workshop in progress is kept. */
export const WORKSHOP_KEY = 'workshop';
const CHANNEL = 'role-call:workshop';
/** The presenter window says it is there this often; after three silences it counts as closed. */
const HEARTBEAT_MS = 1000;
const TICK_MS = 250;

type WorkshopSnapshot = SnapshotFrom<typeof workshopMachine>;
type Message =
  | { type: 'state'; seq: number; from: string; saved: SavedWorkshop }
  | { type: 'hello' }
  | { type: 'presenter'; open: boolean };

/**
 * One workshop shown in two windows, the projector and the presenter view. Each window runs
 * its own actor; after every step the window that made it saves the state and broadcasts it,
 * numbered, and the other adopts any newer state. Either window can close and reopen: it
 * starts from the saved state, and the deadline in it tells how much time is left.
 */
export class WorkshopSession {
  snapshot = $state.raw<WorkshopSnapshot>(undefined as unknown as WorkshopSnapshot);
  /** Why the workshop is not being saved right now; null while saving works. */
  problem = $state<string | null>(null);
  /** Why a saved workshop could not be resumed. */
  notice = $state<string | null>(null);
  /** Whether a presenter window is open (as the projector window sees it). */
  presenterOpen = $state(false);
  /** The time now, ticking, for the countdown. */
  now = $state(Date.now());

  #actor!: Actor<typeof workshopMachine>;
  #seq = 0;
  readonly #id = Math.random().toString(36).slice(2);
  #adopting = false;
  #channel: BroadcastChannel | null = null;
  #presenterSeen = 0;
  #timers: Array<ReturnType<typeof setInterval>> = [];

  constructor(
    private readonly store: KeyValueStore,
    private readonly bank: Bank,
    readonly view: 'projector' | 'presenter',
    private readonly limitMs?: number,
  ) {}

  /** Loads the saved workshop (if any), then starts listening to the other window. */
  async start(): Promise<void> {
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = (event: MessageEvent<Message>) => this.#receive(event.data);
    }
    this.#useActor(await this.#load());
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
    this.#actor.stop();
  }

  send(event: WorkshopEvent): void {
    this.#actor.send($state.snapshot(event) as WorkshopEvent);
  }

  async #load(): Promise<WorkshopSnapshot | undefined> {
    let raw: unknown;
    try {
      raw = await timed(() => this.store.getItem(WORKSHOP_KEY), this.limitMs);
    } catch (error) {
      this.problem = (error as Error).message;
      return undefined;
    }
    if (raw === null || raw === undefined) return undefined;
    const envelope = raw as { app?: unknown; seq?: unknown; data?: unknown };
    const restored =
      envelope?.app === 'role-call' && Number.isInteger(envelope.seq)
        ? restoreWorkshop(envelope.data, this.bank)
        : { problem: 'The saved workshop is damaged, so a new one starts.' };
    if ('snapshot' in restored) {
      this.#seq = envelope.seq as number;
      return restored.snapshot;
    }
    this.notice = restored.problem;
    await keepAside(this.store, raw, 'workshop', this.limitMs);
    return undefined;
  }

  #useActor(snapshot: WorkshopSnapshot | undefined) {
    this.#actor?.stop();
    this.#actor = createActor(workshopMachine, { input: { bank: this.bank, seed: newSeed() }, snapshot }).start();
    this.snapshot = this.#actor.getSnapshot();
    this.#actor.subscribe((next) => {
      this.snapshot = next;
      if (!this.#adopting) void this.#publish(next);
    });
  }

  async #publish(snapshot: WorkshopSnapshot) {
    const seq = ++this.#seq;
    const saved = toSavedWorkshop(snapshot);
    this.#post({ type: 'state', seq, from: this.#id, saved });
    try {
      await timed(
        () =>
          this.store.setItem(WORKSHOP_KEY, {
            app: 'role-call',
            kind: 'workshop',
            seq,
            // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
            savedAt: new Date().toISOString(),
            data: saved,
          }),
        this.limitMs,
      );
      this.problem = null;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  #post(message: Message) {
    this.#channel?.postMessage(message);
  }

  #receive(message: Message) {
    if (message.type === 'hello') {
      this.#post({ type: 'state', seq: this.#seq, from: this.#id, saved: toSavedWorkshop(this.snapshot) });
    } else if (message.type === 'presenter') {
      this.#presenterSeen = message.open ? Date.now() : 0;
      this.presenterOpen = message.open;
    } else if (message.seq > this.#seq || (message.seq === this.#seq && message.from < this.#id)) {
      // Newer, or a tie broken the same way in both windows.
      const restored = restoreWorkshop(message.saved, this.bank);
      if (!('snapshot' in restored)) return;
      this.#seq = message.seq;
      this.#adopting = true;
      this.#useActor(restored.snapshot);
      this.#adopting = false;
    }
  }

  #tick() {
    this.now = Date.now();
    if (this.presenterOpen && this.now - this.#presenterSeen > HEARTBEAT_MS * 3) this.presenterOpen = false;
    // A restored or adopted timer has no scheduled expiry of its own: tell it the time.
    const { deadline } = this.snapshot.context;
    if (this.snapshot.matches({ question: 'timing' }) && deadline !== null && this.now >= deadline)
      this.send({ type: 'timer.check', at: this.now });
  }
}
