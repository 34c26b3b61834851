import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

interface WorkerEvent {
  request: Request;
  data: unknown;
  ports: readonly MessagePort[];
  /** The window a message came from. */
  source?: { id: string } | null;
  waitUntil(promise: Promise<unknown>): void;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: string, listener: (event: WorkerEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void>; matchAll(options: object): Promise<readonly { id: string }[]> };
}

/**
 * The service worker, written as a function so it is type-checked; the build prints it into
 * `sw.js` with the files to precache and their version. Everything the app needs is served
 * from the cache first, so after one visit it works with no network; a new version waits
 * until the page asks it to take over.
 *
 * Each version has a cache of its own, named by a hash of the files' contents: a new worker
 * fills its own cache while it waits and never touches the one pages are running from.
 * Only `activate` deletes caches, and only once the new cache is complete.
 *
 * Rollback: on activate the worker keeps the cache of the version pages ran until then, and
 * the new version is "on probation" until one of its pages reports that it started. A page
 * that cannot start while the version is on probation posts 'rollback'; the worker then serves
 * the kept cache (the choice is stored, since a worker may be stopped at any time) and the
 * page reloads into the version that worked. That worker stays installed, so the browser does
 * not fetch the failed version again; the next deploy replaces it, keeping the version the
 * pages actually ran. A version whose very first script cannot run cannot ask for this.
 *
 * No tab is stranded by a deploy: each page tells the worker which version it runs (its entry
 * script, `pageVersion` below), the worker keeps the cache of every version an open page runs, and
 * serves any file from whichever version's cache holds it. A page whose version is not this
 * worker's (another tab updated, or a deploy landed during a first visit) is told so, and offers
 * to reload.
 */
export function serviceWorker(precache: string[], version: string, elsewhere: string[] = []): void {
  const cacheName = `role-call-${version}`;
  // Not `role-call-…`, so that cleaning up old versions leaves it alone.
  const STATE_CACHE = 'role-call:worker';
  const STATE_URL = './worker-state.json';
  interface State {
    /** The worker that wrote this, by its cache; another worker's state does not apply. */
    active: string;
    /** The cache pages are served from. */
    serving: string;
    /** The cache pages ran from before this version, kept for a rollback. */
    previous: string | null;
    /** Whether a page of this version has started. */
    started: boolean;
    /** The cache each open page's version is in, by the page's client id. */
    pages?: Record<string, string>;
    /** The caches of versions that have been in charge: a waiting version's cache is not one. */
    ran?: string[];
  }
  const scope = globalThis as unknown as WorkerScope;

  async function readState(): Promise<State | undefined> {
    const hit = await (await caches.open(STATE_CACHE)).match(STATE_URL);
    return hit ? ((await hit.json()) as State) : undefined;
  }
  async function writeState(state: State) {
    await (await caches.open(STATE_CACHE)).put(STATE_URL, new Response(JSON.stringify(state)));
    serving = Promise.resolve(state.serving);
  }
  let serving: Promise<string> | undefined;
  const servingCache = () =>
    (serving ??= readState().then(
      (state) => (state?.active === cacheName ? state.serving : cacheName),
      () => cacheName,
    ));

  scope.addEventListener('install', (event) =>
    event.waitUntil(
      caches
        .open(cacheName)
        // Past the HTTP cache, so a new version never mixes in files of the old one.
        .then((cache) => cache.addAll(precache.map((url) => new Request(url, { cache: 'reload' })))),
    ),
  );

  // Pages and the worker's own events change the state at once: each change reads and writes
  // it whole, one after the other, so none writes over another's.
  let queue: Promise<unknown> = Promise.resolve();
  function changeState<T>(change: (state: State | undefined) => Promise<T>): Promise<T> {
    const run = queue.then(async () => change(await readState().catch(() => undefined)));
    queue = run.catch(() => undefined);
    return run;
  }

  async function activate() {
    const cache = await caches.open(cacheName);
    const complete = (await Promise.all(precache.map((url) => cache.match(url, { ignoreVary: true })))).every(Boolean);
    await changeState(async (before) => {
      const previous = before && before.serving !== cacheName ? before.serving : null;
      const ran = [...new Set([...(before?.ran ?? []), ...(before ? [before.active] : []), cacheName])];
      const state = {
        active: cacheName,
        serving: cacheName,
        previous,
        started: false,
        pages: before?.pages ?? {},
        ran,
      };
      await writeState(state);
      if (complete) await cleanUp(state);
    });
    await scope.clients.claim();
  }

  /**
   * Deletes the caches of versions nothing needs: not this one, not the one served or kept for a
   * rollback, and not one an open page runs. A page that has not said yet which version it runs
   * may need any of them, so then none goes; nor does the cache of a version that is installing or
   * waiting, which has never been in charge. Runs inside `changeState`.
   */
  async function cleanUp(state: State) {
    const open = (await scope.clients.matchAll({ type: 'window', includeUncontrolled: true })).map(({ id }) => id);
    const pages = Object.fromEntries(Object.entries(state.pages ?? {}).filter(([id]) => open.includes(id)));
    const keep = [cacheName, state.serving, state.previous, ...Object.values(pages)];
    const old = open.some((id) => !pages[id]) ? [] : (state.ran ?? []).filter((key) => !keep.includes(key));
    await Promise.all(old.map((key) => caches.delete(key)));
    await writeState({ ...state, pages, ran: (state.ran ?? []).filter((key) => !old.includes(key)) });
  }

  /**
   * The version (cache) a page runs, by its entry script: whether it is this worker's, and
   * whether any cache holds its files (a page that loaded during a deploy may have none).
   */
  async function pageVersion(page: string | undefined, entry: unknown): Promise<{ current: boolean; kept: boolean }> {
    const url = typeof entry === 'string' ? new URL(entry, location.href) : undefined;
    if (!url || url.origin !== location.origin) return { current: true, kept: true };
    const base = new URL('./', location.href).pathname;
    const current = url.pathname.startsWith(base) && precache.includes(`./${url.pathname.slice(base.length)}`);
    const holders = await Promise.all(
      (await caches.keys())
        .filter((key) => key.startsWith('role-call-'))
        .map(async (key) => ((await (await caches.open(key)).match(url.href, { ignoreVary: true })) ? key : null)),
    );
    const holder = current ? cacheName : holders.find(Boolean);
    await changeState(async (state) => {
      if (page && holder && state?.active === cacheName)
        await cleanUp({ ...state, pages: { ...state.pages, [page]: holder } });
    });
    return { current, kept: !!holder };
  }
  scope.addEventListener('activate', (event) => event.waitUntil(activate()));

  const rollback = () =>
    changeState(async (state) => {
      if (!state || state.active !== cacheName || state.started || state.serving !== cacheName || !state.previous)
        return false;
      if (!(await caches.has(state.previous))) return false;
      await writeState({ ...state, serving: state.previous, previous: null });
      return true;
    });
  const started = () =>
    changeState(async (state) => {
      if (state?.active === cacheName && !state.started) await writeState({ ...state, started: true });
    });
  scope.addEventListener('message', (event) => {
    if (event.data === 'skip-waiting') void scope.skipWaiting();
    else if (event.data === 'started') event.waitUntil(started());
    else if (event.data === 'rollback')
      event.waitUntil(
        rollback()
          .catch(() => false)
          .then((done) => event.ports[0]?.postMessage(done)),
      );
    else if ((event.data as { type?: unknown } | null)?.type === 'version')
      event.waitUntil(
        pageVersion(event.source?.id, (event.data as { entry?: unknown }).entry)
          .catch(() => ({ current: true, kept: true }))
          .then((answer) => event.ports[0]?.postMessage(answer)),
      );
  });

  scope.addEventListener('fetch', (event) => {
    const { request } = event;
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== location.origin) return;
    // Another language's build in a folder under this one is that build's to serve.
    if (elsewhere.some((folder) => url.pathname.startsWith(new URL(folder, location.href).pathname))) return;
    const navigation = request.mode === 'navigate';
    // The page's module requests carry an Origin header the install requests did not.
    const options = { ignoreSearch: navigation, ignoreVary: true };
    event.respondWith(
      (async () => {
        const served = await caches.open(await servingCache());
        // Pages still open on another version (after a rollback, or an update another tab took)
        // find its files in its own cache, which is kept while they are open.
        const hit = (await served.match(request, options)) ?? (await caches.match(request, options));
        if (hit) return hit;
        try {
          return await fetch(request);
        } catch {
          return (navigation && (await served.match('./index.html', { ignoreVary: true }))) || Response.error();
        }
      })(),
    );
  });
}

