/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:question-index' {
  type BankSource = import('./game/bank').BankSource;
  export const scenarioIndex: BankSource['scenarioIndex'];
  export const fingerprint: BankSource['fingerprint'];
  export const loadCompany: BankSource['loadCompany'];
  export const loadCardCompanies: BankSource['loadCardCompanies'];
}
