import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { otherBuilds } from '../../src/build/messages';
import { cacheVersion, filesIn, workerScript } from '../../src/build/serviceWorker';
import { buildApp } from '../../src/bench/browser';
import { describeInBrowser, ready } from '../support/harness';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** The files the English build's worker versions: its own, not its worker nor the other languages' builds in its folders. */
const ownFiles = (dir: string) =>
  filesIn(dir).filter(
    (file) => file.name !== 'sw.js' && !otherBuilds('en').some((folder) => file.name.startsWith(folder)),
  );

/** A copy of dist/ whose start-up module throws, under the same file names: a broken deploy. */
function brokenDeploy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'role-call-broken-'));
  cpSync('dist', dir, { recursive: true });
  const boot = readdirSync(join(dir, 'assets')).find((name) => /^boot-.*\.js$/.test(name))!;
  writeFileSync(join(dir, 'assets', boot), `throw new Error('broken deploy');\n`);
  writeFileSync(join(dir, 'sw.js'), workerScript(ownFiles(dir), otherBuilds('en')));
  return dir;
}

/** Each cache's files and a digest of what it holds, as the page's origin sees them. */
function cachesOf(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const all: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      if (!name.startsWith('role-call-')) continue;
      const cache = await caches.open(name);
      const entries = await Promise.all(
        (await cache.keys()).map(async (request) => {
          const body = await (await cache.match(request))!.arrayBuffer();
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
          return `${new URL(request.url).pathname} ${[...digest.slice(0, 6)].join('.')}`;
        }),
      );
      all[name] = entries.sort();
    }
    return all;
  });
}

describeInBrowser('updates in Chromium', (app) => {
  // A host whose files can be swapped for another deploy, as a real one's are.
  let root = 'dist';
  /** A deploy to make as the browser asks for the worker's script: after the page, before its worker. */
  let deployOnWorker: string | undefined;
  const server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://host').pathname).replace(/^\/+/, '') || 'index.html';
    if (path === 'sw.js' && deployOnWorker) [root, deployOnWorker] = [deployOnWorker, undefined];
    try {
      const body = readFileSync(join(root, path));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  let url = '';
  /** The next deploy: the app built again, none of its file names the same as dist/'s. */
  let next = '';
  beforeAll(async () => {
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    next = await buildApp(mkdtempSync(join(tmpdir(), 'role-call-next-')), {}, 'next');
  });

  /** Waits until a service worker is in charge of the page. */
  const controlled = (page: Page) =>
    page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
        );
    });

  /** Starts a game from the start screen, to its first task: the game's screens and its company load. */
  async function playFirstTask(page: Page) {
    await page.getByRole('button', { name: 'Start playing' }).click();
    await page.getByRole('button', { name: 'Show the first task' }).click();
    await page.getByRole('group', { name: 'Who does this task?' }).waitFor();
  }

  it('keeps a tab on the version it runs working after another tab takes an update, and tells it', async () => {
    root = 'dist';
    const context = await app.browser.newContext({ reducedMotion: 'reduce', serviceWorkers: 'allow' });
    const older = await context.newPage();
    await older.goto(url);
    await ready(older);
    await controlled(older);

    // The deploy removes every file of the first version from the host.
    root = next;
    await older.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await older.getByText('A new version of Role Call is ready.').waitFor();
    const other = await context.newPage();
    await other.goto(url);
    await ready(other);
    await other.getByRole('button', { name: 'Reload to update' }).click();
    await expect.poll(() => other.locator('script[type="module"]').getAttribute('src')).toMatch(/-next-/);
    await ready(other);
    // One tab plays at a time: closing the other gives this one the game back.
    await other.close();

    // The first tab still runs the first version, from its cache, and still says an update waits.
    expect(await older.locator('script[type="module"]').getAttribute('src')).not.toMatch(/-next-/);
    await playFirstTask(older);
    expect(await older.getByText('A new version of Role Call is ready.').count()).toBe(1);
    await older.getByRole('button', { name: 'Reload to update' }).click();
    await expect.poll(() => older.locator('script[type="module"]').getAttribute('src')).toMatch(/-next-/);
    await ready(older);
    // The game under way carries on in the new version.
    await older.getByRole('group', { name: 'Who does this task?' }).waitFor();
    await context.close();
  });

  it('ends a first visit during a deploy on a working page', async () => {
    root = 'dist';
    // The page and its start come from the first version; its worker, from the next.
    deployOnWorker = next;
    const context = await app.browser.newContext({ reducedMotion: 'reduce', serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    // The page may reload into the next version the moment the worker takes it over.
    await controlled(page).catch((error: Error) => {
      if (!/Execution context was destroyed/.test(error.message)) throw error;
    });
    expect(deployOnWorker).toBeUndefined();
    // Nothing more of the first version can load: the page reloads into the next by itself.
    await expect.poll(() => page.locator('script[type="module"]').getAttribute('src')).toMatch(/-next-/);
    await ready(page);
    await playFirstTask(page);
    await context.close();
  });
  afterAll(() => new Promise((closed) => server.close(closed)));

  it('installs a same-named deploy beside the running one, and goes back when it cannot start', async () => {
    root = 'dist';
    const context = await app.browser.newContext({ reducedMotion: 'reduce', serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
        );
    });
    const current = `role-call-${cacheVersion(ownFiles('dist'))}`;
    const running = await cachesOf(page);
    expect(Object.keys(running)).toEqual([current]);

    root = brokenDeploy();
    const next = `role-call-${cacheVersion(ownFiles(root))}`;
    expect(next).not.toBe(current);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await page.getByText('A new version of Role Call is ready.').waitFor();
    const both = await cachesOf(page);
    expect(Object.keys(both).sort()).toEqual([current, next].sort());
    expect(both[current]).toEqual(running[current]);
    expect(both[next]).not.toEqual(running[current]);

    // Until the learner asks for the update, reloading keeps the version that runs.
    await page.reload();
    await ready(page);
    let loads = 0;
    page.on('load', () => loads++);
    await page.getByRole('button', { name: 'Reload to update' }).click();
    // The new version loads and cannot start; the page goes back to the one that worked by itself.
    await expect.poll(() => loads, { timeout: 15_000 }).toBe(2);
    await ready(page);
    expect(await page.getByRole('button', { name: 'Start playing' }).count()).toBe(1);
    await page.reload();
    await ready(page);
    expect(await page.getByText('Role Call could not start').count()).toBe(0);
    expect((await cachesOf(page))[current]).toEqual(running[current]);
    await context.close();
  });
});
