import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import {
  CMI5_CATEGORY,
  MASTERY_SCORE,
  MOVEON_CATEGORY,
  SESSION_ID,
  VERBS,
  type Statement,
} from '../../src/lms/cmi5Statements';
import { CMI5_IDS } from '../../src/lms/manifests';

/**
 * A small cmi5 LMS with its xAPI record store, on 127.0.0.1: it launches the AU as an LMS does
 * (registration, session id, `LMS.LaunchData`, a one-time token address, a "launched"
 * statement, an "abandoned" one for a session left open), serves the State and Agent Profile
 * APIs, and takes statements only when they keep the cmi5 rules: the actor, registration, session
 * id and context template of the launch; initialized first and terminated last in a session (by
 * timestamp); each cmi5-defined verb with the result, categories and extensions it requires;
 * "cmi5 allowed" statements only inside the session; one completed and one passed per
 * registration, one of passed and failed per session, no failed after passed, none of them
 * outside Normal mode. A request that breaks a rule is refused (400) and the reason kept in
 * `problems`. With `down` set, it drops every xAPI connection, as a store that cannot be reached.
 * Its responses allow any origin, as a record store on another host than the course must.
 */

export interface Launched {
  /** The query string the LMS launches the AU with. */
  query: string;
  registration: string;
  sessionId: string;
}

interface Session {
  id: string;
  registration: string;
  token: string;
  tokenFetched: boolean;
  launchData: { contextTemplate: Statement['context']; launchMode: string; moveOn: string; masteryScore?: number };
  /** The AU's statements of the session, in order of timestamp. */
  statements: Statement[];
  terminatedAt?: number;
  abandoned: boolean;
}

