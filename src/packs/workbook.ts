import { type Pack } from '../core/schema';
import { unzipSync } from 'fflate';
import { MAX_WORKBOOK_BYTES, MAX_WORKBOOK_PART, MAX_WORKBOOK_UNZIPPED } from '../core/limits';
import type { Problem } from '../core/problems';
import { MAX_TEXT } from '../core/questionText';
import { fail, type Result } from '../core/result';
import { m } from '../i18n/paraglide/messages.js';
import type { Source } from '../core/schema';

import { readSheet, readSpreadsheet, sheetBudget, type SheetRow } from './spreadsheet';
import { attribute, scanXml, Unreadable } from './xmlScan';

/**
 * A trainer pack from an Excel workbook (.xlsx), read from its first sheet as a CSV would be.
 * SheetJS, the usual reader, is stuck at 0.18.5 on the npm registry with known advisories (its
 * newer builds come only from its own CDN), so this reads the few parts a sheet of text needs:
 * fflate unzips them (its declared sizes are capped first, so a zip bomb is refused before it
 * inflates) and a small scanner (`xmlScan.ts`, which runs in a Web Worker, where there is no
 * DOMParser) reads their XML, with any DTD refused. The sheet is read cell by cell against the
 * limits of src/core/limits.ts, and reading stops at the first cell past one. Formulas are read
 * as the value Excel saved, dates as the number Excel stores.
 */

/** The most bytes a workbook may be: a pack's 256 KB of text packs far smaller. */
export const MAX_WORKBOOK = MAX_WORKBOOK_BYTES;

/** A limit of src/core/limits.ts passed while reading the sheet: its problem, in plain words. */
class OverLimit extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

const decoder = new TextDecoder();
const textOf = (part: Uint8Array | undefined) => (part ? decoder.decode(part) : undefined);

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
      if (originalSize > MAX_WORKBOOK_PART || total > MAX_WORKBOOK_UNZIPPED)
        throw new Unreadable(m.packs_book_too_big_unpacked());
      return true;
    },
  });
}

/** The shared strings, each its runs joined, without the phonetic guides. */
function sharedStrings(xml: string | undefined): string[] {
  const strings: string[] = [];
  if (!xml) return strings;
  let current: string[] | undefined;
  let phonetic = 0;
  let inText = false;
  scanXml(xml, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = !!current && !phonetic;
    },
    close(name) {
      if (name === 'si') strings.push(current?.join('') ?? '');
      if (name === 'si') current = undefined;
      else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (inText) current?.push(text);
    },
  });
  return strings;
}

/** The path in the zip of the workbook's first sheet. */
function firstSheetPath(parts: Record<string, Uint8Array>): string {
  let id: string | undefined;
  const workbook = textOf(parts['xl/workbook.xml']);
  if (workbook)
    scanXml(workbook, {
      open(name, attributes) {
        if (name === 'sheet') id ??= attribute(attributes, 'id');
      },
    });
  let target: string | undefined;
  const rels = textOf(parts['xl/_rels/workbook.xml.rels']);
  if (rels && id)
    scanXml(rels, {
      open(name, attributes) {
        if (name === 'Relationship' && attribute(attributes, 'Id') === id) target ??= attribute(attributes, 'Target');
      },
    });
  if (!target) return 'xl/worksheets/sheet1.xml';
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** "C" as 2: a cell reference's column, from 0. */
function columnIndex(reference: string): number | undefined {
  const letters = /^([A-Z]{1,3})\d*$/.exec(reference)?.[1];
  return letters ? [...letters].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1 : undefined;
}

/** The first sheet's filled rows, numbered as Excel numbers them (an empty row is not in the file). */
function sheetRows(parts: Record<string, Uint8Array>): SheetRow[] {
  const shared = sharedStrings(textOf(parts['xl/sharedStrings.xml']));
  const sheet = textOf(parts[firstSheetPath(parts)]);
  if (sheet === undefined) throw new Unreadable(m.packs_book_no_sheet());
  const budget = sheetBudget();
  const rows: SheetRow[] = [];
  let size = 0;
  let number = 0;
  let cells: string[] = [];
  let cell = { reference: '', type: '', value: '', inline: [] as string[] };
  let into: 'value' | 'inline' | undefined;
  let inlineString = false;
  let phonetic = 0;
  scanXml(sheet, {
    open(name, attributes) {
      if (name === 'row') {
        number = Number(attribute(attributes, 'r')) || number + 1;
        cells = [];
      } else if (name === 'c') {
        cell = {
          reference: attribute(attributes, 'r') ?? '',
          type: attribute(attributes, 't') ?? '',
          value: '',
          inline: [],
        };
      } else if (name === 'v') into = 'value';
      else if (name === 'is') inlineString = true;
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && inlineString && !phonetic) into = 'inline';
    },
    text(text) {
      if (into === 'value') cell.value += text;
      else if (into === 'inline') cell.inline.push(text);
    },
    close(name) {
      if (name === 'v' || name === 't') into = undefined;
      else if (name === 'is') inlineString = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c') {
        const { reference, type, value } = cell;
        const text =
          type === 's'
            ? (shared[Number(value)] ?? '')
            : type === 'inlineStr'
              ? cell.inline.join('')
              : type === 'b'
                ? value === '1'
                  ? 'TRUE'
                  : 'FALSE'
                : value;
        const index = columnIndex(reference) ?? cells.length;
        // A blank cell, however far away, is no cell: only a filled one counts against the limits.
        if (!text.trim()) return;
        const over = budget.cell(number, index);
        if (over) throw new OverLimit(over);
        size += text.length;
        if (size > MAX_TEXT) throw new Unreadable(m.packs_book_too_much_text({ max: MAX_TEXT / 1024 }));
        cells[index] = text;
      } else if (name === 'row' && cells.length)
        rows.push({ row: number, cells: Array.from(cells, (text) => text ?? '') });
    },
  });
  return rows;
}

/** Reads a pack from an Excel workbook's first sheet (the template's columns). Never throws. */
export function readWorkbook(bytes: Uint8Array, bankSources: readonly Source[]): Result<Pack, Problem[]> {
  if (bytes.length > MAX_WORKBOOK)
    return fail([
      { message: m.packs_book_too_big({ size: Math.ceil(bytes.length / 1024), max: MAX_WORKBOOK / 1024 }) },
    ]);
  let rows: SheetRow[];
  try {
    rows = sheetRows(partsOf(bytes));
  } catch (error) {
    if (error instanceof OverLimit) return fail([error.problem]);
    // fflate's own errors (not a zip, a damaged one) say so in its words.
    const why = error instanceof Unreadable ? error.message : m.packs_book_unreadable();
    return fail([{ message: why }]);
  }
  if (!rows.length) return fail([{ message: m.packs_text_empty() }]);
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
    return fail([{ message: m.packs_text_too_big({ size: Math.ceil(bytes.length / 1024), max: MAX_TEXT / 1024 }) }]);
  return readSpreadsheet(new TextDecoder(utf16 ? 'utf-16le' : 'utf-8').decode(bytes), bankSources);
}
