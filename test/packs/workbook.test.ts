// @vitest-environment jsdom
// The workbook's XML is read with the browser's DOMParser, which jsdom provides here.
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import Papa from 'papaparse';
import bankSources from 'virtual:question-sources';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../src/packs/spreadsheet';
import { MAX_WORKBOOK, readSpreadsheetFile, readWorkbook } from '../../src/packs/workbook';

const templateCsv = readFileSync('public/packs/template.csv', 'utf8');
const templateRows = () => Papa.parse<string[]>(templateCsv.trim(), { delimiter: ',' }).data;
const fromCsv = readSpreadsheet(templateCsv, bankSources);

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const letterOf = (index: number): string =>
  (index >= 26 ? letterOf(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));

/**
 * A workbook as Excel saves one: text in shared strings (one in rich-text runs, with a phonetic
 * guide), whole numbers as numbers, blank cells and empty rows left out, the sheet found through
 * the workbook's relationships, and the SpreadsheetML namespace under a prefix in one part.
 */
function workbookOf(rows: string[][], { firstRow = 1, gapAfter = Infinity } = {}): Uint8Array {
  const shared: string[] = [];
  const sheetRows = rows.map((cells, index) => {
    const number = firstRow + index + (index > gapAfter ? 1 : 0);
    const xml = cells.flatMap((cell, column) => {
      if (!cell) return [];
      const at = `${letterOf(column)}${number}`;
      if (/^\d+$/.test(cell)) return [`<c r="${at}"><v>${cell}</v></c>`];
      shared.push(cell);
      return [`<c r="${at}" t="s"><v>${shared.length - 1}</v></c>`];
    });
    return `<row r="${number}">${xml.join('')}</row>`;
  });
  const strings = shared.map((text, index) =>
    index === 0
      ? `<si><r><rPr><b/></rPr><t>${escape(text.slice(0, 3))}</t></r><r><t xml:space="preserve">${escape(text.slice(3))}</t></r><rPh sb="0" eb="1"><t>guide</t></rPh></si>`
      : `<si><t xml:space="preserve">${escape(text)}</t></si>`,
  );
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Tasks" sheetId="1" r:id="rId3"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="${rel}/worksheet" Target="worksheets/tasks.xml"/></Relationships>`,
    ),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0"?><sst xmlns="${main}">${strings.join('')}</sst>`),
    'xl/worksheets/tasks.xml': strToU8(
      `<?xml version="1.0"?><x:worksheet xmlns:x="${main}"><x:sheetData>${sheetRows.join('').replace(/<(\/?)(row|c|v)\b/g, '<$1x:$2')}</x:sheetData></x:worksheet>`,
    ),
  });
}

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
