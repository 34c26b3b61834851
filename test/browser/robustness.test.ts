import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { wrapProgress as wrap, type Progress } from '../../src/progress/progress';
import { loadBank } from '../../src/core/loadBank';
import { progressFile } from '../support/progressArbitraries';
import { axeViolations, describeInBrowser, ready, savedKeys, writeSaved } from '../support/harness';
import { fuzzRuns } from '../support/fuzz';

const bank = loadBank('questions');
const FUZZ_RUNS = fuzzRuns(10, 25);

/** An exported file's text around some data, as a damaged or hand-edited file would carry it. */
const file = (data: unknown) =>
  JSON.stringify({ app: 'role-call', schemaVersion: 2, appVersion: 'x', savedAt: 'y', data });
const pastGame = (id: number, finishedAt = Date.UTC(2026, 0, 5)) => ({
  id,
  finishedAt,
  mode: 'play',
  scenarioIds: ['tutor-marketplace'],
  points: 1,
  max: 2,
});

/** Files that bricked the app before their values were bounded: each must be refused. */
const BAD_FILES = [
  [
    'a review task due in the year 287,000',
    { game: null, history: [], review: [{ cardId: 'tutor-three-lines', box: 1, due: 9e15 }] },
    /^That file cannot be imported: part of it is damaged \(review\.0\.due: /,
  ],
  [
    'a game finished in the year 287,000',
    { game: null, history: [pastGame(1, 9e15)], review: [] },
    /^That file cannot be imported: part of it is damaged \(history\.0\.finishedAt: /,
  ],
  [
    'the same game twice',
    { game: null, history: [pastGame(1), pastGame(1)], review: [] },
    /^That file cannot be imported: part of it is damaged \(history: two past games are the same\)\.$/,
  ],
  [
    '200,000 review tasks',
    {
      game: null,
      history: [],
      review: Array.from({ length: 200_000 }, (_, i) => ({ cardId: `card-${i}`, box: 1, due: Date.UTC(2026, 0, 5) })),
    },
    /^That file cannot be imported: part of it is damaged \(review: /,
  ],
] as const;

describeInBrowser('robustness in Chromium', (app) => {
  /** A fresh profile; `bypassCSP` only where axe-core is injected (security.test.ts checks the policy). */
  async function open(bypassCSP = false) {
    const context = await app.browser.newContext({ reducedMotion: 'reduce', bypassCSP });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(app.url);
    await ready(page);
    return { page, errors };
  }

  /** After a reload, a screen someone can use: never a spinner, always a way on. */
  async function expectUsable(page: Page, label: string) {
    await ready(page);
    const main = page.locator('main[data-ready]');
    expect(await main.innerText(), label).not.toMatch(/Loading|could not be shown|could not show/);
    const start = page.getByRole('button', { name: 'Start playing' });
    if (await start.count()) expect(await start.isEnabled(), label).toBe(true);
    else {
      const outsideNotices = await main
        .locator('button:enabled')
        .evaluateAll((buttons) => buttons.filter((button) => !button.closest('.notices')).length);
      expect(outsideNotices, `${label}: no step onward`).toBeGreaterThan(0);
    }
  }

  const importFile = (page: Page, text: string) =>
    page
      .getByLabel('Import progress')
      .setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(text) });

  it('refuses each file that once bricked the app, and starts usable after a reload', async () => {
    const { page, errors } = await open();
    for (const [label, data, error] of BAD_FILES) {
      await importFile(page, file(data));
      await expect.poll(() => page.getByRole('alert').innerText(), { message: label }).toMatch(error);
      expect(await page.getByRole('alertdialog').count(), label).toBe(0);
      await page.reload();
      await expectUsable(page, label);
      expect(await page.locator('.progress-panel tbody tr').count(), label).toBe(0);
    }
    expect(errors).toEqual([]);
  });

  it(`starts usable from ${FUZZ_RUNS} random progress files the schema accepts`, async () => {
    const { page, errors } = await open();
    const files = fc.sample(progressFile(bank), { numRuns: FUZZ_RUNS, seed: 20_260_105 });
    for (const [index, generated] of files.entries()) {
      await writeSaved(page, JSON.parse(JSON.stringify(generated)));
      await page.reload();
      const label = `file ${index}: ${JSON.stringify(generated).slice(0, 300)}`;
      await expectUsable(page, label);
      expect(await page.getByText('Your saved progress could not be').count(), label).toBe(0);
    }
    expect(errors).toEqual([]);
  });

  it('undoes an import: the progress from before comes back after the reloads', async () => {
    const { page, errors } = await open(true);
    const original: Progress = { game: null, history: [pastGame(1), pastGame(2)] as Progress['history'], review: [] };
    await writeSaved(page, wrap(original, Date.UTC(2026, 0, 5)));
    await page.reload();
    await ready(page);
    const rows = page.locator('.progress-panel tbody tr');
    expect(await rows.count()).toBe(2);
    const before = await rows.allInnerTexts();

    const incoming = { game: null, history: [{ ...pastGame(9), points: 2 }], review: [] };
    await importFile(page, file(incoming));
    const confirm = page.getByRole('alertdialog', { name: 'Replace your progress with this file?' });
    expect(await confirm.innerText()).toContain('This replaces 2 past games with 1 past game from the file.');
    expect(await confirm.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Replace my progress' }).click()]);
    await ready(page);
    expect(await rows.count()).toBe(1);
    expect(await rows.innerText()).toContain('2 of 2');
    expect(await savedKeys(page)).toContain('progress-before-import');

    const notices = page.getByRole('status', { name: 'Notices' });
    expect(await notices.innerText()).toContain('You imported progress from a file.');
    await Promise.all([page.waitForEvent('load'), notices.getByRole('button', { name: 'Undo import' }).click()]);
    await ready(page);
    expect(await rows.allInnerTexts()).toEqual(before);
    expect(await page.getByRole('button', { name: 'Undo import' }).count()).toBe(0);
    expect(await savedKeys(page)).not.toContain('progress-before-import');
    expect(errors).toEqual([]);
  });
});
