import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildWithBankCopies } from '../../src/bench/browser';
import { bytesUntilStart, FIRST_SCREEN_BUDGET } from '../../src/build/budget';
import { describeInBrowser, serveBuiltApp } from '../support/harness';

/**
 * The most gzip bytes fetched until Start is usable, at today's bank and at ten times it: issue
 * 16's target of 60 KB (FIRST_SCREEN_BUDGET in src/build/budget.ts). Measured at 58.3 KB and
 * 59.5 KB, once what a first visit never runs (the saved-data checks, resuming a saved game,
 * importing a file, the notices) and where each company's chunk is load only when needed.
 */
const START_CEILING = FIRST_SCREEN_BUDGET;

/**
 * Most gzip bytes that ten times the companies may add before the start screen is usable:
 * measured at 1.1 KB, the company index alone (the list shows its first twelve companies).
 */
const TEN_TIMES_GROWTH = 1.5 * 1024;

describeInBrowser('bytes until the start screen is usable', (app) => {
  async function measure(url: string) {
    // The worker registers once Start is usable, after the count, and then fetches every file:
    // blocked, so that no request is still being served when a build's folder goes.
    const context = await app.browser.newContext({ serviceWorkers: 'block' });
    try {
      return await bytesUntilStart(await context.newPage(), url);
    } finally {
      await context.close();
    }
  }

  it('fetches at most the measured ceiling on a cold first visit, and no questions or storage library', async () => {
    const { files, gzip } = await measure(app.url);
    expect(gzip, files.map((f) => `${f.file} ${f.gzip}`).join('\n')).toBeLessThanOrEqual(START_CEILING);
    // The start screen needs the index alone: no company's questions, no workshop, no sharing,
    // and with nothing stored, no storage library.
    expect(files.map((f) => f.file)).not.toContainEqual(
      expect.stringMatching(/mary-app|question-loaders|Workshop|Share|sw\.js|localforage/),
    );
  });

  const scratch = mkdtempSync(join(tmpdir(), 'role-call-10x-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('stays within the target with ten times the questions: the index grows, the list and the rest do not', async () => {
    const today = await measure(app.url);
    const server = await serveBuiltApp(await buildWithBankCopies(10, scratch));
    try {
      const { files, gzip } = await measure(server.url);
      const listing = files.map((f) => `${f.file} ${f.gzip}`).join('\n');
      // The index grows (about 12 bytes a company); no questions load, and the list stays short.
      expect(gzip - today.gzip, listing).toBeLessThanOrEqual(TEN_TIMES_GROWTH);
      expect(gzip, listing).toBeLessThanOrEqual(START_CEILING);
      expect(files.map((f) => f.file)).not.toContainEqual(expect.stringMatching(/mary-app|copy/));

      // The prerendered list holds the first twelve companies; the rest come on request, ticked.
      const context = await app.browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(server.url);
      const picker = page.getByRole('group', { name: /Or choose your companies \(120 of 120/ });
      await expect.poll(() => picker.getByRole('checkbox').count()).toBe(12);
      await page.getByRole('button', { name: 'Start playing' }).and(page.locator(':enabled')).waitFor();
      await picker.getByRole('button', { name: /Show all 120 companies/ }).click();
      await expect.poll(() => picker.getByRole('checkbox', { checked: true }).count()).toBe(120);
      await context.close();
    } finally {
      await server.close();
    }
  });
});
