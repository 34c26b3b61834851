import { isCollection, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { m } from '../i18n/paraglide/messages.js';
import { getLocale } from '../i18n/paraglide/runtime.js';
import { firstProblems, MAX_PROBLEMS, quoted, type DataPath, type Problem } from './problems.ts';
import { fail, ok, type Result } from './result.ts';
import { MAX_PACK_LINES, MAX_PACK_TEXT } from './limits.ts';

/**
 * Reading a question file's text (YAML, or JSON, which is YAML too) into data, with the line
 * of every value, for the build's question folder and for a trainer's pack alike. A pack is
 * untrusted input: its size is capped before parsing, aliases are capped, tags other than the
 * plain YAML ones are refused, and a key may not repeat.
 */

/** The most characters a question file or pack may have. */
export const MAX_TEXT = MAX_PACK_TEXT;
/** The most aliases (`*name`) a file may use: enough for shared options, too few for a bomb. */
export const MAX_ALIASES = 100;

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
  if (tag) return { message: m.packs_text_tag({ tag: quoted(tag) }), line };
  // The parser runs out of stack on lists nested thousands deep, and says so in its own words.
  if (/call stack/i.test(message)) return { message: m.packs_text_too_deep(), line };
  // The parser's words are its own, in English.
  return { message: m.packs_text_not_yaml({ why: quoted(message, 200) }), line };
}

/**
 * What the parser leaves to the reader, checked in one pass over the document before it
 * becomes data: a key that repeats in its map (the parser's own check compares every pair of
 * keys, minutes on a 256 KB file of keys), a key that is a list or a map, and too many aliases.
 */
function shapeProblems(doc: Document, lines: LineCounter): Problem[] {
  const problems: Problem[] = [];
  const lineAt = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  let aliases = 0;
  visit(doc, {
    Map(_, map) {
      const keys = new Set<unknown>();
      for (const { key } of map.items) {
        if (isCollection(key)) problems.push({ message: m.packs_text_key_not_text(), line: lineAt(key) });
        // The data's field names are text: `1` and `"1"` name the same field.
        const name = isScalar(key) ? String(key.value ?? '') : key;
        if (keys.has(name))
          problems.push({ message: m.packs_text_key_twice({ name: quoted(String(name)) }), line: lineAt(key) });
        keys.add(name);
      }
      if (problems.length >= MAX_PROBLEMS) return visit.BREAK;
    },
    Alias(_, alias) {
      if (++aliases <= MAX_ALIASES) return;
      problems.push({ message: m.packs_text_aliases({ max: MAX_ALIASES }), line: lineAt(alias) });
      return visit.BREAK;
    },
  });
  return problems;
}

/** What is wrong with a file's text before it is parsed at all: too long, or empty. */
export function sizeProblem(text: string): Problem | undefined {
  if (text.length > MAX_TEXT)
    return { message: m.packs_text_too_big({ size: Math.ceil(text.length / 1024), max: MAX_TEXT / 1024 }) };
  if (!text.trim()) return { message: m.packs_text_empty() };
  return undefined;
}

/**
 * What is wrong with a pack's text before it is parsed: too long, empty, or of more lines than a
 * pack runs to (131,000 short lines fit in 256 KB, and every view of them is slow). It counts
 * newlines only, so the Packs page may ask it of a file before anything reads the file.
 */
export function packTextProblem(text: string): Problem | undefined {
  const size = sizeProblem(text);
  if (size) return size;
  for (let at = text.indexOf('\n'), lines = 1; at >= 0; at = text.indexOf('\n', at + 1))
    if (++lines > MAX_PACK_LINES)
      return {
        message: m.packs_text_too_many_lines({ max: new Intl.NumberFormat(getLocale()).format(MAX_PACK_LINES) }),
      };
  return undefined;
}

/** Parses a question file's text. Never throws: every failure is a problem with its line. */
export function parseQuestionText(text: string): Result<QuestionText, Problem[]> {
  const size = packTextProblem(text);
  if (size) return fail([size]);
  try {
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lines,
      uniqueKeys: false,
      prettyErrors: false,
      merge: false,
      resolveKnownTags: false,
    });
    const problems = [...doc.errors, ...doc.warnings].map((error) => parserProblem(lines, error));
    if (!problems.length) problems.push(...shapeProblems(doc, lines));
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
    // An alias that expands too far, or nesting deep enough to exhaust the stack.
    const why = error instanceof Error ? error.message : String(error);
    return fail([{ message: m.packs_text_unreadable({ why: quoted(why.split('\n')[0]!, 200) }) }]);
  }
}
