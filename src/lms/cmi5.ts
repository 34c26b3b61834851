import { errorText, fail, ok, type Result } from '../core/result';
import type { Context, Statement } from './cmi5Statements';
import { m } from '../i18n/paraglide/messages.js';

/**
 * The cmi5 launch and the LMS's record store (its xAPI endpoint), as thin as a runtime can be:
 * the launch parameters, the one-time token, state documents and statements over `fetch`. Every
 * call answers a Result, never throws; what to send and when is `cmi5Channel.ts`'s business.
 */

/** The query-string parameters of a cmi5 launch, checked. */
export interface Launch {
  /** The record store's base address, ending in a slash. */
  endpoint: string;
  /** The one-time address of the session's token. */
  fetch: string;
  registration: string;
  activityId: string;
  /** The learner, as an xAPI agent with an account. */
  actor: { objectType?: 'Agent'; account: { homePage: string; name: string }; name?: string };
}

const LAUNCH_PARAMETERS = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An http(s) address, or undefined. */
function webUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cmi5 launch in a query string: undefined when the page was not launched that way (none of
 * the parameters), or what is wrong with it.
 */
export function launchOf(search: string): Result<Launch> | undefined {
  const params = new URLSearchParams(search);
  if (LAUNCH_PARAMETERS.every((name) => !params.has(name))) return undefined;
  const missing = LAUNCH_PARAMETERS.filter((name) => !params.get(name));
  if (missing.length) return fail(m.lms_cmi5_launch_missing({ names: missing.join(', ') }));
  const endpoint = webUrl(params.get('endpoint')!);
  const fetchUrl = webUrl(params.get('fetch')!);
  if (!endpoint || !fetchUrl) return fail(m.lms_cmi5_launch_not_web());
  const registration = params.get('registration')!;
  if (!UUID.test(registration)) return fail(m.lms_cmi5_launch_registration());
  let actor: Launch['actor'];
  try {
    actor = JSON.parse(params.get('actor')!) as Launch['actor'];
  } catch {
    return fail(m.lms_cmi5_launch_actor_json());
  }
  if (typeof actor?.account?.homePage !== 'string' || typeof actor.account.name !== 'string')
    return fail(m.lms_cmi5_launch_actor_account());
  const base = endpoint.href.endsWith('/') ? endpoint.href : `${endpoint.href}/`;
  return ok({ endpoint: base, fetch: fetchUrl.href, registration, activityId: params.get('activityId')!, actor });
}

/** The origins a launch connects to: its record store and its token address. */
export function launchOrigins(launch: Launch): string[] {
  return [...new Set([new URL(launch.endpoint).origin, new URL(launch.fetch).origin])];
}

/** `LMS.LaunchData`, as far as the course uses it. */
export interface LaunchData {
  contextTemplate: Context;
  launchMode: 'Normal' | 'Browse' | 'Review';
  /** 0 to 1. */
  masteryScore?: number;
  moveOn?: string;
}

/**
 * Why a call to the record store failed, said of the store ("cannot be reached …", "answered
 * 400 …"): it could not be reached (or was not itself), and may be tried again; it refused the
 * request, which will never do; or it closed the session.
 */
export interface StoreError {
  reason: string;
  kind: 'unreachable' | 'refused' | 'closed';
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The version of xAPI the course speaks, which every request names. */
const XAPI_VERSION = '1.0.3';
/** The largest body a keepalive request may carry (browsers allow 64 KiB in flight for a page). */
const KEEPALIVE_BYTES = 60_000;

/** The LMS's record store for one launch, with its token. */
export class RecordStore {
  private constructor(
    private readonly launch: Launch,
    private readonly token: string,
    private readonly fetcher: Fetch,
  ) {}

