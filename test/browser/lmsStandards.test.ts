import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRounds } from '../../src/core/rounds';
import { GAME_STATE } from '../../src/lms/cmi5Channel';
import { MANIFEST_FILE } from '../../src/lms/manifests';
import { decodeResult } from '../../src/share/codec';
import { startRecordStore, type TestRecordStore } from '../support/recordStore';
import { schemaErrors } from '../support/xsd';
import { launchBrowser, missingBrowser } from '../support/harness';
import {
  answer,
  bank,
  COMPANY,
  finish,
  nearlyFinishedGame,
  notice,
  packageFiles,
  servePackage,
  start,
  type Course,
} from '../support/lmsCourse';

/**
 * The SCORM 2004 and cmi5 packages in Chromium, each built for one company (once for the file)
 * and served from its own zip: the 2004 package in a frame of a page that hosts scorm-again's SCORM 2004
 * runtime (`API_1484_11`); the cmi5 package launched by the test's record store (another
 * origin, as an LMS's often is), in a frame of an LMS page. Each plays part of a game through a
 * failure of its LMS, leaves, is launched again, resumes and passes; and each package's manifest
 * or course structure is checked against its schema.
 */

const SCORM_2004_AGAIN = createRequire(import.meta.url).resolve('scorm-again/scorm2004/min');