/** A built file, by its path in the output folder. */
export interface BuiltFile {
  name: string;
  bytes: string | Uint8Array;
}

/**
 * The version of a set of built files: a sha256 of every name and content, so a deploy that
 * changes any byte of any file, even under the same names, is a new version.
 */
export function cacheVersion(files: readonly BuiltFile[]): string {
  const hash = createHash('sha256');
  for (const { name, bytes } of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const content = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    hash.update(`${name}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The text of `sw.js` for the built files. The worker's own code is not part of the version:
 * the browser compares sw.js byte for byte, and files with the same content can share a cache.
 */
export function workerScript(files: readonly BuiltFile[], elsewhere: readonly string[] = []): string {
  const precache = ['./', ...files.map((file) => `./${file.name}`)].sort();
  return `(${serviceWorker.toString()})(${JSON.stringify(precache)}, ${JSON.stringify(cacheVersion(files))}, ${JSON.stringify(elsewhere)});\n`;
}

/** Every file under a folder, named by its path inside it with `/`. */
export function filesIn(dir: string): BuiltFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: relative(dir, path).split(sep).join('/'), bytes: readFileSync(path) };
    });
}

/** Emits `sw.js`, listing and versioning every built file (and the public folder's). */
export function serviceWorkerPlugin(publicDir: string, elsewhere: readonly string[] = []): Plugin {
  return {
    name: 'role-call:service-worker',
    apply: 'build',
    generateBundle: {
      // After Vite's own hooks, so index.html is in the bundle and every file is final.
      order: 'post',
      handler(_options, bundle) {
        if (!bundle['index.html']) this.error('index.html is not in the bundle yet, so it cannot be versioned');
        const files = [
          ...Object.values(bundle).map((file) => ({
            name: file.fileName,
            bytes: file.type === 'chunk' ? file.code : file.source,
          })),
          ...filesIn(publicDir),
        ];
        this.emitFile({ type: 'asset', fileName: 'sw.js', source: workerScript(files, elsewhere) });
      },
    },
  };
}
