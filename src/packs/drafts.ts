import { type Pack } from '../core/schema';
import { isMap, parseDocument, stringify, type Document } from 'yaml';
import template from '../../public/packs/template.yaml?raw';
import type { Scenario } from '../core/schema';
import { sameData } from './packForm';
import { m } from '../i18n/paraglide/messages.js';

/**
 * The text a new pack starts from: public/packs/template.yaml, with its comments, but not the
 * first line's note to code editors (`# yaml-language-server: $schema=…`), which means nothing here.
 */
export const TEMPLATE = template.replace(/^# yaml-language-server:.*\n/, '');

/** A pack's text in the editor, and where it came from ("the template", "acme.yaml"). */
export interface PackDraft {
  text: string;
  origin: string;
}

/** A pack as YAML to edit: stored packs keep their data, not the text they were written in. */
export function packText(pack: Pack, comment?: string): string {
  const head = comment ? `${comment.replace(/^/gm, '# ')}\n` : '';
  return head + stringify(pack, { lineWidth: 100 });
}

/**
 * A new pack holding a copy of one of the game's companies, to change freely. Its ids may stay:
 * a pack's ids never meet the game's. A look-alike it points to in another company is left out.
 */
export function companyCopyText(scenario: Scenario): string {
  const own = new Set(scenario.cards.map((card) => card.id));
  const pack: Pack = {
    pack: { id: 'my-pack', title: m.packs_copy_title({ title: scenario.title }).slice(0, 80), version: 1 },
    companies: [
      {
        ...scenario,
        cards: scenario.cards.map(({ compare, ...card }) => ({
          ...card,
          ...(compare && own.has(compare) && { compare }),
        })),
      },
    ],
  };
  return packText(pack, m.packs_copy_comment({ title: scenario.title }));
}

/** The file name a pack downloads as. */
export const packFileName = (pack: Pack) => `${pack.pack.id}${pack.pack.version ? `-v${pack.pack.version}` : ''}.yaml`;

type Path = Array<string | number>;
const isFields = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Makes the document hold `after` where it held `before`, touching only what changed. */
function change(doc: Document, path: Path, before: unknown, after: unknown) {
  if (sameData(before, after)) return;
  if (isFields(before) && isFields(after) && (path.length === 0 || doc.hasIn(path))) {
    for (const key of Object.keys(before)) if (!(key in after)) doc.deleteIn([...path, key]);
    for (const [key, value] of Object.entries(after))
      if (key in before) change(doc, [...path, key], before[key], value);
      else doc.setIn([...path, key], value);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && doc.hasIn(path)) {
    for (let i = before.length - 1; i >= after.length; i--) doc.deleteIn([...path, i]);
    after.forEach((value, i) =>
      i < before.length ? change(doc, [...path, i], before[i], value) : doc.addIn(path, value),
    );
    return;
  }
  doc.setIn(path, after);
}

/**
 * The YAML `text` changed to hold `data` (the form's pack), keeping the comments and layout of
 * everything the form did not change. Text that does not parse is replaced by the data's YAML.
 */
export function yamlWith(text: string, data: unknown): string {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length || !isMap(doc.contents)) return packText(data as Pack);
  const before: unknown = doc.toJS();
  if (sameData(before, data)) return text;
  change(doc, [], before, data);
  return doc.toString({ lineWidth: 100 });
}

/** The number of lines in a text, without splitting it (a pack may have 131,000). */
export function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** The character offset where line `line` (0-based) of a text starts; the text's length past its end. */
export function lineStart(text: string, line: number): number {
  let at = 0;
  for (let n = 0; n < line; n++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}

/** Lines of a long text the editor holds at once: typing in 131,000 lines took a second a key. */
export const WINDOW_LINES = 300;

/** A run of whole lines of a text: lines `first` to `first + lines - 1` (0-based), characters `from` to `to`. */
export interface TextWindow {
  first: number;
  lines: number;
  from: number;
  to: number;
}

/**
 * The lines of a text the editor holds, starting near `first`: all of a short text, else
 * `WINDOW_LINES` of them. The rest of the text sits above and below, kept as it is.
 */
export function textWindow(text: string, total: number, first: number): TextWindow {
  if (total <= WINDOW_LINES * 2) return { first: 0, lines: total, from: 0, to: text.length };
  const start = Math.max(0, Math.min(first, total - WINDOW_LINES));
  const from = lineStart(text, start);
  const end = lineStart(text.slice(from), WINDOW_LINES) + from;
  return { first: start, lines: WINDOW_LINES, from, to: end === text.length ? end : end - 1 };
}
