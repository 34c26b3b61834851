import { expect, it } from 'vitest';
import { describeInBrowser, ready } from '../support/harness';

describeInBrowser('offline in Chromium', (app) => {
  it('after one visit, starts, plays a round and opens a result link with no network', async () => {
    const context = await app.browser.newContext({ reducedMotion: 'reduce', serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(app.url);
    await ready(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
        );
    });

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Start playing' }).waitFor();
    const boxes = page.getByRole('checkbox');
    for (let i = 1; i < (await boxes.count()); i++) await boxes.nth(i).click();
    await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await page.getByRole('button', { name: 'Start playing' }).click();
    await page.getByRole('button', { name: 'Show the first task' }).click();
    // One company: its last task leads to the results.
    for (let step = 0; step < 60 && !(await page.getByRole('heading', { name: /^You scored/ }).count()); step++) {
      if (await page.getByRole('heading', { name: 'Who does which part?' }).count()) await page.keyboard.press('2');
      else if (
        await page.getByRole('group', { name: 'Who does this task?' }).getByRole('button', { disabled: false }).count()
      )
        await page.keyboard.press('1');
      else
        await page
          .getByRole('button', { name: /^Next|^See your results$/ })
          .first()
          .click();
    }
    const link = await page.getByLabel('Link to your result').inputValue();

    const viewer = await context.newPage();
    await viewer.goto(link);
    expect(await viewer.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Someone scored \d+ of \d+ points/);
    await viewer.goto(`${app.url}?mode=workshop`);
    expect(await viewer.getByRole('heading', { level: 1 }).innerText()).toBe('Run a workshop');
  });
});
