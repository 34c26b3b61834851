import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { roleName } from '../../src/core/labels';
import type { Card } from '../../src/core/schema';
import { loadBank } from '../../src/core/loadBank';
import { describeInBrowser, reachForControls } from '../support/harness';

const bank = loadBank('questions');
const byTask = new Map(bank.scenarios.flatMap((s) => s.cards.map((card) => [card.task, card] as const)));

describeInBrowser('a workshop in Chromium', (app) => {
  /** Nothing on the projector may scroll. */
  const fits = (page: Page) =>
    page.evaluate(
      () => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth,
    );
  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).first().innerText();

  it('runs three teams through two companies with a projector and a presenter window', async () => {
    const context = await app.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      reducedMotion: 'reduce',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const projector = await context.newPage();
    const errors: string[] = [];
    projector.on('pageerror', (error) => errors.push(`projector: ${error.message}`));
    await projector.goto(`${app.url}?mode=workshop`);
    await projector.getByRole('button', { name: 'Start the workshop' }).click();
    expect(await heading(projector)).not.toBe('Run a workshop');

    await reachForControls(projector);
    const [presenter] = await Promise.all([
      context.waitForEvent('page'),
      projector.getByRole('button', { name: 'Open presenter view' }).click(),
    ]);
    presenter.on('pageerror', (error) => errors.push(`presenter: ${error.message}`));
    await presenter.setViewportSize({ width: 1280, height: 800 });
    await presenter.getByRole('heading', { name: 'Presenter view' }).waitFor();
    await expect.poll(() => projector.locator('.solo-bar').count()).toBe(0);

    const points = [0, 0, 0];
    let card = 0;
    for (let round = 0; round < 2; round++) {
      expect(await fits(projector)).toBe(true);
      await presenter.getByRole('button', { name: 'Show the first task' }).click();
      for (;;) {
        await expect.poll(() => projector.locator('.stage-card h1').count()).toBe(1);
        const task = await projector.locator('.stage-card h1').innerText();
        const current: Card = byTask.get(task)!;
        expect(current, task).toBeDefined();
        const room = await projector.locator('main').innerText();
        expect(room).not.toContain(current.explanation);
        expect(await projector.locator('.stage-key').count()).toBe(0);
        expect(await fits(projector)).toBe(true);

        // Team 1 is always right, team 2 always says PM, team 3 answers by keyboard on the presenter.
        await presenter.getByRole('button', { name: `Team 1: ${roleName(current.key)}` }).click();
        await presenter.getByRole('button', { name: 'Team 2: Product management' }).click();
        await presenter.keyboard.press('3');
        await presenter.keyboard.press('b');
        points[0]! += 1;
        if (current.key === 'pm') points[1]! += 1;
        if (current.key === 'both') points[2]! += 1;
        await expect.poll(() => projector.locator('.team-chips li.answered').count()).toBe(3);
        if (card === 0)
          // The presenter's scores keep the answers secret until the reveal.
          expect(await presenter.getByRole('list', { name: 'Scores' }).innerText()).not.toMatch(/[1-9] points?/);

        if (card === 1) {
          const before = await projector.locator('.countdown-digits').innerText();
          await projector.reload();
          await expect.poll(() => projector.locator('.stage-card h1').innerText()).toBe(task);
          expect(await projector.locator('.team-chips li.answered').count()).toBe(3);
          const after = await projector.locator('.countdown-digits').innerText();
          expect(after <= before && after !== 'Time’s up').toBe(true);
        }
        if (card === 2) {
          await presenter.reload();
          await presenter.getByRole('heading', { name: 'Presenter view' }).waitFor();
          expect(await presenter.getByRole('button', { name: 'Team 3: Both' }).getAttribute('aria-pressed')).toBe(
            'true',
          );
        }

        await presenter.getByRole('button', { name: 'Reveal the answer' }).click();
        await expect.poll(() => projector.locator('.stage-key').innerText()).toContain(roleName(current.key));
        expect(await projector.getByRole('status', { name: 'Reveal' }).innerText()).toBe(
          `The answer is ${roleName(current.key)}.`,
        );
        expect(await projector.locator('main').innerText()).toContain(current.explanation);
        if (current.key === 'both') expect(await projector.locator('main').innerText()).toContain(current.discuss);
        expect(await fits(projector)).toBe(true);
        card++;
        const next = presenter.getByRole('button', {
          name: /^Next task$|^End of this company$|^Show the final scores$/,
        });
        const label = await next.innerText();
        await next.click();
        if (label !== 'Next task') break;
      }
      if (round === 0) {
        await expect.poll(() => heading(projector)).toBe('Scoreboard');
        expect(await fits(projector)).toBe(true);
        await presenter.getByRole('button', { name: 'Next company' }).click();
      }
    }

    await expect.poll(() => heading(projector)).toBe('Final scores');
    expect(await fits(projector)).toBe(true);
    const podium = await projector.getByRole('list', { name: 'Podium' }).innerText();
    expect(podium).toContain(`Team 1\n${points[0]} points`);
    expect(await presenter.getByRole('button', { name: 'Previous' }).isDisabled()).toBe(true);
    await presenter.getByRole('button', { name: 'Every answer' }).click();
    await expect.poll(() => heading(projector)).toBe('Every answer');
    await presenter.getByRole('button', { name: 'Previous' }).click();
    await expect.poll(() => heading(projector)).toBe('Final scores');
    expect(await presenter.getByRole('button', { name: 'Previous' }).isDisabled()).toBe(true);

    const [csvDownload] = await Promise.all([
      presenter.waitForEvent('download'),
      presenter.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe(
      '"Company","Task","Answer","Team 1 answer","Team 1 points","Team 2 answer","Team 2 points","Team 3 answer","Team 3 points"',
    );
    expect(csv).toHaveLength(card + 2);
    expect(csv.at(-1)).toBe(`"Total","","","",${points[0]},"",${points[1]},"",${points[2]}`);

    await presenter.getByRole('button', { name: 'Copy results link' }).click();
    const link = await presenter.getByLabel('Results link (copied)').inputValue();
    const viewer = await (await app.browser.newContext()).newPage();
    await viewer.goto(link);
    expect(await heading(viewer)).toBe('Results of 3 teams');
    expect(await viewer.getByRole('row', { name: new RegExp(`^\\d+ Team 1 ${points[0]} of ${card}`) }).count()).toBe(1);

    await presenter.close();
    await expect.poll(() => projector.locator('.solo-bar').count(), { timeout: 6000 }).toBe(1);
    expect(errors).toEqual([]);
  });

  it('fits every projector screen at 1280×720 and runs from the keyboard alone', async () => {
    const page = await (
      await app.browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
    ).newPage();
    await page.goto(`${app.url}?mode=workshop`);
    await page.getByRole('button', { name: 'Start the workshop' }).waitFor();
    // A fresh profile: the workshop starts on its setup screen.
    await page.keyboard.press('Tab');
    for (
      let i = 0;
      i < 60 && !(await page.evaluate(() => document.activeElement?.textContent === 'Start the workshop'));
      i++
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const seen = new Set<string>();
    for (let step = 0; step < 80 && (await heading(page)) !== 'Final scores'; step++) {
      expect(
        await fits(page),
        `${await heading(page)}: ${await page.evaluate(() => [document.documentElement.scrollHeight, innerHeight])}`,
      ).toBe(true);
      seen.add((await page.locator('main section').first().getAttribute('class')) ?? '');
      if (await page.locator('.stage-card').count()) {
        await page.keyboard.press('2');
        await page.keyboard.press('m');
      }
      await page.keyboard.press('n');
    }
    expect(await fits(page)).toBe(true);
    await page.keyboard.press('ArrowRight');
    expect(await heading(page)).toBe('Every answer');
    expect(await fits(page)).toBe(true);
    await page.keyboard.press('?');
    expect(await page.getByRole('dialog', { name: 'Keyboard keys' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect([...seen].join(' ')).toMatch(/stage-card/);
  });
});
