import type { Actor } from 'xstate';
import type { IndexedBank } from '../core/bank';
import type { Result } from '../core/result';
import type { PlayMachine } from '../modes/solo/playMachine';
import type { PlaySnapshot } from '../modes/solo/playView';
import {
  exitFor,
  finishedScore,
  interactionsOf,
  lessonStatus,
  passMark,
  priorBest,
  type Interaction,
  type LessonStatus,
} from './report';
import { findScormApi, ScormSession, timeOfDay, timespan } from './scorm';
import type { LmsSettings } from './settings';
import { resumeGame, SUSPEND_DATA_LIMIT, toSuspendData } from './suspend';

/** Why progress is not reaching the LMS, and whether the next task tries again. */
export interface LmsProblem {
  reason: string;
  retrying: boolean;
}

/** Runs a function once the browser has painted, so a slow LMS never holds up the feedback on screen. */
export function afterPaint(run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  globalThis.requestAnimationFrame?.(() => setTimeout(once, 0));
  // A hidden page paints no frames.
  setTimeout(once, 250);
}

interface Options {
  bank: IndexedBank;
  settings: LmsSettings;
  now?: () => number;
  schedule?: (run: () => void) => void;
}

/**
 * Reports self-paced play to a SCORM 1.2 LMS: the lesson status, the score, the session time,
 * each answer as an interaction (where the LMS takes them) and the game in suspend data, to
 * resume from. It listens to the one play actor, as `Persistence` does, and commits once the
 * screen has updated after every task, and when the page goes away. With no LMS, or one that
 * fails, play goes on and `problem` says why progress is not being reported.
 */
export class ScormReporter {
  problem = $state.raw<LmsProblem | null>(null);
  /** What the LMS holds of the course once a game of it is finished: the status and the best score. */
  reported = $state.raw<{ status: LessonStatus; score: number } | null>(null);

  readonly #session: ScormSession | null;
  readonly #bank: IndexedBank;
  readonly #settings: LmsSettings;
  readonly #now: () => number;
  readonly #schedule: (run: () => void) => void;
  readonly #startedAt: number;
  #passMark: number | null = null;
  #best: number | undefined;
  /** The status an earlier session left, kept until a game of this one is finished. */
  #priorStatus: string | undefined;
  #suspendData = '';
  /** Where the next interaction goes; null when the LMS takes none, or stopped taking them. */
  #nextInteraction: number | null = null;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state: no screen reads it
  readonly #written = new Set<string>();
  #resumed = false;
  /** What the LMS last accepted, so a step that changes nothing commits nothing. */
  #committed = '';
  #latest: PlaySnapshot | null = null;
  #scheduled = false;

  private constructor(session: Result<ScormSession> | undefined, options: Options) {
    this.#bank = options.bank;
    this.#settings = options.settings;
    this.#now = options.now ?? Date.now;
    this.#schedule = options.schedule ?? afterPaint;
    this.#startedAt = this.#now();
    this.#session = session?.ok ? session.value : null;
    if (!session) this.problem = { reason: 'Role Call cannot find it from this page', retrying: false };
    else if (!session.ok) this.problem = { reason: `the learning system refused: ${session.error}`, retrying: false };
    else this.#read(session.value);
  }

  /** Finds the LMS from a window (its frames, then its opener) and starts a session. Never throws. */
  static open(win: Window, options: Options): ScormReporter {
    const api = findScormApi(win);
    return new ScormReporter(api && ScormSession.open(api), options);
  }

