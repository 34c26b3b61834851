import { readFileSync } from 'node:fs';

/**
 * What the room server puts first on its front page: a field for the room code. A phone that
 * types the address the projector shows lands on the join screen; one that types the bare
 * address lands here, and is one code away from it. The form needs no script (a GET to the
 * app with `?join=CODE`), so it shows in the page's first paint, with nothing moving after it.
 * A static host, which runs no room server, never shows it.
 */

/** The interface's languages: the base (English) is built at the root, each other in a folder of its name. */
const { baseLocale, locales } = JSON.parse(
  readFileSync(new URL('../i18n/project.inlang/settings.json', import.meta.url), 'utf8'),
) as { baseLocale: string; locales: string[] };

/** The form's words in each language, as the phone's messages have them (read, not imported: the server runs no interface). */
const WORDS = new Map(
  locales.map((locale) => {
    const file = new URL(`../i18n/messages/phone/${locale}.json`, import.meta.url);
    const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    return [locale, { label: messages.phone_join_first_label!, join: messages.phone_join_first_join! }];
  }),
);

/** Whether a language has a build of its own, in a folder of its name. */
export const isOtherLanguage = (language: string): boolean => language !== baseLocale && WORDS.has(language);

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The form, in a language. */
export function joinFirst(language: string = baseLocale): string {
  const words = WORDS.get(language) ?? WORDS.get(baseLocale)!;
  return [
    '<form id="join-first" class="join-first" action="./" method="get">',
    `<label for="join-code">${escape(words.label)}</label>`,
    '<span><input id="join-code" name="join" required maxlength="12" autocomplete="off" autocapitalize="characters"',
    ` spellcheck="false"><button type="submit" class="primary">${escape(words.join)}</button></span>`,
    '</form>',
  ].join('');
}

/** The app's page with the code field first in its body, in the page's language. */
export function withJoinFirst(html: string, language: string = baseLocale): string {
  return html.replace(/<body([^>]*)>/, (body) => `${body}${joinFirst(language)}`);
}
