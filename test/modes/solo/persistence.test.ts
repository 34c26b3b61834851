import 'fake-indexeddb/auto';
import localforage from 'localforage';
import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createPlayMachine } from '../../../src/modes/solo/playMachine';
import { BEFORE_IMPORT_KEY, Persistence } from '../../../src/modes/solo/persistence.svelte';
import { PROGRESS_KEY } from '../../../src/progress/label';
import { EMPTY_PROGRESS, progressSlot, wrapProgress as wrap, type Progress } from '../../../src/progress/progress';
import type { KeyValueStore } from '../../../src/platform/store';
import { currentCard } from '../../../src/core/cursor';
import { fixtureBank, memoryStore } from '../../support/fixtures';
import { finishRound, playToResults } from '../../support/play';

const bank = fixtureBank();
const machine = createPlayMachine(bank);
let dbCount = 0;
/** A fresh localforage instance on (fake) IndexedDB, as in the browser. */
const freshStore = () =>
  localforage.createInstance({ name: `role-call-test-${dbCount++}`, driver: localforage.INDEXEDDB });
const LIMIT = 100;

async function startGame(store: KeyValueStore) {
  const persistence = new Persistence(store, machine, bank, Date.now, LIMIT);
  const snapshot = await persistence.load();
  const actor = createActor(machine, { input: { seed: 9 }, snapshot }).start();
  persistence.connect(actor);
  await persistence.requestSave();
  return { persistence, actor };
}

describe('saving and resuming', () => {
  it('resumes a game mid-card with the same answers', async () => {
    const store = freshStore();
    const first = await startGame(store);
    first.actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'] });
    first.actor.send({ type: 'round.start' });
    const card = currentCard(bank, first.actor.getSnapshot().context)!;
    first.actor.send({ type: 'role.pick', role: 'both' });
    first.actor.send({ type: 'confidence.choose', confidence: 'medium' });
    await first.persistence.requestSave();

    const second = await startGame(store);
    expect(second.actor.getSnapshot().value).toBe('feedback');
    expect(second.actor.getSnapshot().context.answers).toEqual({ [card.id]: { role: 'both', confidence: 'medium' } });
    expect(second.actor.getSnapshot().context.rounds).toEqual(first.actor.getSnapshot().context.rounds);
    expect(second.persistence.problem).toBeNull();
  });

  it('resumes a role picked and waiting for how sure, after a reload', async () => {
    const store = freshStore();
    const first = await startGame(store);
    first.actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    first.actor.send({ type: 'round.start' });
    first.actor.send({ type: 'role.pick', role: 'pmm' });
    await first.persistence.requestSave();
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({
      data: { game: { state: 'answering.confiding', context: { picked: 'pmm', answers: {} } } },
    });

    const second = await startGame(store);
    expect(second.actor.getSnapshot().matches({ answering: 'confiding' })).toBe(true);
    expect(second.actor.getSnapshot().context.picked).toBe('pmm');
    expect(second.persistence.notResumed).toBeNull();
  });

  it('resumes a game saved before the pick was kept on the role question of its task', async () => {
    const store = freshStore();
    // As stored by the release before: "answering" had no steps, and the context no pick.
    const game = {
      state: 'answering',
      context: {
        seed: 1,
        mode: 'play',
        scenarioIds: ['alpha'],
        rounds: [{ scenarioId: 'alpha', cardIds: ['a-pm', 'a-both'] }],
        roundIndex: 0,
        cardIndex: 1,
        answers: { 'a-pm': { role: 'pm', confidence: 'low' } },
        confidence: true,
      },
    };
    await store.setItem(PROGRESS_KEY, { ...wrap(EMPTY_PROGRESS, 0), data: { ...EMPTY_PROGRESS, game } });
    const { actor, persistence } = await startGame(store);
    expect(persistence.notResumed).toBeNull();
    expect(actor.getSnapshot().matches({ answering: 'picking' })).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ cardIndex: 1, picked: null, answers: game.context.answers });
  });

  it('keeps history and the review deck across visits', async () => {
    const store = freshStore();
    const first = await startGame(store);
    playToResults(bank, first.actor, (card) => card.key !== 'pm');
    await first.persistence.requestSave();
    const second = await startGame(store);
    expect(second.actor.getSnapshot().matches('results')).toBe(true);
    expect(second.persistence.progress.history).toHaveLength(1);
    expect(second.persistence.progress.review.map((entry) => entry.cardId).sort()).toEqual(['a-pm', 'b-roadmap']);
  });

  it('starts afresh, without a notice, on a first visit', async () => {
    const { persistence, actor } = await startGame(freshStore());
    expect(actor.getSnapshot().matches('intro')).toBe(true);
    expect([persistence.problem, persistence.unreadable, persistence.notResumed]).toEqual([null, null, null]);
  });
});

