import { checkPack } from '../core/pack';
import type { Problem } from '../core/problems';
import { parseQuestionText } from '../core/questionText';
import type { Result } from '../core/result';
import type { Pack, Source } from '../core/schema';
import { readSpreadsheetFile } from './workbook';

/**
 * The readers of what a trainer brings, as one function of plain data, so a Web Worker can run
 * them (`packReader.worker.ts`) and so can a test. They carry the YAML, CSV, zip and XML parsers.
 */

/** What to read: a pack's text (YAML or JSON), or a spreadsheet's bytes (CSV or .xlsx). */
export type ReadRequest = { kind: 'text'; text: string } | { kind: 'sheet'; bytes: Uint8Array };

/** Reads a pack from its text (YAML or JSON). Never throws. */
export function readPack(text: string, bankSources: readonly Source[]): Result<Pack, Problem[]> {
  const parsed = parseQuestionText(text);
  return parsed.ok ? checkPack(parsed.value, bankSources) : parsed;
}

/** Reads what was asked, against the bank's sources. Never throws. */
export const readRequest = (request: ReadRequest, bankSources: readonly Source[]): Result<Pack, Problem[]> =>
  request.kind === 'text' ? readPack(request.text, bankSources) : readSpreadsheetFile(request.bytes, bankSources);
