import type { Actor } from 'xstate';
import type { IndexedBank } from '../core/bank';
import type { Result } from '../core/result';
import type { PlayMachine } from '../modes/solo/playMachine';
import type { PlaySnapshot } from '../modes/solo/playView';
import {
  askedKey,
  courseOutcome,
  finishedScore,
  gameInteractions,
  interactionsOf,
  isUnderWay,
  locationOf,
  statusOf,
  type Interaction,
  type Outcome,
} from './report';
import type { LmsSettings } from './settings';
import { resumeGame, toSuspendData } from './suspend';
import { m } from '../i18n/paraglide/messages.js';

/** Why progress is not reaching the LMS, and whether the next task tries again. */
export interface LmsProblem {
  reason: string;
  retrying: boolean;
}

/** What the LMS holds for the learner when the course opens. */
export interface Held {
  /** The pass mark in force: the LMS's, else the package's. */
  passMark: number | null;
  /** The best score of a game an earlier session finished. */
  best?: number;
  /** Where an earlier session left the course. */
  prior?: Outcome;
  /** The packed game kept from an earlier session (SCORM suspend data, or cmi5 state); empty for none. */
  game: string;
}

/** An answer as reported: when it was given, and how long the learner took over it. */
export interface TimedInteraction extends Interaction {
  at: number;
  latencyMs?: number;
}

/** Everything a standard may tell its LMS about one moment of play. */
export interface Report {
  snapshot: PlaySnapshot;
  outcome: Outcome;
  /** The score of the game on screen, when it is a finished course game. */
  finished?: number;
  /** The game packed as the share link packs it (empty on the start screen). */
  game: string;
  /** Whether a game is under way, to come back to. */
  underWay: boolean;
  location: string;
  /** Answers the LMS has not taken yet. */
  interactions: TimedInteraction[];
  at: number;
  sessionMs: number;
}

/**
 * One standard's link to the LMS: SCORM's run-time API, or cmi5's record store. It says what a
 * report means in its standard's terms, and tells the listener how each delivery went.
 */
export interface LmsChannel {
  readonly held: Held;
  /** Sends a report; answers the keys of the interactions it took (it may take none, or fewer). */
  send(report: Report): string[];
  /** Sends a last report and ends the session, once. */
  end(report: Report): void;
  readonly ended: boolean;
  /** Hears, for each delivery, the report the LMS now holds, or why it does not hold it. */
  listen(listener: (delivered: Result<Report, LmsProblem>) => void): void;
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

/** What two reports have to differ in for the LMS to be told again (interactions aside). */
const signatureOf = (report: Report) => JSON.stringify([report.outcome, report.game, report.underWay, report.location]);

/**
 * Reports self-paced play to the LMS that launched the course, whichever standard it speaks:
 * it listens to the one play actor, as `Persistence` does, and sends a report once the screen
 * has updated after every task, and when the page goes away. The rules of what is reported live
 * in `report.ts`; the channel says it in its standard's terms. With no LMS, or one that fails,
 * play goes on and `problem` says why progress is not being reported.
 */
export class LmsReporter {
  problem = $state.raw<LmsProblem | null>(null);
  /** What the LMS holds of the course once a game of it is finished: the status and the best score. */
  reported = $state.raw<{ status: ReturnType<typeof statusOf>; score: number } | null>(null);

  readonly #channel: LmsChannel | null;
  readonly #bank: IndexedBank;
  readonly #settings: LmsSettings;
  readonly #now: () => number;
  readonly #schedule: (run: () => void) => void;
  readonly #startedAt: number;
  #best: number | undefined;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state: no screen reads it
  readonly #written = new Set<string>();
  /** When each part was last put to the learner, and when it was answered, by interaction key. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state: no screen reads it
  readonly #asked = new Map<string, number>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state: no screen reads it
  readonly #answered = new Map<string, number>();
  #asking: string | undefined;
  #resumed = false;
  /** What the LMS last took, so a step that changes nothing sends nothing. */
  #delivered = '';
  #latest: PlaySnapshot | null = null;
  #scheduled = false;