describe('bad saved data', () => {
  it.each([
    ['corrupt', '{"this is": not json'],
    ['foreign', { app: 'other', data: [1, 2, 3] }],
    ['damaged', { ...wrap({ game: null, history: [], review: [] }, 0), data: { game: 'x' } }],
  ])('keeps %s data aside, starts clean and offers it for download', async (_, raw) => {
    const store = freshStore();
    await store.setItem(PROGRESS_KEY, raw);
    const { persistence, actor } = await startGame(store);
    expect(actor.getSnapshot().matches('intro')).toBe(true);
    expect(persistence.unreadable?.reason).toBeTruthy();
    expect(JSON.parse(persistence.unreadable!.text)).toEqual(raw);
    expect(await store.getItem(persistence.unreadable!.backupKey!)).toEqual(raw);
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ app: 'role-call' });
  });

  it('drops a game saved with questions that have since changed, keeping the rest', async () => {
    const store = freshStore();
    const history = [
      { id: 1, finishedAt: Date.UTC(2026, 0, 5), mode: 'play' as const, scenarioIds: ['gone'], points: 1, max: 2 },
    ];
    const game = {
      state: 'answering' as const,
      context: {
        seed: 1,
        mode: 'play' as const,
        scenarioIds: ['gone'],
        rounds: [{ scenarioId: 'gone', cardIds: ['gone-1'] }],
        roundIndex: 0,
        cardIndex: 0,
        answers: {},
        confidence: true,
        picked: null,
      },
    };
    await store.setItem(PROGRESS_KEY, wrap({ game, history, review: [] }, 0));
    const { persistence, actor } = await startGame(store);
    expect(actor.getSnapshot().matches('intro')).toBe(true);
    expect(persistence.notResumed).toMatch(/could not be resumed: a company it played is gone/);
    expect(persistence.progress.history).toEqual(history);
  });
});

/** A store whose calls can be made to hang or fail, over a working one. */
function faultyStore(fault: { mode: 'ok' | 'hang' | 'quota' | 'blocked' }): KeyValueStore {
  const inner = freshStore();
  const act = <T>(call: () => Promise<T>): Promise<T> => {
    if (fault.mode === 'hang') return new Promise<T>(() => undefined);
    if (fault.mode === 'quota')
      return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    if (fault.mode === 'blocked') return Promise.reject(new Error('No available storage method found.'));
    return call();
  };
  return {
    getItem: (key) => act(() => inner.getItem(key)),
    setItem: (key, value) => act(() => inner.setItem(key, value)),
    removeItem: (key) => act(() => inner.removeItem(key)),
  };
}

describe('storage that fails', () => {
  it('plays on in memory when storage never answers, and saves once it does', async () => {
    const fault = { mode: 'hang' as 'ok' | 'hang' };
    const started = Date.now();
    const { persistence, actor } = await startGame(faultyStore(fault));
    expect(Date.now() - started).toBeLessThan(LIMIT * 5);
    expect(persistence.problem).toBe('storage on this device is not answering');
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    expect(actor.getSnapshot().matches('roundIntro')).toBe(true);
    await persistence.requestSave();
    expect(persistence.problem).toBe('storage on this device is not answering');

    fault.mode = 'ok';
    actor.send({ type: 'round.start' });
    await persistence.requestSave();
    expect(persistence.problem).toBeNull();
  });

  it('says plainly when the device is out of space or storage is blocked', async () => {
    const fault = { mode: 'quota' as 'quota' | 'blocked' };
    const { persistence, actor } = await startGame(faultyStore(fault));
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    await persistence.requestSave();
    expect(persistence.problem).toBe('this device has run out of storage space for the game');
    fault.mode = 'blocked';
    finishRound(bank, actor);
    await persistence.requestSave();
    expect(persistence.problem).toMatch(/not letting the game store data/);
  });

  it('saves nothing over stored progress when the code that reads it does not load', async () => {
    const store = memoryStore();
    const stored = wrap({ ...EMPTY_PROGRESS, review: [{ cardId: 'a-pm', box: 1, due: 0 }] }, 0);
    store.values.set(PROGRESS_KEY, stored);
    const reader = vi.spyOn(progressSlot, 'reader').mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const { persistence, actor } = await startGame(store);
    expect(persistence.problem).toMatch(/could not be read \(Failed to fetch\).*reload/);
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    await persistence.requestSave();
    expect(store.values.get(PROGRESS_KEY)).toEqual(stored);
    reader.mockRestore();
  });
});

