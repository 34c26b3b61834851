import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FIRST_SCREEN_BUDGET, firstScreenFiles, sizes } from '../../src/build/budget';
import { LOCALES } from '../../src/build/messages';

it.each(LOCALES)('keeps what the first screen downloads within its budget in %s, its styles inside the page', (locale) => {
  const dist = locale === 'en' ? 'dist' : `dist/${locale}`;
  const files = sizes(dist, firstScreenFiles(dist));
  expect(files.map((f) => f.file)).toEqual(
    expect.arrayContaining(['index.html', expect.stringMatching(/^assets\/index-.*\.js$/)]),
  );
  // The page's stylesheet is inline, and its link, kept for Vite's loader, is not fetched.
  expect(files.map((f) => f.file)).not.toContainEqual(expect.stringMatching(/\.css$/));
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  expect(html).toMatch(/<style>[^<]*:root\{/);
  expect(html).toMatch(/<link rel="stylesheet" crossorigin href="\.\/assets\/index-[\w-]+\.css" disabled>/);
  const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
  expect(gzip, `first screen is ${gzip} bytes gzip`).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET);
}, 30_000);

it('counts every script, stylesheet, preload and icon the page names, and would catch growth', () => {
  const dist = mkdtempSync(join(tmpdir(), 'role-call-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<link rel="icon" href="./i.svg"><script type="module" src="./assets/a.js"></script><link rel="modulepreload" href="./assets/b.js"><link rel="stylesheet" href="./assets/c.css"><link rel="stylesheet" href="./assets/d.css" disabled>',
  );
  writeFileSync(join(dist, 'i.svg'), '<svg/>');
  writeFileSync(join(dist, 'assets/a.js'), 'x'.repeat(10));
  writeFileSync(join(dist, 'assets/c.css'), 'y'.repeat(10));
  // A large incompressible file stands for a budget broken.
  writeFileSync(join(dist, 'assets/b.js'), randomBytes(200_000));
  const files = sizes(dist, firstScreenFiles(dist));
  expect(files.map((f) => f.file)).toEqual(['index.html', 'i.svg', 'assets/a.js', 'assets/b.js', 'assets/c.css']);
  expect(files.reduce((sum, f) => sum + f.gzip, 0)).toBeGreaterThan(FIRST_SCREEN_BUDGET);
});
