import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FIRST_SCREEN_BUDGET, firstScreenFiles, sizes } from '../../src/tools/budget';

it('keeps what the first screen downloads within its budget', () => {
  const files = sizes('dist', firstScreenFiles('dist'));
  expect(files.map((f) => f.file)).toEqual(
    expect.arrayContaining([
      'index.html',
      expect.stringMatching(/^assets\/index-.*\.js$/),
      expect.stringMatching(/^assets\/index-.*\.css$/),
    ]),
  );
  const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
  expect(gzip, `first screen is ${gzip} bytes gzip`).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET);
});

it('counts every script, stylesheet, preload and icon the page names, and would catch growth', () => {
  const dist = mkdtempSync(join(tmpdir(), 'role-call-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<link rel="icon" href="./i.svg"><script type="module" src="./assets/a.js"></script><link rel="modulepreload" href="./assets/b.js"><link rel="stylesheet" href="./assets/c.css">',
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
