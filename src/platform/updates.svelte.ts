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
  });
}

/** Lets the waiting version take over; the page reloads when it has. */
export function applyUpdate(): void {
  asked = true;
  waiting?.postMessage('skip-waiting');
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
