import * as v from 'valibot';
import type { AnyStateMachine, SnapshotFrom, StateValue } from 'xstate';
import { version as appVersion } from '../../package.json';
import { fail, ok, type Result } from '../game/result';
import { restingStates, statePath, stateValue } from '../machines/states';
import { count } from './bounds';
import { keepAside, timed, type KeyValueStore } from './store';

/**
 * How both modes keep an actor on the device: a versioned envelope around plain JSON,
 * validated with valibot on every read and migrated one version at a time, kept aside when it
 * cannot be read, and every storage call time-limited. Self-paced progress and the workshop
 * differ only in their format: kind, version, schema and migrations.
 */

const APP = 'role-call';

export interface SavedFormat<T> {
  /** What the data is; an envelope of another kind is refused. */
  kind: string;
  version: number;
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

const envelopeSchema = v.object({
  app: v.literal(APP),
  // Progress saved before the workshop had an envelope too carries no kind.
  kind: v.optional(v.pipe(v.string(), v.maxLength(40)), 'progress'),
  schemaVersion: v.pipe(count(1000), v.minValue(1)),
  appVersion: v.pipe(v.string(), v.maxLength(100)),
  savedAt: v.pipe(v.string(), v.maxLength(100)),
  data: v.unknown(),
});

/** The envelope to store for some data. */
export function wrap<T>(format: SavedFormat<T>, data: T, now: number): Envelope {
  return {
    app: APP,
    kind: format.kind,
    schemaVersion: format.version,
    appVersion,
    savedAt: new Date(now).toISOString(),
    data,
  };
}

function firstIssue(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!;
  const path = issue.path?.map((item) => item.key).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Validates and migrates a stored or imported value; the error says why it cannot be read. Never throws. */
export function unwrap<T>(format: SavedFormat<T>, raw: unknown): Result<T> {
  const parsed = v.safeParse(envelopeSchema, raw);
  const found = parsed.success
    ? { kind: parsed.output.kind, version: parsed.output.schemaVersion, data: parsed.output.data }
    : format.legacy?.(raw) && { kind: format.kind, ...format.legacy(raw)! };
  if (!found || found.kind !== format.kind) return fail(`it is not Role Call ${format.kind} data`);
  if (found.version > format.version)
    return fail(`it was saved by a newer version of Role Call (format ${found.version})`);
  let data = found.data;
  try {
    for (let version = found.version; version < format.version; version++) data = format.migrations[version]!(data);
  } catch (error) {
    // Old data that does not validate is damaged, whichever version it was saved in.
    if (error instanceof v.ValiError) return fail(`part of it is damaged (${firstIssue(error.issues)})`);
    return fail(`its format ${found.version} data could not be upgraded (${String(error)})`);
  }
  const result = v.safeParse(format.schema, data);
  return result.success ? ok(result.output) : fail(`part of it is damaged (${firstIssue(result.issues)})`);
}

/** An actor's state as stored: its state as a dotted path, and its context as plain data. */
export interface SavedState<C> {
  state: string;
  context: C;
}

/** What to store for a snapshot. */
export function toSavedState<C>(snapshot: { value: StateValue; context: C }): SavedState<C> {
  return { state: statePath(snapshot.value), context: snapshot.context };
}

/** The snapshot for a saved state, or why the machine has no such state to rest in. */
export function toSnapshot<M extends AnyStateMachine>(
  machine: M,
  saved: SavedState<SnapshotFrom<M>['context']>,
): Result<SnapshotFrom<M>> {
  if (!restingStates(machine.root).includes(saved.state)) return fail('it is on a screen this version does not have');
  return ok(machine.resolveState({ value: stateValue(saved.state), context: saved.context }) as SnapshotFrom<M>);
}

/** What reading a slot found. */
export type SlotRead<T> =
  | { found: 'nothing' }
  | { found: 'data'; value: T }
  /** Stored data that cannot be read: kept aside under `backupKey` (when that worked). */
  | { found: 'unreadable'; reason: string; raw: unknown; backupKey?: string }
  /** Storage itself failed or did not answer. */
  | { found: 'error'; message: string };

/** One key of the store holding one format, read and written with time limits. */
export class SavedSlot<T> {
  constructor(
    private readonly store: KeyValueStore,
    readonly key: string,
    private readonly format: SavedFormat<T>,
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
    const result = unwrap(this.format, raw);
    if (result.ok) return { found: 'data', value: result.value };
    return this.keepAside(raw, result.error);
  }

  /** Keeps a value that cannot be used aside under a new key, and says so. */
  async keepAside(raw: unknown, reason: string): Promise<SlotRead<T> & { found: 'unreadable' }> {
    const backupKey = await keepAside(this.store, raw, this.key, this.limitMs);
    return { found: 'unreadable', reason, raw, backupKey };
  }

  /** Writes data in its envelope. Rejects with a StorageError a person can read. */
  async write(value: T, now: number): Promise<void> {
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
