import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EAGER_COMPILE } from '../../src/tools/compileHints';

const assets = 'dist/assets';
const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
const firstLine = (name: string) => readFileSync(join(assets, name), 'utf8').split('\n', 1)[0];

it("starts the game screens' chunk with V8's compile hint, which V8 reads at the top of a file", () => {
  const gameScreens = scripts.filter((name) => name.startsWith('GameScreens-'));
  expect(gameScreens).toHaveLength(1);
  expect(firstLine(gameScreens[0]!)).toBe(EAGER_COMPILE);
});

it('leaves the start screen compiled lazily: eager compiling there would delay Start', () => {
  const hinted = scripts.filter((name) => firstLine(name) === EAGER_COMPILE);
  expect(hinted.map((name) => name.replace(/-[\w-]+\.js$/, ''))).toEqual(['GameScreens']);
});
