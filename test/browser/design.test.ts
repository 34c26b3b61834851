import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, reachForControls } from '../support/harness';

/** Whether an element's box lies wholly inside the viewport. */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  return (
    !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width
  );
}

describeInBrowser('the feel of play in Chromium', (app) => {
  const sizes = [
    { name: 'a laptop', viewport: { width: 1280, height: 800 }, touch: false },
    { name: 'a phone', viewport: { width: 375, height: 667 }, touch: true },
  ];

  it.each(sizes)('keeps the answer loop on one screen on $name, and Enter continues', async ({ viewport, touch }) => {
    const context = await app.browser.newContext({ viewport, hasTouch: touch, isMobile: touch });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('main[data-ready]').waitFor();
    const quick = page.getByRole('button', { name: /^Quick start/ });
    expect(await inView(page, quick), 'the start screen starts above the fold').toBe(true);
    await quick.click();
    await page.getByRole('button', { name: 'Show the first task' }).click();
    for (let task = 0; task < 6; task++) {
      await page.getByRole('button', { name: /^Product marketing/ }).click();
      const sure = page.getByRole('button', { name: /^Fairly sure/ });
      expect(await inView(page, sure), `how sure, on task ${task + 1}`).toBe(true);
      await sure.click();
      const verdict = page.locator('#feedback-title');
      const next = page.locator('.feedback .continue-bar button');
      await verdict.waitFor();
      // The feedback scrolls into view on a small phone: poll until it settles.
      await expect.poll(() => inView(page, next), { message: `continue on task ${task + 1}` }).toBe(true);
      expect(await inView(page, verdict), `verdict on task ${task + 1}`).toBe(true);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('feedback-title');
      await page.keyboard.press('Enter');
      if (await page.getByRole('heading', { name: 'Who does which part?' }).count()) {
        await page.locator('.overlap-option').first().click();
        const split = page.locator('#overlap-title');
        // The revealed split slides in: poll until it settles (slow on a busy machine).
        await expect.poll(() => inView(page, split)).toBe(true);
        await expect.poll(() => inView(page, page.locator('.overlap .continue-bar button'))).toBe(true);
        await page.keyboard.press('Enter');
      }
      await page.locator('#task-title').waitFor();
    }
    await context.close();
  });

  it('asks how sure after each role, marks it, and shows how well placed the confidence was', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: /^Quick start/ }).click();
    await page.getByRole('button', { name: 'Show the first task' }).click();
    const marks: string[] = [];
    for (let step = 0; step < 40 && !(await page.getByRole('heading', { name: /^You scored/ }).count()); step++) {
      if (await page.locator('#task-title').count()) {
        await page.keyboard.press('1');
        await page.getByRole('group', { name: /How sure are you that this is product management/ }).waitFor();
        await page.keyboard.press('3');
        await page.locator('#feedback-title').waitFor();
        marks.push(await page.locator('.cbm-mark').innerText());
        await page.keyboard.press('Enter');
      }
      if (await page.getByRole('heading', { name: 'Who does which part?' }).count()) {
        await page.keyboard.press('1');
        await page.keyboard.press('Enter');
      }
    }
    expect(marks.length).toBeGreaterThan(3);
    // One minus sign: −6, never a hyphen.
    expect(marks.every((mark) => /^(\+3 marks|\u22126 marks) · certain$/.test(mark.trim()))).toBe(true);
    expect(await page.getByRole('heading', { name: /^How sure you were/ }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Certain, and wrong: look at these again' }).count()).toBe(1);
    await context.close();
  });

  it('shows no key hints on a touch screen, and keeps them for a keyboard', async () => {
    const phone = await app.browser.newContext({
      viewport: { width: 375, height: 667 },
      hasTouch: true,
      isMobile: true,
    });
    const laptop = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    for (const [context, shown] of [
      [phone, false],
      [laptop, true],
    ] as const) {
      const page = await context.newPage();
      await page.goto(app.url);
      await page.getByRole('button', { name: /^Quick start/ }).click();
      await page.getByRole('button', { name: 'Show the first task' }).click();
      expect(await page.locator('.keys-hint').isVisible()).toBe(shown);
      expect(await page.locator('.role-choice kbd').first().isVisible()).toBe(shown);
      await context.close();
    }
  });

  it('moves to explain change, and not at all under reduced motion', async () => {
    const animations = async (reducedMotion: 'reduce' | 'no-preference') => {
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.getByRole('button', { name: /^Quick start/ }).click();
      await page.getByRole('button', { name: 'Show the first task' }).click();
      await page.getByRole('button', { name: /^Product management/ }).click();
      await page.getByRole('button', { name: /^Certain/ }).click();
      await page.locator('#feedback-title').waitFor();
      const running = await page.evaluate(() => document.getAnimations().length);
      await context.close();
      return running;
    };
    expect(await animations('no-preference')).toBeGreaterThan(0);
    expect(await animations('reduce')).toBe(0);
  });
});

describeInBrowser('a projector that carries a room, in Chromium', (app) => {
  it('counts the spread over every team, fills the screen with the podium, and asks before a new workshop', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${app.url}?mode=workshop`);
    await page.getByRole('button', { name: 'Start the workshop' }).click();
    await page.keyboard.press('n');
    // Three teams, three different answers.
    for (const keys of ['1p', '2m', '3b']) for (const key of keys) await page.keyboard.press(key);
    await expect.poll(() => page.locator('.team-chips li.answered').count()).toBe(3);
    await page.keyboard.press('r');
    const room = page.getByRole('list', { name: 'How the room answered' });
    const shares = await room
      .getByRole('listitem')
      .evaluateAll((choices) => choices.map((choice) => (choice as HTMLElement).style.getPropertyValue('--share')));
    expect(shares.map((share) => Math.round(parseFloat(share)))).toEqual([33, 33, 33]);
    expect(await room.innerText()).toMatch(/^1 team/m);

    for (let step = 0; step < 80 && !(await page.locator('.stage-final').count()); step++)
      await page.keyboard.press('n');
    const podium = await page.locator('.podium').boundingBox();
    expect(podium!.height).toBeGreaterThan(1080 * 0.5);
    expect(podium!.width).toBeGreaterThan(1920 * 0.8);

    await reachForControls(page);
    await page.getByRole('button', { name: 'New workshop…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a new workshop?' });
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Download CSV' }).isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.stage-final').count()).toBe(1);
    await page.getByRole('button', { name: 'New workshop…' }).click();
    await dialog.getByRole('button', { name: 'Start a new workshop' }).click();
    await page.getByRole('button', { name: 'Start the workshop' }).waitFor();
    await context.close();
  });
});
