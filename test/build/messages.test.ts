import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/build/messages';

/**
 * The interface's words are messages (src/i18n/messages/<area>/<language>.json, compiled by
 * Paraglide): every language has every message, with the same placeholders, each message is
 * used, and no component writes words of its own.
 */
const MESSAGES = 'src/i18n/messages';
const areas = readdirSync(MESSAGES);
type Message = string | Array<{ declarations?: string[]; selectors?: string[]; match: Record<string, string> }>;
const read = (area: string, locale: string): Record<string, Message> => {
  const { $schema: _schema, ...messages } = JSON.parse(readFileSync(join(MESSAGES, area, `${locale}.json`), 'utf8'));
  return messages;
};
/** The placeholders a message uses, in all its variants: `{name}`, and the inputs it declares. */
const placeholders = (message: Message): string[] => {
  const texts = typeof message === 'string' ? [message] : message.flatMap((variant) => Object.values(variant.match));
  const inputs = typeof message === 'string' ? [] : message.flatMap((variant) => variant.declarations ?? []);
  const used = texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!));
  const declared = inputs.flatMap((line) => /^input (\w+)$/.exec(line)?.[1] ?? []);
  const locals = new Set(inputs.flatMap((line) => /^local (\w+)/.exec(line)?.[1] ?? []));
  return [...new Set([...used.filter((name) => !locals.has(name)), ...declared])].sort();
};

const sources = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|svelte)$/.test(name) && !name.startsWith('i18n/'))
    .map((name) => join(dir, name));
const code = sources('src').map((file) => readFileSync(file, 'utf8'));

describe('the message files', () => {
  it('give every message in every language, with the same placeholders', () => {
    for (const area of areas) {
      const english = read(area, 'en');
      for (const locale of LOCALES) {
        const messages = read(area, locale);
        expect(Object.keys(messages).sort(), `${area}/${locale}`).toEqual(Object.keys(english).sort());
        for (const [key, message] of Object.entries(messages))
          expect(placeholders(message), `${area}/${locale}: ${key}`).toEqual(placeholders(english[key]!));
      }
    }
  });

  it('name each message once, with its area in front, and leave none unused', () => {
    const keys = areas.flatMap((area) => Object.keys(read(area, 'en')).map((key) => ({ area, key })));
    expect(keys.filter(({ area, key }) => !key.startsWith(`${area}_`))).toEqual([]);
    expect(new Set(keys.map(({ key }) => key)).size).toBe(keys.length);
    // The page's own words go into index.html at build time (src/build/localePlugin.ts), and
    // the room server's front page reads its two from the files (src/server/joinFirst.ts).
    const inThePage = new Set([
      'app_title',
      'app_description',
      'app_loading',
      'app_noscript',
      'phone_join_first_label',
      'phone_join_first_join',
    ]);
    const unused = keys
      .map(({ key }) => key)
      .filter((key) => !inThePage.has(key) && !code.some((text) => new RegExp(`\\bm\\.${key}\\b`).test(text)));
    expect(unused).toEqual([]);
  });
});

/** Text in a component's markup that a user reads: text nodes, and the attributes screen readers and tooltips say. */
const SAID = new Set(['aria-label', 'title', 'alt', 'placeholder', 'aria-description', 'aria-roledescription']);
/** Words that are the same in every language: the product's name, and the roles' short names. */
const SAME_EVERYWHERE =
  /^(Role Call|PM|PMM|PM\s*\/\s*PMM|CSV|JSON|YAML|QR|SCORM|cmi5|xAPI|Excel|OK|npm start|https:\/\/…)$/;

function wordsInMarkup(source: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const item = node as Record<string, unknown>;
    if (item.type === 'Text' && typeof item.data === 'string') {
      const text = item.data.replace(/\s+/g, ' ').trim();
      if (/\p{L}{2,}/u.test(text) && !SAME_EVERYWHERE.test(text)) found.push(text);
    }
    // A style's value is not read; nor is an attribute's text, unless screen readers or tooltips say it.
    if (item.type === 'StyleDirective') return;
    if (item.type === 'Attribute') {
      if (SAID.has(String(item.name)) && Array.isArray(item.value))
        for (const part of item.value as Array<{ type: string; data?: string }>)
          if (part.type === 'Text' && /\p{L}{2,}/u.test(part.data ?? '') && !SAME_EVERYWHERE.test(part.data!.trim()))
            found.push(`${String(item.name)}="${part.data}"`);
      return;
    }
    for (const [key, value] of Object.entries(item))
      if (key !== 'css' && key !== 'instance' && key !== 'module') walk(value);
  };
  walk(parse(source, { modern: true }).fragment);
  return found;
}

describe('the components', () => {
  it('write no words of their own: every word a user reads is a message', () => {
    const inline = sources('src')
      .filter((file) => file.endsWith('.svelte'))
      .flatMap((file) => wordsInMarkup(readFileSync(file, 'utf8')).map((text) => `${file}: ${text}`));
    expect(inline).toEqual([]);
  });

  it('would catch a word written in the markup, and in an aria-label', () => {
    expect(wordsInMarkup('<p>Start playing</p><button aria-label="Close">×</button><p>{m.x()}</p>')).toEqual([
      'Start playing',
      'aria-label="Close"',
    ]);
    expect(wordsInMarkup('<span>Role Call</span><svg><text>PM</text></svg>')).toEqual([]);
  });
});
