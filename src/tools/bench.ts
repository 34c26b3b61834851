import type { Page } from 'playwright-core';
import { launchBrowser, missingBrowser, serveBuiltApp } from './browser';
import { FIRST_SCREEN_BUDGET, firstScreenFiles, sizes } from './budget';

/**
 * `npm run bench`: what the first screen costs to download, and how fast the built app feels
 * in Chromium with the CPU slowed 4×. Prints figures; it is not a test and has no time limit.
 */

const RUNS = 5;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const files = sizes('dist', firstScreenFiles('dist'));
console.log('First screen downloads (dist/):');
for (const f of files)
  console.log(
    `  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(9)} raw ${kb(f.gzip).padStart(9)} gzip ${kb(f.brotli).padStart(9)} brotli`,
  );
const total = (key: 'bytes' | 'gzip' | 'brotli') => files.reduce((sum, f) => sum + f[key], 0);
console.log(
  `  ${'total'.padEnd(40)} ${kb(total('bytes')).padStart(9)} raw ${kb(total('gzip')).padStart(9)} gzip ${kb(total('brotli')).padStart(9)} brotli`,
);
console.log(`  budget checked in npm test: ${kb(FIRST_SCREEN_BUDGET)} gzip`);

if (missingBrowser) {
  console.log(`\nTimings skipped: ${missingBrowser}`);
  process.exit(0);
}

/** One cold load: first paint, start screen, first task ready to answer, and the slowest answer. */
async function run(page: Page, url: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // Note when the start screen's heading first appears, before the rest of the app has loaded.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('h1')) return;
      (window as unknown as { shownAt: number }).shownAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.getByRole('button', { name: 'Start playing' }).waitFor();
  const startScreen = await page.evaluate(() => performance.now());
  const shown = await page.evaluate(() => (window as unknown as { shownAt: number }).shownAt);
  await page.getByRole('button', { name: 'Start playing' }).click();
  await page.getByRole('button', { name: 'Show the first task' }).click();
  await page.getByRole('group', { name: 'Who does this task?' }).waitFor();
  const firstCard = await page.evaluate(() => performance.now());
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  let slowest = 0;
  for (let card = 0; card < 8; card++) {
    // Click an answer, then wait for two frames: the feedback has been painted by then.
    const ms = await page.evaluate(async () => {
      const role = document.querySelector<HTMLButtonElement>('.role-choice:not(:disabled)');
      if (!role) return -1;
      let start = performance.now();
      role.click();
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      // A game that asks how sure the learner is judges on the second click: time that one.
      const sure = document.querySelector<HTMLButtonElement>('.confidence-choice');
      if (sure) {
        start = performance.now();
        sure.click();
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      }
      return document.querySelector('.feedback') ? performance.now() - start : -1;
    });
    if (ms < 0) break;
    slowest = Math.max(slowest, ms);
    await page
      .getByRole('button', { name: /^Next|^See the round summary/ })
      .first()
      .click();
    if (await page.getByRole('heading', { name: 'Who does which part?' }).count()) {
      await page.keyboard.press('1');
      await page.getByRole('button', { name: /^Next task|^See the round summary/ }).click();
    }
    if (!(await page.getByRole('group', { name: 'Who does this task?' }).count())) break;
  }
  return { fcp, shown, startScreen, firstCard, slowest };
}

const server = await serveBuiltApp();
const browser = await launchBrowser();
const results = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  results.push(await run(await context.newPage(), server.url));
  await context.close();
}
await browser.close();
await server.close();
console.log(`\nChromium, CPU slowed 4×, median of ${RUNS} cold loads:`);
console.log(`  first contentful paint:                 ${median(results.map((r) => r.fcp)).toFixed(0)} ms`);
console.log(`  start screen shown:                     ${median(results.map((r) => r.shown)).toFixed(0)} ms`);
console.log(`  start screen ready to use:              ${median(results.map((r) => r.startScreen)).toFixed(0)} ms`);
console.log(`  first task ready (with two clicks):     ${median(results.map((r) => r.firstCard)).toFixed(0)} ms`);
console.log(`  slowest answer click to painted feedback: ${median(results.map((r) => r.slowest)).toFixed(0)} ms`);
