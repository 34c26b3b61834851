import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const letterOf = (index: number): string =>
  (index >= 26 ? letterOf(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));

/**
 * A workbook as Excel saves one: text in shared strings (one in rich-text runs, with a phonetic
 * guide), whole numbers as numbers, blank cells and empty rows left out, the sheet found through
 * the workbook's relationships, and the SpreadsheetML namespace under a prefix in one part.
 */
export function workbookOf(rows: string[][], { firstRow = 1, gapAfter = Infinity } = {}): Uint8Array {
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

/**
 * A workbook whose rows, under the template's, each name a cell in column ZZZ (the 18,278th):
 * the file that froze a tab for 18 s and then crashed it, made `rows` rows long.
 */
export function columnBomb(header: string[][], rows: number): Uint8Array {
  const book = unzipSync(workbookOf(header));
  const first = header.length + 1;
  const bomb = Array.from(
    { length: rows },
    (_, n) => `<x:row r="${first + n}"><x:c r="ZZZ${first + n}"><x:v>1</x:v></x:c></x:row>`,
  );
  const sheet = strFromU8(book['xl/worksheets/tasks.xml']!).replace('</x:sheetData>', `${bomb.join('')}</x:sheetData>`);
  return zipSync({ ...book, 'xl/worksheets/tasks.xml': strToU8(sheet) });
}
