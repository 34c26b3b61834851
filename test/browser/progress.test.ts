import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, readSaved, ready, savedKeys, writeSaved } from '../support/harness';

describeInBrowser('progress in Chromium', (app) => {
  async function open(context?: BrowserContext) {
    const owner = context ?? (await app.browser.newContext({ reducedMotion: 'reduce' }));
    const page = await owner.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(app.url);
    await ready(page);
    return { page, context: owner, errors };
  }

  /** What the learner sees, which must be the same after a reload. */
  const screenText = (page: Page) => page.locator('main').innerText();

  /** Does something, then waits until the app has saved the change. */
  async function act(page: Page, action: () => Promise<unknown>) {
    const before = (await readSaved(page))?.savedAt;
    await action();
    await expect.poll(async () => (await readSaved(page))?.savedAt).not.toBe(before);
  }

  async function chooseCompanies(page: Page, count: number) {
    const boxes = page.getByRole('checkbox');
    const total = await boxes.count();
    for (let i = count; i < total; i++) await boxes.nth(i).click();
  }

  const next = (page: Page) =>
    page.getByRole('button', { name: /^Next|^See the round summary$|^Next company$|^See your results$/ }).first();

  it('comes back to the same screen and answers after a reload at ten points of a game', async () => {
    const { page, errors } = await open();
    await chooseCompanies(page, 2);
    const points: string[] = [];
    /** Reloads and compares, each time once the screen's parts that load on their own have come. */
    const reloadHere = async (label: string, settled: () => Promise<unknown> = async () => undefined) => {
      await settled();
      const before = await screenText(page);
      await page.reload();
      await ready(page);
      await settled();
      expect(await screenText(page), label).toBe(before);
      points.push(label);
    };

    await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await act(page, () => page.getByRole('button', { name: 'Start playing' }).click());
    await reloadHere('round intro');
    await act(page, () => page.getByRole('button', { name: 'Show the first task' }).click());
    await reloadHere('first task');
    let sawOverlap = false;
    for (let card = 0; !(await page.getByText(/^Round summary$/).count()); card++) {
      await act(page, () => page.keyboard.press(card % 2 ? '1' : '3'));
      if (card === 0) await reloadHere('feedback');
      await act(page, () => next(page).click());
      if (await page.getByRole('heading', { name: 'Who does which part?' }).count()) {
        if (!sawOverlap) await reloadHere('choosing a split');
        await act(page, () => page.keyboard.press('2'));
        if (!sawOverlap) await reloadHere('split revealed');
        sawOverlap = true;
        await act(page, () => next(page).click());
      }
      if (card === 2) await reloadHere('mid-round');
    }
    await reloadHere('round summary');
    await act(page, () => next(page).click());
    await reloadHere('second company');
    await act(page, () => page.getByRole('button', { name: 'Show the first task' }).click());
    await act(page, () => page.keyboard.press('2'));
    await reloadHere('feedback in the second company');
    while (!(await page.getByRole('button', { name: 'See your results' }).count())) {
      await act(page, () => next(page).click());
      if (await page.getByRole('heading', { name: 'Who does which part?' }).count())
        await act(page, () => page.keyboard.press('1'));
      else if (
        await page.getByRole('group', { name: 'Who does this task?' }).getByRole('button', { disabled: false }).count()
      )
        await act(page, () => page.keyboard.press('1'));
    }
    await act(page, () => page.getByRole('button', { name: 'See your results' }).click());
    // The results' share panel loads on its own, after the page.
    await reloadHere('results', () => page.getByRole('button', { name: 'Share result' }).waitFor());
    expect(points).toHaveLength(10);
    await page.getByRole('button', { name: 'Choose other companies' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your past games' }).count()).toBe(1);
    expect(await page.locator('.progress-panel tbody tr').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('plays on with a clear notice when storage is disabled', async () => {
    const context = await app.browser.newContext({ reducedMotion: 'reduce' });
    await context.addInitScript(() => {
      const refuse = () => {
        throw new DOMException('Storage is disabled', 'SecurityError');
      };
      Object.defineProperty(window, 'indexedDB', { get: refuse });
      Object.defineProperty(window, 'localStorage', { get: refuse });
    });
    const { page, errors } = await open(context);
    await expect
      .poll(() => page.getByRole('status', { name: 'Notices' }).innerText())
      .toContain('Progress will not be saved on this device');
    await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await page.getByRole('button', { name: 'Start playing' }).click();
    await page.getByRole('button', { name: 'Show the first task' }).click();
    await page.keyboard.press('1');
    expect(await page.getByRole('heading', { level: 2 }).innerText()).toMatch(/Right|Not quite/);
    expect(errors).toEqual([]);
  });

  it('lets one tab play at a time and hands over without losing anything', async () => {
    const first = await open();
    await first.page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await act(first.page, () => first.page.getByRole('button', { name: 'Start playing' }).click());
    await act(first.page, () => first.page.getByRole('button', { name: 'Show the first task' }).click());
    await act(first.page, () => first.page.keyboard.press('2'));
    const screen = await screenText(first.page);

    const second = await open(first.context);
    expect(await second.page.getByRole('heading', { level: 1 }).innerText()).toBe('Role Call is open in another tab');
    await second.page.getByRole('button', { name: 'Play in this tab instead' }).click();
    await expect.poll(() => screenText(second.page)).toBe(screen);
    await expect
      .poll(() => first.page.getByRole('heading', { level: 1 }).innerText())
      .toBe('You carried on in another tab');

    await first.page.getByRole('button', { name: 'Play in this tab instead' }).click();
    await expect.poll(() => screenText(first.page)).toBe(screen);
    await expect
      .poll(() => second.page.getByRole('heading', { level: 1 }).innerText())
      .toBe('You carried on in another tab');
    expect([...first.errors, ...second.errors]).toEqual([]);
  });

  it('keeps a corrupted database aside, starts clean and offers the data for download', async () => {
    const { page, errors } = await open();
    await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await act(page, () => page.getByRole('button', { name: 'Start playing' }).click());
    const garbage = { app: 'role-call', schemaVersion: 2, appVersion: '0', savedAt: 'x', data: { game: 'torn write' } };
    await writeSaved(page, garbage);
    await page.reload();
    const notices = page.getByRole('status', { name: 'Notices' });
    await expect.poll(() => notices.innerText()).toContain('Your saved progress could not be read');
    expect(await notices.innerText()).toContain('The old data is kept safe on this device.');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(
      /^Product management or product marketing/,
    );
    const backup = (await savedKeys(page)).find((key) => key.startsWith('unreadable-'));
    expect(await readSaved(page, backup)).toEqual(garbage);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the unreadable data' }).click(),
    ]);
    expect(JSON.parse(readFileSync((await download.path())!, 'utf8'))).toEqual(garbage);
    expect(errors).toEqual([]);
  });

  it('exports progress to a file that a fresh browser profile imports', async () => {
    const { page } = await open();
    await chooseCompanies(page, 1);
    await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await page.getByRole('button', { name: 'Start playing' }).click();
    await page.getByRole('button', { name: 'Show the first task' }).click();
    // One company: its last task leads to the results.
    while (!(await page.getByRole('heading', { name: /^You scored/ }).count())) {
      if (await page.getByRole('heading', { name: 'Who does which part?' }).count()) await page.keyboard.press('1');
      else if (
        await page.getByRole('group', { name: 'Who does this task?' }).getByRole('button', { disabled: false }).count()
      )
        await page.keyboard.press('2');
      await next(page).click();
    }
    await act(page, () => page.getByRole('button', { name: 'Choose other companies' }).click());
    const row = await page.locator('.progress-panel tbody tr').innerText();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export progress' }).click(),
    ]);
    const file = readFileSync((await download.path())!);

    const fresh = await open();
    expect(await fresh.page.locator('.progress-panel tbody tr').count()).toBe(0);
    await fresh.page
      .getByLabel('Import progress')
      .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "progress"}') });
    await expect
      .poll(() => fresh.page.getByRole('alert').innerText())
      .toBe('That file cannot be imported: it is not Role Call progress data.');
    await fresh.page
      .getByLabel('Import progress')
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file });
    await fresh.page.getByRole('button', { name: 'Replace my progress' }).click();
    await expect
      .poll(() =>
        fresh.page
          .locator('.progress-panel tbody tr')
          .first()
          .innerText()
          .catch(() => ''),
      )
      .toBe(row);
    expect(download.suggestedFilename()).toMatch(/^role-call-progress-\d{4}-\d\d-\d\d\.json$/);
    expect(fresh.errors).toEqual([]);
  });
});
