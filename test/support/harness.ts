import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, missingBrowser, serveBuiltApp } from '../../src/bench/browser';

export { launchBrowser, missingBrowser, serveBuiltApp };

/** Hosts a test may reach: its own servers on this machine, and nothing else. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Watches every context the browser makes for what no page of the app may do: a request to a
 * host other than this machine (a CDN, an analytics beacon), or anything its Content-Security-
 * Policy blocks (unless the context bypasses the policy, to inject axe). What it sees goes into
 * `problems`, which each test must leave empty. Each context joins `made`, to be closed.
 */
function watch(browser: Browser, problems: string[], made: BrowserContext[]): Browser {
  const newContext = browser.newContext.bind(browser);
  const watched = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
    // A browser in English unless a test says otherwise: the page goes to the browser's language.
    // No service worker unless a test asks for one: each page's worker would precache the whole
    // app again, work only the tests of offline play and updates are about.
    const context = await newContext({ locale: 'en-US', serviceWorkers: 'block', ...args[0] });
    made.push(context);
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (/^https?:$|^wss?:$/.test(url.protocol) && !LOOPBACK.has(url.hostname))
        problems.push(`a request to another host: ${url.origin}`);
    });
    if (!args[0]?.bypassCSP) {
      await context.exposeBinding('__policyViolation', (_source, text: string) => problems.push(`policy: ${text}`));
      await context.addInitScript(() =>
        addEventListener('securitypolicyviolation', (event) =>
          (window as unknown as { __policyViolation(text: string): void }).__policyViolation(
            `${event.violatedDirective} blocked ${event.blockedURI} on ${location.pathname}${location.search}`,
          ),
        ),
      );
    }
    return context;
  };
  browser.newContext = watched;
  browser.newPage = async (options) => (await watched(options)).newPage();
  return browser;
}

/**
 * A describe block that runs against the built app in Chromium: the app is served and the
 * browser launched once for the block. With no Chromium the block says why and is skipped,
 * except under CI=true, where it fails. Every page it opens runs watched: after each test,
 * nothing may have asked another host or broken the page's Content-Security-Policy. The
 * contexts a test opens close after it (those of a `beforeAll` stay for the block): a page left
 * open keeps drawing, and slows every test after it.
 */
export function describeInBrowser(
  name: string,
  body: (app: { browser: Browser; url: string }) => void,
  /** What serves the built app; by default a static server, as any host would. */
  serve: () => Promise<{ url: string; close: () => Promise<void> }> = serveBuiltApp,
): void {
  if (missingBrowser) {
    describe(name, () => {
      if (process.env.CI === 'true') it('needs Chromium under CI', () => expect.fail(missingBrowser));
      else it.skip(`needs Chromium. ${missingBrowser}`, () => undefined);
    });
    if (process.env.CI !== 'true') console.warn(`Skipping "${name}". ${missingBrowser}`);
    return;
  }
  describe(name, () => {
    const app = {} as { browser: Browser; url: string };
    let server: Awaited<ReturnType<typeof serve>> | undefined;
    const problems: string[] = [];
    const made: BrowserContext[] = [];
    beforeAll(async () => {
      server = await serve();
      app.url = server.url;
      app.browser = watch(await launchBrowser(), problems, made);
    });
    beforeEach(() => void made.splice(0));
    afterEach(async () => {
      await Promise.all(made.splice(0).map((context) => context.close()));
      expect(problems.splice(0), 'requests to other hosts and policy violations').toEqual([]);
    });
    afterAll(async () => {
      await app.browser?.close();
      await server?.close();
    });
    body(app);
  });
}

/*
 * The app creates its database with its first save, and never on a first visit's start screen,
 * so these helpers create nothing when it is missing (that would leave a database the app did
 * not make) and close their connection (an open one would block the app's own upgrade).
 */

/** Reads the saved progress envelope straight from the page's IndexedDB (as the app stores it). */
export function readSaved(page: Page, key = 'progress'): Promise<{ savedAt?: string; data?: unknown } | null> {
  return page.evaluate(async (key) => {
    if (!(await indexedDB.databases()).some((database) => database.name === 'role-call')) return null;
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('role-call');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('progress')) {
          db.close();
          return resolve(null);
        }
        const get = db.transaction('progress').objectStore('progress').get(key);
        get.onsuccess = () => resolve(get.result ?? null);
        get.onerror = () => reject(get.error);
        db.close();
      };
    });
  }, key);
}

/** Writes a raw value where the app keeps its progress, as a damaged database would hold it. */
export function writeSaved(page: Page, value: unknown, key = 'progress'): Promise<void> {
  return page.evaluate(
    ({ key, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('role-call');
        // Before the app's first save there is no database yet: make it as localforage would.
        open.onupgradeneeded = () => open.result.createObjectStore('progress');
        open.onsuccess = () => {
          const tx = open.result.transaction('progress', 'readwrite');
          tx.objectStore('progress').put(value, key);
          tx.oncomplete = () => resolve(open.result.close());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { key, value },
  );
}

/** Lists the keys in the app's store. */
export function savedKeys(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((database) => database.name === 'role-call')) return [];
    return new Promise<string[]>((resolve) => {
      const open = indexedDB.open('role-call');
      open.onsuccess = () => {
        const keys = open.result.transaction('progress').objectStore('progress').getAllKeys();
        keys.onsuccess = () => resolve(keys.result.map(String));
        open.result.close();
      };
    });
  });
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** WCAG 2.0, 2.1 and 2.2 A and AA violations on the page as it is now, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
      // Only the violations are read: axe skips building the rest of its report.
      resultTypes: ['violations'],
    });
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
  });
}

/** Waits until the app itself (not just the start screen shown while it loads) is on the page. */
export async function ready(page: Page): Promise<void> {
  await page.locator('main[data-ready]').waitFor();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/**
 * Moves the pointer to the foot of a projector window, as a facilitator reaching for the
 * controls does: the bar the room does not see comes up, and stays while the pointer rests there.
 */
export async function reachForControls(page: Page): Promise<void> {
  const { width, height } = page.viewportSize()!;
  await page.mouse.move(width / 2 - 1, height - 10);
  await page.mouse.move(width / 2, height - 10);
  await page.locator('.solo-bar.awake').waitFor();
}

/**
 * Records every long task (over 50 ms) of the pages of a context from their first script on;
 * `longestTask` reads the longest so far. A tab whose longest task stays under 200 ms answers
 * a click at once.
 */
export async function watchLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: number[] = ((window as unknown as { __longTasks: number[] }).__longTasks = []);
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => seen.push(entry.duration))).observe({
      type: 'longtask',
      buffered: true,
    });
  });
}

/** The longest task of the page so far, in ms (0 when none took over 50 ms). */
export const longestTask = (page: Page): Promise<number> =>
  page.evaluate(() => Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks));
