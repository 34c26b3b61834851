import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { LOCALES, messageOptions, type Locale } from './messages.ts';
import { PLACEHOLDER } from './prerender.ts';

/** Languages written right to left; a build in one sets `dir="rtl"` on the page. */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur']);
export const direction = (locale: string) => (RIGHT_TO_LEFT.has(locale.split('-')[0]!) ? 'rtl' : 'ltr');

/** The page's own words (title, description, loading line, no-script line) in one language. */
function pageWords(locale: Locale): Record<'app_title' | 'app_description' | 'app_loading' | 'app_noscript', string> {
  const file = new URL(`../i18n/messages/app/${locale}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8'));
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Runs first in the page's head: a visitor whose saved choice, or else whose browser's
 * language, is another of ours goes to that language's build (same query and hash, so a
 * results link or a room's join link opens in the viewer's language). English is at the root,
 * each other language in a folder of its own.
 */
export function redirectScript(locale: Locale): string {
  const root = locale === LOCALES[0] ? './' : '../';
  return `(()=>{const L=${JSON.stringify(LOCALES)},here=${JSON.stringify(locale)};let w;try{w=localStorage.getItem(${JSON.stringify(messageOptions.localStorageKey)})}catch{}if(!L.includes(w))w=[...(navigator.languages||[navigator.language])].map(l=>String(l).slice(0,2).toLowerCase()).find(l=>L.includes(l))||L[0];if(w!==here)location.replace(${JSON.stringify(root)}+(w===L[0]?"":w+"/")+location.search+location.hash)})()`;
}

/**
 * Puts the page in its build's language: `lang` and `dir`, the title, description, loading and
 * no-script lines, and (except in an LMS package, which holds one language) the script that
 * sends a visitor to their language's build.
 */
export function localePlugin(locale: Locale, lms: boolean): Plugin {
  return {
    name: 'role-call:locale',
    apply: 'build',
    transformIndexHtml: {
      // After the start screen is prerendered into the placeholder (an LMS package keeps it).
      order: 'post',
      handler(html) {
        const words = pageWords(locale);
        const page = html
          .replace('<html lang="en">', `<html lang="${locale}" dir="${direction(locale)}">`)
          .replace(/<title>[^<]*<\/title>/, `<title>${escape(words.app_title)}</title>`)
          .replace(/(<meta\s+name="description"\s+content=")[^"]*"/, `$1${escape(words.app_description)}"`)
          .replace(PLACEHOLDER, PLACEHOLDER.replace('Loading Role Call…', escape(words.app_loading)))
          .replace(/<noscript>[^<]*<\/noscript>/, `<noscript>${escape(words.app_noscript)}</noscript>`);
        return lms
          ? page
          : { html: page, tags: [{ tag: 'script', children: redirectScript(locale), injectTo: 'head' }] };
      },
    },
  };
}
