import * as v from 'valibot';
import {
  MAX_PACK_CARDS,
  MAX_PACK_COMPANIES,
  MAX_PACK_SOURCES,
  MAX_SPLIT_OPTIONS,
  MIN_SPLIT_OPTIONS,
} from './limits.ts';
import { DIFFICULTIES, ID_LENGTH, ID_PATTERN, ROLES, STAGES, TOPICS } from './words.ts';
import { BANK_LANGUAGES } from './bankLanguages.ts';

/** The question-bank format as valibot schemas: a bank file, a source, a trainer pack's company. */

/**
 * Text of at most `max` characters. The caps sit far above the longest text in the bank, so
 * only a file that is not a real question file (or a pack made to hurt) meets them.
 */
export const text = /* @__NO_SIDE_EFFECTS__ */ (what: string, max: number) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.nonEmpty(`${what} must not be empty`),
    v.maxLength(max, `${what} is longer than ${max} characters`),
  );

export const id = v.pipe(
  v.string('an id must be text'),
  v.regex(ID_PATTERN, 'an id uses lowercase letters, digits and single hyphens, like "mary-roadmap"'),
  v.maxLength(ID_LENGTH, `an id is at most ${ID_LENGTH} characters`),
);

/** The bank's sources are S1, S2…; a trainer pack's own sources are P1, P2… */
const BANK_SOURCE = /^S\d+$/;
export const PACK_SOURCE = /^P\d+$/;

/** A list of source ids of the given pattern, cited by a card or a view. */
const sourceIdsOf = /* @__NO_SIDE_EFFECTS__ */ (pattern: RegExp, looks: string) =>
  v.pipe(
    v.array(
      v.pipe(v.string('a source id must be text'), v.regex(pattern, looks)),
      'sources must be a list of source ids',
    ),
    v.nonEmpty('name at least one source'),
    v.maxLength(10, 'name at most 10 sources'),
  );

/**
 * The card schema, for the bank (cards cite S1, S2…) and for a trainer pack (cards cite the
 * bank's S1… or the pack's own P1…). Marked pure, as valibot's own functions are, so that a
 * bundle that uses no schema (the start screen's) leaves them out.
 */
/* @__NO_SIDE_EFFECTS__ */
function cardSchemaWith(sourceIds: ReturnType<typeof sourceIdsOf>) {
  const view = v.strictObject({
    sources: sourceIds,
    view: text('a view', 800),
  });

  const cardFields = {
    id,
    task: text('the task', 300),
    explanation: text('the explanation', 1200),
    takeaway: text('the takeaway', 300),
    topics: v.pipe(
      v.array(v.picklist(TOPICS), `topics must be a list from: ${TOPICS.join(', ')}`),
      v.nonEmpty('name at least one topic'),
      v.check((topics) => new Set(topics).size === topics.length, 'topics names a topic twice'),
    ),
    difficulty: v.picklist(DIFFICULTIES, `difficulty must be one of: ${DIFFICULTIES.join(', ')}`),
    sources: sourceIds,
    views: v.optional(
      v.pipe(
        v.array(view, 'views must be a list'),
        v.minLength(2, 'views compares at least two views'),
        v.maxLength(4, 'views compares at most four views'),
      ),
    ),
    /** The id of a look-alike task with another key, which the feedback points to. */
    compare: v.optional(id),
    /**
     * The idea the card teaches, as a short id: the bank's content rules allow each idea on only
     * a few cards, so that one point is not asked again and again.
     */
    idea: v.optional(id),
    /**
     * The words of the story that decide this task's key (copied exactly), for a task that
     * cannot be decided from its sentence alone.
     */
    storyFact: v.optional(text('storyFact (the words of the story that decide the key)', 400)),
  };

  const overlapOption = v.strictObject({
    text: text('an option', 300),
    correct: v.optional(v.boolean('correct is true or false')),
    why: text('why', 600),
  });

  const singleRoleCard = v.strictObject({
    ...cardFields,
    key: v.picklist(['pm', 'pmm']),
    otherRole: text('otherRole (what the other role does around this task)', 600),
  });

  const sharedCard = v.strictObject({
    ...cardFields,
    key: v.literal('both'),
    /** One line a workshop facilitator puts to the room after the reveal. */
    discuss: text('discuss (a one-line question for the room)', 300),
    overlap: v.strictObject({
      question: v.optional(text('the overlap question', 200)),
      options: v.pipe(
        v.array(overlapOption, 'options must be a list'),
        v.minLength(MIN_SPLIT_OPTIONS, `overlap needs ${MIN_SPLIT_OPTIONS} to ${MAX_SPLIT_OPTIONS} options`),
        v.maxLength(MAX_SPLIT_OPTIONS, `overlap needs ${MIN_SPLIT_OPTIONS} to ${MAX_SPLIT_OPTIONS} options`),
        v.check(
          (options) => options.filter((o) => o.correct).length === 1,
          'exactly one overlap option must have "correct: true"',
        ),
      ),
    }),
  });

  return v.variant('key', [singleRoleCard, sharedCard], `key must be one of: ${ROLES.join(', ')}`);
}

