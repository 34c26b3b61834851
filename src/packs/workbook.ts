import { type Pack } from '../core/schema';
import { unzipSync } from 'fflate';
import type { Problem } from '../core/problems';
import { MAX_TEXT } from '../core/questionText';
import { fail, type Result } from '../core/result';
import type { Source } from '../core/schema';

import { readSheet, readSpreadsheet, type SheetRow } from './spreadsheet';

/**
 * A trainer pack from an Excel workbook (.xlsx), read from its first sheet as a CSV would be.
 * SheetJS, the usual reader, is stuck at 0.18.5 on the npm registry with known advisories (its
 * newer builds come only from its own CDN), so this reads the few parts a sheet of text needs:
 * fflate unzips them (its declared sizes are capped first, so a zip bomb is refused before it
 * inflates) and the browser's DOMParser reads their XML, with any DTD refused (a workbook has
 * none; a DTD's entities could expand without end). Formulas are read as the value Excel saved,
 * dates as the number Excel stores.
 */

/** The most bytes a workbook may be: a pack's 256 KB of text packs far smaller. */
export const MAX_WORKBOOK = 2 * 1024 * 1024;
/** The most one unzipped part, and all of them, may be: XML says a sheet's text several times over. */
const MAX_PART = 8 * 1024 * 1024;
const MAX_UNZIPPED = 16 * 1024 * 1024;

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Why a workbook cannot be read, as a trainer can act on it. */
class Unreadable extends Error {}

/** The parts of a workbook that hold a sheet's text, each capped before it is inflated. */
function partsOf(bytes: Uint8Array): Record<string, Uint8Array> {
  let total = 0;
  return unzipSync(bytes, {
    filter: ({ name, originalSize }) => {
      const wanted =
        ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'].includes(name) ||
        /^xl\/worksheets\/[^/]+\.xml$/.test(name);
      if (!wanted) return false;
      total += originalSize;
      if (originalSize > MAX_PART || total > MAX_UNZIPPED)
        throw new Unreadable('the workbook unpacks to far more than a pack may hold; save its first sheet as CSV');
      return true;
    },
  });
}

function xmlOf(part: Uint8Array | undefined): Document | undefined {
  if (!part) return undefined;
  const text = new TextDecoder().decode(part);
  if (/<!DOCTYPE/i.test(text)) throw new Unreadable('the workbook holds a document type, which Excel never writes');
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) throw new Unreadable('a part of the workbook is not valid XML');
  return doc;
}

/** Elements by their local name, whatever prefix the writer gave its namespace; none in a part that is not there. */
const all = (node: Document | Element | undefined, name: string) =>
  node ? Array.from(node.getElementsByTagNameNS('*', name)) : [];

/** The text of a shared string or an inline one: its runs joined, without the phonetic guides. */
const textOf = (node: Element) =>
  all(node, 't')
    .filter((t) => t.parentElement?.localName !== 'rPh')
    .map((t) => t.textContent ?? '')
    .join('');

/** The path in the zip of the workbook's first sheet. */
function firstSheetPath(parts: Record<string, Uint8Array>): string {
  const id = all(xmlOf(parts['xl/workbook.xml']), 'sheet')[0]?.getAttributeNS(RELATIONSHIPS, 'id');
  const rels = all(xmlOf(parts['xl/_rels/workbook.xml.rels']), 'Relationship');
  const target = rels.find((rel) => rel.getAttribute('Id') === id)?.getAttribute('Target');
  if (!target) return 'xl/worksheets/sheet1.xml';
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** "C" as 2: a cell reference's column, from 0. */
function columnIndex(reference: string): number | undefined {
  const letters = /^([A-Z]{1,3})\d*$/.exec(reference)?.[1];
  return letters ? [...letters].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1 : undefined;
}

/** The first sheet's rows, numbered as Excel numbers them (an empty row is not in the file). */
function sheetRows(parts: Record<string, Uint8Array>): SheetRow[] {
  const shared = all(xmlOf(parts['xl/sharedStrings.xml']), 'si').map(textOf);
  const sheet = xmlOf(parts[firstSheetPath(parts)]);
  if (!sheet) throw new Unreadable('the workbook has no sheet');
  let size = 0;
  let previous = 0;
  return all(sheet, 'row').map((row) => {
    const number = Number(row.getAttribute('r')) || previous + 1;
    previous = number;
    const cells: string[] = [];
    for (const cell of all(row, 'c')) {
      const index = columnIndex(cell.getAttribute('r') ?? '') ?? cells.length;
      const value = all(cell, 'v')[0]?.textContent ?? '';
      const type = cell.getAttribute('t');
      const text =
        type === 's'
          ? (shared[Number(value)] ?? '')
          : type === 'inlineStr'
            ? textOf(cell)
            : type === 'b'
              ? value === '1'
                ? 'TRUE'
                : 'FALSE'
              : value;
      size += text.length;
      if (size > MAX_TEXT)
        throw new Unreadable(`the sheet holds more than ${MAX_TEXT / 1024} KB of text, the most a pack may be`);
      cells[index] = text;
    }
    // A cell Excel left out is blank.
    return { row: number, cells: Array.from(cells, (cell) => cell ?? '') };
  });
}

/**
 * Reads a pack from an Excel workbook's first sheet (the template's columns). Never throws. It needs
 * a DOMParser, as every browser has.
 */
export function readWorkbook(bytes: Uint8Array, bankSources: readonly Source[]): Result<Pack, Problem[]> {
  if (bytes.length > MAX_WORKBOOK)
    return fail([
      {
        message: `the workbook is ${Math.ceil(bytes.length / 1024)} KB; the most it may be is ${MAX_WORKBOOK / 1024} KB`,
      },
    ]);
  let rows: SheetRow[];
  try {
    rows = sheetRows(partsOf(bytes));
  } catch (error) {
    // fflate's own errors (not a zip, a damaged one) say so in its words.
    const why =
      error instanceof Unreadable ? error.message : 'not an Excel workbook the game can read (save it as .xlsx or CSV)';
    return fail([{ message: why }]);
  }
  if (!rows.some((row) => row.cells.some((cell) => cell.trim()))) return fail([{ message: 'the file is empty' }]);
  return readSheet(rows, bankSources);
}

/**
 * Reads a pack from a spreadsheet file's bytes, whichever kind it is: an Excel workbook (a zip),
 * or CSV or tab-separated text (UTF-8, or the UTF-16 of Excel's "Unicode text"). Never throws.
 */
export function readSpreadsheetFile(bytes: Uint8Array, bankSources: readonly Source[]): Result<Pack, Problem[]> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readWorkbook(bytes, bankSources);
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  // Past this many bytes the text is past the size cap in any encoding: it is not decoded at all.
  if (bytes.length > 4 * MAX_TEXT)
    return fail([
      { message: `the file is ${Math.ceil(bytes.length / 1024)} KB; the most a file may be is ${MAX_TEXT / 1024} KB` },
    ]);
  return readSpreadsheet(new TextDecoder(utf16 ? 'utf-16le' : 'utf-8').decode(bytes), bankSources);
}
