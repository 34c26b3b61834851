import type { Actor } from 'xstate';
import type { IndexedBank } from '../game/bank';
import { fail, ok, type Result } from '../game/result';
import type { PlayMachine } from '../machines/playMachine';
import type { PlaySnapshot } from '../machines/playView';
import { EMPTY_PROGRESS, progressFormat, readProgress, record, type Progress } from './progress';
import { asText, SavedSlot } from './savedActor';
import { restoreGame } from './savedGame';
import type { KeyValueStore } from './store';
import type { TabState } from './tabs';

/** Where progress lives in the store. */
export const PROGRESS_KEY = 'progress';

type PlayActor = Actor<PlayMachine>;

/** Saved data that could not be read: kept aside in the store, and offered for download. */
export interface Unreadable {
  reason: string;
  /** The data as found, as text. */
  text: string;
  /** The store key it was kept under, when keeping it worked. */
  backupKey?: string;
}

/**
 * Keeps the learner's progress on the device: loads it at start-up, saves after every change
 * of the game, and reports, for the screens to show, whatever went wrong. Every storage call is
 * time-limited; when storage fails, play goes on in memory and the next change tries again.
 */
export class Persistence {
  /** Progress as last recorded (saved or not). */
  progress = $state.raw<Progress>(EMPTY_PROGRESS);
  /** Why progress is not being saved right now; null while saving works. */
  problem = $state<string | null>(null);
  unreadable = $state.raw<Unreadable | null>(null);
  /** Why a saved game could not be resumed. */
  notResumed = $state<string | null>(null);
  /** Whether this tab may save: another tab may be the active one. */
  tab = $state<TabState>('active');

  #pending = false;
  #writing: Promise<void> | null = null;
  #askedToPersist = false;
  #mustNotOverwrite = false;

  readonly #slot: SavedSlot<Progress>;

  constructor(
    store: KeyValueStore,
    private readonly machine: PlayMachine,
    private readonly bank: IndexedBank,
    private readonly now: () => number = Date.now,
    limitMs?: number,
  ) {
    this.#slot = new SavedSlot(store, PROGRESS_KEY, progressFormat, limitMs);
  }

  /** Reads saved progress; returns the game snapshot to resume, if any. Never throws. */
  async load(): Promise<PlaySnapshot | undefined> {
    const read = await this.#slot.read();
    if (read.found === 'error') this.problem = read.message;
    if (read.found === 'unreadable') this.#unreadable(read.reason, read.raw, read.backupKey);
    if (read.found !== 'data') return undefined;
    this.progress = read.value;
    if (!read.value.game) return undefined;
    const restored = restoreGame(read.value.game, this.machine, this.bank);
    if (restored.ok) return restored.value;
    this.notResumed = restored.error;
    this.progress = { ...read.value, game: null };
    return undefined;
  }

  /**
   * Remembers unreadable data (kept aside under a backup key) for download. When even keeping
   * it failed, nothing is saved over the original for the rest of the visit.
   */
  #unreadable(reason: string, raw: unknown, backupKey: string | undefined) {
    this.unreadable = { reason, text: asText(raw), backupKey };
    if (!backupKey) {
      this.#mustNotOverwrite = true;
      this.problem = 'the saved data could not be read or copied, so nothing will be saved over it';
    }
  }

  /** Saves after every change of the actor's state, from now on. */
  connect(actor: PlayActor): void {
    let last = actor.getSnapshot();
    this.#record(last);
    actor.subscribe((snapshot) => {
      if (snapshot === last) return;
      last = snapshot;
      this.#record(snapshot);
    });
  }

  #record(snapshot: PlaySnapshot) {
    this.progress = record(this.progress, this.bank, snapshot, this.now());
    if (this.tab === 'active' && !this.#mustNotOverwrite) void this.requestSave();
  }

  /** Saves the latest progress; saves requested while one is under way are merged into one. */
  requestSave(): Promise<void> {
    this.#pending = true;
    this.#writing ??= this.#flush();
    return this.#writing;
  }

  async #flush() {
    while (this.#pending) {
      this.#pending = false;
      try {
        await this.#slot.write(this.progress, this.now());
        this.problem = null;
        this.#askToPersist();
      } catch (error) {
        this.problem = (error as Error).message;
      }
    }
    this.#writing = null;
  }

  /** Asks the browser not to evict our storage under pressure (once, after a save works). */
  #askToPersist() {
    if (this.#askedToPersist) return;
    this.#askedToPersist = true;
    void globalThis.navigator?.storage?.persist?.().catch(() => undefined);
  }

  /** Another tab takes over: save what we have, then stop saving. */
  async handOver(): Promise<void> {
    await this.requestSave();
    this.tab = 'moved';
  }

  /** The progress as a file's text, for "Export progress". */
  exportText(): string {
    return this.#slot.text(this.progress, this.now());
  }

  /**
   * Replaces progress with an exported file's content after validating it. Resolves with an
   * error sentence for a bad file; the current progress is untouched then.
   */
  async importText(text: string): Promise<Result<void>> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return fail('That file is not a Role Call progress file: it is not JSON.');
    }
    const result = readProgress(raw);
    if (!result.ok) return fail(`That file cannot be imported: ${result.error}.`);
    if (this.tab !== 'active') return fail('This tab does not save progress, so it cannot import a file.');
    try {
      await this.#slot.write(result.value, this.now());
    } catch (error) {
      return fail(`The file is fine, but it could not be saved: ${(error as Error).message}.`);
    }
    this.progress = result.value;
    return ok(undefined);
  }
}
