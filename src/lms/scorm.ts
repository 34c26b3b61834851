import { errorText, fail, ok, type Result } from '../core/result';

/**
 * The SCORM 1.2 run-time API an LMS puts on a window of its own (`window.API`), and a safe way
 * to call it. Nothing here makes a network request: the LMS's own frame does that, so the
 * app's Content-Security-Policy stays as strict as everywhere else.
 */
export interface Scorm12Api {
  LMSInitialize(parameter: ''): string;
  LMSFinish(parameter: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(parameter: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

/** Frames searched upwards before giving up, as the ADL's own discovery code does. */
const MAX_FRAMES = 10;

function isApi(value: unknown): value is Scorm12Api {
  const api = value as Partial<Record<keyof Scorm12Api, unknown>> | null | undefined;
  return (
    typeof api?.LMSInitialize === 'function' &&
    typeof api.LMSSetValue === 'function' &&
    typeof api.LMSGetValue === 'function' &&
    typeof api.LMSCommit === 'function' &&
    typeof api.LMSFinish === 'function'
  );
}

/** `window.API` of one window, or undefined (a window of another origin cannot be read). */
function apiOf(win: Window): Scorm12Api | undefined {
  try {
    const api = (win as Window & { API?: unknown }).API;
    return isApi(api) ? api : undefined;
  } catch {
    return undefined;
  }
}

/** The window and its parents, nearest first. */
function withParents(win: Window | null): Window[] {
  const chain: Window[] = [];
  for (let at = win; at && chain.length < MAX_FRAMES; at = at.parent) {
    chain.push(at);
    if (at.parent === at) break;
  }
  return chain;
}

/**
 * The LMS's API: on this window, a parent frame, or the window that opened this one (and its
 * parents), the way SCORM 1.2 content finds it. Undefined when there is none.
 */
export function findScormApi(win: Window): Scorm12Api | undefined {
  let opener: Window | null;
  try {
    opener = win.top?.opener ?? win.opener;
  } catch {
    opener = null;
  }
  for (const candidate of [...withParents(win), ...withParents(opener)]) {
    const api = apiOf(candidate);
    if (api) return api;
  }
  return undefined;
}

/**
 * One SCORM session: every call is guarded, since an LMS may throw, answer "false", or take
 * its time; a failure is returned as a sentence, never thrown.
 */
export class ScormSession {
  #finished = false;

  private constructor(private readonly api: Scorm12Api) {}

  /** Starts a session with the API; or says why the LMS would not start one. */
  static open(api: Scorm12Api): Result<ScormSession> {
    const session = new ScormSession(api);
    const started = session.#call(() => api.LMSInitialize(''));
    return started.ok ? ok(session) : fail(`it did not start a session (${started.error})`);
  }

  /** The LMS's last error, in its words, or its number when it has none. */
  #lastError(): string {
    try {
      const code = String(this.api.LMSGetLastError());
      const text = String(this.api.LMSGetErrorString(code) ?? '').trim();
      return text ? `${text}, error ${code}` : `error ${code}`;
    } catch (error) {
      return errorText(error);
    }
  }

  #call(call: () => string): Result<void> {
    try {
      const answer = String(call());
      return answer === 'true' ? ok(undefined) : fail(this.#lastError());
    } catch (error) {
      return fail(errorText(error));
    }
  }

  /** A value from the LMS; undefined when it has none or refused (an element it does not take). */
  get(element: string): string | undefined {
    try {
      const value = String(this.api.LMSGetValue(element) ?? '');
      const code = String(this.api.LMSGetLastError());
      return code === '0' || code === '' ? value : undefined;
    } catch {
      return undefined;
    }
  }

  set(element: string, value: string): Result<void> {
    return this.#finished ? fail('the session is over') : this.#call(() => this.api.LMSSetValue(element, value));
  }

  commit(): Result<void> {
    return this.#finished ? fail('the session is over') : this.#call(() => this.api.LMSCommit(''));
  }

  /** Ends the session, once. */
  finish(): Result<void> {
    if (this.#finished) return ok(undefined);
    this.#finished = true;
    return this.#call(() => this.api.LMSFinish(''));
  }

  get finished(): boolean {
    return this.#finished;
  }
}

/** Milliseconds as a SCORM 1.2 CMITimespan, HHHH:MM:SS.SS. */
export function timespan(ms: number): string {
  const hundredths = Math.max(0, Math.round(ms / 10));
  const hours = Math.min(9999, Math.floor(hundredths / 360_000));
  const minutes = Math.floor(hundredths / 6000) % 60;
  const seconds = Math.floor(hundredths / 100) % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(hours).padStart(4, '0')}:${two(minutes)}:${two(seconds)}.${two(hundredths % 100)}`;
}

/** A moment (epoch ms) as a SCORM 1.2 CMITime, HH:MM:SS, in the learner's time of day. */
export function timeOfDay(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
