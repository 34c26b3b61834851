import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, reachForControls, ready } from '../support/harness';

describeInBrowser('accessibility of every screen (axe-core, WCAG 2.2 AA)', (app) => {
  /** Checks the screen now showing and records its violations under a name. */
  async function check(page: Page, screen: string, found: Record<string, string[]>) {
    await ready(page);
    const violations = await axeViolations(page);
    if (violations.length) found[screen] = violations;
  }

  const next = (page: Page) =>
    page
      .getByRole('button', { name: /^Show the first task$|^Next|^See the round summary$|^See your results$/ })
      .first();

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`self-paced play, results and share page (${colorScheme})`, async () => {
      const context = await app.browser.newContext({ colorScheme, reducedMotion: 'reduce', bypassCSP: true });
      const page = await context.newPage();
      const found: Record<string, string[]> = {};
      await page.goto(app.url);
      await check(page, 'intro', found);
      const boxes = page.getByRole('checkbox');
      for (let i = 1; i < (await boxes.count()); i++) await boxes.nth(i).click();
      await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
      await page.getByRole('button', { name: 'Start playing' }).click();
      await check(page, 'round intro', found);
      await next(page).click();
      await check(page, 'answering', found);
      for (let step = 0; step < 60 && !(await page.getByText(/^Results$/).count()); step++) {
        if (await page.getByRole('heading', { name: 'Who does which part?' }).count()) {
          await check(page, 'choosing a split', found);
          await page.keyboard.press('1');
          await check(page, 'split revealed', found);
        } else if (
          await page
            .getByRole('group', { name: 'Who does this task?' })
            .getByRole('button', { disabled: false })
            .count()
        ) {
          await page.keyboard.press(step % 2 ? '2' : '3');
          await check(page, 'feedback', found);
        } else if (await page.getByText(/^Round summary$/).count()) {
          await check(page, 'round summary', found);
        }
        await next(page).click();
      }
      await page.getByText('QR code, for a phone in the room').click();
      await check(page, 'results', found);
      const link = await page.getByLabel('Link to your result').inputValue();
      await page.getByRole('button', { name: /^Replay the/ }).click();
      await check(page, 'replay intro', found);

      const viewer = await context.newPage();
      await viewer.goto(link);
      await check(viewer, 'share page', found);
      await viewer.goto(`${app.url}#r=broken`);
      await viewer.reload();
      await check(viewer, 'broken share link', found);
      await viewer.goto(app.url);
      await check(viewer, 'other tab', found);
      expect(found).toEqual({});
    });

    it(`workshop projector and presenter (${colorScheme})`, async () => {
      const context = await app.browser.newContext({
        colorScheme,
        reducedMotion: 'reduce',
        bypassCSP: true,
        viewport: { width: 1280, height: 720 },
      });
      const projector = await context.newPage();
      const found: Record<string, string[]> = {};
      await projector.goto(`${app.url}?mode=workshop`);
      await check(projector, 'workshop setup', found);
      await projector.getByRole('button', { name: 'Start the workshop' }).click();
      await check(projector, 'projector: story', found);
      await reachForControls(projector);
      await check(projector, 'projector: its controls', found);
      const [presenter] = await Promise.all([
        context.waitForEvent('page'),
        projector.getByRole('button', { name: 'Open presenter view' }).click(),
      ]);
      await check(presenter, 'presenter: story', found);
      await presenter.getByRole('button', { name: 'Show the first task' }).click();
      await presenter.getByRole('button', { name: 'Team 1: Both' }).click();
      await check(presenter, 'presenter: task', found);
      await check(projector, 'projector: task', found);
      await presenter.keyboard.press('?');
      await check(presenter, 'keys list', found);
      await presenter.keyboard.press('Escape');
      await presenter.getByRole('button', { name: 'Reveal the answer' }).click();
      await expect.poll(() => projector.locator('.stage-key').count()).toBe(1);
      await check(projector, 'projector: reveal', found);
      await check(presenter, 'presenter: reveal', found);
      for (
        let step = 0;
        step < 40 && (await projector.getByRole('heading', { level: 1 }).first().innerText()) !== 'Final scores';
        step++
      ) {
        if (await projector.getByRole('heading', { name: 'Scoreboard' }).count())
          await check(projector, 'projector: scoreboard', found);
        const shown = await projector.locator('main').innerText();
        await presenter.keyboard.press('n');
        await expect.poll(() => projector.locator('main').innerText()).not.toBe(shown);
      }
      await check(projector, 'projector: podium', found);
      await check(presenter, 'presenter: results', found);
      await projector.keyboard.press('ArrowRight');
      await check(projector, 'projector: every answer', found);
      expect(found).toEqual({});
    });
  }

  it('the pack form, with problems at their fields, and its YAML (light and dark)', async () => {
    const found: Record<string, string[]> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await app.browser.newContext({ colorScheme, reducedMotion: 'reduce', bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${app.url}#packs`);
      await page.getByRole('button', { name: 'Start from the template' }).click();
      await check(page, `pack form (${colorScheme})`, found);
      await page.getByRole('button', { name: 'Add a company' }).click();
      await page.getByRole('article', { name: 'Task 1' }).last().getByRole('radio', { name: 'Both' }).check();
      await page.getByRole('button', { name: 'Try it now' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('Company 2: give it a title').first().waitFor();
      await check(page, `pack form with problems (${colorScheme})`, found);
      await page.getByRole('tab', { name: 'YAML (Advanced)' }).click();
      await check(page, `pack YAML (${colorScheme})`, found);
      await context.close();
    }
    expect(found).toEqual({});
  });

  it('loses nothing at 320 px wide or zoomed to 200%, and keeps controls at least 44 px', async () => {
    for (const viewport of [
      { width: 320, height: 640 },
      { width: 640, height: 360 },
    ]) {
      const page = await (await app.browser.newContext({ viewport, reducedMotion: 'reduce' })).newPage();
      await page.goto(app.url);
      const problems: string[] = [];
      const inspect = async (screen: string) => {
        await ready(page);
        const result = await page.evaluate(() => ({
          wide: document.documentElement.scrollWidth > innerWidth,
          small: [...document.querySelectorAll<HTMLElement>('button, summary, .file-button, input[type=text]')]
            .filter(
              (el) =>
                el.offsetParent && (el.getBoundingClientRect().height < 44 || el.getBoundingClientRect().width < 44),
            )
            .map((el) => el.textContent?.trim() || el.getAttribute('aria-label') || el.tagName),
        }));
        if (result.wide) problems.push(`${screen} at ${viewport.width}px scrolls sideways`);
        if (result.small.length)
          problems.push(`${screen} at ${viewport.width}px has small controls: ${result.small.join(', ')}`);
      };
      await inspect('intro');
      await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
      await page.getByRole('button', { name: 'Start playing' }).click();
      await inspect('round intro');
      await page.getByRole('button', { name: 'Show the first task' }).click();
      await inspect('task');
      await page.keyboard.press('3');
      await inspect('feedback');
      await page.goto(`${app.url}?mode=workshop`);
      await inspect('workshop setup');
      expect(problems).toEqual([]);
    }
  });
});
