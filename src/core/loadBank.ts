import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildBank, BankError, type BankFile } from './bankCheck.ts';
import { BANK_LANGUAGES, type BankLanguage } from './bankLanguages.ts';
import { problemText } from './problems.ts';
import { parseQuestionText } from './questionText.ts';
import type { Bank } from './schema.ts';

/** The file in a question folder that lists the sources cards may cite. */
export const SOURCES_FILE = 'sources.yaml';

/** Scenario files in a question folder, in play order (by file name). */
export function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name) && name !== SOURCES_FILE)
    .sort()
    .map((name) => join(dir, name));
}

function readFile(path: string, problems: string[]): BankFile | undefined {
  const file = relative(process.cwd(), path);
  const read = parseQuestionText(readFileSync(path, 'utf8'));
  if (read.ok) return { file, ...read.value };
  problems.push(...read.error.map((problem) => problemText(file, problem)));
  return undefined;
}

/**
 * The bank in every language a question folder holds: its own (English), and each translation
 * in a folder named by its language (`questions/de`).
 */
export function loadBanks(dir: string): Partial<Record<BankLanguage, Bank>> {
  const translated = BANK_LANGUAGES.filter((language) => existsSync(join(dir, language, SOURCES_FILE)));
  return Object.fromEntries([
    ['en', loadBank(dir)],
    ...translated.map((language) => [language, loadBank(join(dir, language))]),
  ]);
}

/** Reads, parses and validates a question folder. Throws a BankError listing every problem. */
export function loadBank(dir: string): Bank {
  const problems: string[] = [];
  const sources = readFile(join(dir, SOURCES_FILE), problems);
  const scenarios = scenarioFiles(dir).flatMap((path) => readFile(path, problems) ?? []);
  if (!sources) throw new BankError(problems);
  try {
    const bank = buildBank(sources, scenarios);
    if (problems.length) throw new BankError(problems);
    return bank;
  } catch (error) {
    if (error instanceof BankError) throw new BankError([...problems, ...error.problems]);
    throw error;
  }
}
