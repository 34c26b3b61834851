import * as v from 'valibot';
import { m } from '../i18n/paraglide/messages.js';
import {
  MAX_PACK_CARDS,
  MAX_PACK_COMPANIES,
  MAX_PACK_SOURCES,
  MAX_SPLIT_OPTIONS,
  MIN_SPLIT_OPTIONS,
} from './limits.ts';
import { DIFFICULTIES, ID_LENGTH, ID_PATTERN, ROLES, STAGES, TOPICS } from './words.ts';
import { BANK_LANGUAGES } from './bankLanguages.ts';

/**
 * The question-bank format as valibot schemas: a bank file, a source, a trainer pack's company.
 * Their messages are functions, so each is said in the interface's language when a check fails
 * (and in English at build time, in Node).
 */

/**
 * Text of at most `max` characters, named as a problem names it (`what`: "the task"). The caps
 * sit far above the longest text in the bank, so only a file that is not a real question file
 * (or a pack made to hurt) meets them.
 */
export const text = /* @__NO_SIDE_EFFECTS__ */ (what: () => string, max: number) =>
  v.pipe(
    v.string(() => m.packs_schema_text_type({ what: what() })),
    v.trim(),
    v.nonEmpty(() => m.packs_schema_text_empty({ what: what() })),
    v.maxLength(max, () => m.packs_schema_text_long({ what: what(), max })),
  );

/**
 * The messages of the rules a reader puts in its own words (`faultOf` in bankCheck.ts): a check
 * knows them by their text, as valibot gives no other name to a failed rule.
 */
export const RULES = {
  idLength: () => m.packs_schema_id_long({ max: ID_LENGTH }),
  splitCount: () => m.packs_schema_split_count({ min: MIN_SPLIT_OPTIONS, max: MAX_SPLIT_OPTIONS }),
  oneRight: () => m.packs_schema_one_right(),
};

export const id = v.pipe(
  v.string(() => m.packs_schema_id_type()),
  v.regex(ID_PATTERN, () => m.packs_schema_id_pattern()),
  v.maxLength(ID_LENGTH, RULES.idLength),
);

/** The bank's sources are S1, S2…; a trainer pack's own sources are P1, P2… */
const BANK_SOURCE = /^S\d+$/;
export const PACK_SOURCE = /^P\d+$/;

