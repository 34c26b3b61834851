import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, readSaved, ready } from '../support/harness';

describeInBrowser('tabs in a browser without Web Locks', (app) => {
  /**
   * A context whose pages have no Web Locks (and, with `channel: false`, no BroadcastChannel),
   * counting every write each page makes to IndexedDB.
   */
  async function contextWithout({ channel }: { channel: boolean }) {
    const context = await app.browser.newContext({ reducedMotion: 'reduce' });
    await context.addInitScript((channel: boolean) => {
      Reflect.deleteProperty(Navigator.prototype, 'locks');
      if (!channel) Reflect.deleteProperty(window, 'BroadcastChannel');
      const counter = { writes: 0 };
      Object.assign(window, { counter });
      for (const name of ['put', 'add', 'delete', 'clear'] as const) {
        const original = IDBObjectStore.prototype[name] as (...args: unknown[]) => IDBRequest;
        Object.assign(IDBObjectStore.prototype, {
          [name](this: IDBObjectStore, ...args: unknown[]) {
            counter.writes++;
            return original.apply(this, args);
          },
        });
      }
    }, channel);
    return context;
  }

  async function open(context: BrowserContext) {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(app.url);
    await ready(page);
    return { page, errors };
  }

  const writes = (page: Page) =>
    page.evaluate(() => (window as unknown as { counter: { writes: number } }).counter.writes);
  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();
  const screenText = (page: Page) => page.locator('main').innerText();

  /** Does something, then waits until the app has saved the change. */
  async function act(page: Page, action: () => Promise<unknown>) {
    const before = (await readSaved(page))?.savedAt;
    await action();
    await expect.poll(async () => (await readSaved(page))?.savedAt).not.toBe(before);
  }

  it('lets one of two tabs play, keeps the other from ever writing, and hands over', async () => {
    const context = await contextWithout({ channel: true });
    const first = await open(context);
    expect(await first.page.evaluate(() => ['locks' in navigator, 'BroadcastChannel' in window])).toEqual([
      false,
      true,
    ]);
    await first.page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await act(first.page, () => first.page.getByRole('button', { name: 'Start playing' }).click());
    await act(first.page, () => first.page.getByRole('button', { name: 'Show the first task' }).click());

    const second = await open(context);
    expect(await heading(second.page)).toBe('Role Call is open in another tab');
    await act(first.page, () => first.page.keyboard.press('2'));
    const saved = await readSaved(first.page);
    await second.page.reload();
    await ready(second.page);
    expect(await heading(second.page)).toBe('Role Call is open in another tab');
    expect(await readSaved(second.page)).toEqual(saved);
    expect(await writes(second.page)).toBe(0);
    expect(await writes(first.page)).toBeGreaterThan(0);

    const screen = await screenText(first.page);
    await second.page.getByRole('button', { name: 'Play in this tab instead' }).click();
    // The tab starts over from storage, loading the game's questions on the way.
    await expect.poll(() => screenText(second.page), { timeout: 5000 }).toBe(screen);
    await expect.poll(() => heading(first.page)).toBe('You carried on in another tab');
    const firstWrites = await writes(first.page);
    await act(second.page, () => second.page.getByRole('button', { name: /^Next/ }).first().click());
    expect(await writes(first.page)).toBe(firstWrites);

    // The playing tab closes: the other one takes over at once, with everything it saved.
    const moved = await screenText(second.page);
    await second.page.close();
    await first.page.getByRole('button', { name: 'Play in this tab instead' }).click();
    await expect.poll(() => screenText(first.page), { timeout: 5000 }).toBe(moved);
    expect([...first.errors, ...second.errors]).toEqual([]);
    await context.close();
  });

  it('plays without saving, and says so, when the browser cannot reach other tabs either', async () => {
    const context = await contextWithout({ channel: false });
    const { page, errors } = await open(context);
    expect(await page.getByRole('status', { name: 'Notices' }).innerText()).toContain(
      'This browser cannot tell whether Role Call is open in another tab, so this tab does not save your progress.',
    );
    await page.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
    await page.getByRole('button', { name: 'Start playing' }).click();
    await page.getByRole('button', { name: 'Show the first task' }).click();
    await page.keyboard.press('1');
    expect(await page.getByRole('heading', { level: 2 }).innerText()).toMatch(/Right|Not quite/);
    expect(await readSaved(page)).toBeNull();
    expect(await writes(page)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
