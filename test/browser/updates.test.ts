import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cacheVersion, filesIn, workerScript } from '../../src/build/serviceWorker';
import { describeInBrowser, ready } from '../support/harness';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** A copy of dist/ whose start-up module throws, under the same file names: a broken deploy. */
function brokenDeploy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'role-call-broken-'));
  cpSync('dist', dir, { recursive: true });
  const boot = readdirSync(join(dir, 'assets')).find((name) => /^boot-.*\.js$/.test(name))!;
  writeFileSync(join(dir, 'assets', boot), `throw new Error('broken deploy');\n`);
  const files = filesIn(dir).filter((file) => file.name !== 'sw.js');
  writeFileSync(join(dir, 'sw.js'), workerScript(files));
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
  const server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://host').pathname).replace(/^\/+/, '') || 'index.html';
    try {
      const body = readFileSync(join(root, path));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((closed) => server.close(closed)));

  it('installs a same-named deploy beside the running one, and goes back when it cannot start', async () => {
    const context = await app.browser.newContext({ reducedMotion: 'reduce' });
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
    const current = `role-call-${cacheVersion(filesIn('dist').filter((file) => file.name !== 'sw.js'))}`;
    const running = await cachesOf(page);
    expect(Object.keys(running)).toEqual([current]);

    root = brokenDeploy();
    const next = `role-call-${cacheVersion(filesIn(root).filter((file) => file.name !== 'sw.js'))}`;
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
