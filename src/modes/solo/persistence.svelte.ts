import type { Actor } from 'xstate';
import type { IndexedBank } from '../../core/bank';
import { errorText, fail, ok, type Result } from '../../core/result';
import type { PlayMachine } from './playMachine';
import type { PlaySnapshot } from './playView';
import { PROGRESS_KEY } from '../../progress/label';
import { EMPTY_PROGRESS, progressSlot, wrapProgress, type Progress } from '../../progress/progress';
import { record } from './record';
import { asText, SavedSlot } from '../../platform/savedActor';
import type { SavedGame } from './savedGame';
import { timed, type KeyValueStore } from '../../platform/store';
import { packOf } from '../../core/packIds';
import { afterNextPaint } from '../../platform/paint';
import type { TabState } from '../../platform/tabs';
import { m } from '../../i18n/paraglide/messages.js';

/** Where progress lives in the store. */
/** Where the progress replaced by the last import is kept, until it is restored or let go. */
export const BEFORE_IMPORT_KEY = 'progress-before-import';

type PlayActor = Actor<PlayMachine>;

/** Saved data that could not be read: kept aside in the store, and offered for download. */
export interface Unreadable {
  /** Whether the data failed validation when read, or made a screen fail when shown. */
  failed: 'read' | 'shown';
  reason: string;
  /** The data as found, as text. */
  text: string;
  /** The store key it was kept under, when keeping it worked. */
  backupKey?: string;
}

