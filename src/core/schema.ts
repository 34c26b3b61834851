import type * as v from 'valibot';
import type { cardSchema, scenarioSchema, sourceSchema } from './questionSchema.ts';
/**
 * The question-bank format's words and types. The schemas themselves are in
 * `questionSchema.ts` (one source of truth: the build validates every file in `questions/`
 * against them, the types below are inferred from them, and `questions/scenario.schema.json`
 * is generated from them); they live apart so that the screens, which need only these words,
 * never carry them.
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
export type Card = v.InferOutput<typeof cardSchema>;
export type SharedCard = Extract<Card, { key: 'both' }>;
export type Scenario = v.InferOutput<typeof scenarioSchema>;
/** A source cards cite: the bank's own, or a trainer pack's, which may link to it (https only). */
export type Source = v.InferOutput<typeof sourceSchema> & { url?: string };

/** The whole validated bank, as the app receives it. */
export interface Bank {
  sources: Source[];
  scenarios: Scenario[];
}
