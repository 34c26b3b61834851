import { parseLmsSettings, type LmsSettings, type LmsStandard } from '../../src/lms/settings';

/** The one company of the LMS packages the browser tests play: a whole game is nine tasks. */
export const COMPANY = 'mary-app';

/** The settings of a test package: one company, passed at 70. */
export const courseSettings = (standard: LmsStandard): LmsSettings =>
  parseLmsSettings({ standard, title: 'Role Call test course', companies: [COMPANY], passingScore: 70 });

declare module 'vitest' {
  export interface ProvidedContext {
    /** The zip of each standard's test package, built once for the browser tests (`buildLmsPackages.ts`). */
    lmsPackages: Record<LmsStandard, string>;
  }
}
