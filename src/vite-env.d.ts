/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:question-bank' {
  export const bank: import('./game/schema').Bank;
}

declare module 'virtual:question-index' {
  export const scenarioIndex: import('./game/bank').ScenarioSummary[];
}
