import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import Papa from 'papaparse';
import { expect, it } from 'vitest';
import { describeInBrowser, longestTask, ready, watchLongTasks } from '../support/harness';
import { columnBomb } from '../support/workbook';

const templateRows = () =>
  Papa.parse<string[]>(readFileSync('public/packs/template.csv', 'utf8').trim(), { delimiter: ',' }).data;

/** A long task this long or longer is a tab that does not answer a click. */
const FROZEN_MS = 200;
const folder = mkdtempSync(join(tmpdir(), 'role-call-hostile-'));

describeInBrowser('hostile files in Chromium', (app) => {
  async function packsPage() {
    const context = await app.browser.newContext();
    await watchLongTasks(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.url}#packs`);
    await ready(page);
    // Only what reading the files costs: the page's own start-up is measured elsewhere.
    await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
    // From a file on disk, as a person picks one: a buffer would be copied into the page by script.
    const open = (name: string, bytes: Uint8Array) => {
      const path = join(folder, name);
      writeFileSync(path, bytes);
      return page.getByLabel('Open a pack or spreadsheet').setInputFiles(path);
    };
    return { page, context, errors, open };
  }

  it('answers a column bomb, a 10 MB sheet and a pack of 131,000 lines in plain words, never freezing the tab', async () => {
    const { page, context, errors, open } = await packsPage();
    // Rows naming cell ZZZn: this one froze a tab for 18 s, then said "the file is empty".
    const bomb = columnBomb(templateRows(), 20_000);
    expect(bomb.length).toBeGreaterThan(80 * 1024);
    await open('bomb.xlsx', bomb);
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain(
        `bomb.xlsx: this sheet has more than 64 columns (row ${templateRows().length + 1} has a cell in column ZZZ); Role Call reads up to 64`,
      );

    // Ten megabytes of sheet, stored without compression.
    const row = (n: number) => `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>${'x'.repeat(400)}</t></is></c></row>`;
    const sheet = `<worksheet><sheetData>${Array.from({ length: 25_000 }, (_, n) => row(n + 1)).join('')}</sheetData></worksheet>`;
    const big = zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheet) }, { level: 0 });
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    await open('big.xlsx', big);
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toMatch(/big\.xlsx: the file is [\d,]+ KB; the most Role Call reads is 2048 KB/);

    // 256 KB of short lines: the editor would show and check 131,000 of them.
    await open('lines.yaml', Buffer.from('x\n'.repeat(131_000)));
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('lines.yaml: this pack has more than 20,000 lines; Role Call reads up to 20,000');

    expect(await longestTask(page)).toBeLessThan(FROZEN_MS);
    // The tab still works: the template opens in the editor and checks.
    await page.getByRole('button', { name: 'Start from the template' }).click();
    await expect.poll(() => page.locator('.pack-check').innerText()).toContain('The pack checks');
    expect(errors).toEqual([]);
    await context.close();
  });
});
