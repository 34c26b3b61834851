/** Where a device keeps its progress, and the version its format is stored at (`progressFormat` migrates older ones). */
export const PROGRESS_KEY = 'progress';
export const PROGRESS_LABEL = { kind: 'progress', version: 4 } as const;
