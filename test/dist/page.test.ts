import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { styleHash } from '../../src/build/contentSecurity';
import { redirectScript } from '../../src/build/localePlugin';
import { LOCALES } from '../../src/build/messages';

/**
 * The built page carries its own Content-Security-Policy (src/build/contentSecurity.ts); the
 * browser suite's harness then fails any test in which a page breaks it or asks another host.
 */
describe.each(LOCALES)('the page in %s', (locale) => {
  const dir = locale === 'en' ? 'dist' : `dist/${locale}`;
  const html = readFileSync(`${dir}/index.html`, 'utf8').replaceAll('&#39;', "'");

  it('names its Content-Security-Policy: its own scripts and the language redirect alone, no plugins, no base', () => {
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(policy).toMatch(/default-src 'self'/);
    expect(policy).toContain(`script-src 'self' '${styleHash(redirectScript(locale))}';`);
    expect(policy).toMatch(/object-src 'none'; base-uri 'none'/);
    expect(html).toContain(`<script>${redirectScript(locale)}</script>`);
  });

  it('is in its language: lang, direction, title, and only its own language’s words in its scripts', () => {
    const words = JSON.parse(readFileSync(`src/i18n/messages/app/${locale}.json`, 'utf8'));
    expect(html).toMatch(new RegExp(`<html lang="${locale}" dir="ltr">`));
    expect(html).toContain(`<title>${words.app_title}</title>`);
    const scripts = readdirSync(`${dir}/assets`)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(`${dir}/assets/${file}`, 'utf8'))
      .join('\n');
    for (const other of LOCALES) {
      const line = JSON.parse(readFileSync(`src/i18n/messages/app/${other}.json`, 'utf8')).app_could_not_show;
      if (other === locale) expect(scripts).toContain(line);
      else expect(scripts, other).not.toContain(line);
    }
  });
});