function isEmpty(progress: Progress): boolean {
  return !progress.game && !progress.history.length && !progress.review.length;
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
  /** A validated file waiting for the learner to confirm the import, and what it replaces. */
  pendingImport = $state.raw<{ summary: string; progress: Progress } | null>(null);
  /**
   * Set while the progress from before an import is kept in the store, so the import can be
   * undone; found again on every load until the learner undoes or keeps the import.
   */
  importUndo = $state.raw<{ error: string | null } | null>(null);

  #pending = false;
  #writing: Promise<void> | null = null;
  /** Ends the wait for the next paint of a save about to start, when the page is going away. */
  #hurry: (() => void) | null = null;
  #askedToPersist = false;
  #mustNotOverwrite = false;
  /** Set once stored progress has been replaced wholesale: nothing is saved until the reload. */
  #replaced = false;
  /** Whether the store may hold progress; until it does, empty progress is not worth a write. */
  #stored = true;
  #actor: PlayActor | null = null;
  readonly #slot: SavedSlot<Progress>;

  constructor(
    private readonly store: KeyValueStore,
    private readonly machine: PlayMachine,
    private readonly bank: IndexedBank,
    private readonly now: () => number = Date.now,
    private readonly limitMs?: number,
    /** Whether trainer packs join the bank: not in an LMS, whose course is its own companies. */
    private readonly usePacks = true,
  ) {
    this.#slot = new SavedSlot(store, PROGRESS_KEY, progressSlot, limitMs);
    // A page being hidden or left may get no frame again: a save waiting for one starts now.
    const hurry = () => this.#hurry?.();
    globalThis.addEventListener?.('pagehide', hurry);
    globalThis.document?.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') hurry();
    });
  }

  /** Reads saved progress; returns the game snapshot to resume, if any. Never throws. */
  async load(): Promise<PlaySnapshot | undefined> {
    const [read, beforeImport] = await Promise.all([
      this.#slot.read(),
      timed(() => this.store.getItem(BEFORE_IMPORT_KEY), this.limitMs).catch(() => null),
    ]);
    if (beforeImport !== null && beforeImport !== undefined) this.importUndo = { error: null };
    this.#stored = read.found !== 'nothing';
    if (read.found === 'error') this.problem = read.message;
    if (read.found === 'unreadable') this.#unreadable('read', read.reason, read.raw, read.backupKey);
    if (read.found !== 'data') return undefined;
    const progress = await this.#takePacks(read.value);
    this.progress = progress;
    if (!progress.game) return undefined;
    const restored = await this.#restore(progress.game);
    if (restored.ok) return restored.value;
    this.notResumed = restored.error;
    this.progress = { ...progress, game: null };
    return undefined;
  }

  /**
   * Puts the stored packs into the bank, checked again as packs. A damaged one is left out,
   * and the progress as stored is kept aside for download first, as any unreadable data is.
   */
  async #takePacks(progress: Progress): Promise<Progress> {
    if (!progress.packs?.length || !this.usePacks) return progress;
    let checked: ReturnType<(typeof import('../../progress/shelf'))['checkStored']>;
    try {
      checked = (await import('../../progress/shelf')).checkStored(progress.packs);
    } catch (error) {
      this.problem = m.solo_save_packs_failed({ error: errorText(error) });
      this.#mustNotOverwrite = true;
      return progress;
    }
    this.bank.setPacks(checked.parts);
    if (checked.problems.length) {
      const reason = checked.problems.join('; ');
      const kept = await this.#slot.keepAside(wrapProgress(progress, this.now()), reason);
      this.#unreadable('read', kept.reason, kept.raw, kept.backupKey);
    }
    return { ...progress, packs: checked.kept };
  }

  /** Why a pack cannot change now: a game under way plays its tasks. */
  #packInPlay(packId: string): string | undefined {
    const snapshot = this.#actor?.getSnapshot();
    if (!snapshot || snapshot.matches('intro') || snapshot.matches('results')) return undefined;
    const cards = snapshot.context.rounds.flatMap((round) => round.cardIds);
    if (cards.some((cardId) => packOf(cardId) === packId)) return m.solo_packs_in_play();
    return undefined;
  }

  /**
   * Changes the packs (src/packs/shelf.ts says how: `addPack`, `removePack`) once no game under
   * way plays the pack, and saves. The change puts the bank's packs right itself.
   */
  async changePacks(
    packId: string,
    change: (progress: Progress, bank: IndexedBank, now: number) => Result<Progress>,
  ): Promise<Result<void>> {
    if (this.tab !== 'active') return fail(m.solo_packs_tab());
    const inPlay = this.#packInPlay(packId);
    if (inPlay) return fail(inPlay);
    const changed = change(this.progress, this.bank, this.now());
    if (!changed.ok) return changed;
    this.progress = changed.value;
    if (this.#maySave()) await this.requestSave();
    return ok(undefined);
  }

  /** A saved game as a snapshot, once its companies' questions have loaded. */
  async #restore(game: SavedGame): Promise<Result<PlaySnapshot>> {
    let restoreGame: typeof import('./restoreGame').restoreGame;
    try {
      [{ restoreGame }] = await Promise.all([import('./restoreGame'), this.bank.load(game.context.scenarioIds)]);
    } catch (error) {
      return fail(m.solo_restore_not_loaded({ error: errorText(error) }));
    }
    return restoreGame(game, this.machine, this.bank);
  }

  /**
   * Remembers data that cannot be used (already kept aside under `backupKey`) for download.
   * When even keeping it failed, nothing is saved over the original for the rest of the visit.
   */
  #unreadable(failed: Unreadable['failed'], reason: string, raw: unknown, backupKey: string | undefined) {
    this.unreadable = { failed, reason, text: asText(raw), backupKey };
    if (!backupKey) {
      this.#mustNotOverwrite = true;
      this.problem = m.solo_save_unreadable();
    }
  }

  /** Saves after every change of the actor's state, from now on. */
  connect(actor: PlayActor): void {
    this.#actor = actor;
    let last = actor.getSnapshot();
    this.#record(last);
    actor.subscribe((snapshot) => {
      if (snapshot === last) return;
      last = snapshot;
      this.#record(snapshot);
    });
  }

  #record(snapshot: PlaySnapshot) {
    // A file waits for confirmation only on the start screen, where it was chosen.
    if (!snapshot.matches('intro')) this.pendingImport = null;
    this.progress = record(this.progress, this.bank, snapshot, this.now());
    // A first visit's start screen has nothing to keep: no write, and no storage library yet.
    if (!this.#stored && isEmpty(this.progress)) return;
    if (this.#maySave()) void this.requestSave();
  }

  #maySave() {
    return this.tab === 'active' && !this.#mustNotOverwrite && !this.#replaced;
  }

  /**
   * After a screen failed to render: the progress it showed goes the way of unreadable data
   * (kept aside in the store, offered for download), play goes back to the start screen and
   * progress starts clean. Resolves true when showing the screens again is worth a try; false
   * when there was no progress to blame, so the same failure would only repeat. Never throws.
   */
  async recover(error: unknown): Promise<boolean> {
    const shown = this.progress;
    if (isEmpty(shown)) return false;
    const kept = await this.#slot.keepAside(wrapProgress(shown, this.now()), errorText(error));
    this.#unreadable('shown', kept.reason, kept.raw, kept.backupKey);
    this.progress = EMPTY_PROGRESS;
    this.notResumed = null;
    this.pendingImport = null;
    // Going home records the clean progress, which saves it unless saving must stay off.
    this.#actor?.send({ type: 'game.home' });
    if (this.#maySave()) await this.requestSave();
    return true;
  }

  /**
   * Saves the latest progress once the next frame is painted (at once on a hidden page), so
   * cloning the progress into IndexedDB does not delay the screen an answer brings; saves
   * requested meanwhile, or while one is under way, are merged into one.
   */
  requestSave(): Promise<void> {
    this.#stored = true;
    this.#pending = true;
    this.#writing ??= this.#flush();
    return this.#writing;
  }

  async #flush() {
    const paint = afterNextPaint();
    this.#hurry = paint.hurry;
    await paint.done;
    this.#hurry = null;
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
   * Validates an exported file's text and holds it for `confirmImport`. Resolves with the
   * summary of what importing it replaces, or with an error sentence for a bad file; the
   * current progress is untouched either way.
   */
  async previewImport(text: string): Promise<Result<string>> {
    this.pendingImport = null;
    let file: typeof import('../../progress/importFile');
    try {
      file = await import('../../progress/importFile');
    } catch (error) {
      return fail(m.solo_import_unchecked({ error: errorText(error) }));
    }
    const result = await file.readProgressFile(text);
    if (!result.ok) return result;
    if (this.tab !== 'active') return fail(m.solo_import_tab());
    const game = result.value.game;
    const restored = game && game.state !== 'results' ? await this.#restore(game) : undefined;
    const summary = file.importSummary(this.progress, result.value, restored);
    this.pendingImport = { summary, progress: result.value };
    return ok(summary);
  }

  /** Forgets the file waiting for confirmation. */
  cancelImport(): void {
    this.pendingImport = null;
  }

  /**
   * Replaces the stored progress with the file waiting for confirmation, after keeping the
   * current progress under BEFORE_IMPORT_KEY so the import can be undone. Nothing is saved
   * after it: the caller reloads, so the imported game resumes as any saved game does.
   */
  async confirmImport(): Promise<Result<void>> {
    const pending = this.pendingImport;
    if (!pending) return fail(m.solo_import_none());
    const current = wrapProgress(this.progress, this.now());
    const outcome = await this.#replace(pending.progress, async () => {
      try {
        await timed(() => this.store.setItem(BEFORE_IMPORT_KEY, current), this.limitMs);
      } catch (error) {
        return m.solo_import_not_kept({ error: (error as Error).message });
      }
    });
    if (!outcome.ok) {
      // A copy kept for an import that did not happen would offer an undo of nothing.
      if (!this.importUndo)
        await timed(() => this.store.removeItem(BEFORE_IMPORT_KEY), this.limitMs).catch(() => undefined);
      return outcome;
    }
    this.progress = pending.progress;
    this.pendingImport = null;
    this.importUndo = { error: null };
    return outcome;
  }

  /**
   * Puts back the progress kept by the last import and lets the kept copy go. The caller
   * reloads, as after an import.
   */
  async undoImport(): Promise<Result<void>> {
    const refuse = (error: string) => {
      this.importUndo = { error };
      return fail(error);
    };
    let raw: unknown;
    try {
      raw = await timed(() => this.store.getItem(BEFORE_IMPORT_KEY), this.limitMs);
    } catch (error) {
      return refuse(m.solo_undo_unread({ error: (error as Error).message }));
    }
    let read: (raw: unknown) => Result<Progress>;
    try {
      read = await progressSlot.reader();
    } catch (error) {
      return refuse(m.solo_undo_unread({ error: errorText(error) }));
    }
    const result = read(raw);
    if (!result.ok) return refuse(m.solo_undo_unrestorable({ error: result.error }));
    const outcome = await this.#replace(result.value, async () => undefined);
    if (!outcome.ok) return refuse(outcome.error);
    // Left behind, the copy would only offer the same undo again after the reload.
    await timed(() => this.store.removeItem(BEFORE_IMPORT_KEY), this.limitMs).catch(() => undefined);
    this.progress = result.value;
    this.importUndo = null;
    return outcome;
  }

  /** Keeps the imported progress: the copy from before the import is let go. */
  async keepImport(): Promise<void> {
    this.importUndo = null;
    // If removing fails, the offer comes back on the next visit; nothing is lost.
    await timed(() => this.store.removeItem(BEFORE_IMPORT_KEY), this.limitMs).catch(() => undefined);
  }

  /**
   * Writes new progress over the stored progress once `before` has succeeded (it returns an
   * error sentence when it did not), with saving stopped so no save of the old progress lands
   * after it. Saving stays stopped on success, until the reload.
   */
  async #replace(progress: Progress, before: () => Promise<string | undefined>): Promise<Result<void>> {
    this.#replaced = true;
    await this.#writing;
    const refused = await before();
    if (refused) {
      this.#replaced = false;
      return fail(refused);
    }
    try {
      await this.#slot.write(progress, this.now());
    } catch (error) {
      this.#replaced = false;
      return fail(m.solo_save_failed({ error: (error as Error).message }));
    }
    return ok(undefined);
  }
}
