import { isCollection, LineCounter, parseDocument, type YAMLError } from 'yaml';
import { firstProblems, type DataPath, type Problem } from './problems.ts';
import { fail, ok, type Result } from './result.ts';

/**
 * Reading a question file's text (YAML, or JSON, which is YAML too) into data, with the line
 * of every value, for the build's question folder and for a trainer's pack alike. A pack is
 * untrusted input: its size is capped before parsing, aliases are capped, tags other than the
 * plain YAML ones are refused, and a key may not repeat.
 */

/** The most characters a question file or pack may have. */
export const MAX_TEXT = 256 * 1024;
/** The most aliases (`*name`) a file may use: enough for shared options, too few for a bomb. */
const MAX_ALIASES = 100;

export interface QuestionText {
  data: unknown;
  /** The line (from 1) of the value at a path, or of the nearest part of it the file has. */
  lineOf(path: DataPath): number | undefined;
}

function parserProblem(lines: LineCounter, error: YAMLError): Problem {
  // The parser's own message ends in a code excerpt and says the line itself; the first line is enough.
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const tag = /^Unresolved tag: (?:tag:yaml\.org,2002:)?(.*)$/.exec(message)?.[1];
  const line = lines.linePos(error.pos[0]).line;
  if (tag) return { message: `the tag ${tag} is not allowed: write plain text, lists and fields`, line };
  return { message: `not valid YAML: ${message}`, line };
}

/** What is wrong with a file's text before it is parsed at all: too long, or empty. */
export function sizeProblem(text: string): Problem | undefined {
  if (text.length > MAX_TEXT)
    return {
      message: `the file is ${Math.ceil(text.length / 1024)} KB; the most a file may be is ${MAX_TEXT / 1024} KB`,
    };
  if (!text.trim()) return { message: 'the file is empty' };
  return undefined;
}

/** Parses a question file's text. Never throws: every failure is a problem with its line. */
export function parseQuestionText(text: string): Result<QuestionText, Problem[]> {
  const size = sizeProblem(text);
  if (size) return fail([size]);
  try {
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lines,
      uniqueKeys: true,
      prettyErrors: false,
      merge: false,
      resolveKnownTags: false,
    });
    const problems = [...doc.errors, ...doc.warnings].map((error) => parserProblem(lines, error));
    if (problems.length) return fail(firstProblems(problems));
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIASES });
    return ok({
      data,
      lineOf(path) {
        for (let depth = path.length; depth >= 0; depth--) {
          const node = depth ? doc.getIn(path.slice(0, depth), true) : doc.contents;
          const range = (node as { range?: [number, number, number] } | undefined)?.range;
          if (range && (depth === path.length || isCollection(node))) return lines.linePos(range[0]).line;
        }
        return undefined;
      },
    });
  } catch (error) {
    // Too many aliases, or nesting deep enough to exhaust the stack.
    const why = error instanceof Error ? error.message : String(error);
    return fail([{ message: `not a question file the game can read: ${why.split('\n')[0]}` }]);
  }
}
