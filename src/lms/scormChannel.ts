import { fail, ok, type Result } from '../core/result';
import { confidenceName } from '../core/labels';
import { m } from '../i18n/paraglide/messages.js';
import { interactionName, passMark, percentOfScaled, priorBest, statusOf, type Outcome } from './report';
import type { Held, LmsChannel, LmsProblem, Report, TimedInteraction } from './reporter.svelte';
import { findScormApi, SCORM_12_API, SCORM_2004_API, ScormSession, type ScormDialect } from './scorm';
import type { LmsSettings } from './settings';
import { isoDuration, isoMoment, timeOfDay, timespan } from './times';

type Values = Array<[string, string]>;

/**
 * One edition of the SCORM run-time data model: where it keeps what the course reports, and in
 * which words. The two editions agree on what is reported (`report.ts`); they differ only here.
 */
export interface ScormModel {
  api: ScormDialect;
  /** The most characters the edition keeps in `cmi.suspend_data`. */
  suspendDataLimit: number;
  /** The children of an interaction the course writes, which the LMS must list in `_children`. */
  interactionChildren: readonly string[];
  /** What the LMS holds at launch. */
  held(get: (element: string) => string | undefined, settings: LmsSettings): Held;
  /** The values of a report, but the suspend data and the session time. */
  values(report: Report): Values;
  sessionTime(ms: number): [string, string];
  /** The elements of interaction number n. */
  interaction(n: string, interaction: TimedInteraction): Values;
}

/** A score of a finished game, 0 to 100 as both editions take it; nothing before there is one. */
const scoreValues = (prefix: string, outcome: Outcome): Values =>
  outcome.score === undefined
    ? []
    : [
        [`${prefix}.min`, '0'],
        [`${prefix}.max`, '100'],
        [`${prefix}.raw`, String(outcome.score)],
      ];

/** The outcome an earlier session left in a SCORM 1.2 lesson status; undefined until a game was finished. */
function outcomeOfLessonStatus(status: string | undefined): Outcome | undefined {
  if (status === 'passed' || status === 'failed') return { completion: 'completed', success: status };
  return status === 'completed' ? { completion: 'completed', success: 'unknown' } : undefined;
}

/** SCORM 1.2: one lesson status, a mastery score from the manifest, and interactions where the LMS takes them. */
export const SCORM_12: ScormModel = {
  api: SCORM_12_API,
  suspendDataLimit: 4096,
  interactionChildren: ['id', 'type', 'student_response', 'result'],
  held(get, settings) {
    const prior = outcomeOfLessonStatus(get('cmi.core.lesson_status'));
    const best = priorBest(prior, get('cmi.core.score.raw'));
    return {
      passMark: passMark(get('cmi.student_data.mastery_score'), settings),
      ...(best === undefined ? {} : { best }),
      ...(prior ? { prior } : {}),
      game: get('cmi.suspend_data') ?? '',
    };
  },
  values: (report) => [
    ['cmi.core.lesson_status', statusOf(report.outcome)],
    ...scoreValues('cmi.core.score', report.outcome),
    ['cmi.core.exit', report.underWay ? 'suspend' : ''],
  ],
  sessionTime: (ms) => ['cmi.core.session_time', timespan(ms)],
  // A role is free text in 1.2 (its choices are single characters); a split's option is one.
  interaction: (n, interaction) => [
    [`${n}.id`, interaction.id],
    [`${n}.type`, interaction.part === 'role' ? 'fill-in' : 'choice'],
    [`${n}.student_response`, interaction.response],
    [`${n}.correct_responses.0.pattern`, interaction.correct],
    [`${n}.result`, interaction.result],
    [`${n}.time`, timeOfDay(interaction.at)],
  ],
};

/** The most characters of a SCORM 2004 localized string (an interaction's description). */
const DESCRIPTION_LIMIT = 250;

/** What an interaction's description says: the task, and how sure the learner was of the role. */
function describe(interaction: TimedInteraction): string {
  const { confidence } = interaction;
  const say = (task: string) => {
    const described = interactionName(interaction.part, task);
    return confidence ? m.lms_interaction_sure({ described, confidence: confidenceName(confidence) }) : described;
  };
  const room = DESCRIPTION_LIMIT - say('').length;
  return say(interaction.task.length > room ? `${interaction.task.slice(0, room - 1)}…` : interaction.task);
}

/**
 * SCORM 2004 (4th edition, and the 3rd's data model, which it shares): completion and success
 * apart, a scaled score, the pass mark as `cmi.scaled_passing_score`, and interactions with
 * their timing and how sure the learner was.
 */
