import { m } from '../i18n/paraglide/messages.js';

/** The few calls Role Call makes on storage; localforage provides them in the browser. */
export interface KeyValueStore {
  getItem(key: string): Promise<unknown>;
  setItem(key: string, value: unknown): Promise<unknown>;
  removeItem(key: string): Promise<void>;
}

/** Why storage failed, in words a learner can act on. */
export class StorageError extends Error {
  constructor(
    readonly kind: 'timeout' | 'quota' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** How long any one storage call may take before play goes on without it. */
export const STORAGE_TIME_LIMIT_MS = 2500;

const NAME = 'role-call';
const STORE_NAME = 'progress';

/**
 * Whether the browser holds no Role Call data at all, found without localforage: no database
 * of ours in IndexedDB and no key of ours in localStorage (where localforage falls back). False
 * whenever the browser cannot tell (no `indexedDB.databases()`, storage refused).
 */
export async function holdsNothing(): Promise<boolean> {
  try {
    const prefix = `${NAME}/${STORE_NAME}/`;
    for (let i = 0; i < localStorage.length; i++) if (localStorage.key(i)?.startsWith(prefix)) return false;
    const databases = await indexedDB.databases();
    return !databases.some((database) => database.name === NAME);
  } catch {
    return false;
  }
}

/**
 * The browser's store: localforage on IndexedDB first, localStorage when IndexedDB is missing.
 * localforage loads with the first write, or with the first read of data that is there: on a
 * first visit the start screen, which waits for the saved progress, need not wait for it too.
 */
export function browserStore(): KeyValueStore {
  let store: Promise<KeyValueStore> | undefined;
  const use = () => {
    if (!store) {
      store = import('localforage').then(({ default: localforage }) =>
        localforage.createInstance({
          name: NAME,
          storeName: STORE_NAME,
          driver: [localforage.INDEXEDDB, localforage.LOCALSTORAGE],
        }),
      );
      // A failed load (offline before the app was cached) is tried again on the next call.
      store.catch(() => (store = undefined));
    }
    return store;
  };
  // Asked on every read until localforage is loaded: another tab may have saved meanwhile.
  const read = async (key: string) => (!store && (await holdsNothing()) ? null : (await use()).getItem(key));
  return {
    getItem: read,
    setItem: (key, value) => use().then((s) => s.setItem(key, value)),
    removeItem: (key) => use().then((s) => s.removeItem(key)),
  };
}

function asStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return new StorageError('quota', m.platform_storage_full());
  }
  return new StorageError('unavailable', m.platform_storage_blocked());
}

/**
 * Runs one storage call with a time limit. Rejects with a StorageError when the call fails or
 * does not answer in time (Safari's lost IndexedDB connections hang rather than fail).
 */
export function timed<T>(call: () => Promise<T>, limitMs = STORAGE_TIME_LIMIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StorageError('timeout', m.platform_storage_timeout())), limitMs);
    Promise.resolve()
      .then(call)
      .then(resolve, (error: unknown) => reject(asStorageError(error)))
      .finally(() => clearTimeout(timer));
  });
}

/**
 * Keeps data that could not be read under a new key (never deleting it), so nothing is
 * lost; resolves with that key, or undefined when even that failed.
 */
export async function keepAside(
  store: KeyValueStore,
  raw: unknown,
  what: string,
  limitMs?: number,
): Promise<string | undefined> {
  const key = `unreadable-${what}-${new Date().toISOString()}`;
  try {
    await timed(() => store.setItem(key, raw), limitMs);
    return key;
  } catch {
    return undefined;
  }
}
