import { language, type Language } from '../platform/language';
import { interactionName, type Outcome } from './report';
import type { TimedInteraction } from './reporter.svelte';
import { isoDuration } from './times';

/**
 * The xAPI statements a cmi5 course sends, as plain functions: the cmi5-defined ones (their
 * verbs, categories and results as the cmi5 specification sets them) and one "answered"
 * statement per answer. `cmi5Channel.ts` sends what these return and decides nothing.
 */

export const VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
} as const;

export type Verb = keyof typeof VERBS;
/** The cmi5-defined verbs that say how the learner did: the ones moveOn is judged by. */
export type Verdict = 'completed' | 'passed' | 'failed';

export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const MASTERY_SCORE = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
export const SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
/** The activity type of a question (xAPI's own), for the statement of each answer. */
export const INTERACTION_TYPE = 'http://adlnet.gov/expapi/activities/cmi.interaction';
/**
 * Role Call's extension for how sure the learner was of a role (low, medium or high). A URN, as
 * the course has no web address of its own to name it by.
 */
export const CONFIDENCE_EXTENSION = 'urn:role-call:xapi:confidence';

/** An xAPI context activity, as a context's lists hold them. */
export interface ContextActivity {
  id: string;
  objectType?: 'Activity';
  definition?: Record<string, unknown>;
}

export interface Context {
  registration?: string;
  contextActivities?: Partial<Record<'parent' | 'grouping' | 'category' | 'other', ContextActivity[]>>;
  extensions?: Record<string, unknown>;
  [other: string]: unknown;
}

export interface Statement {
  id: string;
  actor: unknown;
  verb: { id: string; display: Record<string, string> };
  object: { id: string; objectType: 'Activity'; definition?: Record<string, unknown> };
  result?: Record<string, unknown>;
  context: Context;
  timestamp: string;
}

/** What every statement of one session shares: who, about which AU, in which registration, with the LMS's template. */
export interface Session {
  actor: unknown;
  activityId: string;
  registration: string;
  /** The LMS's `contextTemplate` from `LMS.LaunchData`, which every statement must carry unchanged. */
  contextTemplate: Context;
  /** The LMS's mastery score (0 to 1), when `LMS.LaunchData` gives one. */
  masteryScore?: number;
}

/**
 * The context of a statement: the LMS's template, with the registration and the given
 * activities added to its lists (never replacing what the template holds).
 */
function contextOf(session: Session, add: { category?: string[]; parent?: string[]; extensions?: object }): Context {
  const template = structuredClone(session.contextTemplate);
  const lists = { ...template.contextActivities };
  for (const list of ['category', 'parent'] as const) {
    const ids = add[list] ?? [];
    if (ids.length)
      lists[list] = [...(lists[list] ?? []), ...ids.map((id) => ({ id, objectType: 'Activity' as const }))];
  }
  return {
    ...template,
    registration: session.registration,
    contextActivities: lists,
    ...(add.extensions ? { extensions: { ...add.extensions, ...template.extensions } } : {}),
  };
}

const verb = (name: Verb) => ({ id: VERBS[name], display: { 'en-US': name } });

/** The language map key of what the package says of a question (its task, its choices): the package's language. */
const LANGUAGE_TAGS: Record<Language, string> = { en: 'en-US', de: 'de', es: 'es', fr: 'fr' };

/** A score for a passed or failed statement: scaled, and the raw 0 to 100 with its bounds. */
const scoreOf = (percent: number) => ({ scaled: percent / 100, raw: Math.round(percent), min: 0, max: 100 });

/**
 * A cmi5-defined statement about the AU (initialized, completed, passed, failed, terminated),
 * with the results cmi5 requires of each: completion and a duration on completed; success, the
 * score and a duration on passed and failed, which say the mastery score they were judged by;
 * a duration on terminated. Verdicts carry the moveOn category.
 */
