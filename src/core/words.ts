/**
 * The words of the question-bank format: the roles, topics, difficulties and stages a card or a
 * company may name, and what an id looks like. `schema.ts` gives them with the format's types.
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
  'market-performance',
  'metrics',
  'lifecycle',
  'collaboration',
] as const;
export const DIFFICULTIES = ['intro', 'core', 'advanced'] as const;
export const STAGES = ['idea', 'building', 'pre-launch', 'launch', 'growth', 'reorganisation'] as const;

/** The longest id a question file may give a company or a card. */
export const ID_LENGTH = 40;
/** What an id looks like: lowercase letters and digits, single hyphens between. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type Role = (typeof ROLES)[number];
export type Topic = (typeof TOPICS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];
export type Stage = (typeof STAGES)[number];