/** How long after "terminated" statements timestamped before it may still arrive (a request sent just before). */
const GRACE_MS = 10_000;
const AU_VERBS = new Set<string>([VERBS.initialized, VERBS.completed, VERBS.passed, VERBS.failed, VERBS.terminated]);
const VERDICTS = new Set<string>([VERBS.completed, VERBS.passed, VERBS.failed]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.test', name: 'learner-1' } };
export const ACTIVITY_ID = 'https://lms.test/activities/role-call-au';

const categoriesOf = (statement: Statement) =>
  (statement.context?.contextActivities?.category ?? []).map((activity) => activity.id);
const verbName = (statement: Statement) => statement.verb?.id?.split('/').pop() ?? '?';

export async function startRecordStore() {
  const sessions = new Map<string, Session>();
  const byToken = new Map<string, Session>();
  const byFetchKey = new Map<string, Session>();
  const states = new Map<string, unknown>();
  /** Every statement the store holds, the LMS's and the AU's, in order of arrival. */
  const statements: Statement[] = [];
  const problems: string[] = [];
  const preferencesRead = new Set<string>();
  /** How many statements each POST to the statements resource carried, in order. */
  const batches: number[] = [];

  const store = {
    url: '',
    statements,
    problems,
    states,
    preferencesRead,
    batches,
    /** Drops every xAPI connection while set. */
    down: false,
    /** Launches the AU as the LMS does, in a new registration or again in one given. */
    launch(
      options: { registration?: string; masteryScore?: number; moveOn?: string; launchMode?: string } = {},
    ): Launched {
      const registration = options.registration ?? randomUUID();
      for (const open of sessions.values())
        if (open.registration === registration && open.terminatedAt === undefined && !open.abandoned) {
          open.abandoned = true;
          statements.push(lmsStatement(open, 'https://w3id.org/xapi/adl/verbs/abandoned'));
        }
      const session: Session = {
        id: randomUUID(),
        registration,
        token: randomUUID(),
        tokenFetched: false,
        launchData: {
          contextTemplate: {
            contextActivities: { grouping: [{ id: CMI5_IDS.au, objectType: 'Activity' }] },
            extensions: { [SESSION_ID]: '' },
          },
          launchMode: options.launchMode ?? 'Normal',
          moveOn: options.moveOn ?? 'CompletedAndPassed',
          ...(options.masteryScore === undefined ? {} : { masteryScore: options.masteryScore }),
        },
        statements: [],
        abandoned: false,
      };
      session.launchData.contextTemplate.extensions![SESSION_ID] = session.id;
      sessions.set(session.id, session);
      byToken.set(session.token, session);
      const fetchKey = randomUUID();
      byFetchKey.set(fetchKey, session);
      states.set(stateKey(registration, 'LMS.LaunchData'), session.launchData);
      statements.push(lmsStatement(session, 'http://adlnet.gov/expapi/verbs/launched'));
      const query = new URLSearchParams({
        endpoint: `${store.url}/xapi/`,
        fetch: `${store.url}/fetch/${fetchKey}`,
        actor: JSON.stringify(ACTOR),
        registration,
        activityId: ACTIVITY_ID,
      });
      return { query: `?${query}`, registration, sessionId: session.id };
    },
    /** The AU's statements of a session, in order of timestamp. */
    sessionStatements: (sessionId: string) => sessions.get(sessionId)?.statements ?? [],
    /** The verbs of a session, in order: `answered` for each answer. */
    verbs: (sessionId: string) => store.sessionStatements(sessionId).map(verbName),
    /** Whether the AU has met its moveOn in the registration. */
    satisfied(registration: string): boolean {
      const verbs = new Set(
        statements
          .filter((s) => s.context?.registration === registration && categoriesOf(s).includes(CMI5_CATEGORY))
          .map(verbName),
      );
      const moveOn = [...sessions.values()].find((s) => s.registration === registration)?.launchData.moveOn;
      if (moveOn === 'Completed') return verbs.has('completed');
      if (moveOn === 'Passed') return verbs.has('passed');
      if (moveOn === 'CompletedOrPassed') return verbs.has('completed') || verbs.has('passed');
      if (moveOn === 'CompletedAndPassed') return verbs.has('completed') && verbs.has('passed');
      return true;
    },
    /** A state document in a registration. */
    state: (registration: string, stateId: string) => states.get(stateKey(registration, stateId)),
    /** Replaces a state document, as another course or an administrator might. */
    putState: (registration: string, stateId: string, document: unknown) =>
      void states.set(stateKey(registration, stateId), document),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  function lmsStatement(session: Session, verb: string): Statement {
    return {
      id: randomUUID(),
      actor: ACTOR,
      verb: { id: verb, display: { 'en-US': verb.split('/').pop()! } },
      object: { id: ACTIVITY_ID, objectType: 'Activity' },
      context: {
        ...structuredClone(session.launchData.contextTemplate),
        registration: session.registration,
        contextActivities: {
          ...session.launchData.contextTemplate.contextActivities,
          category: [{ id: CMI5_CATEGORY }],
        },
      },
      timestamp: new Date().toISOString(),
    };
  }

  function stateKey(registration: string, stateId: string) {
    return `${registration} ${stateId}`;
  }

  /** What is wrong with a statement the AU of a session sends now, by the cmi5 rules; empty when nothing. */
  function check(session: Session, s: Statement, now: number): string[] {
    const wrong: string[] = [];
    const name = verbName(s);
    if (!UUID.test(s.id ?? '')) wrong.push('its id is not a UUID');
    if (statements.some((held) => held.id === s.id)) wrong.push('its id is taken');
    if (!isDeepStrictEqual(s.actor, ACTOR)) wrong.push('its actor is not the launch actor');
    const at = Date.parse(s.timestamp ?? '');
    if (!Number.isFinite(at) || !s.timestamp.endsWith('Z')) wrong.push('its timestamp is not in UTC');
    if (s.context?.registration !== session.registration) wrong.push('its registration is not the launch one');
    if (s.context?.extensions?.[SESSION_ID] !== session.id) wrong.push('its session id is not the session one');
    const grouping = s.context?.contextActivities?.grouping ?? [];
    if (!grouping.some((activity) => activity.id === CMI5_IDS.au)) wrong.push('it lost the template grouping');
    const categories = categoriesOf(s);
    const defined = categories.includes(CMI5_CATEGORY);
    const result = (s.result ?? {}) as Record<string, unknown>;
    const judged = 'success' in result || 'completion' in result;
    const sessionVerbs = session.statements.filter((held) => categoriesOf(held).includes(CMI5_CATEGORY)).map(verbName);
    const registrationVerbs = [...sessions.values()]
      .filter((other) => other.registration === session.registration)
      .flatMap((other) => other.statements.filter((held) => categoriesOf(held).includes(CMI5_CATEGORY)).map(verbName));
    const initialized = session.statements.find((held) => verbName(held) === 'initialized');
    if (session.abandoned) wrong.push('its session was abandoned');
    if (session.terminatedAt !== undefined && (at > session.terminatedAt || now > session.terminatedAt + GRACE_MS))
      wrong.push('it comes after terminated');
    if (name !== 'initialized' && (!initialized || at < Date.parse(initialized.timestamp)))
      wrong.push('it comes before initialized');
    if (name === 'terminated' && session.statements.some((held) => Date.parse(held.timestamp) > at))
      wrong.push('terminated is not the last statement');
    if (!defined) {
      if (categories.includes(MOVEON_CATEGORY)) wrong.push('a cmi5 allowed statement has the moveOn category');
      if (name === 'answered') {
        if (typeof result.success !== 'boolean' || typeof result.response !== 'string')
          wrong.push('an answer has no success or response');
        if ((s.object.definition as { interactionType?: string })?.interactionType !== 'choice')
          wrong.push('an answer is not a choice interaction');
      }
      return wrong;
    }
    if (!AU_VERBS.has(s.verb.id)) wrong.push(`${name} is not a verb of the AU`);
    if (s.object?.id !== ACTIVITY_ID) wrong.push(`${name} is not about the launch activity`);
    if (sessionVerbs.includes(name)) wrong.push(`${name} is sent twice in a session`);
    if (judged !== categories.includes(MOVEON_CATEGORY)) wrong.push(`${name} has the moveOn category wrongly`);
    if (VERDICTS.has(s.verb.id) && session.launchData.launchMode !== 'Normal')
      wrong.push(`${name} is sent in ${session.launchData.launchMode} mode`);
    const duration = typeof result.duration === 'string' && DURATION.test(result.duration);
    const score = result.score as { scaled?: number; raw?: number; min?: number; max?: number } | undefined;
    const mastery = session.launchData.masteryScore;
    if (name === 'completed') {
      if (result.completion !== true || !duration || 'success' in result || score)
        wrong.push('completed needs completion, a duration, and no success or score');
      if (registrationVerbs.includes('completed')) wrong.push('completed twice in a registration');
    }
    if (name === 'passed' || name === 'failed') {
      if (result.success !== (name === 'passed') || !duration || 'completion' in result)
        wrong.push(`${name} needs success ${name === 'passed'}, a duration, and no completion`);
      if (sessionVerbs.includes('passed') || sessionVerbs.includes('failed'))
        wrong.push('passed and failed both in a session');
      if (registrationVerbs.includes('passed')) wrong.push(`${name} after passed in a registration`);
      if (score && (score.raw! < score.min! || score.raw! > score.max!))
        wrong.push(`${name} has a raw score out of range`);
      if (mastery !== undefined) {
        if (s.context.extensions?.[MASTERY_SCORE] !== mastery) wrong.push(`${name} does not say the mastery score`);
        if (score?.scaled !== undefined && (name === 'passed') !== score.scaled >= mastery)
          wrong.push(`${name} disagrees with the mastery score`);
      }
    } else if (score || 'success' in result) wrong.push(`${name} has a score or success`);
    if (name === 'terminated' && !duration) wrong.push('terminated needs a duration');
    if (name === 'initialized' && session.statements.length) wrong.push('initialized is not the first statement');
    return wrong;
  }

  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version',
    'Access-Control-Allow-Methods': 'GET, PUT, POST, OPTIONS',
  };
  const send = (response: ServerResponse, status: number, body?: unknown) =>
    response
      .writeHead(status, { ...cors, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) })
      .end(body === undefined ? undefined : JSON.stringify(body));

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (url.pathname.startsWith('/fetch/')) {
      const session = byFetchKey.get(url.pathname.slice('/fetch/'.length));
      if (request.method !== 'POST') return send(response, 405);
      if (!session || session.tokenFetched)
        return send(response, 200, {
          'error-code': '1',
          'error-text': 'The authorization token has already been returned.',
        });
      session.tokenFetched = true;
      return send(response, 200, { 'auth-token': session.token });
    }
    if (!url.pathname.startsWith('/xapi/')) return send(response, 404);
    if (store.down) return void request.socket.destroy();
    if (request.method === 'OPTIONS') return send(response, 204);
    const session = byToken.get((request.headers.authorization ?? '').replace(/^Basic /, ''));
    if (!session) return send(response, 401, { error: 'no such token' });
    if (!/^1\.0(\.\d+)?$/.test(String(request.headers['x-experience-api-version'] ?? '')))
      return send(response, 400, { error: 'X-Experience-API-Version is missing' });
    const resource = url.pathname.slice('/xapi/'.length);
    const agentOk = () => isDeepStrictEqual(JSON.parse(url.searchParams.get('agent') ?? 'null'), ACTOR);
    if (resource === 'activities/state') {
      const stateId = url.searchParams.get('stateId') ?? '';
      if (!agentOk() || url.searchParams.get('activityId') !== ACTIVITY_ID)
        return send(response, 400, { error: 'not this learner or activity' });
      const key = stateKey(url.searchParams.get('registration') ?? '', stateId);
      if (request.method === 'GET') return states.has(key) ? send(response, 200, states.get(key)) : send(response, 404);
      if (stateId === 'LMS.LaunchData') {
        problems.push('the AU wrote LMS.LaunchData');
        return send(response, 403);
      }
      states.set(key, JSON.parse(body));
      return send(response, 204);
    }
    if (resource === 'agents/profile' && request.method === 'GET') {
      if (agentOk() && url.searchParams.get('profileId') === 'cmi5LearnerPreferences') preferencesRead.add(session.id);
      return send(response, 404);
    }
    if (resource === 'statements' && request.method === 'POST') {
      const now = Date.now();
      const posted = ([] as Statement[]).concat(JSON.parse(body) as Statement | Statement[]);
      batches.push(posted.length);
      // Checked in order, each as if the ones before it were taken: the store takes all or none.
      const taken: Statement[] = [];
      const before = session.statements.slice();
      const wrong: string[] = [];
      for (const statement of posted) {
        const found = check(session, statement, now);
        if (found.length) wrong.push(...found.map((text) => `${verbName(statement)}: ${text}`));
        taken.push(statement);
        session.statements.push(statement);
        session.statements.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
        if (verbName(statement) === 'terminated') session.terminatedAt = Date.parse(statement.timestamp);
      }
      if (wrong.length) {
        session.statements = before;
        if (!before.some((held) => verbName(held) === 'terminated')) delete session.terminatedAt;
        problems.push(...wrong);
        return send(response, 400, { error: wrong.join('; ') });
      }
      statements.push(...taken);
      return send(
        response,
        200,
        taken.map((statement) => statement.id),
      );
    }
    return send(response, 405);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      problems.push(`the store failed: ${String(error)}`);
      if (!response.headersSent) send(response, 500);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  store.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return store;
}

export type TestRecordStore = Awaited<ReturnType<typeof startRecordStore>>;