export function cmi5Statement(
  session: Session,
  name: Exclude<Verb, 'answered'>,
  at: { id: string; ms: number; sessionMs: number },
  score?: number,
): Statement {
  const duration = isoDuration(at.sessionMs);
  const verdict = name === 'completed' || name === 'passed' || name === 'failed';
  const judged = name === 'passed' || name === 'failed';
  const result =
    name === 'completed'
      ? { completion: true, duration }
      : judged
        ? { success: name === 'passed', ...(score === undefined ? {} : { score: scoreOf(score) }), duration }
        : name === 'terminated'
          ? { duration }
          : undefined;
  return {
    id: at.id,
    actor: session.actor,
    verb: verb(name),
    object: { id: session.activityId, objectType: 'Activity' },
    ...(result ? { result } : {}),
    context: contextOf(session, {
      category: verdict ? [CMI5_CATEGORY, MOVEON_CATEGORY] : [CMI5_CATEGORY],
      ...(judged && session.masteryScore !== undefined
        ? { extensions: { [MASTERY_SCORE]: session.masteryScore } }
        : {}),
    }),
    timestamp: new Date(at.ms).toISOString(),
  };
}

/** The activity of one question of the AU: the AU's id with the card's after it. */
export function questionId(activityId: string, interactionId: string): string {
  return `${activityId}${activityId.endsWith('/') ? '' : '/'}tasks/${encodeURIComponent(interactionId)}`;
}

/**
 * A "cmi5 allowed" statement of one answer: the question as an interaction activity (its task,
 * choices and right answer), whether the learner was right, what they chose, how long they took
 * and how sure they were. It carries the LMS's template and the AU as parent, and no cmi5
 * category, which belongs to the statements cmi5 defines.
 */
export function answeredStatement(session: Session, id: string, interaction: TimedInteraction): Statement {
  const tag = LANGUAGE_TAGS[language()];
  return {
    id,
    actor: session.actor,
    verb: verb('answered'),
    object: {
      id: questionId(session.activityId, interaction.id),
      objectType: 'Activity',
      definition: {
        type: INTERACTION_TYPE,
        name: { [tag]: interactionName(interaction.part, interaction.task) },
        interactionType: 'choice',
        correctResponsesPattern: [interaction.correct],
        choices: interaction.choices.map((choice) => ({ id: choice.id, description: { [tag]: choice.text } })),
      },
    },
    result: {
      success: interaction.result === 'correct',
      response: interaction.response,
      ...(interaction.latencyMs === undefined ? {} : { duration: isoDuration(interaction.latencyMs) }),
      ...(interaction.confidence ? { extensions: { [CONFIDENCE_EXTENSION]: interaction.confidence } } : {}),
    },
    context: contextOf(session, { parent: [session.activityId] }),
    timestamp: new Date(interaction.at).toISOString(),
  };
}

/** What the registration already holds, by the course's own record: the verdicts cmi5 allows once. */
export interface Recorded {
  completed: boolean;
  passed: boolean;
}

/**
 * The verdicts due now. cmi5 allows one "completed" and one "passed" per registration, one of
 * "passed" and "failed" per session, and no "failed" after a pass; and in Browse or Review mode
 * none at all. So "completed" and "passed" go as soon as the outcome says so, and "failed" only
 * when the session ends on a failed game of its own: a learner who fails and then passes in the
 * same session is recorded as passed.
 */
export function dueVerdicts(
  outcome: Outcome,
  recorded: Recorded,
  session: { normal: boolean; judged: boolean; finishedGame: boolean; ending: boolean },
): Verdict[] {
  if (!session.normal) return [];
  const due: Verdict[] = [];
  if (outcome.completion === 'completed' && !recorded.completed) due.push('completed');
  if (outcome.success === 'passed' && !recorded.passed && !session.judged) due.push('passed');
  if (outcome.success === 'failed' && session.ending && session.finishedGame && !recorded.passed && !session.judged)
    due.push('failed');
  return due;
}
