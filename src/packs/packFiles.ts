import { type Pack } from '../core/schema';
import bankSources from 'virtual:question-sources';
import type { Problem } from '../core/problems';
import { parseQuestionText } from '../core/questionText';
import { fail, type Result } from '../core/result';
import type { Source } from '../core/schema';
import { readPackLink } from '../share/packLink';
import { checkPack } from '../core/pack';
import { readSpreadsheetFile } from './workbook';

/**
 * Reading a pack from what a trainer brings: its text (YAML or JSON), a spreadsheet, a pack
 * link. Each gives a pack checked by `checkPack`, or the problems found. These readers carry
 * the YAML, CSV and zip parsers, so they load with the Packs page alone.
 */

/** Reads a pack from its text (YAML or JSON). Never throws. */
export function readPack(text: string, bankSources: readonly Source[]): Result<Pack, Problem[]> {
  const parsed = parseQuestionText(text);
  return parsed.ok ? checkPack(parsed.value, bankSources) : parsed;
}

/** Reads a pack's text (YAML or JSON) against the bank's sources. */
export const readPackText = (text: string): Result<Pack, Problem[]> => readPack(text, bankSources);

/** Reads a spreadsheet's bytes (CSV or .xlsx, one row per task) as a pack. */
export const readSpreadsheetBytes = (bytes: Uint8Array): Result<Pack, Problem[]> =>
  readSpreadsheetFile(bytes, bankSources);

/** The pack in a pack link's fragment, checked as any pack is; the reasons it is not one. */
export async function packFromLink(fragment: string): Promise<Result<Pack, string[]>> {
  const data = await readPackLink(fragment);
  if (!data.ok) return fail([data.error]);
  const pack = checkPack({ data: data.value }, bankSources);
  return pack.ok ? pack : fail(pack.error.map((problem) => problem.message));
}
