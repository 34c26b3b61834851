import type { Actor } from 'xstate';
import type { Bank } from '../game/schema';
import type { playMachine } from '../machines/playMachine';
import { EMPTY_PROGRESS, record, unwrap, wrap, type Progress } from './progress';
import { restoreGame } from './savedGame';
import { keepAside, timed, type KeyValueStore } from './store';
import type { TabState } from './tabs';

/** Where progress lives in the store. */
export const PROGRESS_KEY = 'progress';

type PlayActor = Actor<typeof playMachine>;
type PlaySnapshot = ReturnType<PlayActor['getSnapshot']>;

function asText(raw: unknown): string {
  try {
    return JSON.stringify(raw, null, 2) ?? String(raw);
  } catch {
    return String(raw);
  }
}

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

  constructor(
    private readonly store: KeyValueStore,
    private readonly bank: Bank,
    private readonly now: () => number = Date.now,
    private readonly limitMs?: number,
  ) {}

  /** Reads saved progress; returns the game snapshot to resume, if any. Never throws. */
  async load(): Promise<PlaySnapshot | undefined> {
    let raw: unknown;
    try {
      raw = await timed(() => this.store.getItem(PROGRESS_KEY), this.limitMs);
    } catch (error) {
      this.problem = (error as Error).message;
      return undefined;
    }
    if (raw === null || raw === undefined) return undefined;
    const result = unwrap(raw);
    if (!result.ok) {
      await this.keepAside(raw, result.reason);
      return undefined;
    }
    this.progress = result.progress;
    if (!result.progress.game) return undefined;
    const restored = restoreGame(result.progress.game, this.bank);
    if ('snapshot' in restored) return restored.snapshot;
    this.notResumed = restored.problem;
    this.progress = { ...result.progress, game: null };
    return undefined;
  }

  /**
   * Keeps unreadable data under a backup key and remembers it for download. When even that
   * fails, nothing is saved over the original for the rest of the visit.
   */
  private async keepAside(raw: unknown, reason: string) {
    const backupKey = await keepAside(this.store, raw, 'progress', this.limitMs);
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
    this.progress = record(this.progress, snapshot, this.now());
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
        await timed(() => this.store.setItem(PROGRESS_KEY, wrap(this.progress, this.now())), this.limitMs);
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
    return `${JSON.stringify(wrap(this.progress, this.now()), null, 2)}\n`;
  }

  /**
   * Replaces progress with an exported file's content after validating it. Resolves with an
   * error sentence for a bad file; the current progress is untouched then.
   */
  async importText(text: string): Promise<{ ok: true } | { ok: false; error: string }> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, error: 'That file is not a Role Call progress file: it is not JSON.' };
    }
    const result = unwrap(raw);
    if (!result.ok) return { ok: false, error: `That file cannot be imported: ${result.reason}.` };
    if (this.tab !== 'active')
      return { ok: false, error: 'This tab does not save progress, so it cannot import a file.' };
    try {
      await timed(() => this.store.setItem(PROGRESS_KEY, wrap(result.progress, this.now())), this.limitMs);
    } catch (error) {
      return { ok: false, error: `The file is fine, but it could not be saved: ${(error as Error).message}.` };
    }
    this.progress = result.progress;
    return { ok: true };
  }
}
