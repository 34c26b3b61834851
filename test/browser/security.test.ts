import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, ready } from '../support/harness';

describeInBrowser('security in Chromium', (app) => {
  it('runs every flow under its Content-Security-Policy, asking only its own origin', async () => {
    const context = await app.browser.newContext({
      reducedMotion: 'reduce',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const origin = new URL(app.url).origin;
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    // Record any policy violation, and any failure, in every page of the context.
    await context.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
      addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const errors: string[] = [];
    const violations = (page: Page) =>
      page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    const track = (page: Page) => page.on('pageerror', (error) => errors.push(error.message));

    const page = await context.newPage();
    track(page);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Start playing' }).waitFor();
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toMatch(
      /script-src 'self';.*object-src 'none'; base-uri 'none'/,
    );
    const boxes = page.getByRole('checkbox');
    for (let i = 1; i < (await boxes.count()); i++) await boxes.nth(i).click();
    await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await page.getByRole('button', { name: 'Start playing' }).click();
    for (let step = 0; step < 60 && !(await page.getByText(/^Results$/).count()); step++) {
      if (await page.getByRole('heading', { name: 'Who does which part?' }).count()) await page.keyboard.press('1');
      else if (
        await page.getByRole('group', { name: 'Who does this task?' }).getByRole('button', { disabled: false }).count()
      )
        await page.keyboard.press('2');
      else
        await page
          .getByRole('button', { name: /^Show the first task$|^Next|^See the round summary$|^See your results$/ })
          .first()
          .click();
    }
    await page.getByRole('button', { name: 'Share result' }).click();
    await page.getByText('QR code, for a phone in the room').click();
    await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download result card' }).click(),
    ]);
    const link = await page.getByLabel('Link to your result').inputValue();
    await page.getByRole('button', { name: 'Choose other companies' }).click();
    await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
    expect(await violations(page)).toEqual([]);

    const viewer = await context.newPage();
    track(viewer);
    await viewer.goto(link);
    await ready(viewer);
    expect(await violations(viewer)).toEqual([]);

    const projector = await context.newPage();
    track(projector);
    await projector.goto(`${app.url}?mode=workshop`);
    await projector.getByRole('button', { name: 'Start the workshop' }).click();
    const [presenter] = await Promise.all([
      context.waitForEvent('page'),
      projector.getByRole('button', { name: 'Open presenter view' }).click(),
    ]);
    track(presenter);
    await presenter.getByRole('button', { name: 'Show the first task' }).click();
    await presenter.getByRole('button', { name: 'Reveal the answer' }).click();
    await expect.poll(() => projector.locator('.stage-key').count()).toBe(1);
    expect(await violations(projector)).toEqual([]);
    expect(await violations(presenter)).toEqual([]);

    const foreign = requests.filter(
      (url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'),
    );
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(3);
    expect(errors).toEqual([]);
  });
});