describe('export and import', () => {
  it('moves progress to a fresh device through a file', async () => {
    const source = await startGame(freshStore());
    playToResults(bank, source.actor, (card) => card.key === 'both');
    const file = source.persistence.exportText();

    const targetStore = freshStore();
    const target = new Persistence(targetStore, machine, bank, Date.now, LIMIT);
    await target.load();
    expect(await target.previewImport(file)).toEqual({
      ok: true,
      value: 'This brings in 1 past game and 3 review tasks from the file; there is no progress on this device yet.',
    });
    expect(await target.confirmImport()).toEqual({ ok: true, value: undefined });
    expect(target.progress).toEqual(source.persistence.progress);
    const reloaded = await startGame(targetStore);
    expect(reloaded.actor.getSnapshot().matches('results')).toBe(true);
  });

  it.each([
    ['not JSON', 'hello', 'That file is not a Role Call progress file: it is not JSON.'],
    ['another JSON file', '{"name": "package"}', 'That file cannot be imported: it is not Role Call progress data.'],
    [
      'out of bounds',
      JSON.stringify({
        ...wrap(EMPTY_PROGRESS, 0),
        data: { ...EMPTY_PROGRESS, review: [{ cardId: 'a-pm', box: 1, due: 9e15 }] },
      }),
      'That file cannot be imported: part of it is damaged (review.0.due: Invalid value: Expected <=4102444800000 but received 9000000000000000).',
    ],
  ])('refuses a file that is %s, keeping the current progress', async (_, text, error) => {
    const store = freshStore();
    const { persistence } = await startGame(store);
    const before = persistence.progress;
    const stored = await store.getItem(PROGRESS_KEY);
    expect(await persistence.previewImport(text)).toEqual({ ok: false, error });
    expect(persistence.pendingImport).toBeNull();
    expect(await persistence.confirmImport()).toEqual({ ok: false, error: 'There is no file waiting to be imported.' });
    expect(persistence.progress).toBe(before);
    expect(await store.getItem(PROGRESS_KEY)).toEqual(stored);
    expect(await store.getItem(BEFORE_IMPORT_KEY)).toBeNull();
  });
});

/** Progress with `games` past games and the given review cards, all of them fine. */
function someProgress(games: number, reviewIds: string[] = []): Progress {
  const finishedAt = Date.UTC(2026, 0, 5);
  return {
    game: null,
    history: Array.from({ length: games }, (_, id) => ({
      id,
      finishedAt,
      mode: 'play' as const,
      scenarioIds: ['alpha'],
      points: 1,
      max: 2,
    })),
    review: reviewIds.map((cardId) => ({ cardId, box: 1, due: finishedAt })),
  };
}

