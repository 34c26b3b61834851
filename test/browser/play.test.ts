import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { maxPoints } from '../../src/core/scoring';
import type { Card } from '../../src/core/schema';
import { loadBank } from '../../src/core/loadBank';
import { describeInBrowser, ready } from '../support/harness';

const bank = loadBank('questions');
const byTask = new Map(bank.scenarios.flatMap((s) => s.cards.map((card) => [card.task, card] as const)));
const KEYS = { pm: '1', pmm: '2', both: '3' } as const;
const NAMES = { pm: 'Product management', pmm: 'Product marketing', both: 'Both' } as const;

describeInBrowser('a whole game in Chromium', (app) => {
  async function open(viewport = { width: 1280, height: 720 }) {
    const page = await app.browser.newPage({ viewport, reducedMotion: 'reduce' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(app.url);
    await ready(page);
    return { page, errors };
  }

  const focused = (page: Page) =>
    page.evaluate(() => ({
      tag: document.activeElement?.tagName,
      text: document.activeElement?.textContent?.trim() ?? '',
    }));

  /** Presses Tab until the focused element's text matches, as a keyboard user would. */
  async function tabTo(page: Page, name: RegExp) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (name.test((await focused(page)).text)) return;
    }
    throw new Error(`could not Tab to ${name}`);
  }

  /** Plays cards until the round summary; right on even cards, wrong on odd ones. Returns points expected. */
  async function playRound(page: Page, input: 'keyboard' | 'mouse', counter: { n: number }) {
    let points = 0;
    let max = 0;
    for (;;) {
      const heading = page.getByRole('heading', { level: 1 });
      if (/\d+ of \d+ points$/.test(await heading.innerText())) return { points, max };
      const card: Card | undefined = byTask.get(await heading.innerText());
      expect(card, 'the task on screen comes from the bank').toBeDefined();
      if (input === 'keyboard') await expect.poll(async () => (await focused(page)).tag).toBe('H1');
      const right = counter.n++ % 2 === 0;
      const role = right ? card!.key : card!.key === 'pm' ? 'pmm' : 'pm';
      max += maxPoints(card!);
      if (right) points += 1;
      // The keyboard game asks how sure the learner is (the default); the mouse game turned it off.
      if (input === 'keyboard') {
        await page.keyboard.press(KEYS[role]);
        await page.getByRole('group', { name: /How sure are you/ }).waitFor();
        await page.keyboard.press('2');
      } else await page.getByRole('button', { name: NAMES[role], exact: true }).click();
      const verdict = page.getByRole('heading', { level: 2 });
      await expect.poll(() => verdict.innerText()).toMatch(right ? /Right\./ : /Not quite/);
      await expect
        .poll(() => page.getByRole('status', { name: 'Answer' }).innerText())
        .toContain(`The answer is ${NAMES[card!.key]}`);
      if (input === 'keyboard') {
        await expect.poll(async () => (await focused(page)).tag).toBe('H2');
        await tabTo(page, /^Next|^See the round summary/);
        await page.keyboard.press('Enter');
      } else {
        await page.getByRole('button', { name: /^Next|^See the round summary/ }).click();
      }
      if (card!.key === 'both') {
        const options = page.getByRole('group', { name: 'Who does which part?' }).getByRole('button');
        const texts = await options.allInnerTexts();
        const rightAt = texts.findIndex((text) => text.includes(card!.overlap.options.find((o) => o.correct)!.text));
        const pick = right ? rightAt : (rightAt + 1) % texts.length;
        if (right) points += 1;
        if (input === 'keyboard') await page.keyboard.press(String(pick + 1));
        else await options.nth(pick).click();
        await expect
          .poll(() => page.getByRole('heading', { level: 2 }).innerText())
          .toMatch(right ? /Right split/ : /Not that split/);
        if (input === 'keyboard') {
          await tabTo(page, /^Next task|^See the round summary/);
          await page.keyboard.press('Enter');
        } else {
          await page.getByRole('button', { name: /^Next task|^See the round summary/ }).click();
        }
      }
    }
  }

  async function playGame(page: Page, input: 'keyboard' | 'mouse', rounds: number) {
    const total = { points: 0, max: 0 };
    const counter = { n: 0 };
    for (let round = 1; round <= rounds; round++) {
      await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).not.toBe('');
      // The first round waits for its company's questions to load.
      await expect.poll(() => page.getByText(`Company ${round} of ${rounds}`).count()).toBe(1);
      if (input === 'keyboard') {
        await tabTo(page, /^Show the first task$/);
        await page.keyboard.press('Enter');
      } else {
        await page.getByRole('button', { name: 'Show the first task' }).click();
      }
      const score = await playRound(page, input, counter);
      total.points += score.points;
      total.max += score.max;
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(
        `${score.points} of ${score.max} points`,
      );
      const next = round === rounds ? /^See your results$/ : /^Next company$/;
      if (input === 'keyboard') {
        await tabTo(page, next);
        await page.keyboard.press('Enter');
      } else {
        await page.getByRole('button', { name: next }).click();
      }
    }
    return total;
  }

  it('plays every company with the keyboard alone', async () => {
    const { page, errors } = await open();
    await expect.poll(async () => (await focused(page)).tag).toBe('H1');
    await tabTo(page, /^Start playing$/);
    await page.keyboard.press('Enter');
    const total = await playGame(page, 'keyboard', bank.scenarios.length);
    const heading = page.getByRole('heading', { level: 1 });
    const percent = Math.round((total.points / total.max) * 100);
    expect(await heading.innerText()).toBe(`You scored ${total.points} of ${total.max} points (${percent}%)`);
    await expect.poll(async () => (await focused(page)).tag).toBe('H1');
    expect(errors).toEqual([]);
  });

  it('plays two companies with the mouse on a phone, then replays the misses', async () => {
    const { page, errors } = await open({ width: 375, height: 667 });
    const boxes = page.getByRole('checkbox');
    const count = await boxes.count();
    for (let i = 2; i < count; i++) await boxes.nth(i).click();
    await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await page.getByRole('button', { name: 'Start playing' }).click();
    const total = await playGame(page, 'mouse', 2);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(
      `You scored ${total.points} of ${total.max} points`,
    );
    const replay = page.getByRole('button', { name: /^Replay the \d+ tasks? I missed$/ });
    const missed = Number((await replay.innerText()).match(/\d+/)![0]);
    await replay.click();
    await expect.poll(() => page.getByText(/Replaying missed tasks/).count()).toBe(1);
    const cards = await page.getByText(/tasks? to hand out/).innerText();
    expect(missed).toBeGreaterThan(0);
    expect(Number(cards.match(/\d+/)![0])).toBeLessThanOrEqual(missed);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'nothing scrolls sideways on a phone').toBeLessThanOrEqual(375);
    expect(errors).toEqual([]);
  });
});
