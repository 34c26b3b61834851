/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:question-index' {
  type BankSource = import('./core/bank').BankSource;
  export const scenarioIndex: BankSource['scenarioIndex'];
  export const fingerprint: BankSource['fingerprint'];
  export const language: NonNullable<BankSource['language']>;
  export const translations: BankSource['translations'];
  export const loadCompany: BankSource['loadCompany'];
  export const loadCardCompanies: BankSource['loadCardCompanies'];
}

declare module 'virtual:question-sources' {
  /** The bank's sources, which a trainer pack's cards may cite. */
  const sources: import('./core/schema').Source[];
  export default sources;
}

declare module 'virtual:lms-settings' {
  /** A SCORM package's settings; null in any other build. */
  export const lmsSettings: import('./lms/settings').LmsSettings | null;
}
