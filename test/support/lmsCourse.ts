import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { FrameLocator } from 'playwright-core';
import { expect } from 'vitest';
import { createActor } from 'xstate';
import { indexBank } from '../../src/core/bank';
import { currentCard } from '../../src/core/cursor';
import type { Card, Role } from '../../src/core/schema';
import { parseLmsSettings, type LmsSettings, type LmsStandard } from '../../src/lms/settings';
import { toSuspendData } from '../../src/lms/suspend';
import { createPlayMachine } from '../../src/modes/solo/playMachine';
import { loadBank } from '../../src/core/loadBank';
import { onlyCompanies } from '../../src/build/questionBankPlugin';
import { buildScormPackage } from '../../src/build/scormPackage';

/**
 * What the browser tests of the LMS packages share: a package of one company, served from its
 * own zip beside a mock LMS page, and a learner's way through the course, by role and name.
 */

/** The one company of the LMS packages the browser tests play: a whole game is nine tasks. */
export const COMPANY = 'mary-app';

/** The settings of a test package: one company, passed at 70. */
const courseSettings = (standard: LmsStandard): LmsSettings =>
  parseLmsSettings({ standard, title: 'Role Call test course', companies: [COMPANY], passingScore: 70 });

export const bank = indexBank(onlyCompanies(loadBank('questions'), [COMPANY]));
const byTask = new Map(bank.scenarios.flatMap((s) => s.cards.map((card) => [card.task, card] as const)));
const NAMES: Record<Role, string> = { pm: 'Product management', pmm: 'Product marketing', both: 'Both' };

/**
 * The files of a standard's test package (one company, passed at 70), built by the test file
 * that plays it (in its own process, beside the other files' tests) and read into memory.
 */
export async function packageFiles(standard: LmsStandard): Promise<Record<string, Uint8Array>> {
  const out = mkdtempSync(join(tmpdir(), `role-call-${standard}-`));
  try {
    return unzipSync(readFileSync((await buildScormPackage(courseSettings(standard), out)).zip));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The course's page or frame, to find its controls by role. */
export type Course = Pick<FrameLocator, 'getByRole' | 'locator'>;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** Serves a package's files straight from its zip under /course/, and the mock LMS's own files at their paths. */
export function servePackage(
  zip: Record<string, Uint8Array>,
  lmsFiles: Record<string, string | Buffer>,
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const body = path.startsWith('/course/') ? zip[path.slice('/course/'.length)] : lmsFiles[path];
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server });
    }),
  );
}

/** Starts a game of the course without being asked how sure, and shows the first task. */
export async function start(course: Course) {
  await course.getByRole('checkbox', { name: /Say how sure I am/ }).uncheck();
  await course.getByRole('button', { name: 'Start playing' }).click();
  await course.getByRole('button', { name: 'Show the first task' }).click();
}

/** Answers the task on screen, right or wrong (a shared task's split as well); returns its card. */
export async function answer(course: Course, right: boolean): Promise<Card> {
  const heading = course.getByRole('heading', { level: 1 });
  const card = byTask.get(await heading.innerText());
  expect(card, 'the task on screen comes from the package').toBeDefined();
  const role = right ? card!.key : card!.key === 'pm' ? 'pmm' : 'pm';
  await course.getByRole('button', { name: NAMES[role], exact: true }).click();
  await course.getByRole('button', { name: /^Next|^See the round summary|^See your results/ }).click();
  if (card!.key === 'both') {
    const options = course.getByRole('group', { name: 'Who does which part?' }).getByRole('button');
    const texts = await options.allInnerTexts();
    const rightAt = texts.findIndex((text) => text.includes(card!.overlap.options.find((o) => o.correct)!.text));
    await options.nth(right ? rightAt : (rightAt + 1) % texts.length).click();
    await course.getByRole('button', { name: /^Next task|^See the round summary|^See your results/ }).click();
  }
  return card!;
}

/**
 * Plays on to the results, all right; then the course shows the results screen (a course of one
 * company goes there from its last task, one of several through its round summary).
 */
export async function finish(course: Course) {
  const heading = course.getByRole('heading', { level: 1 });
  while (!/ of \d+ points( \(\d+%\))?$/.test(await heading.innerText())) await answer(course, true);
  if (!/^You scored/.test(await heading.innerText()))
    await course.getByRole('button', { name: 'See your results' }).click();
  await expect.poll(() => heading.innerText()).toMatch(/^You scored/);
}

/**
 * A course game with every task answered rightly but the last, packed as an LMS keeps it, and
 * that last task: a short way to a finished game for a test that has already seen a game
 * resumed from what a first session left.
 */
export function nearlyFinishedGame(seed = 7): { game: string; last: Card } {
  const actor = createActor(createPlayMachine(bank), { input: { seed } }).start();
  actor.send({ type: 'game.start', scenarioIds: [COMPANY], confidence: false });
  const isLast = () => {
    const { context } = actor.getSnapshot();
    return context.cardIndex === context.rounds[context.roundIndex]!.cardIds.length - 1;
  };
  for (let step = 0; step < 100 && !(actor.getSnapshot().matches('answering') && isLast()); step++) {
    const snapshot = actor.getSnapshot();
    const card = currentCard(bank, snapshot.context)!;
    if (snapshot.matches('roundIntro')) actor.send({ type: 'round.start' });
    else if (snapshot.matches('answering')) actor.send({ type: 'role.pick', role: card.key });
    else if (snapshot.matches('feedback')) actor.send({ type: 'feedback.continue' });
    else if (snapshot.matches({ overlap: 'choosing' }) && card.key === 'both')
      actor.send({ type: 'overlap.choose', option: card.overlap.options.findIndex((option) => option.correct) });
    else actor.send({ type: 'overlap.continue' });
  }
  const snapshot = actor.getSnapshot();
  return { game: toSuspendData(bank, snapshot, Date.now()), last: currentCard(bank, snapshot.context)! };
}

/** The notice that progress is not reaching the learning system, when there is one. */
export const notice = (course: Course) =>
  course
    .getByRole('status', { name: 'Notices' })
    .getByRole('paragraph')
    .filter({ hasText: /not being reported to your learning system/ });