export const SCORM_2004: ScormModel = {
  api: SCORM_2004_API,
  suspendDataLimit: 64_000,
  interactionChildren: ['id', 'type', 'learner_response', 'result'],
  held(get, settings) {
    const completed = get('cmi.completion_status') === 'completed';
    const success = get('cmi.success_status');
    const prior: Outcome | undefined = completed
      ? { completion: 'completed', success: success === 'passed' || success === 'failed' ? success : 'unknown' }
      : undefined;
    const best = priorBest(prior, get('cmi.score.raw'));
    return {
      passMark: passMark(percentOfScaled(get('cmi.scaled_passing_score')), settings),
      ...(best === undefined ? {} : { best }),
      ...(prior ? { prior } : {}),
      game: get('cmi.suspend_data') ?? '',
    };
  },
  values: ({ outcome, underWay, location }) => [
    ['cmi.completion_status', outcome.completion],
    ['cmi.success_status', outcome.success],
    ...(outcome.score === undefined ? [] : ([['cmi.score.scaled', String(outcome.score / 100)]] as Values)),
    ...scoreValues('cmi.score', outcome),
    ['cmi.exit', underWay ? 'suspend' : 'normal'],
    // An LMS may refuse an empty bookmark: off the game, the last one stands.
    ...(location ? ([['cmi.location', location]] as Values) : []),
  ],
  sessionTime: (ms) => ['cmi.session_time', isoDuration(ms)],
  // The type comes before the responses, which the LMS checks against it.
  interaction: (n, interaction) => [
    [`${n}.id`, interaction.id],
    [`${n}.type`, 'choice'],
    [`${n}.description`, describe(interaction)],
    [`${n}.learner_response`, interaction.response],
    [`${n}.correct_responses.0.pattern`, interaction.correct],
    [`${n}.result`, interaction.result === 'correct' ? 'correct' : 'incorrect'],
    ...(interaction.latencyMs === undefined ? [] : ([[`${n}.latency`, isoDuration(interaction.latencyMs)]] as Values)),
    [`${n}.timestamp`, isoMoment(interaction.at)],
  ],
};

/**
 * A SCORM session as a channel: each report is written as values and interactions of the
 * edition's data model, then committed. Everything is synchronous, so the listener hears how a
 * report went before `send` returns.
 */
export class ScormChannel implements LmsChannel {
  readonly held: Held;
  /** Where the next interaction goes; null when the LMS takes none, or stopped taking them. */
  #nextInteraction: number | null = null;
  #listener: (delivered: Result<Report, LmsProblem>) => void = () => undefined;

  private constructor(
    private readonly session: ScormSession,
    private readonly model: ScormModel,
    settings: LmsSettings,
  ) {
    const get = (element: string) => session.get(element);
    this.held = model.held(get, settings);
    const children = get('cmi.interactions._children')?.split(',') ?? [];
    const count = Number(get('cmi.interactions._count'));
    if (model.interactionChildren.every((child) => children.includes(child)))
      this.#nextInteraction = Number.isInteger(count) && count >= 0 ? count : 0;
  }

  /**
   * Finds the edition's API from a window (its frames, then its opener) and starts a session:
   * undefined when there is no API, or why the LMS would not start one. Never throws.
   */
  static open(win: Window, model: ScormModel, settings: LmsSettings): Result<ScormChannel> | undefined {
    const api = findScormApi(win, model.api);
    if (!api) return undefined;
    const session = ScormSession.open(api, model.api);
    return session.ok ? ok(new ScormChannel(session.value, model, settings)) : session;
  }

  get ended(): boolean {
    return this.session.finished;
  }

  listen(listener: (delivered: Result<Report, LmsProblem>) => void): void {
    this.#listener = listener;
  }

  send(report: Report): string[] {
    const { session, model } = this;
    // Too long for the edition (no game of one package comes near): the LMS keeps what it had.
    const suspend: Values = report.game.length <= model.suspendDataLimit ? [['cmi.suspend_data', report.game]] : [];
    const values = [...model.values(report), ...suspend, model.sessionTime(report.sessionMs)];
    const failed = values.map(([element, value]) => session.set(element, value)).find((result) => !result.ok);
    const taken = failed ? [] : this.#writeInteractions(report.interactions);
    const committed = failed ?? session.commit();
    this.#listener(
      committed.ok ? ok(report) : fail({ reason: m.lms_scorm_not_saved({ error: committed.error }), retrying: true }),
    );
    return taken;
  }

  /** Writes new answers as interactions, while the LMS takes them; their failure is no problem of the learner's. */
  #writeInteractions(interactions: TimedInteraction[]): string[] {
    const taken: string[] = [];
    for (const interaction of interactions) {
      if (this.#nextInteraction === null) break;
      const n = `cmi.interactions.${this.#nextInteraction}`;
      const written = this.model
        .interaction(n, interaction)
        .every(([element, value]) => this.session.set(element, value).ok);
      // An LMS that takes no more (it may keep only so many) is left with those it took.
      if (!written) this.#nextInteraction = null;
      else {
        this.#nextInteraction++;
        taken.push(interaction.key);
      }
    }
    return taken;
  }

  end(report: Report): void {
    if (this.ended) return;
    this.send(report);
    this.session.finish();
  }
}
