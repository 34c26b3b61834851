import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { decodeResult, encodeResult } from '../../src/share/codec';
import { describeInBrowser, ready } from '../support/harness';

describeInBrowser('share links in Chromium', (app) => {
  async function open(url: string, options: { clipboard?: boolean } = {}) {
    const context = await app.browser.newContext({
      reducedMotion: 'reduce',
      permissions: options.clipboard ? ['clipboard-read', 'clipboard-write'] : [],
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await ready(page);
    return { page, errors };
  }

  /** Plays the first two companies, answering Both to everything and the first split each time. */
  async function finishGame(page: Page) {
    const boxes = page.getByRole('checkbox');
    for (let i = 2; i < (await boxes.count()); i++) await boxes.nth(i).click();
    await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await page.getByRole('button', { name: 'Start playing' }).click();
    for (let step = 0; step < 200 && !(await page.getByText(/^Results$/).count()); step++) {
      const button = page.getByRole('button', {
        name: /^Show the first task$|^Next|^See the round summary$|^See your results$/,
      });
      if (await page.getByRole('heading', { name: 'Who does which part?' }).count()) await page.keyboard.press('1');
      else if (
        await page.getByRole('group', { name: 'Who does this task?' }).getByRole('button', { disabled: false }).count()
      )
        await page.keyboard.press('3');
      else await button.first().click();
    }
  }

  const breakdown = (page: Page) => page.locator('table.breakdown, ul.topic-bars').allInnerTexts();

  it('opens a shared result in a fresh browser with the same score and breakdown', async () => {
    const player = await open(app.url, { clipboard: true });
    await finishGame(player.page);
    const score = (await player.page.getByRole('heading', { level: 1 }).innerText()).replace('You scored ', '');
    await player.page.getByLabel(/Your name/).fill('Ana\u202E <i>Lee</i>');
    await player.page.getByRole('button', { name: 'Share result' }).click();
    await expect.poll(() => player.page.getByText('Link copied. Paste it wherever you like.').count()).toBe(1);
    const link = await player.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await player.page.getByLabel('Link to your result').inputValue());
    expect(link.split('#')[1]!.length).toBeLessThan(200);

    const viewer = await open(link);
    expect(await viewer.page.getByRole('heading', { level: 1 }).innerText()).toBe(`Ana <i>Lee</i> scored ${score}`);
    expect(await breakdown(viewer.page)).toEqual(await breakdown(player.page));
    expect(await viewer.page.locator('main i').count()).toBe(0);
    await viewer.page.getByRole('button', { name: 'Play it yourself' }).click();
    await expect.poll(() => viewer.page.getByRole('button', { name: 'Start playing' }).count()).toBe(1);
    expect(viewer.page.url()).not.toContain('#');
    expect([...player.errors, ...viewer.errors]).toEqual([]);

    const [download] = await Promise.all([
      player.page.waitForEvent('download'),
      player.page.getByRole('button', { name: 'Download result card' }).click(),
    ]);
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  it('explains tampered, foreign-version and huge links in one sentence, with a way to play', async () => {
    const player = await open(app.url);
    await finishGame(player.page);
    const link = await player.page.getByLabel('Link to your result').inputValue();
    const [base, fragment] = link.split('#') as [string, string];

    const decoded = decodeResult(fragment);
    if (!decoded.ok) throw new Error(decoded.error.message);
    const foreign = encodeResult({
      ...decoded.value,
      bank: decoded.value.bank ^ 0xff,
      cards: [1, ...decoded.value.cards.slice(1)],
    });
    const cases: Array<[string, RegExp]> = [
      [`${base}#${fragment.slice(0, -6)}`, /cut short or changed/],
      // One character changed (to another one, whatever the link held there).
      [
        `${base}#${fragment.replace(/(.)(.)$/, (_, c: string, last: string) => `${c === 'A' ? 'B' : 'A'}${last}`)}`,
        /cut short or changed/,
      ],
      [`${base}#r=${'x'.repeat(20000)}`, /far longer than any Role Call result/],
      [`${base}#r=%%%`, /cut short or changed/],
    ];
    for (const [url, message] of cases) {
      const viewer = await open(url);
      expect(await viewer.page.getByRole('heading', { level: 1 }).innerText()).toBe(
        'This result link cannot be opened',
      );
      expect(await viewer.page.locator('main .lede').innerText()).toMatch(message);
      expect(await viewer.page.getByRole('button', { name: 'Play Role Call yourself' }).count()).toBe(1);
      expect(viewer.errors).toEqual([]);
    }

    const viewer = await open(`${base}#${foreign}`);
    const notice = await viewer.page.locator('.notice').innerText();
    expect(notice).toContain('This link was made with a different version of the questions.');
    expect(notice).toMatch(
      new RegExp(`${decoded.value.cards.length - 1} of ${decoded.value.cards.length} tasks are unchanged`),
    );
  });
});
