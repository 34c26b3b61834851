import { fail, ok, type Result } from '../core/result';
import { m } from '../i18n/paraglide/messages.js';
import { launchOf, RecordStore, uuid, type Fetch, type LaunchData, type StoreError } from './cmi5';
import {
  answeredStatement,
  cmi5Statement,
  dueVerdicts,
  type Context,
  type Recorded,
  type Session,
  type Statement,
} from './cmi5Statements';
import { passMark, percentOfScaled } from './report';
import type { Held, LmsChannel, LmsProblem, Report } from './reporter.svelte';
import type { LmsSettings } from './settings';

/** The id of the course's own state document in the learner's registration. */
export const GAME_STATE = 'role-call.game';

/**
 * What the course keeps in its state document: the game to resume (packed as SCORM's suspend
 * data), the best score of a finished game, and the verdicts the registration already holds.
 */
export interface GameRecord extends Recorded {
  game: string;
  best?: number;
}

/**
 * The most statements one request carries (about 1 KB each), so that a backlog left by a store
 * that was down goes in requests small enough to be keepalive ones.
 */
const STATEMENTS_PER_REQUEST = 25;
/** The first wait before a request that failed is tried again; each failure doubles it, to a limit. */
const RETRY_FIRST_MS = 2000;
const RETRY_LONGEST_MS = 60_000;

/** A state document as the course wrote it, or a fresh record. */
function recordOf(document: unknown): GameRecord {
  const record = (document ?? {}) as Partial<GameRecord>;
  const best = typeof record.best === 'number' && record.best >= 0 && record.best <= 100 ? record.best : undefined;
  return {
    game: typeof record.game === 'string' ? record.game : '',
    completed: record.completed === true,
    passed: record.passed === true,
    ...(best === undefined ? {} : { best }),
  };
}

/** `LMS.LaunchData` as the course needs it; undefined when it is not a cmi5 launch document. */
function launchDataOf(document: unknown): LaunchData | undefined {
  const data = document as Partial<LaunchData> | undefined;
  if (typeof data?.contextTemplate !== 'object' || data.contextTemplate === null) return undefined;
  const mode = data.launchMode === 'Browse' || data.launchMode === 'Review' ? data.launchMode : 'Normal';
  const mastery = percentOfScaled(data.masteryScore) === undefined ? undefined : Number(data.masteryScore);
  return {
    contextTemplate: data.contextTemplate as Context,
    launchMode: mode,
    ...(mastery === undefined ? {} : { masteryScore: mastery }),
  };
}

/** A failure of the record store, as the learner's notice says it. */
function problemOf(error: StoreError): LmsProblem {
  if (error.kind === 'closed') return { reason: m.lms_cmi5_closed({ reason: error.reason }), retrying: false };
  return { reason: m.lms_cmi5_store({ reason: error.reason }), retrying: error.kind === 'unreachable' };
}

/**
 * A cmi5 session as a channel: each report becomes statements (one "answered" per answer, and
 * the verdicts due) and the course's state document, sent in order by one worker. A request
 * that fails is kept and tried again after the next task, or after a wait that grows; the
 * learner is told meanwhile, and play goes on. Every write is a keepalive request, and when the
 * page goes away what is left goes at once, with "terminated" last.
 */
export class Cmi5Channel implements LmsChannel {
  readonly held: Held;
  #ended = false;
  /** Set when the store has closed the session: nothing more is sent. */
  #closed = false;
  #listener: ((delivered: Result<Report, LmsProblem>) => void) | undefined;
  /** What was heard before anyone listened. */
  #unheard: Result<Report, LmsProblem> | undefined;
  /** Statements not yet taken by the store, oldest first; the first `#inFlight` are in the request under way. */
  readonly #outbox: Statement[] = [];
  #inFlight = 0;
  #record: GameRecord;
  /** The record to write once the statements before it are taken; null when the store has it. */
  #recordDue: GameRecord | null = null;
  /** The last report whose statements and record are queued. */
  #reportDue: Report | null = null;
  #busy = false;
  #more = false;
  #retryIn = RETRY_FIRST_MS;
  #retry: ReturnType<typeof setTimeout> | undefined;
  /** Whether this session has sent "passed" or "failed" (cmi5 allows one of them a session). */
  #judged = false;
  /** Whether a course game was finished in this session. */
  #finishedGame = false;

