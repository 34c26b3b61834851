import { experimentalStaticLocale, getLocale, locales, localStorageKey, setLocale } from '../i18n/paraglide/runtime.js';

export type Language = (typeof locales)[number];
export const LANGUAGES = locales;

/** Each language by its own name, as a picker lists it whatever the page's language. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
};

/** The interface's language now. */
export const language = (): Language => getLocale();

/**
 * Switches the interface to another language and keeps the choice. A build holds one language
 * (English at the root, each other in its own folder: src/build/messages.ts), so this opens the
 * same page in the other build, with its query and hash (the game is saved on the device, and
 * comes back there); the dev server switches in place.
 */
export function chooseLanguage(next: Language): void {
  try {
    localStorage.setItem(localStorageKey, next);
  } catch {
    // Storage refused (private mode, full): the switch still happens, for this visit.
  }
  if (experimentalStaticLocale === undefined) {
    setLocale(next);
    return;
  }
  const root = experimentalStaticLocale === locales[0] ? './' : '../';
  const target = new URL(root + (next === locales[0] ? '' : `${next}/`), location.href);
  location.assign(`${target.pathname}${location.search}${location.hash}`);
}
