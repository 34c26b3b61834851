import type * as v from 'valibot';
import type { StateValue } from 'xstate';
import { version as appVersion } from '../../package.json';
import { m } from '../i18n/paraglide/messages.js';
import { errorText, type Result } from '../core/result';
import { statePath } from './states';
import { keepAside, timed, type KeyValueStore } from './store';

/**
 * How both modes keep an actor on the device: a versioned envelope around plain JSON,
 * validated with valibot on every read and migrated one version at a time, kept aside when it
 * cannot be read, and every storage call time-limited. Self-paced progress and the workshop
 * differ only in their format: kind, version, schema and migrations.
 *
 * Writing needs the format's kind and version alone. Reading (`readEnvelope.ts`) needs the
 * schema and the migrations too, and valibot: a slot loads them with the first stored data it
 * finds, so a first visit, which has none, never loads them.
 */

export const APP = 'role-call';

/** What an envelope says its data is. */
export interface FormatLabel {
  /** What the data is; an envelope of another kind is refused. */
  kind: string;
  version: number;
}

export interface SavedFormat<T> extends FormatLabel {
  schema: v.GenericSchema<unknown, T>;
  /** Each step turns data of version N into data of version N + 1; it may throw on bad data. */
  migrations: Record<number, (data: unknown) => unknown>;
  /**
   * Reads what an older release stored without a versioned envelope, as the version its data
   * is in; undefined when the value is not such a thing.
   */
  legacy?: (raw: unknown) => { version: number; data: unknown } | undefined;
}

export interface Envelope {
  app: typeof APP;
  kind: string;
  schemaVersion: number;
  appVersion: string;
  savedAt: string;
  data: unknown;
}

/** The envelope to store for some data. */
export function wrap<T>(format: FormatLabel, data: T, now: number): Envelope {
  return {
    app: APP,
    kind: format.kind,
    schemaVersion: format.version,
    appVersion,
    savedAt: new Date(now).toISOString(),
    data,
  };
}

/**
 * An actor's state as stored: its state as a dotted path, and its context as plain data.
 * `restingStates.ts` turns it back into a snapshot.
 */
export interface SavedState<C> {
  state: string;
  context: C;
}

/** What to store for a snapshot. */
export function toSavedState<C>(snapshot: { value: StateValue; context: C }): SavedState<C> {
  return { state: statePath(snapshot.value), context: snapshot.context };
}

/** What reading a slot found. */
export type SlotRead<T> =
  | { found: 'nothing' }
  | { found: 'data'; value: T }
  /** Stored data that cannot be read: kept aside under `backupKey` (when that worked). */
  | { found: 'unreadable'; reason: string; raw: unknown; backupKey?: string }
  /** Storage itself failed or did not answer. */
  | { found: 'error'; message: string };

/**
 * A slot's format: its label, for writing, and its reader (`unwrap` with the format), which
 * a slot asks for only when it finds data to read.
 */
export interface SlotFormat<T> extends FormatLabel {
  reader: () => Promise<(raw: unknown) => Result<T>>;
}

/** One key of the store holding one format, read and written with time limits. */
export class SavedSlot<T> {
  /** Set when stored data was found but its reader did not load: it must not be written over. */
  #unread: string | null = null;

  constructor(
    private readonly store: KeyValueStore,
    readonly key: string,
    private readonly format: SlotFormat<T>,
    private readonly limitMs?: number,
  ) {}

  /** Reads the slot; unreadable data is kept aside first, so nothing is lost. Never throws. */
  async read(): Promise<SlotRead<T>> {
    let raw: unknown;
    try {
      raw = await timed(() => this.store.getItem(this.key), this.limitMs);
    } catch (error) {
      return { found: 'error', message: (error as Error).message };
    }
    if (raw === null || raw === undefined) return { found: 'nothing' };
    let read: (raw: unknown) => Result<T>;
    try {
      read = await this.format.reader();
    } catch (error) {
      // Offline before the app was cached: the data stays as it is until a reload reads it.
      this.#unread = m.platform_saved_unread({ error: errorText(error) });
      return { found: 'error', message: this.#unread };
    }
    this.#unread = null;
    const result = read(raw);
    if (result.ok) return { found: 'data', value: result.value };
    return this.keepAside(raw, result.error);
  }

  /** Keeps a value that cannot be used aside under a new key, and says so. */
  async keepAside(raw: unknown, reason: string): Promise<SlotRead<T> & { found: 'unreadable' }> {
    const backupKey = await keepAside(this.store, raw, this.key, this.limitMs);
    return { found: 'unreadable', reason, raw, backupKey };
  }

  /**
   * Writes data in its envelope. Rejects with an error a person can read: a StorageError, or
   * the reason stored data that could not be read must not be written over.
   */
  async write(value: T, now: number): Promise<void> {
    if (this.#unread) throw new Error(this.#unread);
    await timed(() => this.store.setItem(this.key, wrap(this.format, value, now)), this.limitMs);
  }

  /** The data as an envelope's JSON text, for a file. */
  text(value: T, now: number): string {
    return `${JSON.stringify(wrap(this.format, value, now), null, 2)}\n`;
  }
}

/** Stored data as readable text, for "download the unreadable data". */
export function asText(raw: unknown): string {
  try {
    return JSON.stringify(raw, null, 2) ?? String(raw);
  } catch {
    return String(raw);
  }
}
