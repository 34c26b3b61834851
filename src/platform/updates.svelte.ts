/** Whether a new version of the app is installed and waiting for the page to reload. */
export const update = $state({ ready: false });

let waiting: ServiceWorker | null = null;
let asked = false;

/** Registers the service worker (in a build) and watches for a new version. */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const offer = (worker: ServiceWorker) => {
    waiting = worker;
    update.ready = true;
  };
  navigator.serviceWorker
    .register('./sw.js')
    .then((registration) => {
      // Only an update waits behind a worker already in charge; the first install just starts.
      if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
        });
      });
    })
    .catch(() => undefined);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (asked) location.reload();
    else void checkVersion();
  });
  void checkVersion();
}

/**
 * Tells the worker in charge which version this page runs (its entry script), so that the
 * worker keeps that version's files while the page is open; when the worker is of another
 * version, the page offers to reload into it (another tab took an update), or reloads into it
 * at once when its own files are gone (a deploy landed during this first visit).
 */
async function checkVersion(): Promise<void> {
  const worker = navigator.serviceWorker.controller;
  const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src;
  if (!worker || !entry) return;
  const channel = new MessageChannel();
  const answer = await new Promise<unknown>((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data);
    // A worker of a version before this message never answers.
    setTimeout(() => resolve(null), 5000);
    worker.postMessage({ type: 'version', entry }, [channel.port2]);
  });
  channel.port1.close();
  const { current, kept } = (answer ?? {}) as { current?: unknown; kept?: unknown };
  if (current !== false) return;
  // No cache holds this page's files and the host has the next version's: nothing more of this
  // page can load (not even the banner), so it reloads into the version in charge, once.
  const reloaded = `role-call:reloaded-for:${entry}`;
  if (kept === false && !sessionStorage.getItem(reloaded)) {
    sessionStorage.setItem(reloaded, '1');
    location.reload();
  } else update.ready = true;
}

/** Lets the waiting version take over; the page reloads when it has (at once, when it already has). */
export function applyUpdate(): void {
  asked = true;
  if (waiting?.state === 'installed') waiting.postMessage('skip-waiting');
  else location.reload();
}

/** Tells the worker that this version started, which ends an update's probation. */
export function confirmStart(): void {
  navigator.serviceWorker?.controller?.postMessage('started');
}

/**
 * This version could not start. When it is an update that has not started anywhere yet, the
 * worker goes back to the version before it (see serviceWorker.ts) and the page reloads into it.
 */
export async function rollBackFailedStart(): Promise<void> {
  const worker = navigator.serviceWorker?.controller;
  if (!worker) return;
  const channel = new MessageChannel();
  const rolledBack = await new Promise<boolean>((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data === true);
    setTimeout(() => resolve(false), 5000);
    worker.postMessage('rollback', [channel.port2]);
  });
  channel.port1.close();
  if (rolledBack) location.reload();
}
