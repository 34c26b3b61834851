import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../../src/build/messages';

const MESSAGES = 'src/i18n/messages';

/**
 * The interface's plain messages in one language, by key, for a test to find what a page in
 * that language says (messages with plural forms or placeholders are left out).
 */
export function wordsIn(locale: Locale): (key: string) => string {
  const words: Record<string, string> = {};
  for (const area of readdirSync(MESSAGES)) {
    const messages = JSON.parse(readFileSync(join(MESSAGES, area, `${locale}.json`), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const [key, value] of Object.entries(messages))
      if (key !== '$schema' && typeof value === 'string' && !value.includes('{')) words[key] = value;
  }
  return (key) => {
    const text = words[key];
    if (text === undefined) throw new Error(`no plain message ${key} in ${locale}`);
    return text;
  };
}
