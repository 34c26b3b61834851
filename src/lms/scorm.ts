import { errorText, fail, ok, type Result } from '../core/result';
import { m } from '../i18n/paraglide/messages.js';

/**
 * The run-time API a SCORM LMS puts on a window of its own (`window.API` for SCORM 1.2,
 * `window.API_1484_11` for SCORM 2004), and a safe way to call it. Nothing here makes a network
 * request: the LMS's own frame does that, so the app's Content-Security-Policy stays as strict
 * as everywhere else.
 */

/** The calls of a SCORM API, by what they do; each edition names them its own way. */
type Call = 'initialize' | 'finish' | 'get' | 'set' | 'commit' | 'lastError' | 'errorString';

/** One edition's API: the window property it sits on and the name of each call. */
export interface ScormDialect {
  property: 'API' | 'API_1484_11';
  calls: Record<Call, string>;
}

export const SCORM_12_API: ScormDialect = {
  property: 'API',
  calls: {
    initialize: 'LMSInitialize',
    finish: 'LMSFinish',
    get: 'LMSGetValue',
    set: 'LMSSetValue',
    commit: 'LMSCommit',
    lastError: 'LMSGetLastError',
    errorString: 'LMSGetErrorString',
  },
};

export const SCORM_2004_API: ScormDialect = {
  property: 'API_1484_11',
  calls: {
    initialize: 'Initialize',
    finish: 'Terminate',
    get: 'GetValue',
    set: 'SetValue',
    commit: 'Commit',
    lastError: 'GetLastError',
    errorString: 'GetErrorString',
  },
};

/** The SCORM 1.2 API, as an LMS provides it. */
export interface Scorm12Api {
  LMSInitialize(parameter: ''): string;
  LMSFinish(parameter: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(parameter: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

/** The SCORM 2004 API, as an LMS provides it. */
export interface Scorm2004Api {
  Initialize(parameter: ''): string;
  Terminate(parameter: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(parameter: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
}

/** An API found on a window: its calls by name. */
export type ScormApi = Record<string, (...args: string[]) => unknown>;

/** Frames searched upwards before giving up, as the ADL's own discovery code does. */
const MAX_FRAMES = 10;

/** The calls a course cannot do without. */
const NEEDED: readonly Call[] = ['initialize', 'finish', 'get', 'set', 'commit'];

function isApi(value: unknown, dialect: ScormDialect): value is ScormApi {
  const api = value as Record<string, unknown> | null | undefined;
  return NEEDED.every((call) => typeof api?.[dialect.calls[call]] === 'function');
}

/** The dialect's API on one window, or undefined (a window of another origin cannot be read). */
function apiOf(win: Window, dialect: ScormDialect): ScormApi | undefined {
  try {
    const api = (win as unknown as Record<string, unknown>)[dialect.property];
    return isApi(api, dialect) ? api : undefined;
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
 * The LMS's API of an edition: on this window, a parent frame, or the window that opened this
 * one (and its parents), the way SCORM content finds it. Undefined when there is none.
 */
export function findScormApi(win: Window, dialect: ScormDialect): ScormApi | undefined {
  let opener: Window | null;
  try {
    opener = win.top?.opener ?? win.opener;
  } catch {
    opener = null;
  }
  for (const candidate of [...withParents(win), ...withParents(opener)]) {
    const api = apiOf(candidate, dialect);
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

  private constructor(
    private readonly api: ScormApi,
    private readonly dialect: ScormDialect,
  ) {}

  /** Starts a session with the API; or says why the LMS would not start one. */
  static open(api: ScormApi | Scorm12Api | Scorm2004Api, dialect: ScormDialect): Result<ScormSession> {
    const session = new ScormSession(api as unknown as ScormApi, dialect);
    const started = session.#call('initialize', '');
    return started.ok ? ok(session) : fail(m.lms_scorm_no_session({ error: started.error }));
  }

  #invoke(call: Call, ...args: string[]): unknown {
    return this.api[this.dialect.calls[call]]!(...args);
  }

  /** The LMS's last error, in its words, or its number when it has none. */
  #lastError(): string {
    try {
      const code = String(this.#invoke('lastError'));
      const text = String(this.#invoke('errorString', code) ?? '').trim();
      return text ? m.lms_scorm_error({ text, code }) : m.lms_scorm_error_code({ code });
    } catch (error) {
      return errorText(error);
    }
  }

  #call(call: Call, ...args: string[]): Result<void> {
    try {
      const answer = String(this.#invoke(call, ...args));
      return answer === 'true' ? ok(undefined) : fail(this.#lastError());
    } catch (error) {
      return fail(errorText(error));
    }
  }

  /** A value from the LMS; undefined when it has none or refused (an element it does not take). */
  get(element: string): string | undefined {
    try {
      const value = String(this.#invoke('get', element) ?? '');
      const code = String(this.#invoke('lastError'));
      return code === '0' || code === '' ? value : undefined;
    } catch {
      return undefined;
    }
  }

  set(element: string, value: string): Result<void> {
    return this.#finished ? fail(m.lms_scorm_session_over()) : this.#call('set', element, value);
  }

  commit(): Result<void> {
    return this.#finished ? fail(m.lms_scorm_session_over()) : this.#call('commit', '');
  }

  /** Ends the session, once. */
  finish(): Result<void> {
    if (this.#finished) return ok(undefined);
    this.#finished = true;
    return this.#call('finish', '');
  }

  get finished(): boolean {
    return this.#finished;
  }
}
