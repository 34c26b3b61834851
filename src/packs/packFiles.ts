import { type Pack } from '../core/schema';
import bankSources from 'virtual:question-sources';
import type { Problem } from '../core/problems';
import { MAX_PACK_TEXT, MAX_WORKBOOK_BYTES } from '../core/limits';
import { m } from '../i18n/paraglide/messages.js';
import { formatNumber } from '../platform/ui/format';
import { packTextProblem } from '../core/questionText';
import { fail, ok, type Result } from '../core/result';
import { readPackLink } from '../share/packLink';
import { checkPack } from '../core/pack';
import { createPackReader } from './packReader';
import { readPack, readRequest, type ReadRequest } from './packReading';
import { readSpreadsheetFile } from './workbook';

/**
 * Reading a pack from what a trainer brings: its text (YAML or JSON), a spreadsheet, a pack
 * link. Each gives a pack checked by `checkPack`, or the problems found. A file's text and a
 * spreadsheet are read in a Web Worker (`packReader.ts`), within the limits of
 * src/core/limits.ts and by a deadline; where there is no Worker (tests in Node), in place.
 */

export { readPack };

/** Reads a pack's text (YAML or JSON) against the bank's sources, in place: for tests and tools. */
export const readPackText = (text: string): Result<Pack, Problem[]> => readPack(text, bankSources);

/** Reads a spreadsheet's bytes (CSV or .xlsx, one row per task) as a pack, in place: for tests and tools. */
export const readSpreadsheetBytes = (bytes: Uint8Array): Result<Pack, Problem[]> =>
  readSpreadsheetFile(bytes, bankSources);

// The worker's script loads with the first file read, not with the page.
const readInWorker =
  typeof Worker === 'undefined'
    ? undefined
    : createPackReader(() => new Worker(new URL('./packReader.worker.ts', import.meta.url), { type: 'module' }));

const readApart = async (request: ReadRequest): Promise<Result<Pack, Problem[]>> =>
  readInWorker ? readInWorker(request, bankSources) : readRequest(request, bankSources);

/** Reads a pack's text (YAML or JSON) off the main thread. Never rejects. */
export const readPackTextApart = (text: string) => readApart({ kind: 'text', text });

/** Reads a spreadsheet's bytes (CSV or .xlsx) as a pack, off the main thread. Never rejects. */
export const readSpreadsheetApart = (bytes: Uint8Array) => readApart({ kind: 'sheet', bytes });

const tooBig = (size: number, most: number): Problem => ({
  message: m.packs_file_too_big({ size: formatNumber(Math.ceil(size / 1024)), max: most / 1024 }),
});

/**
 * A pack file's text for the editor, or why it does not open: a file past the limits on size and
 * lines (src/core/limits.ts) is not put in the editor, and one far past them is not even read.
 */
export async function packFileText(file: Blob): Promise<Result<string, Problem[]>> {
  if (file.size > 4 * MAX_PACK_TEXT) return fail([tooBig(file.size, MAX_PACK_TEXT)]);
  return pastedText(await file.text());
}

/** Pasted text for the editor, or why it does not open (see `packFileText`). */
export function pastedText(text: string): Result<string, Problem[]> {
  const problem = packTextProblem(text);
  return problem ? fail([problem]) : ok(text);
}

/** Reads a spreadsheet file (CSV or .xlsx) as a pack, off the main thread; a file far too big is not read. */
export async function readSpreadsheetBlob(file: Blob): Promise<Result<Pack, Problem[]>> {
  const most = Math.max(MAX_WORKBOOK_BYTES, 4 * MAX_PACK_TEXT);
  if (file.size > most) return fail([tooBig(file.size, MAX_WORKBOOK_BYTES)]);
  return readSpreadsheetApart(new Uint8Array(await file.arrayBuffer()));
}

/** The pack in a pack link's fragment, checked as any pack is; the reasons it is not one. */
export async function packFromLink(fragment: string): Promise<Result<Pack, string[]>> {
  const data = await readPackLink(fragment);
  if (!data.ok) return fail([data.error]);
  const pack = checkPack({ data: data.value }, bankSources);
  return pack.ok ? pack : fail(pack.error.map((problem) => problem.message));
}
