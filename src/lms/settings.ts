import * as v from 'valibot';

/** The LMS standards a package can be built for. */
export const LMS_STANDARDS = ['1.2', '2004', 'cmi5'] as const;
export type LmsStandard = (typeof LMS_STANDARDS)[number];

/**
 * The Vite mode each standard's package is built in: the app's code for the other standards is
 * left out of it. SCORM 1.2 keeps the mode packages had before there were others.
 */
export const LMS_MODES: Record<LmsStandard, string> = { '1.2': 'scorm', '2004': 'scorm2004', cmi5: 'cmi5' };

/**
 * What an LMS package is built with (`npm run build:scorm`): the standard it speaks, which
 * companies it holds, the score that passes, and whether certainty-based marks are the score.
 * The app of a package reads them from `virtual:lms-settings`; every other build has none.
 */
export const lmsSettingsSchema = v.object({
  /** SCORM 1.2 (the default), SCORM 2004 4th edition, or cmi5. */
  standard: v.optional(v.picklist(LMS_STANDARDS), '1.2'),
  /** The title the LMS shows for the course; none for the default in the package's language ("Role Call: PM or PMM?"). */
  title: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
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
  throw new Error(`The LMS package settings are not valid:\n- ${problems.join('\n- ')}`);
}