  private constructor(
    private readonly store: RecordStore,
    private readonly session: Session,
    private readonly normal: boolean,
    record: GameRecord,
    settings: LmsSettings,
    private readonly now: () => number,
  ) {
    this.#record = record;
    this.held = {
      passMark: passMark(percentOfScaled(session.masteryScore), settings),
      ...(record.best === undefined ? {} : { best: record.best }),
      game: record.game,
    };
  }

  /**
   * Opens the session of a cmi5 launch: reads the launch parameters, fetches the token, reads
   * `LMS.LaunchData`, the learner's preferences and the course's own state, and sends
   * "initialized". Undefined when the page was not launched by cmi5; why not, when it cannot open.
   */
  static async open(
    win: Window,
    settings: LmsSettings,
    fetcher: Fetch = (input, init) => fetch(input, init),
    now: () => number = Date.now,
  ): Promise<Result<Cmi5Channel> | undefined> {
    const launch = launchOf(win.location.search);
    if (!launch?.ok) return launch;
    const connected = await RecordStore.connect(launch.value, fetcher);
    if (!connected.ok) return connected;
    const store = connected.value;
    const launchData = await store.state('LMS.LaunchData');
    if (!launchData.ok) return fail(m.lms_cmi5_its_store({ reason: launchData.error.reason }));
    const data = launchDataOf(launchData.value);
    if (!data) return fail(m.lms_cmi5_no_launch_data());
    // cmi5 asks every course to read the learner's preferences; Role Call has no audio or other languages.
    await store.agentProfile('cmi5LearnerPreferences');
    const saved = await store.state(GAME_STATE);
    if (!saved.ok) return fail(m.lms_cmi5_its_store({ reason: saved.error.reason }));
    const session: Session = {
      actor: launch.value.actor,
      activityId: launch.value.activityId,
      registration: launch.value.registration,
      contextTemplate: data.contextTemplate,
      ...(data.masteryScore === undefined ? {} : { masteryScore: data.masteryScore }),
    };
    const normal = data.launchMode === 'Normal';
    const channel = new Cmi5Channel(store, session, normal, recordOf(saved.value), settings, now);
    channel.#outbox.push(cmi5Statement(session, 'initialized', { id: uuid(), ms: now(), sessionMs: 0 }));
    channel.#kick();
    return ok(channel);
  }

  get ended(): boolean {
    return this.#ended;
  }