  /** Fetches the session's token (once: the address works once) and opens the store with it. */
  static async connect(launch: Launch, fetcher: Fetch): Promise<Result<RecordStore>> {
    try {
      const response = await fetcher(launch.fetch, { method: 'POST' });
      const body = (await response.json()) as Record<string, unknown>;
      const token = body['auth-token'];
      if (response.ok && typeof token === 'string' && token) return ok(new RecordStore(launch, token, fetcher));
      const detail =
        typeof body['error-text'] === 'string' ? body['error-text'] : m.lms_cmi5_status({ status: response.status });
      return fail(m.lms_cmi5_no_token({ detail }));
    } catch (error) {
      return fail(m.lms_cmi5_token_unfetched({ error: errorText(error) }));
    }
  }

  async #request(
    resource: string,
    query: Record<string, string>,
    init: RequestInit = {},
  ): Promise<Result<Response, StoreError>> {
    const url = `${this.launch.endpoint}${resource}?${new URLSearchParams(query)}`;
    try {
      const response = await this.fetcher(url, {
        ...init,
        headers: {
          Authorization: `Basic ${this.token}`,
          'X-Experience-API-Version': XAPI_VERSION,
          ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        },
      });
      if (response.ok || response.status === 404) return ok(response);
      const { status } = response;
      const kind =
        status >= 500 || status === 408 || status === 429
          ? 'unreachable'
          : status === 401 || status === 403
            ? 'closed'
            : 'refused';
      const detail = (await response.text().catch(() => '')).trim().slice(0, 120);
      return fail({
        reason: detail ? m.lms_store_answered_detail({ status, detail }) : m.lms_store_answered({ status }),
        kind,
      });
    } catch (error) {
      return fail({ reason: m.lms_store_unreachable({ error: errorText(error) }), kind: 'unreachable' });
    }
  }

  #stateQuery(stateId: string) {
    return {
      stateId,
      activityId: this.launch.activityId,
      agent: JSON.stringify(this.launch.actor),
      registration: this.launch.registration,
    };
  }

  /** A state document of the learner's registration; undefined when there is none. */
  async state<T>(stateId: string): Promise<Result<T | undefined, StoreError>> {
    const got = await this.#request('activities/state', this.#stateQuery(stateId));
    if (!got.ok) return got;
    if (got.value.status === 404) return ok(undefined);
    try {
      return ok((await got.value.json()) as T);
    } catch {
      return fail({ reason: m.lms_store_not_json({ document: stateId }), kind: 'refused' });
    }
  }

  /**
   * Replaces a state document. Like every write here it is a keepalive request when it is small
   * enough to be one, so that one under way when the learner leaves still arrives.
   */
  async putState(stateId: string, document: unknown): Promise<Result<void, StoreError>> {
    const body = JSON.stringify(document);
    const put = await this.#request('activities/state', this.#stateQuery(stateId), {
      method: 'PUT',
      body,
      keepalive: body.length <= KEEPALIVE_BYTES,
    });
    return put.ok ? ok(undefined) : put;
  }

  /** Sends statements in one request, in order: the store takes all of them or none. */
  async postStatements(statements: readonly Statement[]): Promise<Result<void, StoreError>> {
    const body = JSON.stringify(statements);
    const posted = await this.#request(
      'statements',
      {},
      { method: 'POST', body, keepalive: body.length <= KEEPALIVE_BYTES },
    );
    if (posted.ok && posted.value.status === 404) return fail({ reason: m.lms_store_no_statements(), kind: 'refused' });
    return posted.ok ? ok(undefined) : posted;
  }

  /** A document of the learner's agent profile; undefined when there is none. */
  async agentProfile(profileId: string): Promise<Result<unknown, StoreError>> {
    const got = await this.#request('agents/profile', { profileId, agent: JSON.stringify(this.launch.actor) });
    if (!got.ok) return got;
    return ok(got.value.status === 404 ? undefined : await got.value.json().catch(() => undefined));
  }
}

/** A version 4 UUID, from `crypto.getRandomValues` (which, unlike `randomUUID`, works on plain http too). */
export function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
