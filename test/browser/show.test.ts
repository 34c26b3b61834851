import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Role } from '../../src/core/schema';
import { loadBank } from '../../src/core/loadBank';
import { axeViolations, describeInBrowser, reachForControls } from '../support/harness';

const bank = loadBank('questions');
const keyOf = new Map(bank.scenarios.flatMap((s) => s.cards.map((card) => [card.task, card.key] as const)));
const LETTERS: Record<Role, string> = { pm: 'p', pmm: 'm', both: 'b' };
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

describeInBrowser('the workshop as a show, in Chromium', (app) => {
  /** Nothing on the projector may scroll. */
  const fits = (page: Page) =>
    page.evaluate(
      () => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth,
    );
  /** The buttons a person in the room can see: on screen, and not faded out. */
  const controlsInSight = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter((button) => {
          const box = button.getBoundingClientRect();
          const faded = Number(getComputedStyle(button.closest('footer') ?? button).opacity) === 0;
          return box.width > 0 && box.bottom > 0 && box.top < innerHeight && !faded;
        })
        .map((button) => button.textContent),
    );
  const running = (page: Page) => page.evaluate(() => document.getAnimations().length);

  /** Plays every task on the projector's keys: `right(task)` lists the teams (from 0) that get it right. */
  async function play(page: Page, right: (task: number) => number[], check?: (task: number) => Promise<void>) {
    await page.keyboard.press('n');
    for (let task = 0; ; task++) {
      const screen = page.locator('#stage-task, #stage-final-title');
      await screen.waitFor();
      if ((await screen.getAttribute('id')) === 'stage-final-title') return;
      const key = keyOf.get(await screen.innerText())!;
      for (const team of right(task))
        for (const typed of `${team + 1}${LETTERS[key]}`) await page.keyboard.press(typed);
      await page.keyboard.press('r');
      await page.locator('#stage-answer').waitFor();
      await check?.(task);
      await page.keyboard.press('n');
    }
  }

  /** Each place on the podium: the team's name, where its step stands and how tall it is. */
  const podium = (page: Page) =>
    page
      .getByRole('list', { name: 'Podium' })
      .getByRole('listitem')
      .evaluateAll((places) =>
        places.map((place) => {
          const step = place.lastElementChild!.getBoundingClientRect();
          return {
            name: place.querySelector('.podium-name')!.lastChild!.textContent,
            left: step.left,
            right: step.right,
            top: step.top,
            height: step.height,
          };
        }),
      );

  it('stands ties fairly on the podium of twelve teams at 1920×1080 and 1280×720, with the rest below, and stills every move under reduced motion', async () => {
    const context = await app.browser.newContext({ viewport: SIZES[0], reducedMotion: 'reduce', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${app.url}?mode=workshop`);
    for (let team = 3; team < 12; team++) await page.getByRole('button', { name: 'Add a team' }).click();
    await page.getByRole('checkbox', { name: /The value-for-money shipping service/ }).uncheck();
    await page.getByRole('radio', { name: 'No timer' }).check();
    await page.getByRole('button', { name: 'Start the workshop' }).click();

    const ties = [
      {
        // Teams 1 and 2 always right, team 3 all but once: a tie at the top, third at right.
        answers: (task: number) => (task === 0 ? [0, 1] : [0, 1, 2]),
        headline: 'Team 1 and Team 2 share the win',
        middle: ['Team 1', 'Team 2'],
        left: [],
        right: ['Team 3'],
      },
      {
        // Team 1 always right, teams 2 and 3 all but once, team 4 once: a tie at second, at left.
        answers: (task: number) => (task === 0 ? [0, 3] : [0, 1, 2]),
        headline: 'Team 1 wins!',
        middle: ['Team 1'],
        left: ['Team 2', 'Team 3'],
        right: [],
      },
      {
        // Teams 1 to 3 always right, team 4 once: three ways at the top.
        answers: (task: number) => (task === 0 ? [0, 1, 2, 3] : [0, 1, 2]),
        headline: 'A three-way tie: Team 1, Team 2 and Team 3 share the win',
        middle: ['Team 1', 'Team 2', 'Team 3'],
        left: [],
        right: [],
      },
    ];
    for (const [index, tie] of ties.entries()) {
      await play(page, tie.answers, async (task) => {
        if (index > 0 || task > 1) return;
        // The moment, named; nothing moves for anyone who asks for less motion.
        const headline = task === 0 ? 'Team 1 and Team 2 share the lead' : 'Team 1 and Team 2 still share the lead';
        expect(await page.getByText(headline, { exact: true }).count()).toBe(1);
        expect(await running(page)).toBe(0);
        expect(await fits(page)).toBe(true);
        if (task === 0) expect(await axeViolations(page)).toEqual([]);
      });
      await page.getByText(tie.headline, { exact: true }).waitFor();
      expect(await running(page)).toBe(0);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        const where = `${tie.headline} at ${size.width}×${size.height}`;
        expect(await fits(page), where).toBe(true);
        const places = await podium(page);
        const spot = (name: string) => places.find((place) => place.name === name)!;
        const middle = tie.middle.map(spot);
        // The winners stand together in the middle of the screen, at one height.
        const centre = (middle[0]!.left + middle.at(-1)!.right) / 2;
        expect(Math.abs(centre - size.width / 2), where).toBeLessThan(size.width * 0.01);
        for (const winner of middle)
          expect([winner.top, winner.height], where).toEqual([middle[0]!.top, middle[0]!.height]);
        for (const [side, names] of [
          ['left', tie.left],
          ['right', tie.right],
        ] as const)
          for (const name of names) {
            const place = spot(name);
            expect(side === 'left' ? place.right <= middle[0]!.left : place.left >= middle.at(-1)!.right, where).toBe(
              true,
            );
            expect(place.height, where).toBeLessThan(middle[0]!.height);
            expect(place.height, where).toBe(spot(names[0]!).height);
          }
        expect(places.map((place) => place.name).sort(), where).toEqual(
          [...tie.middle, ...tie.left, ...tie.right].sort(),
        );
        // Everyone else is listed under the podium, in full view.
        const rest = page.getByRole('list', { name: 'Everyone else' }).getByRole('listitem');
        expect(await rest.count(), where).toBe(12 - places.length);
        const last = await rest.last().boundingBox();
        expect(last!.y + last!.height, where).toBeLessThanOrEqual(size.height);
      }
      if (index === 0) expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize(SIZES[0]!);
      if (index < ties.length - 1) {
        await reachForControls(page);
        await page.getByRole('button', { name: 'New workshop…' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Start a new workshop' }).click();
        await page.getByRole('button', { name: 'Start the workshop' }).click();
      }
    }
    await context.close();
  });

  it('keeps Start in view, the controls out of the room’s sight until the pointer moves, and Time’s up in its card', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${app.url}?mode=workshop`);
    const start = page.getByRole('button', { name: 'Start the workshop' });
    const inView = async () => {
      const box = await start.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 800;
    };
    expect(await inView()).toBe(true);
    for (let team = 3; team < 12; team++) await page.getByRole('button', { name: 'Add a team' }).click();
    await page.getByRole('radio', { name: '30 seconds' }).check();
    expect(await inView()).toBe(true);
    await start.click();
    await page.setViewportSize(SIZES[1]!);

    // The story on the big screen, and no control in sight.
    await page.locator('#stage-round-title').waitFor();
    expect(await controlsInSight(page)).toEqual([]);
    // Tab brings the controls up; away from them, they go.
    await page.keyboard.press('Tab');
    await expect.poll(() => controlsInSight(page)).toContain('Show the first task');
    expect(await page.evaluate(() => document.activeElement?.closest('footer') !== null)).toBe(true);
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await expect.poll(() => controlsInSight(page)).toEqual([]);
    // The keys work with the controls out of sight.
    await page.keyboard.press('n');
    await page.locator('#stage-task').waitFor();
    expect(await controlsInSight(page)).toEqual([]);
    // A moving pointer brings them up, and they go when it rests.
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 310);
    await expect.poll(() => controlsInSight(page)).toContain('Undo last entry');
    await page.clock.runFor(3500);
    await expect.poll(() => controlsInSight(page)).toEqual([]);

    // Time runs out: the words fit the clock's card, and the task keeps its lines at both sizes.
    const task = page.locator('#stage-task');
    // Measured once every move on the page has ended (the screen's own entrance included).
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
          // A move cancelled on the way (the screen changed under it) counts as ended.
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
    );
    const before = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      before.push(await task.boundingBox());
    }
    // The clock runs a second at a time until time is up, so that each save the workshop makes on
    // the way finishes in the page's real time: one jump of 30 s would also run out the save's
    // own time limit while storage answers, and a "not saved" notice would push the task down.
    const timeUp = page.getByText('Time’s up');
    while (!(await timeUp.count())) await page.clock.runFor(1000);
    for (const [index, size] of SIZES.entries()) {
      await page.setViewportSize(size);
      const where = `${size.width}×${size.height}`;
      expect(await task.boundingBox(), where).toEqual(before[index]);
      const [card, words] = await page.getByRole('timer', { name: 'Time left' }).evaluate((timer) => {
        const range = document.createRange();
        range.selectNodeContents(timer.firstElementChild!);
        return [timer.getBoundingClientRect().toJSON(), range.getBoundingClientRect().toJSON()];
      });
      expect(words.left, where).toBeGreaterThanOrEqual(card.left);
      expect(words.right, where).toBeLessThanOrEqual(card.right);
      expect(words.top, where).toBeGreaterThanOrEqual(card.top);
      expect(words.bottom, where).toBeLessThanOrEqual(card.bottom);
      expect(await fits(page), where).toBe(true);
    }

    // With motion on, the reveal moves (reduced motion stills it, above).
    await page.keyboard.press('1');
    await page.keyboard.press('p');
    await page.keyboard.press('r');
    await page.locator('#stage-answer').waitFor();
    expect(await running(page)).toBeGreaterThan(0);
    expect(await controlsInSight(page)).toEqual([]);
    await context.close();
  });
});
