/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:question-bank' {
  export const bank: import('./game/schema').Bank;
}