/** The scenario schema for some card schema: a company holds at most `maxCards`. */
/* @__NO_SIDE_EFFECTS__ */
function scenarioSchemaWith(card: ReturnType<typeof cardSchemaWith>, maxCards: number) {
  return v.strictObject({
    id,
    title: text('the title', 80),
    company: text('the company', 120),
    stage: v.picklist(STAGES, `stage must be one of: ${STAGES.join(', ')}`),
    story: text('the story', 2000),
    cards: v.pipe(
      v.array(card, 'cards must be a list'),
      v.minLength(1, 'a scenario needs cards'),
      v.maxLength(maxCards, `a company has at most ${maxCards} tasks`),
    ),
  });
}

export const cardSchema = /* @__PURE__ */ cardSchemaWith(
  /* @__PURE__ */ sourceIdsOf(BANK_SOURCE, 'a source id looks like "S1"'),
);
export const scenarioSchema = /* @__PURE__ */ scenarioSchemaWith(cardSchema, 200);

/** A company in a trainer pack: its cards may cite the bank's sources and the pack's own. */
export const packScenarioSchema = /* @__PURE__ */ scenarioSchemaWith(
  /* @__PURE__ */ cardSchemaWith(
    /* @__PURE__ */ sourceIdsOf(
      /^[SP]\d+$/,
      'a source id looks like "S1" (the game\'s sources) or "P1" (your pack\'s own)',
    ),
  ),
  MAX_PACK_CARDS,
);

export const sourceSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(BANK_SOURCE, 'a source id looks like "S1"')),
  title: text('the title', 200),
  author: text('the author', 120),
  /** How the cards name the source in their text ("Torres"); the feedback names it so too. */
  name: v.optional(text('the name', 40)),
});

/** A language a bank or pack is written in (English when it does not say). */
export const bankLanguage = v.optional(
  v.picklist(BANK_LANGUAGES, `the language is one of ${BANK_LANGUAGES.join(', ')}`),
);

export const sourcesFileSchema = v.strictObject({
  /** The language of the folder's cards. */
  language: bankLanguage,
  sources: v.pipe(v.array(sourceSchema), v.nonEmpty('list at least one source')),
});

/** A trainer pack: companies and tasks in the bank's own format, with sources of its own. */

const packSource = v.strictObject({
  id: v.pipe(v.string('a source id must be text'), v.regex(PACK_SOURCE, 'your own sources are P1, P2…')),
  title: text('the title', 200),
  author: text('the author', 120),
  /** Where to read it: shown as a link with its host. */
  url: v.optional(
    v.pipe(
      v.string('url must be text'),
      v.maxLength(500, 'url is longer than 500 characters'),
      v.url('url must be a web address'),
      v.startsWith('https://', 'url must start with https://'),
    ),
  ),
});

export const packSchema = v.strictObject({
  pack: v.strictObject({
    id,
    title: text('the pack title', 80),
    /** Raised by the trainer on each update; the game keeps one version of a pack. */
    version: v.optional(
      v.pipe(
        v.number('version must be a whole number'),
        v.safeInteger('version must be a whole number'),
        v.minValue(1),
      ),
    ),
    author: v.optional(text('the author', 120)),
    about: v.optional(text('about (one line on what the pack is for)', 300)),
    /** The language the pack is written in: players of that language see its companies first. */
    language: bankLanguage,
  }),
  sources: v.optional(
    v.pipe(
      v.array(packSource, 'sources must be a list'),
      v.maxLength(MAX_PACK_SOURCES, `at most ${MAX_PACK_SOURCES} sources`),
    ),
  ),
  companies: v.pipe(
    v.array(packScenarioSchema, 'companies must be a list'),
    v.minLength(1, 'a pack needs at least one company'),
    v.maxLength(MAX_PACK_COMPANIES, `a pack has at most ${MAX_PACK_COMPANIES} companies`),
  ),
});
