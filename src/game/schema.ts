import * as v from 'valibot';

/**
 * The question-bank format. One source of truth: the build validates every file in
 * `questions/` against these schemas, the types below are inferred from them, and
 * `questions/scenario.schema.json` (for editor completion) is generated from them.
 */

export const ROLES = ['pm', 'pmm', 'both'] as const;
export const TOPICS = [
  'strategy',
  'roadmap',
  'requirements',
  'research',
  'customers',
  'competitors',
  'positioning',
  'messaging',
  'pricing',
  'promotion',
  'distribution',
  'launch',
  'sales-enablement',
  'metrics',
  'lifecycle',
  'collaboration',
] as const;
export const DIFFICULTIES = ['intro', 'core', 'advanced'] as const;
export const STAGES = ['idea', 'building', 'pre-launch', 'launch', 'growth', 'reorganisation'] as const;

const text = (what: string) =>
  v.pipe(v.string(`${what} must be text`), v.trim(), v.nonEmpty(`${what} must not be empty`));

const id = v.pipe(
  v.string('an id must be text'),
  v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id uses lowercase letters, digits and single hyphens, like "mary-roadmap"'),
);

const sourceIds = v.pipe(
  v.array(v.pipe(v.string(), v.regex(/^S\d+$/, 'a source id looks like "S1"')), 'sources must be a list of source ids'),
  v.nonEmpty('name at least one source'),
);

const view = v.strictObject({
  sources: sourceIds,
  view: text('a view'),
});

const cardFields = {
  id,
  task: text('the task'),
  explanation: text('the explanation'),
  takeaway: text('the takeaway'),
  topics: v.pipe(
    v.array(v.picklist(TOPICS), `topics must be a list from: ${TOPICS.join(', ')}`),
    v.nonEmpty('name at least one topic'),
  ),
  difficulty: v.picklist(DIFFICULTIES, `difficulty must be one of: ${DIFFICULTIES.join(', ')}`),
  sources: sourceIds,
  views: v.optional(v.pipe(v.array(view), v.minLength(2, 'views compares at least two views'))),
  /** The id of a look-alike task with another key, which the feedback points to. */
  compare: v.optional(id),
  /**
   * The words of the story that decide this task's key (copied exactly), for a task that
   * cannot be decided from its sentence alone.
   */
  storyFact: v.optional(text('storyFact (the words of the story that decide the key)')),
};

const overlapOption = v.strictObject({
  text: text('an option'),
  correct: v.optional(v.boolean('correct is true or false')),
  why: text('why'),
});

const singleRoleCard = v.strictObject({
  ...cardFields,
  key: v.picklist(['pm', 'pmm']),
  otherRole: text('otherRole (what the other role does around this task)'),
});

const sharedCard = v.strictObject({
  ...cardFields,
  key: v.literal('both'),
  /** One line a workshop facilitator puts to the room after the reveal. */
  discuss: text('discuss (a one-line question for the room)'),
  overlap: v.strictObject({
    question: v.optional(text('the overlap question')),
    options: v.pipe(
      v.array(overlapOption),
      v.minLength(3, 'overlap needs 3 or 4 options'),
      v.maxLength(4, 'overlap needs 3 or 4 options'),
      v.check(
        (options) => options.filter((o) => o.correct).length === 1,
        'exactly one overlap option must have "correct: true"',
      ),
    ),
  }),
});

export const cardSchema = v.variant('key', [singleRoleCard, sharedCard], `key must be one of: ${ROLES.join(', ')}`);

export const scenarioSchema = v.strictObject({
  id,
  title: text('the title'),
  company: text('the company'),
  stage: v.picklist(STAGES, `stage must be one of: ${STAGES.join(', ')}`),
  story: text('the story'),
  cards: v.pipe(v.array(cardSchema, 'cards must be a list'), v.minLength(1, 'a scenario needs cards')),
});

export const sourceSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^S\d+$/, 'a source id looks like "S1"')),
  title: text('the title'),
  author: text('the author'),
});

export const sourcesFileSchema = v.strictObject({
  sources: v.pipe(v.array(sourceSchema), v.nonEmpty('list at least one source')),
});

export type Role = (typeof ROLES)[number];
export type Topic = (typeof TOPICS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];
export type Card = v.InferOutput<typeof cardSchema>;
export type SharedCard = Extract<Card, { key: 'both' }>;
export type Scenario = v.InferOutput<typeof scenarioSchema>;
export type Source = v.InferOutput<typeof sourceSchema>;

/** The whole validated bank, as the app receives it. */
export interface Bank {
  sources: Source[];
  scenarios: Scenario[];
}