  #read(session: ScormSession) {
    this.#passMark = passMark(session.get('cmi.student_data.mastery_score'), this.#settings);
    this.#priorStatus = session.get('cmi.core.lesson_status');
    this.#best = priorBest(this.#priorStatus, session.get('cmi.core.score.raw'));
    this.#suspendData = session.get('cmi.suspend_data') ?? '';
    const children = session.get('cmi.interactions._children')?.split(',') ?? [];
    const count = Number(session.get('cmi.interactions._count'));
    if (['id', 'type', 'student_response', 'result'].every((child) => children.includes(child)))
      this.#nextInteraction = Number.isInteger(count) && count >= 0 ? count : 0;
  }

  /** The pass mark in force: the LMS's mastery score, else the package's. */
  get passMark(): number | null {
    return this.#session ? this.#passMark : this.#settings.passingScore;
  }

  /** Whether an LMS session is open: progress can be reported. */
  get connected(): boolean {
    return this.#session !== null && !this.#session.finished;
  }

  /** The game kept in the LMS's suspend data, to start from; undefined when it keeps none. */
  resume(machine: PlayMachine): Result<PlaySnapshot> | undefined {
    const resumed = resumeGame(this.#suspendData, machine, this.#bank);
    this.#resumed = resumed?.ok === true;
    return resumed;
  }

  /** Reports every change of the actor from now on, and commits when the page goes away. */
  connect(actor: Actor<PlayMachine>, win: Window = window): void {
    const first = actor.getSnapshot();
    // What a game resumed from the LMS answered was reported in the session that answered it.
    if (this.#resumed)
      for (const interaction of interactionsOf(this.#bank, first.context)) this.#written.add(interaction.key);
    this.#latest = first;
    this.flush();
    actor.subscribe((snapshot) => {
      if (snapshot === this.#latest) return;
      this.#latest = snapshot;
      if (this.#scheduled) return;
      this.#scheduled = true;
      this.#schedule(() => {
        this.#scheduled = false;
        this.flush();
      });
    });
    win.addEventListener('pagehide', () => this.finish());
    win.addEventListener('beforeunload', () => this.finish());
    win.document?.addEventListener('visibilitychange', () => {
      if (win.document.visibilityState === 'hidden') this.flush(true);
    });
  }

  /** Writes the latest snapshot to the LMS and commits, unless the LMS already has it all. */
  flush(always = false): void {
    const session = this.#session;
    const snapshot = this.#latest;
    if (!session || session.finished || !snapshot) return;
    const score = finishedScore(this.#bank, snapshot, this.#settings);
    if (score !== undefined) this.#best = Math.max(this.#best ?? 0, score);
    const suspendData = toSuspendData(this.#bank, snapshot, this.#now());
    const status = lessonStatus(this.#best, this.#passMark, this.#priorStatus);
    const values: Array<[string, string]> = [
      ['cmi.core.lesson_status', status],
      ...(this.#best === undefined
        ? []
        : ([
            ['cmi.core.score.min', '0'],
            ['cmi.core.score.max', '100'],
            ['cmi.core.score.raw', String(this.#best)],
          ] as Array<[string, string]>)),
      ['cmi.core.exit', exitFor(snapshot)],
      // Too long for SCORM 1.2 (no game of one package comes near): the LMS keeps what it had.
      ...(suspendData.length <= SUSPEND_DATA_LIMIT ? [['cmi.suspend_data', suspendData] as [string, string]] : []),
    ];
    const interactions = interactionsOf(this.#bank, snapshot.context).filter((i) => !this.#written.has(i.key));
    const signature = JSON.stringify(values);
    if (!always && signature === this.#committed && interactions.length === 0) return;

    const sessionTime: [string, string] = ['cmi.core.session_time', timespan(this.#now() - this.#startedAt)];
    const failed = [...values, sessionTime].map(([element, value]) => session.set(element, value)).find((r) => !r.ok);
    if (!failed) this.#writeInteractions(session, interactions);
    const committed = failed ?? session.commit();
    if (committed.ok) {
      this.#committed = signature;
      this.problem = null;
      if (this.#best !== undefined) this.reported = { status, score: this.#best };
    } else {
      this.problem = { reason: `it did not take the last save (${committed.error})`, retrying: true };
    }
  }

  /** Writes new answers as interactions, while the LMS takes them; their failure is no problem of the learner's. */
  #writeInteractions(session: ScormSession, interactions: Interaction[]): void {
    const at = this.#now();
    for (const interaction of interactions) {
      if (this.#nextInteraction === null) return;
      const n = `cmi.interactions.${this.#nextInteraction}`;
      const written = [
        [`${n}.id`, interaction.id],
        [`${n}.type`, interaction.type],
        [`${n}.student_response`, interaction.response],
        [`${n}.correct_responses.0.pattern`, interaction.correct],
        [`${n}.result`, interaction.result],
        [`${n}.time`, timeOfDay(at)],
      ].every(([element, value]) => session.set(element!, value!).ok);
      // An LMS that takes no more (it may keep only so many) is left with those it took.
      if (!written) this.#nextInteraction = null;
      else {
        this.#nextInteraction++;
        this.#written.add(interaction.key);
      }
    }
  }

  /** Writes everything once more and ends the session: the page is going away. */
  finish(): void {
    if (!this.connected) return;
    this.flush(true);
    this.#session?.finish();
  }
}
