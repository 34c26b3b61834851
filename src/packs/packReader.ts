import { MAX_READ_MS } from '../core/limits';
import { m } from '../i18n/paraglide/messages.js';
import { getLocale } from '../i18n/paraglide/runtime.js';
import type { Problem } from '../core/problems';
import { fail, type Result } from '../core/result';
import type { Pack, Source } from '../core/schema';
import type { ReadRequest } from './packReading';

/** What the page needs of a Web Worker (a test gives a stand-in). */
export interface ReaderWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** The reasons a read ends without the reader's answer, in words a trainer can act on. */
export const READ_STOPPED = {
  time: m.packs_read_time({ seconds: MAX_READ_MS / 1000 }),
  failed: m.packs_read_failed(),
  superseded: m.packs_read_superseded(),
} as const;

/** How long an idle worker is kept for the next read (the editor checks on every pause). */
const IDLE_MS = 30_000;

/**
 * Reads trainers' files in a Web Worker, one at a time, each by an absolute deadline: past it
 * the worker is ended, whatever it was doing, and the read answers with `READ_STOPPED.time`.
 * A worker is made for the first read (so nothing loads until a file is opened), kept for the
 * next while reads keep coming, and ended when idle. A new read while one is under way ends it
 * (the editor asks again as the trainer types: only the last text matters).
 */
export function createPackReader(spawn: () => ReaderWorker, now: () => number = Date.now) {
  let worker: ReaderWorker | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let current: { finish(result: Result<Pack, Problem[]>): void } | undefined;

  const stop = () => {
    worker?.terminate();
    worker = undefined;
  };

  return function read(request: ReadRequest, sources: readonly Source[]): Promise<Result<Pack, Problem[]>> {
    if (current) {
      stop();
      current.finish(fail([{ message: READ_STOPPED.superseded }]));
    }
    clearTimeout(idle);
    const deadline = now() + MAX_READ_MS;
    return new Promise((resolve) => {
      const running = (worker ??= spawn());
      const finish = (result: Result<Pack, Problem[]>) => {
        clearTimeout(timer);
        running.onmessage = running.onerror = null;
        if (current === me) current = undefined;
        if (worker === running) idle = setTimeout(stop, IDLE_MS);
        resolve(result);
      };
      const me = { finish };
      current = me;
      const stopWith = (message: string) => {
        if (worker === running) stop();
        finish(fail([{ message }]));
      };
      const timer = setTimeout(() => stopWith(READ_STOPPED.time), Math.max(0, deadline - now()));
      running.onmessage = (event) => finish(event.data as Result<Pack, Problem[]>);
      // A worker that runs out of memory, or cannot load, ends with an error event.
      running.onerror = (event) => {
        event.preventDefault();
        stopWith(READ_STOPPED.failed);
      };
      running.postMessage({ request, sources, locale: getLocale() });
    });
  };
}
