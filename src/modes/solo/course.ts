/**
 * What the start screen of a course says and does: every game asks how sure when the marks
 * count, and the pass mark in force (the LMS's mastery score, once the LMS has given it).
 */
export interface Course {
  alwaysAsks: boolean;
  passingScore: number | null;
}

/** The course a package's settings (`lms/settings.ts`) make, with the pass mark in force. */
export function courseOf(
  settings: { confidenceCounts: boolean; passingScore: number | null },
  passingScore = settings.passingScore,
): Course {
  return { alwaysAsks: settings.confidenceCounts, passingScore };
}
