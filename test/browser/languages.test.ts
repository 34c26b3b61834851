import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/build/messages';
import { loadBanks } from '../../src/core/loadBank';
import { startRoomServer } from '../../src/server/server';
import { axeViolations, describeInBrowser, reachForControls } from '../support/harness';
import { wordsIn } from '../support/words';

/** A browser set to each language, as its user's would be. */
const BROWSER_LOCALE: Record<Locale, string> = { en: 'en-US', de: 'de-DE', es: 'es-ES', fr: 'fr-FR' };
const PHONE = { width: 320, height: 568 };
const PROJECTOR = { width: 1920, height: 1080 };

/** Text wider than its box, or a page wider than the window: what a long German word does to a layout. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > innerWidth + 1)
      found.push(`the page is ${root.scrollWidth}px wide in a ${innerWidth}px window`);
    for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden' || style.textOverflow === 'ellipsis') continue;
      const text = [...element.childNodes].some((node) => node.nodeType === 3 && /\p{L}/u.test(node.textContent ?? ''));
      if (!text || element.clientWidth === 0 || element.closest('.visually-hidden')) continue;
      if (element.scrollWidth > element.clientWidth + 1)
        found.push(
          `${element.tagName.toLowerCase()}.${element.className}: "${element.textContent?.trim().slice(0, 40)}" needs ${element.scrollWidth}px in ${element.clientWidth}px`,
        );
    }
    return found;
  });
}

/** Which screen of a solo game shows, by what only that screen has (whatever the language). */
const SCREEN_OF = `(() => {
  const has = (selector) => document.querySelector(selector) !== null;
  if (has('#results-title')) return 'results';
  if (has('.confidence-choices')) return 'how sure';
  if (has('.role-choices:not(.answered)')) return 'task';
  if (has('.overlap-option')) return 'split';
  if (has('#overlap-title')) return 'split revealed';
  if (has('#summary-title')) return 'summary';
  if (has('#feedback-title')) return 'feedback';
  if (has('#round-title')) return 'story';
  if (has('#intro-title')) return 'start';
  return 'between';
})()`;
/** Waits until the game has moved on from the screen `from` to another, and says which. */
async function nextScreen(page: Page, from: string): Promise<string> {
  await page.waitForFunction(`!['between', ${JSON.stringify(from)}].includes(${SCREEN_OF})`);
  return page.evaluate(SCREEN_OF);
}

/** Answers a task by keyboard: a role by its number, and "fairly sure" if the game asks. */
async function answer(page: Page, role: string) {
  await page.keyboard.press(role);
  await page.locator('.confidence-choices, #feedback-title, .overlap-option').first().waitFor();
  if (await page.locator('.confidence-choices').count()) await page.keyboard.press('2');
  await page.locator('#feedback-title, .overlap-option').first().waitFor();
}

