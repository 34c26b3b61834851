/**
 * One tab plays at a time, so two tabs never overwrite each other's progress. The active tab
 * holds a Web Lock; another tab that opens finds it taken and offers to take over: it asks the
 * active tab (BroadcastChannel) to save and let go, waits for the lock, then reloads.
 */

const LOCK = 'role-call:active-tab';
const CHANNEL = 'role-call:tabs';

/**
 * Tries to become the active tab. Resolves true when this tab holds the lock (or the browser
 * has no Web Locks, so there is nothing to coordinate), false when another tab holds it.
 * `onTakenOver` runs, and must finish saving, before this tab lets go for another.
 */
export function claimActiveTab(onTakenOver: () => Promise<void>): Promise<boolean> {
  if (!('locks' in navigator) || typeof BroadcastChannel === 'undefined') return Promise.resolve(true);
  return new Promise((resolve) => {
    void navigator.locks.request(LOCK, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(false);
        return undefined;
      }
      resolve(true);
      return new Promise<void>((release) => {
        const channel = new BroadcastChannel(CHANNEL);
        channel.onmessage = async (event) => {
          if (event.data !== 'take-over') return;
          channel.close();
          await onTakenOver();
          release();
        };
      });
    });
  });
}

/** Asks the active tab to let go, waits until it has, then reloads this tab to play here. */
export async function takeOver(): Promise<void> {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage('take-over');
  channel.close();
  await navigator.locks.request(LOCK, async () => undefined);
  location.reload();
}
