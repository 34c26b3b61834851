import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { roleName } from '../../src/core/labels';
import type { Card, Role } from '../../src/core/schema';
import { CLOSE_REMOVED } from '../../src/room/protocol';
import { startRoomServer, type RunningRoomServer } from '../../src/server/server';
import { loadBank } from '../../src/core/loadBank';
import { axeViolations, describeInBrowser, reachForControls } from '../support/harness';

const bank = loadBank('questions');
const byTask = new Map(bank.scenarios.flatMap((s) => s.cards.map((card) => [card.task, card] as const)));

/** The room server, serving the built app as `npm start` does; the restart test stops and starts it. */
let server: RunningRoomServer;
let port = 0;
/** Where the server keeps its room codes: the same file across the restart, as `npm start` keeps one. */
const codesFile = join(mkdtempSync(join(tmpdir(), 'role-call-codes-')), 'codes.json');
/** Pinged every 300 ms, a phone gone offline is noticed in about a second, not ten: the test waits on that, not on a clock. */
const serve = () =>
  startRoomServer({ port, questionsDir: 'questions', staticDir: 'dist', codesFile, pingMs: 300, quiet: true });

async function startServer() {
  server = await serve();
  port = server.port;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

describeInBrowser(
  'phones in the room, in Chromium',
  (app) => {
    const phoneSize = {
      viewport: { width: 375, height: 667 },
      isMobile: true,
      hasTouch: true,
      reducedMotion: 'reduce' as const,
    };

    async function host(size = { width: 1920, height: 1080 }) {
      const context = await app.browser.newContext({ viewport: size, reducedMotion: 'reduce' });
      const projector = await context.newPage();
      await projector.goto(`${app.url}?mode=workshop`);
      await projector.getByRole('radio', { name: /Phones, in teams/ }).check();
      await projector.getByRole('button', { name: 'Start the workshop' }).click();
      await projector.locator('.lobby-code').waitFor();
      const code = (await projector.locator('.lobby-code').innerText()).replace(/\s/g, '');
      await reachForControls(projector);
      return { context, projector, code };
    }

    /** A phone that joins; `axe` lets the test inject axe-core past the page's policy. */
    async function phone(
      code: string,
      name: string,
      team: string | null,
      axe = false,
    ): Promise<{ context: BrowserContext; page: Page }> {
      const context = await app.browser.newContext({ ...phoneSize, bypassCSP: axe });
      const page = await context.newPage();
      await page.goto(`${app.url}?join=${code}`);
      await page.getByLabel('Your name (optional)').fill(name);
      if (team) await page.getByRole('radio', { name: team }).check();
      await page.getByRole('button', { name: 'Join the room' }).click();
      await page
        .getByRole('heading', { name: team ? `You're in, ${name} (team ${team}).` : `You're in, ${name}.` })
        .waitFor();
      return { context, page };
    }

    const task = (page: Page) => page.locator('.stage-card h1').innerText();
    const answer = (page: Page, role: Role) =>
      page
        .getByRole('group', { name: 'Who does this task?' })
        .getByRole('button', { name: roleName(role) })
        .click();
    /** The answer taken: locked in, or on a shared task answered Both, the split's own step. */
    const lockedIn = (page: Page, role: Role) => {
      const locked = page.getByText(`Locked in: ${roleName(role)}.`);
      const split = page.getByRole('heading', { name: 'Both it is. Who does which part?' });
      return (role === 'both' ? locked.or(split) : locked).waitFor();
    };

    it('plays two companies with three phones, through reloads, a phone offline until the server drops it, and forged messages', async () => {
      const { context, projector, code } = await host();
      const errors: string[] = [];
      projector.on('pageerror', (error) => errors.push(`projector: ${error.message}`));
      await reachForControls(projector);
      const [presenter] = await Promise.all([
        context.waitForEvent('page'),
        projector.getByRole('button', { name: 'Open presenter view' }).click(),
      ]);
      await presenter.setViewportSize({ width: 1280, height: 800 });
      // Bo keeps the page's policy, so its room connection proves the policy allows it.
      const ann = await phone(code, 'Ann', 'Team 1', true);
      const bo = await phone(code, 'Bo', 'Team 2');
      const cy = await phone(code, 'Cy', 'Team 3', true);
      for (const p of [ann, bo, cy]) p.page.on('pageerror', (error) => errors.push(`phone: ${error.message}`));
      await expect
        .poll(() => projector.locator('.lobby-names li:not(.lobby-team-head)').allInnerTexts())
        .toEqual(['Ann', 'Bo', 'Cy']);

      // An intruder with its own seat, driving the room server directly.
      const intruder = await new Client(app.url.replace(/\/$/, '')).joinById(code, {
        as: 'phone',
        key: 'intruder-key-0123456789ab',
        name: 'Mallory',
        team: 2,
      });
      const refusals: string[] = [];
      intruder.onMessage('refused', (message: { reason: string }) => refusals.push(message.reason));
      intruder.onMessage('*', () => undefined);
      const intruderLeft = new Promise<number>((resolve) => intruder.onLeave((closeCode) => resolve(closeCode)));
      intruder.send('hello');

      await presenter.getByRole('button', { name: 'Everyone is in: show the story' }).click();
      await ann.page.getByText('Listen to the story').waitFor();
      const points = [0, 0, 0];
      let played = 0;
      for (let round = 0; round < 2; round++) {
        await presenter.getByRole('button', { name: 'Show the first task' }).click();
        for (;;) {
          await expect.poll(() => projector.locator('.stage-card h1').count()).toBe(1);
          const text = await task(projector);
          const card: Card = byTask.get(text)!;
          await expect.poll(() => ann.page.locator('.phone-task').innerText()).toBe(text);

          if (played === 3) {
            // The host's laptop reloads mid-task: the room carries on.
            await projector.reload();
            await expect.poll(() => task(projector)).toBe(text);
          }
          await answer(ann.page, card.key);
          await lockedIn(ann.page, card.key);
          await answer(bo.page, 'pm');
          await lockedIn(bo.page, 'pm');
          if (played === 1) {
            await bo.page.reload();
            await lockedIn(bo.page, 'pm');
            expect(await bo.page.getByRole('button', { name: roleName('pm') }).getAttribute('aria-pressed')).toBe(
              'true',
            );
          }
          if (played === 2) {
            // Offline long enough that the server drops its socket and the presenter shows it away.
            await cy.context.setOffline(true);
            await presenter
              .locator('.players-panel li', { hasText: 'Cy' })
              .getByText('away', { exact: true })
              .waitFor({ state: 'attached' });
            await cy.context.setOffline(false);
          }
          await answer(cy.page, 'both');
          // On a shared task, Both asks who does which part, on a screen of its own.
          const splits = cy.page.getByRole('group', { name: 'Both it is. Who does which part?' });
          if (card.key === 'both') {
            await splits.getByRole('button').first().click();
            await expect.poll(() => splits.getByRole('button').first().getAttribute('aria-pressed')).toBe('true');
          } else {
            await lockedIn(cy.page, 'both');
            expect(await splits.count()).toBe(0);
          }
          if (played === 0) {
            // Forged: the intruder reveals, answers for Ann's seat, and is refused or counted as itself.
            intruder.send('phase', { phase: 'reveal', cardId: card.id });
            intruder.send('answer', { role: card.key === 'pm' ? 'pmm' : 'pm', id: 'not-my-seat' });
            await expect.poll(() => refusals).toContain('host-only');
            expect(await projector.locator('.stage-card h1').count()).toBe(1);
            await presenter.getByRole('button', { name: 'Remove Mallory' }).click();
            expect(await intruderLeft).toBe(CLOSE_REMOVED);
            await expect
              .poll(() =>
                new Client(app.url.replace(/\/$/, ''))
                  .joinById(code, { as: 'phone', key: 'intruder-key-0123456789ab' })
                  .then(
                    () => 'in',
                    (error: Error) => error.message,
                  ),
              )
              .toMatch(/took this phone out/);
          }
          await expect.poll(() => presenter.getByRole('heading', { name: /Phones: 3, 3 answered/ }).count()).toBe(1);
          await expect.poll(() => projector.getByText('3 of 3 phones have answered').count()).toBe(1);
          points[0]! += 1;
          if (card.key === 'pm') points[1]! += 1;
          if (card.key === 'both') points[2]! += 1;
          if (played === 4) {
            // Closed early: a late answer is refused by the server and the phone says time is up.
            await presenter.getByRole('button', { name: 'Close answers' }).click();
            await ann.page.getByText("Time's up").waitFor();
          }

          await presenter.getByRole('button', { name: 'Reveal the answer' }).click();
          await ann.page.getByRole('heading', { name: 'Right!' }).waitFor();
          await bo.page.getByRole('heading', { name: card.key === 'pm' ? 'Right!' : 'Not this time' }).waitFor();
          expect(await ann.page.locator('main').innerText()).toContain(card.takeaway);
          if (card.key === 'both') {
            const right = card.overlap.options.find((option) => option.correct)!.text;
            expect(await cy.page.locator('main').innerText()).toContain(right);
            // The big screen shows how the room split the work: Cy's one split, the right one marked.
            const splits = projector.getByRole('list', { name: /how 1 phone split it/ }).getByRole('listitem');
            await expect.poll(() => splits.count()).toBe(card.overlap.options.length);
            const counts = await splits.allInnerTexts();
            expect(counts.reduce((sum, text) => sum + parseInt(text, 10), 0)).toBe(1);
            expect(counts.filter((text) => text.includes('✓ Right:'))).toEqual([expect.stringContaining(right)]);
          }
          if (played === 0) {
            await ann.page.setViewportSize({ width: 320, height: 568 });
            expect(await axeViolations(ann.page)).toEqual([]);
            expect(await ann.page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
            await ann.page.setViewportSize(phoneSize.viewport);
          }
          played++;
          const next = presenter.getByRole('button', {
            name: /^Next task$|^End of this company$|^Show the final scores$/,
          });
          const label = await next.innerText();
          await next.click();
          if (label !== 'Next task') break;
        }
        if (round === 0) {
          await ann.page.getByRole('heading', { name: /1st\s+of 3/ }).waitFor();
          await presenter.getByRole('button', { name: 'Next company' }).click();
        }
      }
      await projector.getByRole('heading', { name: 'Final scores' }).waitFor();
      expect(await projector.getByRole('list', { name: 'Podium' }).innerText()).toContain(
        `Team 1\n${points[0]} points`,
      );
      await ann.page.getByRole('heading', { name: /1st\s+of 3/ }).waitFor();
      expect(await ann.page.locator('main').innerText()).toContain(`${points[0]} of ${played}`);
      expect(await cy.page.locator('main').innerText()).toContain(`${points[2]} of ${played}`);
      expect(await axeViolations(cy.page)).toEqual([]);
      expect(errors).toEqual([]);
      for (const c of [context, ann.context, bo.context, cy.context]) await c.close();
    });

    it('plays a task voted twice with three phones: the room sees its vote and how sure, talks, votes again and sees its shift', async () => {
      const context = await app.browser.newContext({
        viewport: { width: 1920, height: 1080 },
        reducedMotion: 'reduce',
        bypassCSP: true,
      });
      const projector = await context.newPage();
      const errors: string[] = [];
      projector.on('pageerror', (error) => errors.push(`projector: ${error.message}`));
      await projector.goto(`${app.url}?mode=workshop`);
      await projector.getByRole('heading', { name: 'Run a workshop' }).waitFor();
      const chosen = projector.getByRole('checkbox', { checked: true });
      while (await chosen.count()) await chosen.first().uncheck();
      await projector.getByRole('checkbox', { name: /The value-for-money shipping service/ }).check();
      await projector.getByRole('radio', { name: /Phones, everyone for themselves/ }).check();
      await projector.getByRole('checkbox', { name: /Vote on every task twice/ }).check();
      await projector.getByRole('radio', { name: '30 seconds to talk' }).check();
      await projector.getByRole('button', { name: 'Start the workshop' }).click();
      await projector.locator('.lobby-code').waitFor();
      const code = (await projector.locator('.lobby-code').innerText()).replace(/\s/g, '');
      await reachForControls(projector);
      const [presenter] = await Promise.all([
        context.waitForEvent('page'),
        projector.getByRole('button', { name: 'Open presenter view' }).click(),
      ]);
      await presenter.setViewportSize({ width: 1280, height: 800 });
      const ann = await phone(code, 'Ann', null, true);
      const bo = await phone(code, 'Bo', null);
      const cy = await phone(code, 'Cy', null);
      for (const p of [ann, bo, cy]) p.page.on('pageerror', (error) => errors.push(`phone: ${error.message}`));
      await presenter.getByRole('button', { name: 'Everyone is in: show the story' }).click();
      await presenter.getByRole('button', { name: 'Show the first task' }).click();
      await expect.poll(() => projector.locator('.stage-card h1').count()).toBe(1);
      const card = byTask.get(await task(projector))!;
      const wrong: Role = card.key === 'pm' ? 'pmm' : 'pm';
      const sure = (page: Page, level: string) =>
        page.getByRole('group', { name: 'How sure are you?' }).getByRole('button', { name: level }).click();

      // 1. Everyone votes alone, saying how sure.
      await answer(ann.page, wrong);
      await sure(ann.page, 'Certain');
      await answer(bo.page, card.key);
      await sure(bo.page, 'Guessing');
      await answer(cy.page, wrong);
      await sure(cy.page, 'Fairly sure');
      await expect
        .poll(() => cy.page.getByRole('button', { name: 'Fairly sure' }).getAttribute('aria-pressed'))
        .toBe('true');
      await expect.poll(() => projector.getByText('3 of 3 phones have answered').count()).toBe(1);

      // 2. The room sees how it voted and how sure it was, not the answer.
      await presenter.getByRole('button', { name: 'Show how the room voted' }).click();
      await projector.getByRole('heading', { name: 'How the room voted' }).waitFor();
      const columns = projector.getByRole('list', { name: 'How the room voted' });
      const column = (role: Role) => columns.getByRole('listitem').filter({ hasText: roleName(role) });
      expect(await column(wrong).textContent()).toMatch(/67%\s*2 phones: 1 certain, 1 fairly sure/);
      expect(await column(card.key).textContent()).toMatch(/33%\s*1 phone: 1 guessing/);
      expect(await projector.locator('main').innerText()).not.toContain(card.takeaway);
      expect(await projector.locator('.stage-key').count()).toBe(0);
      await ann.page.getByRole('heading', { name: 'Look at the big screen' }).waitFor();
      // Nothing moves for a room that asks for less motion, and every new screen passes axe.
      expect(await projector.evaluate(() => document.getAnimations().length)).toBe(0);
      expect(await axeViolations(projector)).toEqual([]);

      // 3. A talk on a clock, with the question on the big screen and each phone's first vote.
      await presenter.getByRole('button', { name: 'Talk it over' }).click();
      await projector.locator('.stage-talk h1').waitFor();
      expect(await projector.locator('.stage-talk .countdown-digits').innerText()).toMatch(/^0:(30|29)$/);
      await ann.page.getByText(`You voted ${roleName(wrong)}, certain.`).waitFor();
      expect(await axeViolations(ann.page)).toEqual([]);
      expect(await projector.evaluate(() => document.getAnimations().length)).toBe(0);
      expect(await axeViolations(projector)).toEqual([]);
      // A phone reloaded between the votes still knows its first vote.
      await cy.page.reload();
      await cy.page.getByText(`You voted ${roleName(wrong)}, fairly sure.`).waitFor();

      // 4. Everyone votes again, from nothing; nobody is asked how sure.
      await presenter.getByRole('button', { name: 'Vote again' }).click();
      await ann.page.getByText(/Task 1 of \d+ · vote again/).waitFor();
      expect(await ann.page.getByRole('group', { name: 'How sure are you?' }).count()).toBe(0);
      await answer(ann.page, card.key);
      await lockedIn(ann.page, card.key);
      await answer(bo.page, card.key);
      await lockedIn(bo.page, card.key);
      await answer(cy.page, wrong);
      await lockedIn(cy.page, wrong);
      await expect.poll(() => projector.getByText('3 of 3 phones have answered').count()).toBe(1);

      // 5. The reveal puts both votes side by side.
      await presenter.getByRole('button', { name: 'Reveal the answer' }).click();
      const both = projector.getByRole('group', { name: 'Both votes' });
      await expect.poll(() => both.innerText()).toMatch(/33%[\s\S]*67%/);
      expect(await both.innerText()).toContain(`1 phone: ${roleName(wrong)} → ${roleName(card.key)}`);
      expect(await projector.evaluate(() => document.getAnimations().length)).toBe(0);
      expect(await axeViolations(projector)).toEqual([]);
      await ann.page.getByRole('heading', { name: 'Right!' }).waitFor();
      expect(await axeViolations(ann.page)).toEqual([]);

      // The other tasks are voted once, turned off from the presenter; nobody answers them.
      for (;;) {
        const next = presenter.getByRole('button', { name: /^Next task$|^Show the final scores$/ });
        const label = await next.innerText();
        await next.click();
        if (label !== 'Next task') break;
        await presenter.getByRole('button', { name: 'Vote this task twice', pressed: true }).click();
        await presenter.getByRole('button', { name: 'Reveal the answer' }).click();
      }
      await projector.getByRole('heading', { name: 'Final scores' }).waitFor();
      await expect
        .poll(() => projector.locator('.room-shift').innerText())
        .toMatch(/task voted twice.*33%.*67%.*0\.50/s);
      expect(await axeViolations(projector)).toEqual([]);
      const [csvDownload] = await Promise.all([
        presenter.waitForEvent('download'),
        presenter.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const csv = readFileSync((await csvDownload.path())!, 'utf8')
        .trim()
        .split('\r\n');
      expect(csv[0]).toMatch(/"Ann first vote","Bo first vote","Cy first vote"$/);
      const row = csv.find((line) => line.includes(`"${card.task}"`))!;
      expect(row).toContain(`"${roleName(wrong)} (high)","${roleName(card.key)} (low)","${roleName(wrong)} (medium)"`);
      expect(errors).toEqual([]);
      for (const c of [context, ann.context, bo.context, cy.context]) await c.close();
    });

    it("on a 375×667 phone: the split as a step of its own with its countdown in view, a split in the grace, the team's point, and what to do at the end", async () => {
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
      const projector = await context.newPage();
      const errors: string[] = [];
      projector.on('pageerror', (error) => errors.push(`projector: ${error.message}`));
      await projector.goto(`${app.url}?mode=workshop`);
      await projector.getByRole('heading', { name: 'Run a workshop' }).waitFor();
      const chosen = projector.getByRole('checkbox', { checked: true });
      while (await chosen.count()) await chosen.first().uncheck();
      await projector.getByRole('checkbox', { name: /The value-for-money shipping service/ }).check();
      await projector.getByRole('radio', { name: /Phones, in teams/ }).check();
      await projector.getByRole('radio', { name: '30 seconds' }).check();
      await projector.getByRole('button', { name: 'Start the workshop' }).click();
      await projector.locator('.lobby-code').waitFor();
      const code = (await projector.locator('.lobby-code').innerText()).replace(/\s/g, '');
      await reachForControls(projector);
      const [presenter] = await Promise.all([
        context.waitForEvent('page'),
        projector.getByRole('button', { name: 'Open presenter view' }).click(),
      ]);
      const ann = await phone(code, 'Ann', 'Team 1', true);
      const bo = await phone(code, 'Bo', 'Team 1', true);
      for (const p of [ann, bo]) p.page.on('pageerror', (error) => errors.push(`phone: ${error.message}`));
      await presenter.getByRole('button', { name: 'Everyone is in: show the story' }).click();
      await presenter.getByRole('button', { name: 'Show the first task' }).click();
      const next = async () => {
        const button = presenter.getByRole('button', { name: /^Next task$|^Show the final scores$/ });
        const label = await button.innerText();
        await button.click();
        return label === 'Next task';
      };
      // To the first shared task; nobody answers the others.
      let card: Card;
      for (;;) {
        await expect.poll(() => projector.locator('.stage-card h1').count()).toBe(1);
        card = byTask.get(await task(projector))!;
        await expect.poll(() => ann.page.locator('.phone-task').innerText()).toBe(card.task);
        if (card.key === 'both') break;
        await presenter.getByRole('button', { name: 'Reveal the answer' }).click();
        expect(await next()).toBe(true);
      }
      const splitTitle = 'Both it is. Who does which part?';

      // Ann answers Both first: the split is a screen of its own, the roles gone from it.
      await answer(ann.page, 'both');
      await ann.page.getByRole('heading', { level: 1, name: splitTitle }).waitFor();
      expect(await ann.page.getByRole('group', { name: 'Who does this task?' }).count()).toBe(0);
      await answer(bo.page, 'pm');
      await lockedIn(bo.page, 'pm');
      // However far the splits run, the countdown stays in view.
      await ann.page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => ann.page.evaluate(() => scrollY)).toBeGreaterThan(0);
      const timer = ann.page.getByRole('timer', { name: 'Time left' });
      const box = (await timer.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(phoneSize.viewport.height);
      expect(await axeViolations(ann.page)).toEqual([]);

      // Answers close early: Ann's split still counts in its own few seconds.
      await presenter.getByRole('button', { name: 'Close answers' }).click();
      await ann.page.getByText('Answers are closed. A few more seconds to choose the split.').waitFor();
      await ann.page.getByRole('timer', { name: 'Time left to choose the split' }).waitFor();
      await bo.page.getByText("Time's up").waitFor();
      const right = card.overlap.options.findIndex((option) => option.correct);
      await ann.page.getByRole('group', { name: splitTitle }).getByRole('button').nth(right).click();
      await ann.page.getByText(`Your pick: ${'ABCD'[right]}.`).waitFor();
      expect(await axeViolations(ann.page)).toEqual([]);

      // The reveal: Team 1's tie went to Ann's answer, the first; Bo hears that his team scored.
      await presenter.getByRole('button', { name: 'Reveal the answer' }).click();
      await ann.page.getByRole('heading', { name: 'Right!' }).waitFor();
      const went = 'Team 1 went with Both, 1 of 2 (tie broken by the first answer)';
      expect(await ann.page.locator('main').innerText()).toContain(`Your team scored: ${went}.`);
      expect(await ann.page.locator('main').innerText()).toContain('(your pick ✓)');
      await bo.page.getByRole('heading', { name: 'Your team scored' }).waitFor();
      expect(await bo.page.locator('main').innerText()).toContain(`You said Product management; ${went}, and scored.`);
      expect(await bo.page.getByText('Not this time').count()).toBe(0);
      expect(await axeViolations(bo.page)).toEqual([]);

      while (await next()) await presenter.getByRole('button', { name: 'Reveal the answer' }).click();
      await projector.getByRole('heading', { name: 'Final scores' }).waitFor();

      // The end: Ann's own results, scored again by the result page; Bo goes to play on his own.
      const results = ann.page.getByRole('link', { name: 'See my results' });
      await results.waitFor();
      expect(await ann.page.locator('main').innerText()).toContain('1 of 8 points');
      expect(await axeViolations(ann.page)).toEqual([]);
      await results.click();
      await ann.page.getByRole('heading', { level: 1, name: 'Ann scored 1 of 8 points (13%)' }).waitFor();
      expect(new URL(ann.page.url()).search).toBe('');
      await bo.page.getByRole('link', { name: 'Play on your own' }).click();
      await bo.page.getByRole('heading', { level: 1, name: 'Product management or product marketing?' }).waitFor();
      expect(new URL(bo.page.url()).search).toBe('');
      expect(errors).toEqual([]);
      for (const c of [context, ann.context, bo.context]) await c.close();
    });

    it("plays a trainer pack's task on a phone, scored by the room server from the pack the host sent", async () => {
      const context = await app.browser.newContext({
        viewport: { width: 1920, height: 1080 },
        reducedMotion: 'reduce',
      });
      const projector = await context.newPage();
      const errors: string[] = [];
      projector.on('pageerror', (error) => errors.push(`projector: ${error.message}`));
      await projector.goto(`${app.url}#packs`);
      await projector.getByRole('button', { name: 'Start from the template' }).click();
      await projector.getByRole('button', { name: 'Add to my packs' }).click();
      await projector.getByText('Saved in your packs.').waitFor();
      await projector.goto(`${app.url}?mode=workshop`);
      await projector.getByRole('heading', { name: 'Run a workshop' }).waitFor();
      const chosen = projector.getByRole('checkbox', { checked: true });
      while (await chosen.count()) await chosen.first().uncheck();
      await projector.getByRole('checkbox', { name: /The first launch.*your pack/ }).check();
      await projector.getByRole('radio', { name: /Phones, in teams/ }).check();
      await projector.getByRole('button', { name: 'Start the workshop' }).click();
      await projector.locator('.lobby-code').waitFor();
      const code = (await projector.locator('.lobby-code').innerText()).replace(/\s/g, '');
      await reachForControls(projector);
      const ann = await phone(code, 'Ann', 'Team 1');
      ann.page.on('pageerror', (error) => errors.push(`phone: ${error.message}`));
      await projector.getByRole('button', { name: 'Everyone is in: show the story' }).click();
      await projector.getByRole('button', { name: 'Show the first task' }).click();
      const first = 'Decide whether offline editing makes it into the launch version';
      await expect.poll(() => ann.page.locator('.phone-task').innerText()).toBe(first);
      await answer(ann.page, 'pm');
      await lockedIn(ann.page, 'pm');
      await projector.getByRole('button', { name: 'Reveal the answer' }).click();
      await ann.page.getByRole('heading', { name: 'Right!' }).waitFor();
      expect(await ann.page.locator('main').innerText()).toContain(
        "What goes into a version is product management's decision.",
      );
      expect(errors).toEqual([]);
      for (const c of [context, ann.context]) await c.close();
    });

    it('brings the room back with the same code and seats after the room server restarts', async () => {
      const { context, projector, code } = await host({ width: 1280, height: 720 });
      const ann = await phone(code, 'Ann', 'Team 1');
      await projector.getByRole('button', { name: 'Everyone is in: show the story' }).click();
      await projector.getByRole('button', { name: 'Show the first task' }).click();
      const text = await task(projector);
      const card = byTask.get(text)!;
      await answer(ann.page, card.key);
      await lockedIn(ann.page, card.key);

      await server.close();
      await ann.page.getByText('Reconnecting…').waitFor();
      await startServer();
      // The host re-opens the room from its saved workshop; the phone finds it again by its key.
      await expect.poll(() => ann.page.locator('.phone-status').innerText(), { timeout: 30_000 }).toBe('Ann');
      // The answer is back: locked in, or on a shared task, at its split.
      await lockedIn(ann.page, card.key);
      await projector.locator('.solo-bar').getByRole('button', { name: 'Reveal the answer' }).click();
      await ann.page.getByRole('heading', { name: 'Right!' }).waitFor();
      expect(await projector.locator('main').innerText()).toContain('Team 1');
      await context.close();
      await ann.context.close();
    });

    it('seats a phone that types the address on the big screen, and keeps a removed one out of a locked room', async () => {
      const { context, projector, code } = await host({ width: 1280, height: 720 });
      const [presenter] = await Promise.all([
        context.waitForEvent('page'),
        projector.getByRole('button', { name: 'Open presenter view' }).click(),
      ]);
      // The presenter shows the same network address as the big screen, not this laptop's "localhost".
      const typed = await projector.locator('.lobby-url').innerText();
      expect(typed).toMatch(/^[\w.-]+:\d+\/join$/);
      expect(typed).not.toMatch(/localhost|127\.0\.0\.1/);
      await expect.poll(() => presenter.locator('.lobby-url').innerText()).toBe(typed);

      // Typed by hand: the short path opens the join screen, code field first.
      const ann = await app.browser.newContext(phoneSize);
      const page = await ann.newPage();
      await page.goto(new URL(typed.slice(typed.indexOf('/')), app.url).href);
      await page.getByRole('textbox', { name: 'Room code' }).fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Find the room' }).click();
      await page.getByLabel('Your name (optional)').fill('Ann');
      await page.getByRole('button', { name: 'Join the room' }).click();
      await page.getByRole('heading', { name: /You're in, Ann/ }).waitFor();

      // The bare address: the front page leads with the code field.
      const bo = await app.browser.newContext(phoneSize);
      const front = await bo.newPage();
      await front.goto(app.url);
      await front.getByRole('textbox', { name: /room code from the big screen/ }).fill(code);
      await front.getByRole('button', { name: 'Join', exact: true }).click();
      await front.getByLabel('Your name (optional)').fill('Bo');
      await front.getByRole('button', { name: 'Join the room' }).click();
      await front.getByRole('heading', { name: /You're in, Bo/ }).waitFor();

      // Locked, the room keeps out Bo once removed, under a new key too.
      await presenter.getByRole('button', { name: 'Lock the room' }).click();
      await projector.getByText('The room is locked').waitFor();
      await presenter.getByRole('button', { name: 'Remove Bo' }).click();
      await front.getByRole('heading', { name: "You're out of this room" }).waitFor();
      await front.getByRole('button', { name: 'Join a room' }).click();
      await front.getByRole('textbox', { name: 'Room code' }).fill(code);
      await front.getByRole('button', { name: 'Find the room' }).click();
      await front.getByText(/locked this room/).waitFor();
      await front.getByRole('button', { name: 'Join the room' }).click();
      await front
        .getByRole('alert')
        .getByText(/The room is locked/)
        .waitFor();
      await expect.poll(() => presenter.getByRole('heading', { name: /^Phones: 1/ }).count()).toBe(1);
      for (const c of [context, ann, bo]) await c.close();
    });

    it('says plainly that phones need a room server when none answers', async () => {
      // The service worker would fetch past the test's route: keep it out.
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
      const projector = await context.newPage();
      // As on a static host with no room server: nothing answers where the rooms should be.
      await projector.route('**/rooms/health', (route) => route.fulfill({ status: 404, body: 'Not found' }));
      await projector.goto(`${app.url}?mode=workshop`);
      await projector.getByRole('radio', { name: /Phones, in teams/ }).check();
      await projector.getByRole('button', { name: 'Start the workshop' }).click();
      await expect.poll(() => projector.getByRole('alert').innerText()).toMatch(/Phones need a room server.*npm start/);
      await reachForControls(projector);
      await projector.getByRole('button', { name: 'Back to setup' }).click();
      await projector.getByRole('heading', { name: 'Run a workshop' }).waitFor();
      await context.close();
    });
  },
  startServer,
);
