/**
 * One tab plays at a time, so two tabs never overwrite each other's progress. The active tab
 * holds a Web Lock; another tab that opens finds it taken and offers to take over: it asks the
 * active tab (BroadcastChannel) to save and let go, waits for the lock, then reloads.
 *
 * A browser without Web Locks but with BroadcastChannel elects the active tab by asking on the
 * channel: a new tab asks whether anyone is active and, when nobody answers within
 * ANSWER_WAIT_MS, becomes the active tab itself. With neither, a tab cannot know whether
 * another one is saving, so it never saves ("read-only").
 */

const LOCK = 'role-call:active-tab';
const CHANNEL = 'role-call:tabs';

/** How long a tab without Web Locks waits for an active tab to answer before it plays. */
export const ANSWER_WAIT_MS = 300;
/** How long a taking-over tab waits for the active one to finish saving, at most. */
const RELEASE_WAIT_MS = 10_000;

/**
 * Whether this tab may save. elsewhere: another tab was already playing; moved: another tab
 * took over from this one; read-only: this browser cannot tell, so this tab plays unsaved.
 */
export type TabState = 'active' | 'elsewhere' | 'moved' | 'read-only';

/** What tabs without Web Locks say on the channel; 'take-over' is shared with the lock scheme. */
type Message = 'take-over' | { type: 'ask'; id: number } | { type: 'active' } | { type: 'released' };

const hasLocks = () => typeof (navigator as Partial<Navigator>).locks?.request === 'function';
const hasChannel = () => typeof BroadcastChannel !== 'undefined';
const typeOf = (data: Message) => (typeof data === 'string' ? data : data?.type);

/**
 * Tries to become the active tab. Resolves 'active' when this tab may save, 'elsewhere' when
 * another tab is active, 'read-only' when the browser offers no way to tell.
 * `onTakenOver` runs, and must finish saving, before this tab lets go for another.
 */
export function claimActiveTab(
  onTakenOver: () => Promise<void>,
  waitMs = ANSWER_WAIT_MS,
): Promise<Exclude<TabState, 'moved'>> {
  if (!hasChannel()) return Promise.resolve('read-only');
  if (!hasLocks()) return claimByAsking(onTakenOver, waitMs);
  return new Promise((resolve) => {
    void navigator.locks.request(LOCK, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve('elsewhere');
        return undefined;
      }
      resolve('active');
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

/**
 * The election without Web Locks. The active tab answers every question. Tabs asking at once
 * give way to any lower id, which asks again for those that opened after it; the lowest plays. An
 * active tab that goes away (closed, reloaded, put in the back-forward cache) says so and stops
 * answering, so the next tab to ask may play.
 */
function claimByAsking(onTakenOver: () => Promise<void>, waitMs: number): Promise<'active' | 'elsewhere'> {
  const channel = new BroadcastChannel(CHANNEL);
  const id = Math.random();
  let state: 'asking' | 'active' | 'elsewhere' | 'gone' = 'asking';
  return new Promise((resolve) => {
    const settle = (result: 'active' | 'elsewhere') => {
      if (state !== 'asking') return;
      state = result;
      resolve(result);
      if (result === 'elsewhere') channel.close();
      else leaveWithThePage();
    };
    const leaveWithThePage = () => {
      addEventListener('pagehide', () => {
        if (state !== 'active') return;
        state = 'gone';
        channel.postMessage({ type: 'released' } satisfies Message);
        channel.close();
      });
      // Back from the cache, the page is no longer the active tab: it asks again.
      addEventListener('pageshow', (event) => {
        if (event.persisted && state === 'gone') location.reload();
      });
    };
    channel.onmessage = async ({ data }: MessageEvent<Message>) => {
      const type = typeOf(data);
      if (type === 'active') settle('elsewhere');
      else if (type === 'ask' && typeof data === 'object' && 'id' in data) {
        // Only a tab that has won says it is active. Among tabs still asking, the lower id wins:
        // a tab that opened later never heard the earlier questions, so a lower id asks again.
        if (state === 'active') channel.postMessage({ type: 'active' } satisfies Message);
        else if (state === 'asking' && data.id < id) settle('elsewhere');
        else if (state === 'asking') channel.postMessage({ type: 'ask', id } satisfies Message);
      } else if (type === 'take-over' && state === 'active') {
        state = 'gone';
        // Says at once that it is here and saving, so the other tab waits for 'released'.
        channel.postMessage({ type: 'active' } satisfies Message);
        await onTakenOver();
        channel.postMessage({ type: 'released' } satisfies Message);
        channel.close();
      }
    };
    channel.postMessage({ type: 'ask', id } satisfies Message);
    setTimeout(() => settle('active'), waitMs);
  });
}

/** Asks the active tab to let go, waits until it has, then reloads this tab to play here. */
export async function takeOver(waitMs = ANSWER_WAIT_MS): Promise<void> {
  const channel = new BroadcastChannel(CHANNEL);
  if (hasLocks()) {
    channel.postMessage('take-over');
    channel.close();
    await navigator.locks.request(LOCK, async () => undefined);
  } else {
    await new Promise<void>((done) => {
      // Nobody answering means the active tab has gone: there is nothing to wait for.
      let timer = setTimeout(done, waitMs);
      channel.onmessage = ({ data }: MessageEvent<Message>) => {
        if (typeOf(data) === 'released') done();
        else if (typeOf(data) === 'active') {
          clearTimeout(timer);
          timer = setTimeout(done, RELEASE_WAIT_MS);
        }
      };
      channel.postMessage('take-over' satisfies Message);
    });
    channel.close();
  }
  location.reload();
}