/** A list of source ids of the given pattern, cited by a card or a view. */
const sourceIdsOf = /* @__NO_SIDE_EFFECTS__ */ (pattern: RegExp, looks: () => string) =>
  v.pipe(
    v.array(
      v.pipe(
        v.string(() => m.packs_schema_source_type()),
        v.regex(pattern, looks),
      ),
      () => m.packs_schema_sources_list(),
    ),
    v.nonEmpty(() => m.packs_schema_sources_empty()),
    v.maxLength(10, () => m.packs_schema_sources_many({ max: 10 })),
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
    view: text(m.packs_schema_a_view, 800),
  });

  const cardFields = {
    id,
    task: text(m.packs_schema_the_task, 300),
    explanation: text(m.packs_schema_the_explanation, 1200),
    takeaway: text(m.packs_schema_the_takeaway, 300),
    topics: v.pipe(
      v.array(v.picklist(TOPICS), () => m.packs_schema_topics_list({ topics: TOPICS.join(', ') })),
      v.nonEmpty(() => m.packs_schema_topics_empty()),
      v.check(
        (topics) => new Set(topics).size === topics.length,
        () => m.packs_schema_topics_twice(),
      ),
    ),
    difficulty: v.picklist(DIFFICULTIES, () => m.packs_schema_difficulty({ difficulties: DIFFICULTIES.join(', ') })),
    sources: sourceIds,
    views: v.optional(
      v.pipe(
        v.array(view, () => m.packs_schema_views_list()),
        v.minLength(2, () => m.packs_schema_views_few()),
        v.maxLength(4, () => m.packs_schema_views_many()),
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
    storyFact: v.optional(text(m.packs_schema_the_story_fact, 400)),
  };

  const overlapOption = v.strictObject({
    text: text(m.packs_schema_an_option, 300),
    correct: v.optional(v.boolean(() => m.packs_schema_correct())),
    why: text(m.packs_schema_the_why, 600),
  });

  const singleRoleCard = v.strictObject({
    ...cardFields,
    key: v.picklist(['pm', 'pmm']),
    otherRole: text(m.packs_schema_the_other_role, 600),
  });

  const sharedCard = v.strictObject({
    ...cardFields,
    key: v.literal('both'),
    /** One line a workshop facilitator puts to the room after the reveal. */
    discuss: text(m.packs_schema_the_discuss, 300),
    overlap: v.strictObject({
      question: v.optional(text(m.packs_schema_the_overlap_question, 200)),
      options: v.pipe(
        v.array(overlapOption, () => m.packs_schema_options_list()),
        v.minLength(MIN_SPLIT_OPTIONS, RULES.splitCount),
        v.maxLength(MAX_SPLIT_OPTIONS, RULES.splitCount),
        v.check((options) => options.filter((o) => o.correct).length === 1, RULES.oneRight),
      ),
    }),
  });

  return v.variant('key', [singleRoleCard, sharedCard], () => m.packs_schema_key({ roles: ROLES.join(', ') }));
}

/** The scenario schema for some card schema: a company holds at most `maxCards`. */
/* @__NO_SIDE_EFFECTS__ */
function scenarioSchemaWith(card: ReturnType<typeof cardSchemaWith>, maxCards: number) {
  return v.strictObject({
    id,
    title: text(m.packs_schema_the_title, 80),
    company: text(m.packs_schema_the_company, 120),
    stage: v.picklist(STAGES, () => m.packs_schema_stage({ stages: STAGES.join(', ') })),
    story: text(m.packs_schema_the_story, 2000),
    cards: v.pipe(
      v.array(card, () => m.packs_schema_cards_list()),
      v.minLength(1, () => m.packs_schema_cards_empty()),
      v.maxLength(maxCards, () => m.packs_schema_cards_many({ max: maxCards })),
    ),
  });
}

export const cardSchema = /* @__PURE__ */ cardSchemaWith(
  /* @__PURE__ */ sourceIdsOf(BANK_SOURCE, () => m.packs_schema_source_pattern()),
);
export const scenarioSchema = /* @__PURE__ */ scenarioSchemaWith(cardSchema, 200);

/** A company in a trainer pack: its cards may cite the bank's sources and the pack's own. */
export const packScenarioSchema = /* @__PURE__ */ scenarioSchemaWith(
  /* @__PURE__ */ cardSchemaWith(/* @__PURE__ */ sourceIdsOf(/^[SP]\d+$/, () => m.packs_schema_pack_source_pattern())),
  MAX_PACK_CARDS,
);

export const sourceSchema = v.strictObject({
  id: v.pipe(
    v.string(),
    v.regex(BANK_SOURCE, () => m.packs_schema_source_pattern()),
  ),
  title: text(m.packs_schema_the_title, 200),
  author: text(m.packs_schema_the_author, 120),
  /** How the cards name the source in their text ("Torres"); the feedback names it so too. */
  name: v.optional(text(m.packs_schema_the_name, 40)),
});

/** A language a bank or pack is written in (English when it does not say). */
export const bankLanguage = v.optional(
  v.picklist(BANK_LANGUAGES, () => m.packs_schema_language({ languages: BANK_LANGUAGES.join(', ') })),
);

export const sourcesFileSchema = v.strictObject({
  /** The language of the folder's cards. */
  language: bankLanguage,
  sources: v.pipe(
    v.array(sourceSchema),
    v.nonEmpty(() => m.packs_schema_sources_file_empty()),
  ),
});

/** A trainer pack: companies and tasks in the bank's own format, with sources of its own. */

const packSource = v.strictObject({
  id: v.pipe(
    v.string(() => m.packs_schema_source_type()),
    v.regex(PACK_SOURCE, () => m.packs_schema_own_source_pattern()),
  ),
  title: text(m.packs_schema_the_title, 200),
  author: text(m.packs_schema_the_author, 120),
  /** Where to read it: shown as a link with its host. */
  url: v.optional(
    v.pipe(
      v.string(() => m.packs_schema_url_type()),
      v.maxLength(500, () => m.packs_schema_url_long({ max: 500 })),
      v.url(() => m.packs_schema_url_address()),
      v.startsWith('https://', () => m.packs_schema_url_https()),
    ),
  ),
});

export const packSchema = v.strictObject({
  pack: v.strictObject({
    id,
    title: text(m.packs_schema_the_pack_title, 80),
    /** Raised by the trainer on each update; the game keeps one version of a pack. */
    version: v.optional(
      v.pipe(
        v.number(() => m.packs_schema_version()),
        v.safeInteger(() => m.packs_schema_version()),
        // The words valibot gives by default, in the interface's language.
        v.minValue(1, (issue) => m.packs_schema_version_min({ got: issue.received })),
      ),
    ),
    author: v.optional(text(m.packs_schema_the_author, 120)),
    about: v.optional(text(m.packs_schema_the_about, 300)),
    /** The language the pack is written in: players of that language see its companies first. */
    language: bankLanguage,
  }),
  sources: v.optional(
    v.pipe(
      v.array(packSource, () => m.packs_schema_pack_sources_list()),
      v.maxLength(MAX_PACK_SOURCES, () => m.packs_schema_pack_sources_many({ max: MAX_PACK_SOURCES })),
    ),
  ),
  companies: v.pipe(
    v.array(packScenarioSchema, () => m.packs_schema_companies_list()),
    v.minLength(1, () => m.packs_schema_companies_empty()),
    v.maxLength(MAX_PACK_COMPANIES, () => m.packs_schema_companies_many({ max: MAX_PACK_COMPANIES })),
  ),
});
