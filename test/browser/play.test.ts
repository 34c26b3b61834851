import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { maxPoints } from '../../src/core/scoring';
import type { Card } from '../../src/core/schema';
import { loadBank } from '../../src/core/loadBank';
import { describeInBrowser, ready } from '../support/harness';

const bank = loadBank('questions');
const byTask = new Map(bank.scenarios.flatMap((s) => s.cards.map((card) => [card.task, card] as const)));
const KEYS = { pm: '1', pmm: '2', both: '3' } as const;
const NAMES = { pm: 'Product management', pmm: 'Product marketing', both: 'Both' } as const;
/** The way on after an answer or a split. */
const WAY_ON = /^Next|^See the round summary$|^See your results$/;

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
        // Enter takes the way on from the verdict, where focus is: no Tab to the button.
        await expect.poll(async () => (await focused(page)).tag).toBe('H2');
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
          await expect.poll(async () => (await focused(page)).tag).toBe('H2');
          await page.keyboard.press(' ');
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
        // The story: Enter shows the first task from the heading, where focus is.
        await expect.poll(async () => (await focused(page)).tag).toBe('H1');
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
        await expect.poll(async () => (await focused(page)).tag).toBe('H1');
        await page.keyboard.press('Enter');
      } else {
        await page.getByRole('button', { name: next }).click();
      }
    }
    return total;
  }

  /**
   * Whether an element is wholly in the viewport with nothing over it: the element itself is
   * what the page shows at its corners and its middle.
   */
  const uncovered = (page: Page, target: string | Locator) =>
    (typeof target === 'string' ? page.locator(target) : target).evaluate((element) => {
      const box = element.getBoundingClientRect();
      if (box.top < 0 || box.left < 0 || box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5)
        return `outside the view (${Math.round(box.top)} to ${Math.round(box.bottom)} of ${innerHeight})`;
      for (const [x, y] of [
        [0.05, 0.1],
        [0.95, 0.1],
        [0.5, 0.5],
        [0.05, 0.9],
        [0.95, 0.9],
      ] as const) {
        const hit = document.elementFromPoint(box.left + x * box.width, box.top + y * box.height);
        if (!hit || !(element === hit || element.contains(hit))) return `covered by ${hit?.outerHTML.slice(0, 80)}`;
      }
      return 'uncovered';
    });

  it.each([
    { width: 375, height: 667, colorScheme: 'light', confidence: true },
    { width: 390, height: 844, colorScheme: 'dark', confidence: false },
    { width: 1280, height: 800, colorScheme: 'dark', confidence: true },
  ] as const)(
    'shows the verdict, the takeaway and the way on uncovered after every kind of answer at $width×$height ($colorScheme, asking how sure: $confidence)',
    async ({ width, height, colorScheme, confidence }) => {
      const page = await app.browser.newPage({ viewport: { width, height }, colorScheme, reducedMotion: 'reduce' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(app.url);
      await ready(page);
      if (!confidence) await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
      await page.getByRole('button', { name: /^Quick start/ }).click();
      const start = page.getByRole('button', { name: 'Show the first task' });
      await start.waitFor();
      expect(await uncovered(page, '.round-intro button.primary'), 'the way on from the story').toBe('uncovered');
      await start.click();
      const seen = new Set<string>();
      for (let n = 0; ; n++) {
        const card = byTask.get(await page.getByRole('heading', { level: 1 }).innerText());
        if (!card) break;
        if (n === 0) {
          // The company's story is one tap away, and the task is back after it.
          await page.getByRole('button', { name: 'Story' }).click();
          const story = page.getByRole('dialog');
          await expect
            .poll(() => story.innerText())
            .toContain(bank.scenarios.find((scenario) => scenario.cards.includes(card))!.story.slice(0, 40));
          await page.getByRole('button', { name: 'Back to the task' }).click();
          await story.waitFor({ state: 'hidden' });
        }
        const right = n % 2 === 0;
        const role = right ? card.key : card.key === 'pm' ? 'pmm' : 'pm';
        const tiles = await page
          .getByRole('group', { name: 'Who does this task?' })
          .getByRole('button')
          .evaluateAll((buttons) => buttons.map((button) => Math.round(button.getBoundingClientRect().height)));
        await page.getByRole('button', { name: NAMES[role], exact: true }).click();
        if (confidence) {
          const sure = page.getByRole('group', { name: /How sure are you/ });
          // Nothing looks chosen before a choice.
          expect(await sure.getByRole('button', { pressed: true }).count()).toBe(0);
          await sure.getByRole('button', { name: /^Certain/ }).click();
        }
        await page.getByRole('heading', { level: 2, name: /Right|Not quite/ }).waitFor();
        const kind = `${right ? 'right' : 'wrong'}${confidence ? ', with how sure' : ''}`;
        seen.add(kind);
        // The page settles (the feedback scrolls into view) before it is judged.
        const onward = page.getByRole('button', { name: WAY_ON });
        await expect.poll(() => uncovered(page, onward), { message: `the way on (${kind})` }).toBe('uncovered');
        const verdict = page.getByRole('heading', { level: 2, name: /Right|Not quite/ });
        expect(await uncovered(page, verdict), `the verdict (${kind})`).toBe('uncovered');
        expect(await uncovered(page, page.getByText(/^Remember:/)), `the takeaway (${kind})`).toBe('uncovered');
        // One minus sign: a loss reads −6, never -6.
        if (confidence) expect(await page.getByText(/marks · certain$/).innerText()).toMatch(/^(\+3|\u22126) marks/);
        const after = await page
          .getByRole('group', { name: 'Who does this task?' })
          .getByRole('button')
          .evaluateAll((buttons) => buttons.map((button) => Math.round(button.getBoundingClientRect().height)));
        expect(after, 'the role tiles keep their size at the feedback').toEqual(tiles);
        await onward.click();
        if (card.key === 'both') {
          const options = page.getByRole('group', { name: 'Who does which part?' }).getByRole('button');
          await options.first().click();
          const verdict = page.getByRole('heading', { level: 2, name: /split\.$/ });
          await verdict.waitFor();
          seen.add('split');
          const onward = page.getByRole('button', { name: WAY_ON });
          await expect.poll(() => uncovered(page, onward), { message: 'the way on (split)' }).toBe('uncovered');
          expect(await uncovered(page, verdict), 'the verdict (split)').toBe('uncovered');
          expect(await uncovered(page, page.getByText('✓ Right split', { exact: true })), 'the right split').toBe(
            'uncovered',
          );
          await onward.click();
        }
      }
      const how = confidence ? ', with how sure' : '';
      expect([...seen].sort()).toEqual([`right${how}`, 'split', `wrong${how}`]);
      // One company: one page at the end, its actions in the first view.
      await page.getByRole('heading', { level: 1, name: /^You scored/ }).waitFor();
      expect(await page.getByText('Round summary').count()).toBe(0);
      for (const name of [/^Replay the \d+ tasks? I missed$/, /^Play again in a new order$/])
        expect(await uncovered(page, page.getByRole('button', { name })), String(name)).toBe('uncovered');
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('leaves a game with the home control and resumes it from the start screen, after a reload too', async () => {
    const { page, errors } = await open({ width: 390, height: 844 });
    await page.getByRole('button', { name: /^Quick start/ }).click();
    await page.getByRole('button', { name: 'Show the first task' }).click();
    const task = await page.getByRole('heading', { level: 1 }).innerText();
    await page.getByRole('button', { name: 'Product management', exact: true }).click();
    await page
      .getByRole('group', { name: /How sure are you/ })
      .getByRole('button', { name: /^Guessing/ })
      .click();
    const verdict = await page.getByRole('heading', { level: 2 }).innerText();
    await page.getByRole('button', { name: 'Home' }).click();
    const resume = page.getByRole('button', { name: /^Resume your game/ });
    await expect.poll(() => resume.innerText()).toMatch(/task 1$/);
    await page.reload();
    await ready(page);
    await resume.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(task);
    expect(await page.getByRole('heading', { level: 2 }).innerText()).toBe(verdict);
    expect(errors).toEqual([]);
  });

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
    // The results' first action, too.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(/Replaying missed tasks/).count()).toBe(1);
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
