import { type Pack } from '../../src/core/schema';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

import { describeInBrowser, reachForControls, ready } from '../support/harness';

const template = readFileSync('public/packs/template.yaml', 'utf8');

/** The template with a second company: the first one again, with ids, title and story of its own. */
function twoCompanies(): string {
  const [head, companies] = template.split('\ncompanies:\n');
  const second = companies!
    .replaceAll('first-', 'second-')
    .replace('The first launch', 'The second launch')
    .replace('Acme Notes, a note-taking app for teams', 'Acme Tasks, a to-do app for teams');
  return `${head}\ncompanies:\n${companies}${second}`;
}

describeInBrowser('trainer packs in Chromium', (app) => {
  async function open(url = app.url) {
    const context = await app.browser.newContext({
      reducedMotion: 'reduce',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await ready(page);
    return { page, context, errors };
  }

  /** Plays the game on screen to its results, giving each task its pack's key and the right split. */
  async function playToResults(page: Page, pack: Pack) {
    const cards = new Map(pack.companies.flatMap((company) => company.cards.map((card) => [card.task, card])));
    for (let step = 0; step < 100 && !(await page.getByText(/^Results$/).count()); step++) {
      const roles = page.getByRole('group', { name: 'Who does this task?' }).getByRole('button', { disabled: false });
      if (await page.getByRole('heading', { name: 'Who does which part?' }).count()) {
        const card = [...cards.values()].find((c) => c.key === 'both')!;
        const right = card.key === 'both' ? card.overlap.options.find((o) => o.correct)!.text : '';
        await page.getByRole('button', { name: new RegExp(right.slice(0, 30)) }).click();
      } else if (await roles.count()) {
        const card = cards.get(await page.locator('h1.task').innerText())!;
        await page.keyboard.press(String(['pm', 'pmm', 'both'].indexOf(card.key) + 1));
      } else {
        await page
          .getByRole('button', { name: /^Show the first task$|^Next|^See the round summary$|^See your results$/ })
          .first()
          .click();
      }
    }
  }

  it('writes a two-company pack from the template, fixes an error, plays it, and keeps it through export and import', async () => {
    const { page, errors } = await open();
    await page.getByRole('link', { name: 'Make or add a pack' }).click();
    await page.getByRole('button', { name: 'Start from the template' }).click();
    const editor = page.getByRole('textbox', { name: 'Pack text' });
    const text = twoCompanies();
    const broken = text.replace('key: pmm', 'key: marketing');
    await editor.fill(broken);
    const line = broken.split('\n').findIndex((row) => row.includes('key: marketing')) + 1;
    const problem = page.locator('.pack-problems li');
    await expect
      .poll(() => problem.innerText())
      .toMatch(
        new RegExp(
          `^Line ${line}: company "first-company".*card "first-battlecard".*field "key": key must be one of: pm, pmm, both`,
        ),
      );
    expect(await page.getByRole('button', { name: 'Add to my packs' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: `Line ${line}` }).click();
    expect(
      await editor.evaluate((area: HTMLTextAreaElement) => area.value.slice(area.selectionStart, area.selectionEnd)),
    ).toContain('key: marketing');

    await editor.fill(text);
    await expect.poll(() => page.locator('.pack-preview').innerText()).toContain('2 companies · 6 tasks');
    await page.getByRole('button', { name: 'Try it now' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^The (first|second) launch$/);
    await playToResults(page, parse(text) as Pack);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^You scored 8 of 8 points/);

    // The result link names the pack: without it a fresh browser says which pack and scores nothing wrong.
    await page.getByRole('button', { name: 'Share result' }).click();
    const result = await page.getByLabel('Link to your result').inputValue();
    const stranger = await open(result);
    const warning = await stranger.page.locator('main').innerText();
    expect(warning).toContain(
      'This result was played with the trainer pack “My training pack” (my-pack), which this browser does not have.',
    );
    expect(warning).not.toMatch(/scored \d+ of 8/);
    expect(await stranger.page.getByRole('link', { name: 'Open Packs' }).getAttribute('href')).toBe('#packs');

    // With the pack (sent as a pack link, added on purpose), the same link shows the full score.
    await page.goto(`${app.url}#packs`);
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByRole('button', { name: 'Copy the link' }).click();
    const packLink = await page.evaluate(() => navigator.clipboard.readText());
    const friend = await open(packLink);
    await friend.page.getByRole('button', { name: 'Add this pack' }).click();
    await friend.page.getByText('“My training pack” is in your packs.').waitFor();
    await friend.page.goto(result);
    await expect.poll(() => friend.page.getByRole('heading', { level: 1 }).innerText()).toMatch(/scored 8 of 8 points/);
    expect(await friend.page.getByText(/trainer pack/).count()).toBe(0);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Choose other companies' }).click();
    expect(await page.getByRole('checkbox', { name: /The second launch.*your pack “My training pack”/ }).count()).toBe(
      1,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export progress' }).click(),
    ]);
    const file = readFileSync((await download.path())!);

    const fresh = await open();
    expect(await fresh.page.getByRole('checkbox', { name: /The second launch/ }).count()).toBe(0);
    await fresh.page
      .getByLabel('Import progress')
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file });
    await fresh.page.getByRole('button', { name: 'Replace my progress' }).click();
    await expect.poll(() => fresh.page.getByRole('checkbox', { name: /The second launch/ }).count()).toBe(1);
    await fresh.page.goto(`${app.url}#packs`);
    await expect.poll(() => fresh.page.locator('.pack-list').innerText()).toContain('My training pack');
    expect([...errors, ...fresh.errors, ...stranger.errors, ...friend.errors]).toEqual([]);
  });

  it('imports a spreadsheet, naming the row and column of a bad cell', async () => {
    const { page, errors } = await open(`${app.url}#packs`);
    const csv = readFileSync('public/packs/template.csv', 'utf8');
    const rows = csv.split(/\r?\n/);
    const bad = rows.findIndex((row) => row.includes(',pmm,'));
    rows[bad] = rows[bad]!.replace(',pmm,', ',marketing,');
    const upload = (text: string) =>
      page
        .getByLabel('Open a pack or spreadsheet')
        .setInputFiles({ name: 'team.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await upload(rows.join('\n'));
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain(`team.csv: row ${bad + 1}, column "key": key must be one of: pm, pmm, both (got "marketing")`);
    await upload(csv);
    await expect.poll(() => page.locator('.pack-preview').innerText()).toContain('1 company · 3 tasks');
    expect(await page.getByRole('textbox', { name: 'Pack text' }).inputValue()).toContain(
      '# Read from the spreadsheet team.csv.',
    );
    expect(errors).toEqual([]);
  });

  it('runs a workshop on a pack', async () => {
    const { page, errors } = await open(`${app.url}#packs`);
    await page.getByRole('button', { name: 'Start from the template' }).click();
    await page.getByRole('button', { name: 'Add to my packs' }).click();
    await page.getByText('Saved in your packs.').waitFor();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${app.url}?mode=workshop`);
    await page.getByRole('heading', { name: 'Run a workshop' }).waitFor();
    const chosen = page.getByRole('checkbox', { checked: true });
    while (await chosen.count()) await chosen.first().uncheck();
    await page.getByRole('checkbox', { name: /The first launch.*your pack/ }).check();
    await page.getByRole('button', { name: 'Start the workshop' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('The first launch');
    await reachForControls(page);
    await page.getByRole('button', { name: 'Show the first task' }).click();
    await expect
      .poll(() => page.locator('.stage-card h1').innerText())
      .toBe('Decide whether offline editing makes it into the launch version');
    await page.getByRole('button', { name: 'Reveal the answer' }).click();
    await expect.poll(() => page.locator('.stage-key').innerText()).toContain('Product management');
    expect(await page.locator('main').innerText()).toContain('Deciding what goes into a version');
    expect(errors).toEqual([]);
  });
});