  /**
   * A reporter over a channel: none when the course cannot find its LMS, or why the LMS would
   * not open one.
   */
  constructor(channel: Result<LmsChannel> | undefined, options: Options) {
    this.#bank = options.bank;
    this.#settings = options.settings;
    this.#now = options.now ?? Date.now;
    this.#schedule = options.schedule ?? afterPaint;
    this.#startedAt = this.#now();
    this.#channel = channel?.ok ? channel.value : null;
    if (!channel) this.problem = { reason: m.lms_reporter_not_found(), retrying: false };
    else if (!channel.ok) this.problem = { reason: m.lms_reporter_refused({ reason: channel.error }), retrying: false };
    else {
      this.#best = channel.value.held.best;
      channel.value.listen((delivered) => this.#heard(delivered));
    }
  }

  #heard(delivered: Result<Report, LmsProblem>) {
    if (!delivered.ok) {
      this.problem = delivered.error;
      return;
    }
    this.#delivered = signatureOf(delivered.value);
    this.problem = null;
    const { outcome } = delivered.value;
    if (outcome.score !== undefined) this.reported = { status: statusOf(outcome), score: outcome.score };
  }

  /** The pass mark in force: the LMS's, else the package's. */
  get passMark(): number | null {
    return this.#channel ? this.#channel.held.passMark : this.#settings.passingScore;
  }

  /** Whether the LMS is there to report to. */
  get connected(): boolean {
    return this.#channel !== null && !this.#channel.ended;
  }

  /** The game the LMS kept, to start from; undefined when it keeps none. */
  resume(machine: PlayMachine): Result<PlaySnapshot> | undefined {
    const resumed = resumeGame(this.#channel?.held.game ?? '', machine, this.#bank);
    this.#resumed = resumed?.ok === true;
    return resumed;
  }

  /** Reports every change of the actor from now on, and ends the session when the page goes away. */
  connect(actor: Actor<PlayMachine>, win: Window = window): void {
    const first = actor.getSnapshot();
    // What a game resumed from the LMS answered was reported in the session that answered it.
    if (this.#resumed)
      for (const interaction of interactionsOf(this.#bank, first.context)) this.#written.add(interaction.key);
    this.#latest = first;
    this.#time(first);
    this.flush();
    actor.subscribe((snapshot) => {
      if (snapshot === this.#latest) return;
      this.#latest = snapshot;
      this.#time(snapshot);
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

  /** Notes when a part is put to the learner, and when the one before it stopped being asked: its answer. */
  #time(snapshot: PlaySnapshot) {
    const asked = askedKey(snapshot);
    if (asked === this.#asking) return;
    const now = this.#now();
    if (this.#asking) this.#answered.set(this.#asking, now);
    if (asked) this.#asked.set(asked, now);
    this.#asking = asked;
  }

  #report(snapshot: PlaySnapshot): Report {
    const finished = finishedScore(this.#bank, snapshot, this.#settings);
    if (finished !== undefined) this.#best = Math.max(this.#best ?? 0, finished);
    const held = this.#channel!.held;
    const at = this.#now();
    const interactions = gameInteractions(this.#bank, snapshot)
      .filter((interaction) => !this.#written.has(interaction.key))
      .map((interaction): TimedInteraction => {
        const asked = this.#asked.get(interaction.key);
        const answered = this.#answered.get(interaction.key) ?? at;
        return { ...interaction, at: answered, ...(asked === undefined ? {} : { latencyMs: answered - asked }) };
      });
    return {
      snapshot,
      outcome: courseOutcome(this.#best, held.passMark, held.prior),
      ...(finished === undefined ? {} : { finished }),
      game: toSuspendData(this.#bank, snapshot, at),
      underWay: isUnderWay(snapshot),
      location: locationOf(this.#bank, snapshot),
      interactions,
      at,
      sessionMs: at - this.#startedAt,
    };
  }

  /** Sends the latest snapshot to the LMS, unless the LMS already has it all. */
  flush(always = false): void {
    const channel = this.#channel;
    const snapshot = this.#latest;
    if (!channel || channel.ended || !snapshot) return;
    const report = this.#report(snapshot);
    if (!always && signatureOf(report) === this.#delivered && report.interactions.length === 0) return;
    for (const key of channel.send(report)) this.#written.add(key);
  }

  /** Sends everything once more and ends the session: the page is going away. */
  finish(): void {
    const channel = this.#channel;
    if (!channel || channel.ended || !this.#latest) return;
    channel.end(this.#report(this.#latest));
  }
}
