import * as v from 'valibot';

/**
 * What a SCORM package is built with (`npm run build:scorm`): which companies it holds, the
 * score that passes, and whether certainty-based marks are the score. The app of a package
 * reads them from `virtual:lms-settings`; every other build has none.
 */
export const lmsSettingsSchema = v.object({
  /** The title the LMS shows for the course. */
  title: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)), 'Role Call: PM or PMM?'),
  /** Ids of the companies the package plays; empty for all of them. */
  companies: v.optional(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, 'a company id'))), []),
  /**
   * The score (0 to 100) at or above which a finished game passes; null for no pass mark, when
   * a finished game is "completed". An LMS mastery score, when the LMS gives one, comes first.
   */
  passingScore: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))), 80),
  /** Whether the score is the certainty-based marks: the game then always asks how sure. */
  confidenceCounts: v.optional(v.boolean(), false),
});

export type LmsSettings = v.InferOutput<typeof lmsSettingsSchema>;

/** Settings from a config file or the command line, with every default filled in; throws on bad input. */
export function parseLmsSettings(input: unknown): LmsSettings {
  const result = v.safeParse(lmsSettingsSchema, input);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? 'settings'}: ${issue.message}`);
  throw new Error(`The SCORM settings are not valid:\n- ${problems.join('\n- ')}`);
}