describe('reversible import', () => {
  async function withProgress(progress: Progress) {
    const store = freshStore();
    await store.setItem(PROGRESS_KEY, wrap(progress, Date.now()));
    return { store, ...(await startGame(store)) };
  }

  it('says what an import replaces and what it brings in, and changes nothing until confirmed', async () => {
    const { store, persistence, actor } = await withProgress(someProgress(4, ['a-pm', 'a-pmm', 'a-both']));
    const file = JSON.stringify(wrap(someProgress(2, ['b-roadmap']), 0));
    expect(await persistence.previewImport(file)).toEqual({
      ok: true,
      value: 'This replaces 4 past games and 3 review tasks with 2 past games and 1 review task from the file.',
    });
    expect(persistence.progress.history).toHaveLength(4);
    persistence.cancelImport();
    expect(persistence.pendingImport).toBeNull();

    await persistence.previewImport(file);
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    expect(persistence.pendingImport).toBeNull();
    expect(await store.getItem(BEFORE_IMPORT_KEY)).toBeNull();
  });

  it('names a game in progress, and warns when it cannot be resumed', async () => {
    const { persistence } = await withProgress(EMPTY_PROGRESS);
    const game = {
      state: 'answering' as const,
      context: {
        seed: 1,
        mode: 'play' as const,
        scenarioIds: ['gone'],
        rounds: [{ scenarioId: 'gone', cardIds: ['gone-1'] }],
        roundIndex: 0,
        cardIndex: 0,
        answers: {},
        confidence: true,
        picked: null,
      },
    };
    const result = await persistence.previewImport(JSON.stringify(wrap({ ...someProgress(1), game }, 0)));
    expect(result).toEqual({
      ok: true,
      value:
        'This brings in 1 past game and a game in progress from the file; there is no progress on this device yet. ' +
        'Your game in progress could not be resumed: a company it played is gone in this version of the questions.',
    });
  });

  it('keeps the replaced progress aside, offers the undo after a reload, and undoes it', async () => {
    const original = someProgress(3, ['a-pm']);
    const { store, persistence } = await withProgress(original);
    await persistence.previewImport(JSON.stringify(wrap(someProgress(1), 0)));
    expect(await persistence.confirmImport()).toEqual({ ok: true, value: undefined });
    expect(await store.getItem(BEFORE_IMPORT_KEY)).toMatchObject({ data: original });
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: someProgress(1) });

    const afterImport = await startGame(store);
    expect(afterImport.persistence.progress.history).toHaveLength(1);
    expect(afterImport.persistence.importUndo).toEqual({ error: null });
    expect(await afterImport.persistence.undoImport()).toEqual({ ok: true, value: undefined });
    expect(await store.getItem(BEFORE_IMPORT_KEY)).toBeNull();

    const afterUndo = await startGame(store);
    expect(afterUndo.persistence.progress).toEqual(original);
    expect(afterUndo.persistence.importUndo).toBeNull();
  });

  it('lets the kept copy go when the learner keeps the import', async () => {
    const { store, persistence } = await withProgress(someProgress(3));
    await persistence.previewImport(JSON.stringify(wrap(someProgress(1), 0)));
    await persistence.confirmImport();
    const afterImport = await startGame(store);
    await afterImport.persistence.keepImport();
    expect(afterImport.persistence.importUndo).toBeNull();
    expect(await store.getItem(BEFORE_IMPORT_KEY)).toBeNull();
    expect((await startGame(store)).persistence.progress.history).toHaveLength(1);
  });

  it('imports nothing when the current progress cannot be kept aside first', async () => {
    const inner = freshStore();
    await inner.setItem(PROGRESS_KEY, wrap(someProgress(2), Date.now()));
    const store: KeyValueStore = {
      ...inner,
      getItem: (key) => inner.getItem(key),
      removeItem: (key) => inner.removeItem(key),
      setItem: (key, value) =>
        key === BEFORE_IMPORT_KEY
          ? Promise.reject(new DOMException('full', 'QuotaExceededError'))
          : inner.setItem(key, value),
    };
    const { persistence } = await startGame(store);
    await persistence.previewImport(JSON.stringify(wrap(someProgress(1), 0)));
    expect(await persistence.confirmImport()).toEqual({
      ok: false,
      error:
        'Nothing was imported: your current progress could not be kept aside first (this device has run out of storage space for the game).',
    });
    expect(await inner.getItem(PROGRESS_KEY)).toMatchObject({ data: { history: someProgress(2).history } });
    expect(persistence.progress.history).toHaveLength(2);
  });
});

describe('recovering from a screen that fails', () => {
  it('keeps the progress it showed aside, goes home and saves clean progress', async () => {
    const store = freshStore();
    const { persistence, actor } = await startGame(store);
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    // As if a value slipped past validation and made a screen throw.
    const shown = { ...persistence.progress, history: [{ ...someProgress(1).history[0]!, finishedAt: 9e15 }] };
    persistence.progress = shown;

    expect(await persistence.recover(new RangeError('Invalid time value'))).toBe(true);
    expect(actor.getSnapshot().matches('intro')).toBe(true);
    expect(persistence.progress).toEqual(EMPTY_PROGRESS);
    expect(persistence.unreadable).toMatchObject({ failed: 'shown', reason: 'Invalid time value' });
    expect(JSON.parse(persistence.unreadable!.text)).toMatchObject({ data: shown });
    expect(await store.getItem(persistence.unreadable!.backupKey!)).toMatchObject({ data: shown });
    expect(persistence.unreadable!.backupKey).toMatch(/^unreadable-progress-/);
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: EMPTY_PROGRESS });
    expect(persistence.problem).toBeNull();
  });

  it('does not retry when there was no progress to blame', async () => {
    const store = freshStore();
    const { persistence } = await startGame(store);
    expect(await persistence.recover(new Error('a bug'))).toBe(false);
    expect(persistence.unreadable).toBeNull();
  });
});