  listen(listener: (delivered: Result<Report, LmsProblem>) => void): void {
    this.#listener = listener;
    if (this.#unheard) listener(this.#unheard);
  }

  #hear(delivered: Result<Report, LmsProblem>) {
    if (this.#listener) this.#listener(delivered);
    else this.#unheard = delivered;
  }

  /** The statements of a report: its answers, then the verdicts it makes due, which the record notes. */
  #statementsOf(report: Report, ending: boolean): Statement[] {
    if (report.finished !== undefined) this.#finishedGame = true;
    const answers = report.interactions.map((interaction) => answeredStatement(this.session, uuid(), interaction));
    const due = dueVerdicts(report.outcome, this.#record, {
      normal: this.normal,
      judged: this.#judged,
      finishedGame: this.#finishedGame,
      ending,
    });
    const verdicts = due.map((verdict) => {
      if (verdict !== 'completed') this.#judged = true;
      const at = { id: uuid(), ms: report.at, sessionMs: report.sessionMs };
      return cmi5Statement(this.session, verdict, at, verdict === 'completed' ? undefined : report.outcome.score);
    });
    this.#record = {
      game: report.game,
      completed: this.#record.completed || due.includes('completed'),
      passed: this.#record.passed || due.includes('passed'),
      ...(report.outcome.score === undefined ? {} : { best: report.outcome.score }),
    };
    return [...answers, ...verdicts];
  }

  send(report: Report): string[] {
    if (this.#ended || this.#closed) return [];
    this.#outbox.push(...this.#statementsOf(report, false));
    this.#recordDue = this.#record;
    this.#reportDue = report;
    this.#kick();
    return report.interactions.map((interaction) => interaction.key);
  }

  /** Starts the worker, or tells the one at work that there is more. */
  #kick() {
    clearTimeout(this.#retry);
    if (this.#busy) {
      this.#more = true;
      return;
    }
    this.#busy = true;
    void this.#work().finally(() => (this.#busy = false));
  }

  /** Sends what is queued, statements before the record that vouches for them, until nothing is left or a request fails. */
  async #work(): Promise<void> {
    do {
      this.#more = false;
      if (this.#ended || this.#closed) return;
      const report = this.#reportDue;
      let refused = false;
      this.#inFlight = Math.min(this.#outbox.length, STATEMENTS_PER_REQUEST);
      if (this.#inFlight) {
        const posted = await this.store.postStatements(this.#outbox.slice(0, this.#inFlight));
        const taken = this.#inFlight;
        this.#inFlight = 0;
        if (!posted.ok && posted.error.kind !== 'refused') return this.#failed(posted.error);
        // Statements the store refuses it will never take: they must not hold up the rest.
        this.#outbox.splice(0, taken);
        if (!posted.ok) this.#hear(fail(problemOf(posted.error)));
        refused ||= !posted.ok;
      }
      // The record goes once every statement before it is taken: it says which verdicts were sent.
      const record = this.#recordDue;
      if (record && !this.#ended && !this.#outbox.length) {
        const put = await this.store.putState(GAME_STATE, record);
        if (!put.ok && put.error.kind !== 'refused') return this.#failed(put.error);
        if (this.#recordDue === record) this.#recordDue = null;
        if (!put.ok) this.#hear(fail(problemOf(put.error)));
        refused ||= !put.ok;
      }
      this.#retryIn = RETRY_FIRST_MS;
      if (this.#outbox.length) this.#more = true;
      else if (!this.#more && !refused && report && this.#reportDue === report) this.#hear(ok(report));
    } while (this.#more);
  }

  #failed(error: StoreError) {
    this.#hear(fail(problemOf(error)));
    if (error.kind === 'closed') {
      this.#closed = true;
      return;
    }
    if (this.#ended) return;
    this.#retry = setTimeout(() => this.#kick(), this.#retryIn);
    this.#retryIn = Math.min(this.#retryIn * 2, RETRY_LONGEST_MS);
  }

  /**
   * Ends the session: the last answers and verdicts (a "failed" is sent only now), then
   * "terminated", with everything a request under way is not carrying, in one request sent at
   * once, as the page is going away; and the record beside it.
   */
  end(report: Report): void {
    if (this.#ended) return;
    const last = this.#statementsOf(report, true);
    this.#ended = true;
    clearTimeout(this.#retry);
    if (this.#closed) return;
    // Later than the report's own statements, even in the same millisecond: cmi5 orders by timestamp.
    const ms = Math.max(this.now(), report.at + 1);
    const terminated = cmi5Statement(this.session, 'terminated', { id: uuid(), ms, sessionMs: report.sessionMs });
    const rest = [...this.#outbox.slice(this.#inFlight), ...last, terminated];
    for (let from = 0; from < rest.length; from += STATEMENTS_PER_REQUEST)
      void this.store.postStatements(rest.slice(from, from + STATEMENTS_PER_REQUEST));
    void this.store.putState(GAME_STATE, this.#record);
  }
}
