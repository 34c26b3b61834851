import type * as v from 'valibot';
import type { cardSchema, packSchema, scenarioSchema, sourceSchema } from './questionSchema.ts';
import type { BankLanguage } from './bankLanguages.ts';
/**
 * The question-bank format's words and types. The schemas themselves are in
 * `questionSchema.ts` (one source of truth: the build validates every file in `questions/`
 * against them, the types below are inferred from them, and `questions/scenario.schema.json`
 * is generated from them); they live apart so that the screens, which need only these words,
 * never carry them.
 */

export * from './words.ts';

export type Card = v.InferOutput<typeof cardSchema>;
export type SharedCard = Extract<Card, { key: 'both' }>;
export type Scenario = v.InferOutput<typeof scenarioSchema>;
/** A source cards cite: the bank's own, or a trainer pack's, which may link to it (https only). */
export type Source = v.InferOutput<typeof sourceSchema> & { url?: string };

/** A trainer pack, as checked (`pack.ts`). */
export type Pack = v.InferOutput<typeof packSchema>;

/** The whole validated bank, as the app receives it. */
export interface Bank {
  sources: Source[];
  scenarios: Scenario[];
  /** The language its texts are in (its sources file says; English when it does not). */
  language?: BankLanguage;
}
