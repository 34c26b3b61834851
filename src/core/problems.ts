import { m } from '../i18n/paraglide/messages.js';

/** Problems found in a question file or a pack, as a person fixing it reads them. */

/** A piece of the file's text as a problem quotes it (a tag, a value): cut short, so a problem stays one line. */
export function quoted(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One thing wrong with a file, with the line it is on when known. */
export interface Problem {
  message: string;
  /** For a spreadsheet, the row (the header row is row 1): a cell may hold several lines. */
  line?: number;
  /** The spreadsheet column the problem is in, when the pack was read from a spreadsheet. */
  column?: string;
  /** Where in the data the problem is, for a reader that places it by field (the pack form). */
  path?: DataPath;
}

/**
 * What is wrong with a value, without where it is: in the words of a question file, and the
 * kind of fault, for a reader that puts it in its own words (the pack form, a spreadsheet).
 */
export interface Fault {
  /** "must be text", "the task is longer than 300 characters". */
  message: string;
  /** The value the file gives, quoted as a problem shows it. */
  got?: string;
  kind?: FaultKind;
  /** For `too-long`: the most characters the text may have. */
  max?: number;
}

/**
 * The faults a reader words in its own way: a field the format does not know, one that is
 * missing, an empty text or list, a text too long, a split without one right option or with too
 * few or too many options, a source not in the list, an id used twice.
 */
export type FaultKind =
  'unknown-field' | 'absent' | 'too-few' | 'too-long' | 'one-right' | 'split-count' | 'unknown-source' | 'twice';

/** A fault as a question file's reader reads it: what is wrong, and the value given. */
export const faultText = (fault: Fault): string =>
  fault.got === undefined ? fault.message : m.packs_check_got({ what: fault.message, got: fault.got });

/** A key path into the data, as valibot reports it. */
export type DataPath = ReadonlyArray<string | number>;

const at = (file: string, line: number | undefined) => (line ? `${file}, line ${line}` : file);

/** A problem's text as the build prints it: file and line first. */
export function problemText(file: string, problem: Problem): string {
  return `${at(file, problem.line)}: ${problem.message}`;
}

/** The most problems reported for one file: after a broken bracket, the rest only repeat it. */
export const MAX_PROBLEMS = 20;

/** The first few distinct problems. */
export function firstProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .filter((problem) => {
      const key = `${problem.line}|${problem.message}`;
      return !seen.has(key) && seen.add(key);
    })
    .slice(0, MAX_PROBLEMS);
}
