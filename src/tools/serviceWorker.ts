import { readdirSync } from 'node:fs';
import type { Plugin } from 'vite';
import { deriveSeed } from '../game/random.ts';

interface WorkerEvent {
  request: Request;
  data: unknown;
  waitUntil(promise: Promise<unknown>): void;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: string, listener: (event: WorkerEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
}

/**
 * The service worker, written as a function so it is type-checked; the build prints it into
 * `sw.js` with the files to precache. Everything the app needs is served from the cache
 * first, so after one visit it works with no network; a new version waits until the page
 * asks it to take over.
 */
export function serviceWorker(precache: string[], version: string): void {
  const cacheName = `role-call-${version}`;
  const scope = globalThis as unknown as WorkerScope;
  scope.addEventListener('install', (event) =>
    event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(precache))),
  );
  scope.addEventListener('activate', (event) =>
    event.waitUntil(
      caches
        .keys()
        .then((keys) =>
          Promise.all(
            keys.filter((key) => key.startsWith('role-call-') && key !== cacheName).map((key) => caches.delete(key)),
          ),
        )
        .then(() => scope.clients.claim()),
    ),
  );
  scope.addEventListener('message', (event) => {
    if (event.data === 'skip-waiting') void scope.skipWaiting();
  });
  scope.addEventListener('fetch', (event) => {
    const { request } = event;
    if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
    const navigation = request.mode === 'navigate';
    event.respondWith(
      caches
        // The page's module requests carry an Origin header the install requests did not.
        .match(request, { ignoreSearch: navigation, ignoreVary: true })
        .then((hit) => hit ?? fetch(request))
        .catch(
          async () => (navigation && (await caches.match('./index.html', { ignoreVary: true }))) || Response.error(),
        ),
    );
  });
}

/** Emits `sw.js` listing every built file (and the public folder's) for the worker to precache. */
export function serviceWorkerPlugin(publicDir: string): Plugin {
  return {
    name: 'role-call:service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      // index.html is emitted after this hook runs, so it is named here.
      const files = [
        './',
        './index.html',
        ...Object.keys(bundle)
          .filter((name) => name !== 'index.html')
          .map((name) => `./${name}`),
        ...readdirSync(publicDir).map((name) => `./${name}`),
      ].sort();
      const version = deriveSeed(0, files.join('\n')).toString(36);
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `(${serviceWorker.toString()})(${JSON.stringify(files)}, ${JSON.stringify(version)});\n`,
      });
    },
  };
}
