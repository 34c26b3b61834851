import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import Papa from 'papaparse';
import bankSources from 'virtual:question-sources';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../src/packs/spreadsheet';
import { MAX_WORKBOOK, readSpreadsheetFile, readWorkbook } from '../../src/packs/workbook';
import { columnBomb, letterOf, workbookOf } from '../support/workbook';
import { MAX_SHEET_COLUMNS, MAX_SHEET_ROWS } from '../../src/core/limits';

const templateCsv = readFileSync('public/packs/template.csv', 'utf8');
const templateRows = () => Papa.parse<string[]>(templateCsv.trim(), { delimiter: ',' }).data;
const fromCsv = readSpreadsheet(templateCsv, bankSources);

const messagesOf = (result: ReturnType<typeof readWorkbook>) =>
  result.ok ? [] : result.error.map((problem) => problem.message);

describe('readWorkbook', () => {
  it('reads the template saved as a workbook to the same pack as the CSV template', () => {
    expect(fromCsv.ok).toBe(true);
    expect(readWorkbook(workbookOf(templateRows()), bankSources)).toEqual(fromCsv);
  });

  it("names the sheet's own row numbers, past rows Excel leaves out for being empty", () => {
    const rows = templateRows();
    rows[3]![rows[0]!.indexOf('key')] = 'sales';
    // Row 3 is empty, so the third task is on row 5.
    expect(messagesOf(readWorkbook(workbookOf(rows, { gapAfter: 1 }), bankSources))).toEqual([
      'row 5, column "key": key must be one of: pm, pmm, both (got "sales")',
    ]);
    expect(messagesOf(readWorkbook(workbookOf([['colour'], ...rows.slice(1)], { firstRow: 3 }), bankSources))).toEqual([
      'row 3, column A: "colour" is not a column the game knows (check its spelling against template.csv)',
      expect.stringMatching(/^row 3: the header row has no column "pack_id", "pack_title"/),
    ]);
  });

  it('refuses what is not a workbook, a zip bomb, a document type and a file past the cap', () => {
    expect(messagesOf(readWorkbook(strToU8('PK but not a zip'), bankSources))).toEqual([
      'not an Excel workbook the game can read (save it as .xlsx or CSV)',
    ]);
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(9 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(MAX_WORKBOOK);
    expect(messagesOf(readWorkbook(bomb, bankSources))).toEqual([
      'the workbook unpacks to far more than a pack may hold; save its first sheet as CSV',
    ]);
    const doctype = zipSync({
      'xl/worksheets/sheet1.xml': strToU8('<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet>&a;</worksheet>'),
    });
    expect(messagesOf(readWorkbook(doctype, bankSources))).toEqual([
      'the workbook holds a document type, which Excel never writes',
    ]);
    expect(messagesOf(readWorkbook(new Uint8Array(MAX_WORKBOOK + 1), bankSources))).toEqual([
      expect.stringMatching(/the most it may be is 2048 KB/),
    ]);
    expect(
      messagesOf(readWorkbook(zipSync({ 'xl/worksheets/sheet1.xml': strToU8('<worksheet/>') }), bankSources)),
    ).toEqual(['the file is empty']);
  });
});

describe('readSpreadsheetFile', () => {
  it("reads a workbook, a CSV and Excel's UTF-16 tab-separated text by their bytes", () => {
    expect(readSpreadsheetFile(workbookOf(templateRows()), bankSources)).toEqual(fromCsv);
    expect(readSpreadsheetFile(strToU8(`\uFEFF${templateCsv}`), bankSources)).toEqual(fromCsv);
    const tabs = Papa.unparse(templateRows(), { delimiter: '\t', newline: '\r\n' });
    const utf16 = new Uint8Array(2 + tabs.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < tabs.length; i++) utf16.set([tabs.charCodeAt(i) & 0xff, tabs.charCodeAt(i) >> 8], 2 + i * 2);
    expect(readSpreadsheetFile(utf16, bankSources)).toEqual(fromCsv);
  });
});

describe('the limits of a sheet', () => {
  it('stops at the first cell past the last column a pack may have, however far it is', () => {
    // The file that froze the tab: rows naming cell ZZZn, each row an 18,278-column array to build.
    expect(messagesOf(readWorkbook(columnBomb(templateRows(), 20_000), bankSources))).toEqual([
      `this sheet has more than ${MAX_SHEET_COLUMNS} columns (row ${templateRows().length + 1} has a cell in column ZZZ); Role Call reads up to ${MAX_SHEET_COLUMNS}`,
    ]);
    // Blank cells far away are no cells: Excel leaves them in files.
    const blank = zipSync({
      'xl/worksheets/sheet1.xml': strToU8(
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>pack_id</t></is></c><c r="ZZZ1"/></row></sheetData></worksheet>',
      ),
    });
    expect(messagesOf(readWorkbook(blank, bankSources))[0]).toMatch(
      /^row 1: the header row has no column "pack_title"/,
    );
  });

  it('refuses more filled cells than a pack could hold', () => {
    const rows = [templateRows()[0]!, ...Array.from({ length: MAX_SHEET_ROWS }, () => Array(40).fill('1'))];
    expect(messagesOf(readWorkbook(workbookOf(rows), bankSources))).toEqual([
      expect.stringMatching(/^this sheet has more than 50,000 filled cells; Role Call reads up to 50,000$/),
    ]);
  });

  it('reads entities, CDATA and comments as Excel and LibreOffice write them', () => {
    const header = templateRows()[0]!;
    const cells = header.map(
      (name, index) =>
        `<c r="${letterOf(index)}1" t="inlineStr"><is><t>${index === 0 ? '<![CDATA[pack_id]]>' : name}</t></is></c>`,
    );
    const sheet = `<?xml version="1.0"?><!-- saved --><worksheet><sheetData><row r="1">${cells.join('')}</row><row r="2"><c r="A2" t="inlineStr"><is><t>a&amp;b &#233;&#xE9;&lt;</t></is></c></row></sheetData></worksheet>`;
    const read = readWorkbook(zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheet) }), bankSources);
    expect(messagesOf(read).join('\n')).toContain('(got "a&b éé<")');
  });
});