describe('a first visit', () => {
  it('writes nothing until there is progress to keep, then saves the game', async () => {
    const store = memoryStore();
    const setItem = vi.spyOn(store, 'setItem');
    const persistence = new Persistence(store, machine, bank, Date.now, LIMIT);
    await persistence.load();
    const actor = createActor(machine, { input: { seed: 9 } }).start();
    persistence.connect(actor);
    // The start screen needs no write, so the storage library can load after it.
    expect(setItem).not.toHaveBeenCalled();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    await persistence.requestSave();
    expect(store.values.get(PROGRESS_KEY)).toMatchObject({ data: { game: { state: 'roundIntro' } } });
  });

  it('loads the checks on saved data only once there is saved data to read', async () => {
    const reader = vi.spyOn(progressSlot, 'reader');
    const persistence = new Persistence(memoryStore(), machine, bank, Date.now, LIMIT);
    await persistence.load();
    expect(reader).not.toHaveBeenCalled();
    reader.mockRestore();
  });
});

describe('a tab that may not save', () => {
  it('plays on in a read-only tab without writing anything, not even an imported file', async () => {
    const source = await startGame(freshStore());
    playToResults(bank, source.actor, () => true);
    const store = memoryStore();
    const setItem = vi.spyOn(store, 'setItem');
    const persistence = new Persistence(store, machine, bank, Date.now, LIMIT);
    persistence.tab = 'read-only';
    await persistence.load();
    const actor = createActor(machine, { input: { seed: 9 } }).start();
    persistence.connect(actor);
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    actor.send({ type: 'round.start' });
    actor.send({ type: 'role.pick', role: 'pm' });
    actor.send({ type: 'confidence.choose', confidence: 'low' });
    expect(persistence.progress.game).not.toBeNull();
    expect(await persistence.previewImport(source.persistence.exportText())).toEqual({
      ok: false,
      error: 'This tab does not save progress, so it cannot import a file.',
    });
    expect(setItem).not.toHaveBeenCalled();
    expect(store.values.size).toBe(0);
  });
});

describe('saving after the paint', () => {
  /** A visible page whose frames run when `paint` is called; listeners are kept by type. */
  function visiblePage() {
    const frames: Array<() => void> = [];
    const listeners = new Map<string, () => void>();
    const listen = (type: string, listener: () => void) => listeners.set(type, listener);
    const document = { visibilityState: 'visible', addEventListener: listen };
    vi.stubGlobal('requestAnimationFrame', (frame: () => void) => frames.push(frame));
    vi.stubGlobal('addEventListener', listen);
    vi.stubGlobal('document', document);
    return {
      paint: () => frames.splice(0).forEach((frame) => frame()),
      hide: (type: 'pagehide' | 'visibilitychange') => {
        document.visibilityState = 'hidden';
        listeners.get(type)?.();
      },
    };
  }

  it('writes an answer once the next frame is painted, not inside the answer', async () => {
    vi.useFakeTimers();
    const page = visiblePage();
    try {
      const store = memoryStore();
      const setItem = vi.spyOn(store, 'setItem');
      const persistence = new Persistence(store, machine, bank, Date.now, LIMIT);
      const actor = createActor(machine, { input: { seed: 9 } }).start();
      persistence.connect(actor);
      actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
      await vi.advanceTimersByTimeAsync(50);
      expect(setItem).not.toHaveBeenCalled();
      page.paint();
      await vi.advanceTimersByTimeAsync(0);
      expect(setItem).toHaveBeenCalledTimes(1);
      expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: { game: { state: 'roundIntro' } } });
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });

  it.each(['pagehide', 'visibilitychange'] as const)(
    'writes at once when the page is hidden (%s) before the next frame',
    async (type) => {
      const page = visiblePage();
      try {
        const store = memoryStore();
        const persistence = new Persistence(store, machine, bank, Date.now, LIMIT);
        const actor = createActor(machine, { input: { seed: 9 } }).start();
        persistence.connect(actor);
        actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
        const saved = persistence.requestSave();
        page.hide(type);
        await saved;
        expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: { game: { state: 'roundIntro' } } });
      } finally {
        vi.unstubAllGlobals();
      }
    },
  );
});
