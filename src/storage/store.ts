/** The few calls Role Call makes on storage; `browserStore` provides them in the browser. */
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

const DATABASE = 'role-call';
const STORE = 'progress';

/** One IndexedDB request as a promise. */
function request<T>(call: IDBRequest<T> | IDBOpenDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    call.onsuccess = () => resolve(call.result as T);
    call.onerror = () => reject(call.error);
  });
}

/**
 * A key-value store on IndexedDB: the database and object store that localforage used to
 * create, so progress saved by earlier versions is found where it was.
 */
export function indexedDbStore(factory: IDBFactory, name = DATABASE): KeyValueStore {
  let opened: Promise<IDBDatabase> | undefined;
  const database = () => {
    if (!opened) {
      const open = factory.open(name);
      open.onupgradeneeded = () => {
        if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
      };
      opened = request<IDBDatabase>(open);
      // A connection that failed (or was closed by the browser) is opened again next time.
      opened.then(
        (db) => (db.onclose = () => (opened = undefined)),
        () => (opened = undefined),
      );
    }
    return opened;
  };
  const run = async <T>(mode: IDBTransactionMode, call: (store: IDBObjectStore) => IDBRequest<T>) => {
    const transaction = (await database()).transaction(STORE, mode);
    const result = await request(call(transaction.objectStore(STORE)));
    if (mode === 'readwrite')
      await new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = transaction.onabort = () => reject(transaction.error);
      });
    return result;
  };
  return {
    getItem: (key) => run('readonly', (store) => store.get(key)).then((value) => value ?? null),
    setItem: (key, value) => run('readwrite', (store) => store.put(value, key)).then(() => value),
    removeItem: (key) => run('readwrite', (store) => store.delete(key)).then(() => undefined),
  };
}

/** A key-value store on localStorage, with the keys and JSON that localforage used there. */
export function localStorageStore(storage: Storage): KeyValueStore {
  const prefix = `${DATABASE}/${STORE}/`;
  return {
    getItem: async (key) => {
      const text = storage.getItem(prefix + key);
      return text === null ? null : JSON.parse(text);
    },
    setItem: async (key, value) => {
      storage.setItem(prefix + key, JSON.stringify(value));
      return value;
    },
    removeItem: async (key) => storage.removeItem(prefix + key),
  };
}

/** The browser's store: IndexedDB first, localStorage when IndexedDB is missing. */
export function browserStore(): KeyValueStore {
  const pick = () => {
    try {
      if (globalThis.indexedDB) return indexedDbStore(globalThis.indexedDB);
    } catch {
      // Reading indexedDB can throw where storage is blocked; localStorage may still work.
    }
    return localStorageStore(globalThis.localStorage);
  };
  let store: KeyValueStore | undefined;
  // Chosen on first use, so that a browser refusing storage fails a timed call, not start-up.
  const use = () => (store ??= pick());
  return {
    getItem: (key) => use().getItem(key),
    setItem: (key, value) => use().setItem(key, value),
    removeItem: (key) => use().removeItem(key),
  };
}

function asStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return new StorageError('quota', 'this device has run out of storage space for the game');
  }
  return new StorageError(
    'unavailable',
    'this browser is not letting the game store data (private browsing or blocked storage can do this)',
  );
}

/**
 * Runs one storage call with a time limit. Rejects with a StorageError when the call fails or
 * does not answer in time (Safari's lost IndexedDB connections hang rather than fail).
 */
export function timed<T>(call: () => Promise<T>, limitMs = STORAGE_TIME_LIMIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StorageError('timeout', 'storage on this device is not answering')),
      limitMs,
    );
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
