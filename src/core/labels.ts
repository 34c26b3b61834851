import { m } from '../i18n/paraglide/messages.js';
import type { Confidence } from './scoring';
import type { Difficulty, Role, Stage, Topic } from './schema';

/**
 * The game's words for its roles, topics, levels and stages, in the interface's
 * language: every screen (solo, workshop, phone, share, packs) names them through these.
 * Each calls its message when asked, so the words follow the language the page is in.
 */

type Words<Key extends string> = Record<Key, () => string>;

const ROLE_NAMES: Words<Role> = { pm: m.core_role_pm, pmm: m.core_role_pmm, both: m.core_role_both };
const ROLE_SHORT_NAMES: Words<Role> = {
  pm: m.core_role_short_pm,
  pmm: m.core_role_short_pmm,
  both: m.core_role_short_both,
};
const ROLES_IN_SENTENCE: Words<Role> = {
  pm: m.core_role_in_sentence_pm,
  pmm: m.core_role_in_sentence_pmm,
  both: m.core_role_in_sentence_both,
};

/** A role's name as the answer buttons say (and a screen reader reads) it: "Product management". */
export const roleName = (role: Role): string => ROLE_NAMES[role]();
/** A role's short name, for tags and tight boards: "PM", "PMM", "Both". */
export const roleShort = (role: Role): string => ROLE_SHORT_NAMES[role]();
/**
 * A role's name inside a sentence: "product management" in English, "Produktmanagement" in
 * German (nouns keep their capital there), so no screen lowercases a name itself.
 */
export const roleInSentence = (role: Role): string => ROLES_IN_SENTENCE[role]();

const TOPIC_NAMES: Words<Topic> = {
  strategy: m.core_topic_strategy,
  roadmap: m.core_topic_roadmap,
  requirements: m.core_topic_requirements,
  research: m.core_topic_research,
  customers: m.core_topic_customers,
  competitors: m.core_topic_competitors,
  positioning: m.core_topic_positioning,
  messaging: m.core_topic_messaging,
  pricing: m.core_topic_pricing,
  promotion: m.core_topic_promotion,
  distribution: m.core_topic_distribution,
  launch: m.core_topic_launch,
  'sales-enablement': m.core_topic_sales_enablement,
  'market-performance': m.core_topic_market_performance,
  metrics: m.core_topic_metrics,
  lifecycle: m.core_topic_lifecycle,
  collaboration: m.core_topic_collaboration,
};
/** A topic's name: "Vision and strategy". */
export const topicName = (topic: Topic): string => TOPIC_NAMES[topic]();

const DIFFICULTY_NAMES: Words<Difficulty> = {
  intro: m.core_difficulty_intro,
  core: m.core_difficulty_core,
  advanced: m.core_difficulty_advanced,
};
/** A level's name: "Intro", "Core", "Advanced". */
export const difficultyName = (level: Difficulty): string => DIFFICULTY_NAMES[level]();

const CONFIDENCE_NAMES: Words<Confidence> = {
  low: m.core_confidence_low,
  medium: m.core_confidence_medium,
  high: m.core_confidence_high,
};
const CONFIDENCES_IN_SENTENCE: Words<Confidence> = {
  low: m.core_confidence_in_sentence_low,
  medium: m.core_confidence_in_sentence_medium,
  high: m.core_confidence_in_sentence_high,
};
/** How the learner says how sure they are, on its button: "Guessing", "Fairly sure", "Certain". */
export const confidenceName = (level: Confidence): string => CONFIDENCE_NAMES[level]();
/** The same inside a sentence: "guessing", "fairly sure", "certain". */
export const confidenceInSentence = (level: Confidence): string => CONFIDENCES_IN_SENTENCE[level]();

const STAGE_NAMES: Words<Stage> = {
  idea: m.core_stage_idea,
  building: m.core_stage_building,
  'pre-launch': m.core_stage_pre_launch,
  launch: m.core_stage_launch,
  growth: m.core_stage_growth,
  reorganisation: m.core_stage_reorganisation,
};
const STAGE_LINES: Words<Stage> = {
  idea: m.core_stage_line_idea,
  building: m.core_stage_line_building,
  'pre-launch': m.core_stage_line_pre_launch,
  launch: m.core_stage_line_launch,
  growth: m.core_stage_line_growth,
  reorganisation: m.core_stage_line_reorganisation,
};
/** A company's stage as a choice in a list: "Pre-launch". */
export const stageName = (stage: Stage): string => STAGE_NAMES[stage]();
/** A company's stage as a line about the company says it: "pre-launch stage". */
export const stageLine = (stage: Stage): string => STAGE_LINES[stage]();

/**
 * The roles' names in data files (the workshop's CSV): English in every build, as the files'
 * column headers are, so a sheet reads the same whatever language the interface was in.
 * Screens call `roleName`.
 */
export const ROLE_DATA_NAMES: Readonly<Record<Role, string>> = {
  pm: 'Product management',
  pmm: 'Product marketing',
  both: 'Both',
};
