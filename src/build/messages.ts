import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compile } from '@inlang/paraglide-js';
import { fileURLToPath } from 'node:url';
import type { CompilerOptions } from '@inlang/paraglide-js';
import type { Plugin } from 'vite';

// The messages' folder by path, not by `new URL`: a test in jsdom (test/dist/scorm.test.ts) has jsdom's URL.
const I18N = join(dirname(fileURLToPath(import.meta.url)), '../i18n');

/** The interface's languages, the first the base (English): `src/i18n/project.inlang/settings.json`. */
export const LOCALES = ['en', 'de', 'es', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The expression the compiled messages read their language from. A build for one language
 * defines it (`localeDefine`), so the minifier keeps that language's strings and drops the
 * others; where nothing defines it (the dev server, tests, the room server in Node) the
 * language comes from the strategy below at run time. Paraglide's own per-language contract.
 */
const STATIC_LOCALE = '/** @type {any} */ (globalThis).__PARAGLIDE_STATIC_LOCALE__';

/** Vite's `define` for a build in one language. */
export const localeDefine = (locale: Locale) => ({
  'globalThis.__PARAGLIDE_STATIC_LOCALE__': JSON.stringify(locale),
});

/** Where the messages compile to (generated, ignored by git) and how, for the Vite plugin and the CLI step alike. */
export const messageOptions = {
  project: join(I18N, 'project.inlang'),
  outdir: join(I18N, 'paraglide'),
  // The saved choice, else the browser's language, else English.
  strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
  localStorageKey: 'role-call-locale',
  experimentalStaticLocale: STATIC_LOCALE,
  emitReadme: false,
  emitPrettierIgnore: false,
} satisfies CompilerOptions;

/** The language a build is in: ROLE_CALL_LOCALE (or another setting, named by `source`), else English. */
export function buildLocale(value: string | undefined, source = 'ROLE_CALL_LOCALE'): Locale {
  if (value === undefined) return LOCALES[0];
  if (!(LOCALES as readonly string[]).includes(value))
    throw new Error(`${source} is "${value}"; the languages are ${LOCALES.join(', ')}.`);
  return value as Locale;
}

/** The folders of the other languages' builds inside a build's own: the root (English) holds them all. */
export const otherBuilds = (locale: Locale): string[] =>
  locale === LOCALES[0] ? LOCALES.slice(1).map((other) => `${other}/`) : [];

/** The question folder a language plays: its own (`questions/de`) where the bank is translated, else English. */
export const questionsFor = (dir: string, locale: Locale): string =>
  locale !== LOCALES[0] && existsSync(join(dir, locale)) ? join(dir, locale) : dir;

/** The question folders the other languages play, where they differ from this one's: the same questions in other words. */
export const translationsOf = (dir: string, locale: Locale): string[] =>
  [...new Set(LOCALES.map((other) => questionsFor(dir, other)))].filter(
    (folder) => folder !== questionsFor(dir, locale),
  );

/** A hash of the message files and the project's settings, the compiler's inputs. */
function inputsDigest(): string {
  const hash = createHash('sha256').update(JSON.stringify(messageOptions));
  const files = readdirSync(join(I18N, 'messages'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(I18N, 'messages', name));
  for (const file of [join(messageOptions.project, 'settings.json'), ...files])
    hash.update(`${file}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

/**
 * Compiles the messages into src/i18n/paraglide, unless they are compiled from these very
 * inputs already: loading the compiler takes seconds, and a test run builds several times.
 */
export async function compileMessages(): Promise<void> {
  const digest = inputsDigest();
  const stamp = join(messageOptions.outdir, '.inputs');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  await compile(messageOptions);
  writeFileSync(stamp, digest);
}

/**
 * In a build in one language, each compiled message becomes its words in that language alone:
 * Paraglide wraps every message in a function that picks the language and warns when asked for
 * another, which a one-language build never needs. With a few hundred messages on the start
 * screen's path, the wrappers weigh more than the words.
 */
export function staticMessages(locale: Locale): Plugin {
  return {
    name: 'role-call:static-messages',
    apply: 'build',
    transform(code, id) {
      const file = /\/i18n\/paraglide\/messages\/(\w+)\.js$/.exec(id);
      if (!file || file[1] === '_index') return null;
      const name = file[1]!;
      const wrapper = code.indexOf(`export const ${name} = `);
      if (wrapper < 0 || !code.includes(`const ${locale}_${name} = `)) return null;
      return { code: `${code.slice(0, wrapper)}export const ${name} = ${locale}_${name};\n`, map: null };
    },
  };
}
