import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EAGER_COMPILE } from '../../src/build/compileHints';

const assets = 'dist/assets';
const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
const firstLine = (name: string) => readFileSync(join(assets, name), 'utf8').split('\n', 1)[0];

it("starts the start screen's and the game screens' chunks with V8's compile hint, at the top of each", () => {
  const hinted = scripts.filter((name) => firstLine(name) === EAGER_COMPILE);
  expect(hinted.map((name) => name.replace(/-[\w-]+\.js$/, '')).sort()).toEqual([
    'App',
    'GameScreens',
    'boot',
    'index',
  ]);
});

it('leaves the rest compiled lazily: workshop, sharing, packs and the companies wait until used', () => {
  const later = scripts.filter((name) => /^(WorkshopApp|ResultPage|PacksPage|mary-app)-/.test(name));
  expect(later).toHaveLength(4);
  for (const name of later) expect(firstLine(name)).not.toBe(EAGER_COMPILE);
});
