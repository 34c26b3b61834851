import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRounds } from '../../src/core/rounds';
import { SUSPEND_DATA_LIMIT } from '../../src/lms/suspend';
import { decodeResult } from '../../src/share/codec';
import { launchBrowser, missingBrowser } from '../support/harness';
import { answer, bank, COMPANY, finish, notice, packageFiles, servePackage, start } from '../support/lmsCourse';

/**
 * The SCORM 1.2 package in a mock LMS: the zip is built for one company, served from its own bytes
 * under /course/, and launched in a frame of a page that hosts scorm-again's SCORM 1.2 runtime
 * (the LMS side). The page keeps what the course set and what each commit kept, and can make
 * the LMS throw or answer "false" on LMSCommit, or take its time.
 */

const SCORM_AGAIN = createRequire(import.meta.url).resolve('scorm-again/scorm12/min');

const LMS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock LMS</title>
<script src="/scorm-again.js"></script><script src="/lms.js"></script></head>
<body style="margin:0"><iframe id="course" title="Course" style="width:100vw;height:100vh;border:0"></iframe></body></html>`;

/** The LMS side, on top of scorm-again: records, faults, and the launch. */
const LMS_SCRIPT = `
window.lms = { values: {}, committed: null, commits: 0, refused: [], fault: null, delayMs: 0, finished: false, lastError: null };
window.startCourse = function (cmi, src) {
  var lms = window.lms;
  var api = new Scorm12API({ logLevel: 5, autocommit: false });
  if (cmi) api.loadFromJSON(cmi, '');
  function plain(result) { lms.lastError = null; return result; }
  window.API = {
    LMSInitialize: function (p) { return plain(api.LMSInitialize(p)); },
    LMSFinish: function (p) { lms.finished = true; return plain(api.LMSFinish(p)); },
    LMSGetValue: function (e) { return plain(api.LMSGetValue(e)); },
    LMSSetValue: function (e, v) {
      var result = plain(api.LMSSetValue(e, v));
      if (result === 'true') lms.values[e] = v; else lms.refused.push(e + '=' + v);
      return result;
    },
    LMSCommit: function (p) {
      var until = Date.now() + lms.delayMs;
      while (Date.now() < until) {}
      if (lms.fault === 'throw') throw new Error('The LMS is down');
      if (lms.fault === 'false') { lms.lastError = '101'; return 'false'; }
      var result = plain(api.LMSCommit(p));
      if (result === 'true') { lms.commits++; lms.committed = Object.assign({}, lms.values); }
      return result;
    },
    LMSGetLastError: function () { return lms.lastError || api.LMSGetLastError(); },
    LMSGetErrorString: function (c) { return api.LMSGetErrorString(c); },
    LMSGetDiagnostic: function (c) { return api.LMSGetDiagnostic(c); },
  };
  document.getElementById('course').src = src || 'course/index.html';
};`;

interface LmsRecord {
  values: Record<string, string>;
  committed: Record<string, string> | null;
  commits: number;
  refused: string[];
  finished: boolean;
}

/** Serves the mock LMS page and the package's files, straight from the zip. */
const serve = (zip: Record<string, Uint8Array>) =>
  servePackage(zip, { '/lms.html': LMS_PAGE, '/lms.js': LMS_SCRIPT, '/scorm-again.js': readFileSync(SCORM_AGAIN) });

if (missingBrowser) {
  describe('the SCORM package in a mock LMS', () => {
    if (process.env.CI === 'true') it('needs Chromium under CI', () => expect.fail(missingBrowser));
    else it.skip(`needs Chromium. ${missingBrowser}`, () => undefined);
  });
} else {
  describe('the SCORM package in a mock LMS', () => {
    let browser: Browser;
    let served: { url: string; server: Server };

    beforeAll(async () => {
      served = await serve(await packageFiles('1.2'));
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      served?.server.close();
    });

    /** A fresh profile on the mock LMS page, with the course launched with `cmi` (a previous session's data). */
    async function launch(cmi?: object, options: { viewport?: { width: number; height: number } } = {}) {
      const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      const foreign: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      context.on('request', (request) => {
        if (!request.url().startsWith(served.url)) foreign.push(request.url());
      });
      await page.goto(`${served.url}/lms.html`);
      await page.evaluate((cmi) => (window as unknown as { startCourse: (c?: object) => void }).startCourse(cmi), cmi);
      const course = page.frameLocator('#course');
      await course.locator('main[data-ready]').waitFor();
      return { context, page, course, errors, foreign };
    }

    const record = (page: Page) => page.evaluate(() => (window as unknown as { lms: LmsRecord }).lms);
    const setFault = (page: Page, fault: 'throw' | 'false' | null, delayMs = 0) =>
      page.evaluate(
        ({ fault, delayMs }) => Object.assign((window as unknown as { lms: object }).lms, { fault, delayMs }),
        { fault, delayMs },
      );

    /** The LMS closes the course's frame, as when the learner leaves it; the course ends its session. */
    async function leave(page: Page) {
      await page.evaluate(() => ((document.getElementById('course') as HTMLIFrameElement).src = 'about:blank'));
      await expect.poll(async () => (await record(page)).finished).toBe(true);
      return record(page);
    }

    it('plays, leaves, resumes from suspend data in a fresh session, and records status, score and interactions', async () => {
      const first = await launch();
      expect(await first.course.getByRole('link', { name: 'Open workshop mode' }).count()).toBe(0);
      await start(first.course);
      const played = [
        await answer(first.course, false),
        await answer(first.course, true),
        await answer(first.course, true),
      ];
      const left = await leave(first.page);
      const kept = left.committed!;
      expect(left.refused).toEqual([]);
      expect(kept['cmi.core.lesson_status']).toBe('incomplete');
      expect(kept['cmi.core.exit']).toBe('suspend');
      expect(kept['cmi.core.session_time']).toMatch(/^\d{4}:\d\d:\d\d\.\d\d$/);
      expect(kept['cmi.core.score.raw']).toBeUndefined();
      const roles = Object.entries(kept).filter(
        ([key, value]) => /^cmi\.interactions\.\d+\.id$/.test(key) && !value.endsWith('-split'),
      );
      expect(roles.map(([, id]) => id)).toEqual(played.map((card) => card.id));
      expect(kept[roles[0]![0].replace('.id', '.result')]).toBe('wrong');
      expect(kept[roles[1]![0].replace('.id', '.result')]).toBe('correct');
      expect(kept[roles[0]![0].replace('.id', '.correct_responses.0.pattern')]).toBe(played[0]!.key);

      // Suspend data is the share link's packing of the game: it names the deal and the answers.
      const suspend = kept['cmi.suspend_data']!;
      expect(suspend.length).toBeGreaterThan(0);
      expect(suspend.length).toBeLessThanOrEqual(SUSPEND_DATA_LIMIT);
      const decoded = decodeResult(suspend);
      expect(decoded.ok).toBe(true);
      const game = decoded.ok ? decoded.value : undefined;
      expect(game!.players[0]!.answers.filter(Boolean)).toHaveLength(3);
      const deal = buildRounds(bank, game!.seed, [COMPANY])[0]!.cardIds;
      expect(deal.slice(0, 3)).toEqual(played.map((card) => card.id));
      await first.context.close();

      // A fresh profile (nothing on the device): the LMS hands back what it kept.
      const second = await launch({ core: { entry: 'resume', lesson_status: 'incomplete' }, suspend_data: suspend });
      const heading = second.course.getByRole('heading', { level: 1 });
      await expect.poll(() => heading.innerText()).toBe(bank.cards.get(deal[3]!)!.card.task);
      await finish(second.course);
      const cards = deal.map((id) => bank.cards.get(id)!.card);
      const max = cards.reduce((sum, card) => sum + (card.key === 'both' ? 2 : 1), 0);
      const lost = played[0]!.key === 'both' ? 2 : 1;
      const percent = Math.round(((max - lost) / max) * 100);
      expect(await heading.innerText()).toBe(`You scored ${max - lost} of ${max} points (${percent}%)`);
      await expect
        .poll(async () => (await record(second.page)).committed?.['cmi.core.score.raw'])
        .toBe(String(percent));
      const status = percent >= 70 ? 'passed' : 'failed';
      await expect
        .poll(() => second.course.getByRole('status', { name: 'Notices' }).innerText())
        .toContain(`Your learning system has your result: ${status}, ${percent}%.`);
      const done = await leave(second.page);
      expect(done.refused).toEqual([]);
      expect(done.committed).toMatchObject({
        'cmi.core.lesson_status': status,
        'cmi.core.score.raw': String(percent),
        'cmi.core.score.min': '0',
        'cmi.core.score.max': '100',
        'cmi.core.exit': '',
      });
      // Only the tasks of this session are new interactions: the first three were reported before.
      const ids = Object.entries(done.committed!).filter(([key]) => /^cmi\.interactions\.\d+\.id$/.test(key));
      expect(ids.map(([, id]) => id).filter((id) => !id.endsWith('-split'))).toEqual(deal.slice(3));
      await second.context.close();
      expect([...first.errors, ...second.errors]).toEqual([]);
      expect([...first.foreign, ...second.foreign]).toEqual([]);
    });

    it('plays on when LMSCommit answers "false" or throws, says so, and reports again once the LMS recovers', async () => {
      const { context, page, course, errors } = await launch();
      await start(course);
      await setFault(page, 'false');
      await answer(course, true);
      await expect
        .poll(() => notice(course).innerText())
        .toMatch(/General Exception, error 101.*tries again after every task/);
      await setFault(page, 'throw');
      await answer(course, true);
      await expect.poll(() => notice(course).innerText()).toMatch(/The LMS is down/);
      // A slow LMS holds up nothing but itself.
      await setFault(page, null, 300);
      await answer(course, true);
      await expect.poll(() => notice(course).count()).toBe(0);
      const decoded = decodeResult((await record(page)).committed!['cmi.suspend_data']!);
      expect(decoded.ok && decoded.value.players[0]!.answers.filter(Boolean).length).toBe(3);
      await context.close();
      expect(errors).toEqual([]);
    });

    it('plays on with no LMS at all, says progress is not being reported, and runs no service worker', async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 667 } });
      const page = await context.newPage();
      await page.goto(`${served.url}/course/index.html`);
      await page.locator('main[data-ready]').waitFor();
      await expect.poll(() => notice(page).innerText()).toMatch(/cannot find it/);
      await start(page);
      await answer(page, true);
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
      await context.close();
    });
  });
}