const LMS_PAGE = (script: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock LMS</title>${script}</head>
<body style="margin:0"><iframe id="course" title="Course" style="width:100vw;height:100vh;border:0"></iframe></body></html>`;

/** The SCORM 2004 LMS side, on scorm-again: what the course set and committed, and a Commit that can fail. */
const LMS_2004_SCRIPT = `
window.lms = { values: {}, committed: null, refused: [], failCommit: false, finished: false, lastError: null };
window.startCourse = function (cmi) {
  var lms = window.lms;
  var api = new Scorm2004API({ logLevel: 5, autocommit: false });
  if (cmi) api.loadFromJSON(cmi, '');
  function plain(result) { lms.lastError = null; return result; }
  window.API_1484_11 = {
    Initialize: function (p) { return plain(api.Initialize(p)); },
    Terminate: function (p) {
      lms.finished = true;
      lms.committed = Object.assign({}, lms.values);
      return plain(api.Terminate(p));
    },
    GetValue: function (e) { return plain(api.GetValue(e)); },
    SetValue: function (e, v) {
      var result = plain(api.SetValue(e, v));
      if (result === 'true') lms.values[e] = v; else lms.refused.push(e + '=' + v + ' (' + api.GetLastError() + ')');
      return result;
    },
    Commit: function (p) {
      if (lms.failCommit) { lms.lastError = '391'; return 'false'; }
      var result = plain(api.Commit(p));
      if (result === 'true') lms.committed = Object.assign({}, lms.values);
      return result;
    },
    GetLastError: function () { return lms.lastError || api.GetLastError(); },
    GetErrorString: function (c) { return api.GetErrorString(c); },
    GetDiagnostic: function (c) { return api.GetDiagnostic(c); },
  };
  document.getElementById('course').src = 'course/index.html';
};`;

interface Lms2004 {
  committed: Record<string, string> | null;
  refused: string[];
  finished: boolean;
}

/** The interactions an LMS holds, by id, with what the course wrote of each. */
function interactions(values: Record<string, string>) {
  return Object.entries(values)
    .filter(([key]) => /^cmi\.interactions\.\d+\.id$/.test(key))
    .map(([key, id]) => {
      const of = (child: string) => values[key.replace(/\.id$/, `.${child}`)];
      return {
        id,
        result: of('result'),
        response: of('learner_response'),
        latency: of('latency'),
        at: of('timestamp'),
      };
    });
}

if (missingBrowser) {
  describe('the SCORM 2004 and cmi5 packages in Chromium', () => {
    if (process.env.CI === 'true') it('needs Chromium under CI', () => expect.fail(missingBrowser));
    else it.skip(`needs Chromium. ${missingBrowser}`, () => undefined);
  });
} else {
  describe('the SCORM 2004 and cmi5 packages in Chromium', () => {
    let browser: Browser;
    const servers: Server[] = [];

    /** Serves a standard's test package with the LMS's own files. */
    const built: Partial<Record<'2004' | 'cmi5', Promise<Record<string, Uint8Array>>>> = {};
    async function packageOf(standard: '2004' | 'cmi5', lmsFiles: Record<string, string | Buffer>) {
      const files = await (built[standard] ??= packageFiles(standard));
      const served = await servePackage(files, lmsFiles);
      servers.push(served.server);
      return { files, ...served };
    }

    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      for (const server of servers) server.close();
    });

    /** A fresh profile, watching for page errors and for any request to an origin it was not given. */
    async function profile(origins: string[]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      const foreign: string[] = [];
      context.on('request', (request) => {
        if (!origins.some((origin) => request.url().startsWith(origin))) foreign.push(request.url());
      });
      context.on('page', (page) => page.on('pageerror', (error) => errors.push(error.message)));
      // Record any policy violation in every frame.
      await context.addInitScript(() => {
        const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
        addEventListener('securitypolicyviolation', (event) =>
          seen.push(`${event.violatedDirective} ${event.blockedURI}`),
        );
      });
      return { context, errors, foreign };
    }

    /** Closes the course's frame, as an LMS does when the learner leaves it. */
    const closeFrame = (page: Page) =>
      page.evaluate(() => ((document.getElementById('course') as HTMLIFrameElement).src = 'about:blank'));

    it('SCORM 2004: finds API_1484_11, reports through a failed Commit, resumes from suspend data and passes', async () => {
      const served = await packageOf('2004', {
        '/lms.html': LMS_PAGE('<script src="/scorm-again.js"></script><script src="/lms.js"></script>'),
        '/lms.js': LMS_2004_SCRIPT,
        '/scorm-again.js': readFileSync(SCORM_2004_AGAIN),
      });
      expect(await schemaErrors(new TextDecoder().decode(served.files[MANIFEST_FILE['2004']]), '2004')).toEqual([]);
      const { context, errors, foreign } = await profile([served.url]);
      const record = (page: Page) => page.evaluate(() => (window as unknown as { lms: Lms2004 }).lms);
      async function launch(cmi?: object) {
        const page = await context.newPage();
        await page.goto(`${served.url}/lms.html`);
        await page.evaluate(
          (cmi) => (window as unknown as { startCourse: (c?: object) => void }).startCourse(cmi),
          cmi,
        );
        const course = page.frameLocator('#course');
        await course.locator('main[data-ready]').waitFor();
        return { page, course };
      }
      async function leave(page: Page) {
        await closeFrame(page);
        await expect.poll(async () => (await record(page)).finished).toBe(true);
        return (await record(page)).committed!;
      }

      const first = await launch();
      await start(first.course);
      const wrong = await answer(first.course, false);
      await first.page.evaluate(() => ((window as unknown as { lms: { failCommit: boolean } }).lms.failCommit = true));
      await answer(first.course, true);
      await expect.poll(() => notice(first.course).innerText()).toMatch(/General Commit Failure, error 391/);
      await first.page.evaluate(() => ((window as unknown as { lms: { failCommit: boolean } }).lms.failCommit = false));
      await answer(first.course, true);
      await expect.poll(() => notice(first.course).count()).toBe(0);
      const kept = await leave(first.page);
      expect((await record(first.page)).refused).toEqual([]);
      expect(kept).toMatchObject({
        'cmi.completion_status': 'incomplete',
        'cmi.success_status': 'unknown',
        'cmi.exit': 'suspend',
      });
      expect(kept['cmi.location']).toBeTruthy();
      expect(kept['cmi.session_time']).toMatch(/^PT/);
      const held = interactions(kept);
      expect(held.filter((i) => !i.id.endsWith('-split'))).toHaveLength(3);
      expect(held.find((i) => i.id === wrong.id)).toMatchObject({ result: 'incorrect', response: expect.any(String) });
      for (const interaction of held) {
        expect(interaction.latency).toMatch(/^PT\d+(\.\d+)?S$/);
        expect(interaction.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ$/);
      }
      // Suspend data is the share link's packing of the game: the deal, and three answers.
      const game = decodeResult(kept['cmi.suspend_data']!);
      expect(game.ok && game.value.players[0]!.answers.filter(Boolean)).toHaveLength(3);
      const order = game.ok ? buildRounds(bank, game.value.seed, [COMPANY])[0]!.cardIds : [];
      expect(kept['cmi.location']).toBe(order[3]);
      await first.page.close();

      // The LMS hands back what it kept: the game resumes where it stood.
      const resumed = await launch({ entry: 'resume', suspend_data: kept['cmi.suspend_data'] });
      const heading = (course: Course) => course.getByRole('heading', { level: 1 });
      await expect.poll(() => heading(resumed.course).innerText()).toBe(bank.cards.get(order[3]!)!.card.task);
      await resumed.page.close();

      // A game one task from its end, and a passing score the LMS sets, pass the course.
      const nearly = nearlyFinishedGame();
      const second = await launch({ entry: 'resume', suspend_data: nearly.game, scaled_passing_score: '0.5' });
      await expect.poll(() => heading(second.course).innerText()).toBe(nearly.last.task);
      await finish(second.course);
      await expect
        .poll(() => second.course.getByRole('status', { name: 'Notices' }).innerText())
        .toMatch(/Your learning system has your result: passed, 100%\./);
      const done = await leave(second.page);
      expect(done).toMatchObject({
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'passed',
        'cmi.score.scaled': '1',
        'cmi.score.raw': '100',
        'cmi.exit': 'normal',
      });
      // Only the task of this session is a new interaction.
      expect(new Set(interactions(done).map((i) => i.id.replace(/-split$/, '')))).toEqual(new Set([nearly.last.id]));
      await context.close();
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    });

    describe('cmi5', () => {
      let store: TestRecordStore;
      beforeAll(async () => {
        store = await startRecordStore();
      });
      afterAll(() => store?.close());

      it('launches from the record store, reports through an outage, resumes from the State API in a new session and passes', async () => {
        const served = await packageOf('cmi5', { '/lms.html': LMS_PAGE('') });
        expect(await schemaErrors(new TextDecoder().decode(served.files[MANIFEST_FILE.cmi5]), 'cmi5')).toEqual([]);
        const { context, errors, foreign } = await profile([served.url, store.url]);
        async function launch(query: string) {
          const page = await context.newPage();
          await page.goto(`${served.url}/lms.html`);
          await page.evaluate(
            (src) => ((document.getElementById('course') as HTMLIFrameElement).src = src),
            `course/index.html${query}`,
          );
          const course = page.frameLocator('#course');
          await course.locator('main[data-ready]').waitFor();
          return { page, course };
        }
        const answers = (sessionId: string) => store.verbs(sessionId).filter((verb) => verb === 'answered').length;

        const first = store.launch();
        const one = await launch(first.query);
        await start(one.course);
        await answer(one.course, true);
        await expect.poll(() => answers(first.sessionId)).toBeGreaterThan(0);
        store.down = true;
        await answer(one.course, false);
        await expect.poll(() => notice(one.course).innerText()).toMatch(/the record store cannot be reached/);
        store.down = false;
        await answer(one.course, true);
        await expect.poll(() => notice(one.course).count()).toBe(0);
        await expectOnlyLaunchConnections(one.page, store.url);
        await closeFrame(one.page);
        await expect.poll(() => store.verbs(first.sessionId).at(-1)).toBe('terminated');
        expect(store.problems).toEqual([]);
        const roles = store
          .sessionStatements(first.sessionId)
          .filter((s) => s.verb.id.endsWith('/answered') && !s.object.id.endsWith('-split'));
        expect(roles).toHaveLength(3);
        expect(roles.map((s) => s.result?.success)).toEqual([true, false, true]);
        // The game is in the State API, packed as SCORM's suspend data: the deal and three answers.
        const kept = decodeResult((store.state(first.registration, GAME_STATE) as { game: string }).game);
        expect(kept.ok && kept.value.players[0]!.answers.filter(Boolean)).toHaveLength(3);
        const order = kept.ok ? buildRounds(bank, kept.value.seed, [COMPANY])[0]!.cardIds : [];
        await one.page.close();

        // Launched again in the registration, the course resumes where the game stood.
        const again = store.launch({ registration: first.registration });
        const resumed = await launch(again.query);
        const heading = (course: Course) => course.getByRole('heading', { level: 1 });
        await expect.poll(() => heading(resumed.course).innerText()).toBe(bank.cards.get(order[3]!)!.card.task);
        await closeFrame(resumed.page);
        await expect.poll(() => store.verbs(again.sessionId)).toEqual(['initialized', 'terminated']);
        await resumed.page.close();

        // A game one task from its end, as the State API may hold it, passes the course.
        const nearly = nearlyFinishedGame();
        store.putState(first.registration, GAME_STATE, { game: nearly.game, completed: false, passed: false });
        const last = store.launch({ registration: first.registration });
        const two = await launch(last.query);
        await expect.poll(() => heading(two.course).innerText()).toBe(nearly.last.task);
        await finish(two.course);
        await expect
          .poll(() => two.course.getByRole('status', { name: 'Notices' }).innerText())
          .toMatch(/Your learning system has your result: passed, \d+%\./);
        await closeFrame(two.page);
        await expect.poll(() => store.verbs(last.sessionId).at(-1)).toBe('terminated');
        expect(store.problems).toEqual([]);
        const verbs = store.verbs(last.sessionId);
        expect(verbs.filter((verb) => verb !== 'answered')).toEqual([
          'initialized',
          'completed',
          'passed',
          'terminated',
        ]);
        expect(verbs.filter((verb) => verb === 'answered')).toHaveLength(nearly.last.key === 'both' ? 2 : 1);
        expect(store.satisfied(first.registration)).toBe(true);
        await context.close();
        expect(errors).toEqual([]);
        expect(foreign).toEqual([]);
      });
    });

    /**
     * The course's policy lets it reach the launch's record store and nothing else: a request to
     * the same store under another name (localhost), which the built policy's ceiling would
     * allow, is refused by the policy the launch added.
     */
    async function expectOnlyLaunchConnections(page: Page, storeUrl: string) {
      const frame = page.frames().find((f) => f.url().includes('/course/index.html'))!;
      const elsewhere = storeUrl.replace('127.0.0.1', 'localhost');
      const blocked = await frame.evaluate(
        (url) =>
          fetch(`${url}/xapi/about`).then(
            () => 'reached',
            (error: Error) => error.name,
          ),
        elsewhere,
      );
      expect(blocked).toBe('TypeError');
      // The policy's violation event is a task of its own: it may come after the fetch has failed.
      await expect
        .poll(() => frame.evaluate(() => (window as unknown as { __violations: string[] }).__violations))
        .toEqual([`connect-src ${elsewhere}/xapi/about`]);
      expect(await frame.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(2);
    }
  });
}
