/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:question-bank' {
  export const bank: import('./game/schema').Bank;
}

declare module 'virtual:question-index' {
  export const scenarioIndex: import('./game/bank').ScenarioSummary[];
}

declare module 'virtual:lms-settings' {
  /** A SCORM package's settings; null in any other build. */
  export const lmsSettings: import('./lms/settings').LmsSettings | null;
}