/** Opens the app as a browser in `locale` would: at the root, sent on to that language's build. */
async function openIn(browser: Browser, url: string, locale: Locale, viewport = PHONE, path = '') {
  const context = await browser.newContext({
    locale: BROWSER_LOCALE[locale],
    viewport,
    reducedMotion: 'reduce',
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.goto(url + path);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  return { context, page };
}

describeInBrowser('the game in four languages', (app) => {
  it('opens in the browser’s language, keeps a language chosen, and switches from the picker', async () => {
    const german = await openIn(app.browser, app.url, 'de', PHONE, '#packs');
    expect(new URL(german.page.url()).pathname).toMatch(/\/de\/$/);
    expect(new URL(german.page.url()).hash).toBe('#packs');
    await german.page.goto(new URL('./de/', app.url).href);
    const de = wordsIn('de');
    await german.page.getByLabel(de('app_language')).selectOption('fr');
    await german.page.waitForFunction(() => document.documentElement.lang === 'fr');
    expect(new URL(german.page.url()).pathname).toMatch(/\/fr\/$/);
    // The choice is kept: the root sends this German browser to French now.
    await german.page.goto(app.url);
    await german.page.waitForFunction(() => document.documentElement.lang === 'fr');
    await german.page.getByLabel(wordsIn('fr')('app_language')).selectOption('en');
    await german.page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(new URL(german.page.url()).pathname).not.toMatch(/\/(de|es|fr)\/$/);
    await german.context.close();
    // A browser in a language Role Call does not speak gets English.
    const other = await app.browser.newContext({ locale: 'ja-JP' });
    const page = await other.newPage();
    await page.goto(app.url);
    await page.locator('main[data-ready]').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await other.close();
  });

  it.each(LOCALES)(
    'plays a whole game by keyboard in %s, every screen fitting a 320 px phone, axe clean',
    async (locale) => {
      const { context, page } = await openIn(app.browser, app.url, locale);
      const problems: string[] = [];
      const looked = new Set<string>();
      const look = async (screen: string) => {
        problems.push(...(await overflowing(page)).map((line) => `${screen}: ${line}`));
        if (!looked.has(screen)) problems.push(...(await axeViolations(page)).map((line) => `${screen}: ${line}`));
        looked.add(screen);
      };
      await page.locator('main[data-ready]').waitFor();
      await look('start');
      const quick = page.locator('.hero-actions button').first();
      for (let tab = 0; tab < 20 && !(await quick.evaluate((button) => button === document.activeElement)); tab++)
        await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      // A role by its number (the three in turn), how sure, a split; Enter on every other screen.
      const keys: Record<string, string> = { 'how sure': '2', split: '1' };
      let screen = await nextScreen(page, 'start');
      for (let step = 0; screen !== 'results' && step < 120; step++) {
        await look(screen);
        await page.keyboard.press(screen === 'task' ? String((step % 3) + 1) : (keys[screen] ?? 'Enter'));
        screen = await nextScreen(page, screen);
      }
      await look('results');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each(LOCALES)('fits the start screen, a task and its feedback on a projector in %s', async (locale) => {
    const { context, page } = await openIn(app.browser, app.url, locale, PROJECTOR);
    await page.locator('main[data-ready]').waitFor();
    const problems = [...(await overflowing(page))];
    await page.locator('.hero-actions button').first().click();
    await page.locator('#round-title').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#task-title').waitFor();
    problems.push(...(await overflowing(page)));
    await answer(page, '3');
    problems.push(...(await overflowing(page)));
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each(LOCALES)('fits workshop setup on a projector and a phone’s first screen in %s, axe clean', async (locale) => {
    const problems: string[] = [];
    for (const [path, viewport] of [
      ['?mode=workshop', PROJECTOR],
      ['?mode=workshop', { width: 1280, height: 720 }],
      ['?join', PHONE],
    ] as const) {
      const { context, page } = await openIn(app.browser, app.url, locale, viewport, path);
      await page.locator('h1').first().waitFor();
      problems.push(...(await overflowing(page)).map((line) => `${path} ${viewport.width}: ${line}`));
      if (viewport.width !== 1280) problems.push(...(await axeViolations(page)).map((line) => `${path}: ${line}`));
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it('lays out right to left with nothing overflowing: the start screen, a task and its feedback', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      const context = await app.browser.newContext({ viewport, reducedMotion: 'reduce' });
      await context.addInitScript(() =>
        document.addEventListener('DOMContentLoaded', () => document.documentElement.setAttribute('dir', 'rtl')),
      );
      const page = await context.newPage();
      await page.goto(app.url);
      await page.locator('main[data-ready]').waitFor();
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
      const problems = [...(await overflowing(page))];
      await page.locator('.hero-actions button').first().click();
      await page.locator('#round-title').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('#task-title').waitFor();
      problems.push(...(await overflowing(page)));
      await answer(page, '2');
      problems.push(...(await overflowing(page)));
      expect(problems, `${viewport.width}px`).toEqual([]);
      await context.close();
    }
  });
});

/** The room server, serving the built app as `npm start` does. */
async function roomServer() {
  const codesFile = join(mkdtempSync(join(tmpdir(), 'role-call-codes-')), 'codes.json');
  const server = await startRoomServer({
    port: 0,
    questionsDir: 'questions',
    staticDir: 'dist',
    codesFile,
    quiet: true,
  });
  return { url: `http://127.0.0.1:${server.port}/`, close: () => server.close() };
}
const banks = loadBanks('questions');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeInBrowser(
  'a workshop in two languages',
  (app) => {
    it.each([
      { facilitator: 'en', player: 'de' },
      { facilitator: 'de', player: 'en' },
    ] as const)(
      'shows a $player phone its own buttons and the tasks in the $facilitator facilitator’s language',
      async ({ facilitator, player }) => {
        const host = wordsIn(facilitator);
        const guest = wordsIn(player);
        const { context, page: projector } = await openIn(
          app.browser,
          app.url,
          facilitator,
          PROJECTOR,
          '?mode=workshop',
        );
        const teams = host('workshop_setup_phones_teams').split(/[:：]/)[0]!;
        await projector.getByRole('radio', { name: new RegExp(`^${escape(teams)}`) }).check();
        await projector.getByRole('button', { name: host('workshop_setup_start') }).click();
        await projector.locator('.lobby-code').waitFor();
        const code = (await projector.locator('.lobby-code').innerText()).replace(/\s/g, '');

        const { context: phoneContext, page: phone } = await openIn(
          app.browser,
          app.url,
          player,
          PHONE,
          `?join=${code}`,
        );
        await phone.getByLabel(guest('phone_join_name')).fill('Ada');
        await phone.getByRole('radio').first().check();
        await phone.getByRole('button', { name: guest('phone_join_submit') }).click();
        await projector.locator('.lobby-names li', { hasText: 'Ada' }).waitFor();

        await reachForControls(projector);
        const [presenter] = await Promise.all([
          context.waitForEvent('page'),
          projector.getByRole('button', { name: host('workshop_controls_presenter') }).click(),
        ]);
        await presenter.getByRole('button', { name: host('workshop_view_next_lobby') }).click();
        await presenter.getByRole('button', { name: host('workshop_view_next_first') }).click();

        const task = await phone.locator('#task-title').innerText();
        const tasks = (language: 'en' | 'de') =>
          banks[language]!.scenarios.flatMap((scenario) => scenario.cards.map((card) => card.task));
        expect(tasks(facilitator)).toContain(task);
        expect(tasks(player)).not.toContain(task);
        expect(await phone.evaluate(() => document.documentElement.lang)).toBe(player);
        // A long German role name may carry soft hyphens, where it breaks in a narrow tile.
        const role = escape(guest('core_role_pm').replaceAll('\u00ad', '')).split('').join('\u00ad?');
        await phone.getByRole('button', { name: new RegExp(`^${role}`) }).waitFor();
        expect(await projector.evaluate(() => document.documentElement.lang)).toBe(facilitator);
        await phoneContext.close();
        await context.close();
      },
    );
  },
  roomServer,
);
