import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import bankSources from 'virtual:question-sources';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT } from '../../src/core/questionText';
import { readPackText } from '../../src/packs/packFiles';
import { MAX_ROWS, readSpreadsheet } from '../../src/packs/spreadsheet';

const templateCsv = readFileSync('public/packs/template.csv', 'utf8');
const templateYaml = readFileSync('public/packs/template.yaml', 'utf8');
const read = (text: string) => readSpreadsheet(text, bankSources);

/** The template's cells, row 1 (the header) first, for a test to change. */
const templateRows = () => Papa.parse<string[]>(templateCsv.trim(), { delimiter: ',' }).data;

/** The template with one cell changed: `row` counts as a spreadsheet does, the header being row 1. */
function withCell(row: number, column: string, value: string, rows = templateRows()): string {
  rows[row - 1]![rows[0]!.indexOf(column)] = value;
  return Papa.unparse(rows, { newline: '\r\n' });
}

const messagesOf = (result: ReturnType<typeof read>) =>
  result.ok ? [] : result.error.map((problem) => problem.message);

describe('readSpreadsheet', () => {
  it('reads the CSV template to the same pack as the YAML template', () => {
    const yaml = readPackText(templateYaml);
    expect(yaml.ok).toBe(true);
    expect(read(templateCsv)).toEqual(yaml);
  });

  it('names the row and column of a wrong key, as the trainer sees them', () => {
    const result = read(withCell(4, 'key', 'sales'));
    expect(result).toEqual({
      ok: false,
      error: [
        { message: 'row 4, column "key": key must be one of: pm, pmm, both (got "sales")', line: 4, column: 'key' },
      ],
    });
  });

  it('counts a cell with line breaks and commas as one row, as a spreadsheet does', () => {
    const story = 'Acme Notes has a beta, with forty teams.\n\nThe "launch" is in six weeks.';
    const result = read(withCell(4, 'key', 'sales', Papa.parse<string[]>(withCell(2, 'story', story)).data));
    expect(messagesOf(result)).toEqual([expect.stringMatching(/^row 4, column "key": /)]);
    const fixed = read(withCell(2, 'story', story));
    expect(fixed.ok && fixed.value.companies[0]!.story).toBe(story);
  });

  it('gives a task the company of the row above when its company cells are blank', () => {
    const rows = templateRows();
    const header = rows[0]!;
    // The battlecard row (row 3) has task cells and no company cells: a task to copy.
    const task = (id: string, company: Record<string, string> = {}) =>
      header.map((name, index) => (name === 'task_id' ? id : (company[name] ?? rows[2]![index]!)));
    const second = { company_id: 'second', company_title: 'The second', company: 'Beta Co', stage: 'growth' };
    rows.splice(
      4,
      0,
      task('second-one', { ...second, story: 'Beta Co sells to schools.' }),
      task('second-two'),
      task('first-again', { company_id: 'first-company' }),
    );
    const result = read(Papa.unparse(rows));
    expect(result.ok && result.value.companies.map(({ id, cards }) => [id, cards.map((card) => card.id)])).toEqual([
      ['first-company', ['first-offline', 'first-battlecard', 'first-launch-plan', 'first-again']],
      ['second', ['second-one', 'second-two']],
    ]);
  });

  it('refuses a later row that gives a company other details, naming both rows', () => {
    const result = read(withCell(3, 'stage', 'growth'));
    expect(messagesOf(result)).toEqual([
      'row 3, column "stage": company "first-company" already has another stage on row 2 (leave this cell blank, or make it the same)',
    ]);
  });

  it('names unknown columns and missing ones in the header row', () => {
    const renamed = templateCsv.replace('takeaway,', 'take away note,').replace('pack_about,', 'colour,');
    expect(messagesOf(read(renamed))).toEqual([
      'row 1, column E: "colour" is not a column the game knows (check its spelling against template.csv)',
      'row 1, column P: "take away note" is not a column the game knows (check its spelling against template.csv)',
      'row 1: the header row has no column "takeaway" (the first row names the columns, as in template.csv)',
    ]);
  });

  it('takes plain-word headers and capitalised keys, as a trainer may type them', () => {
    const [header, ...rest] = templateRows();
    const words = header!.map((name) => name.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()));
    const rows = rest.map((cells) =>
      cells.map((cell, index) => (header![index] === 'key' ? cell.toUpperCase() : cell)),
    );
    expect(read(Papa.unparse([words, ...rows]))).toEqual(read(templateCsv));
  });

  it("reads Excel's CSV: a byte-order mark, CRLF line ends, and semicolons in much of Europe", () => {
    const expected = read(templateCsv);
    expect(expected.ok).toBe(true);
    expect(templateCsv).toContain('\r\n');
    expect(read(`\uFEFF${templateCsv}`)).toEqual(expected);
    const semicolons = Papa.unparse(templateRows(), { delimiter: ';', newline: '\r\n' });
    expect(semicolons.split('\r\n')[0]).toMatch(/^pack_id;pack_title;/);
    expect(read(`\uFEFF${semicolons}`)).toEqual(expected);
    expect(read(`sep=;\r\n${semicolons}`)).toEqual(expected);
    expect(read(Papa.unparse(templateRows(), { delimiter: '\t' }))).toEqual(expected);
  });

  it('skips blank rows but keeps counting them', () => {
    const rows = templateRows();
    rows.splice(
      2,
      0,
      rows[0]!.map(() => ''),
      [''],
    );
    const result = read(withCell(6, 'key', 'sales', rows));
    expect(messagesOf(result)).toEqual([expect.stringMatching(/^row 6, column "key": /)]);
  });

  it("words the card check's problems in columns: blank cells, cells for the other kind of task, the right option", () => {
    expect(messagesOf(read(withCell(2, 'takeaway', '  ')))).toEqual(['row 2, column "takeaway": is blank: fill it in']);
    expect(messagesOf(read(withCell(2, 'discuss', 'Who decides?')))).toEqual([
      'row 2, column "discuss": is only for tasks whose key is both: leave it blank',
    ]);
    expect(messagesOf(read(withCell(4, 'other_role', 'Someone')))).toEqual([
      'row 4, column "other_role": is only for tasks whose key is pm or pmm: leave it blank',
    ]);
    expect(messagesOf(read(withCell(4, 'correct_option', '')))).toEqual([
      'row 4, column "correct_option": give the number (1 to 4) of the right option',
    ]);
    expect(messagesOf(read(withCell(4, 'correct_option', '4')))).toEqual([
      'row 4, column "correct_option": must be the number of a filled-in option, 1, 2, 3 (got "4")',
    ]);
    expect(messagesOf(read(withCell(4, 'why_2', '')))).toEqual(['row 4, column "why_2": is blank: fill it in']);
    expect(messagesOf(read(withCell(3, 'sources', 'S3; P9')))).toEqual([
      expect.stringMatching(/^row 3, column "sources": unknown source "P9"/),
    ]);
    expect(messagesOf(read(withCell(5, 'source_url', 'http://example.com')))).toEqual([
      expect.stringMatching(/^row 5, column "source_url": url must start with https:\/\//),
    ]);
  });

  it('refuses an empty file, a file past the size cap, too many rows and an unclosed quote', () => {
    expect(messagesOf(read(''))).toEqual(['the file is empty']);
    expect(messagesOf(read('\uFEFF \r\n'))).toEqual(['the file is empty']);
    expect(messagesOf(read(templateCsv.split('\r\n')[0]!))).toEqual([
      'the spreadsheet has a header row but no tasks under it',
    ]);
    expect(messagesOf(read(`${templateCsv}${'x,'.repeat(MAX_TEXT / 2)}`))).toEqual([
      expect.stringMatching(/most a file may be is 256 KB/),
    ]);
    const header = templateCsv.split('\r\n')[0]!;
    expect(messagesOf(read(`${header}\r\n${'x\r\n'.repeat(MAX_ROWS + 1)}`))).toEqual([
      'this sheet has more than 1,250 rows under its header; Role Call reads up to 1,250',
    ]);
    expect(messagesOf(read(`${header}\r\nmy-pack,"My pack\r\n`))).toEqual([
      'row 2: a quote (") opens a cell and is never closed',
    ]);
  });

  it('answers a file made to be slow, of many empty columns and many rows, with its problems', () => {
    const header = templateCsv.split('\r\n')[0]!;
    const result = read(`${header}${','.repeat(60_000)}\n${'\n'.repeat(150_000)}x${',x'.repeat(20_000)}`);
    expect(messagesOf(result)).toEqual([
      'this sheet has more than 64 columns (row 150002 has a cell in column BM); Role Call reads up to 64',
    ]);
  });

  it('never throws: any text gives a pack or at least one problem', () => {
    const header = templateCsv.split('\r\n')[0]!;
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ',', ';', '"', '\n', '\r', 'pm', '1', ' ', 'S1') }),
        (body) => {
          const result = read(`${header}\n${body}`);
          expect(result.ok || result.error.length > 0).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
