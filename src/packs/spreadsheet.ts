import { MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS } from '../core/limits';
import { type Pack } from '../core/schema';
import Papa from 'papaparse';
import { faultText, firstProblems, type DataPath, type Fault, type Problem } from '../core/problems';
import { m } from '../i18n/paraglide/messages.js';
import { formatNumber } from '../platform/ui/format';

import { sizeProblem } from '../core/questionText';
import { fail, type Result } from '../core/result';
import type { Source } from '../core/schema';
import { checkPack } from '../core/pack';

/**
 * A trainer pack from a spreadsheet (CSV, as Excel, Numbers, LibreOffice and Google Sheets save
 * it): one row per task, under a header row that names the columns. Rows become the pack's data
 * and `checkPack` checks it, as it checks a pack written in YAML; only the wording of its
 * problems changes, to the row and column the trainer sees.
 *
 * The CSV parser is Papa Parse (papaparse 5, MIT, no dependencies, maintained, the most used CSV
 * parser on npm): it reads quoted cells with commas, quotes and line breaks as Excel writes them,
 * runs in the browser and in Node, and is small. The delimiter (a comma, or the semicolon of
 * Excel in much of Europe, or the tab of a copied range) is taken from the header row, whose
 * names never hold one, rather than guessed from the first rows, where blank rows mislead it.
 */

/** A column of the spreadsheet: its name in the header row, and what a trainer writes in it. */
export interface Column {
  name: string;
  /** Every spreadsheet has this column (its cells may still be blank where a row inherits). */
  required?: boolean;
  what: string;
}

const OPTIONS = [1, 2, 3, 4] as const;

/** The columns, in the template's order: the Packs page may show them as a guide. */
export const COLUMNS: readonly Column[] = [
  { name: 'pack_id', required: true, what: 'the pack id (lowercase letters, digits, hyphens), on the first row' },
  { name: 'pack_title', required: true, what: 'the pack title, on the first row' },
  { name: 'pack_version', what: 'a whole number, raised with each update you share' },
  { name: 'pack_author', what: 'who wrote the pack' },
  { name: 'pack_about', what: 'one line on what the pack is for' },
  { name: 'company_id', required: true, what: "the company's id; blank: the company of the row above" },
  { name: 'company_title', required: true, what: "the company's title, on its first row" },
  { name: 'company', required: true, what: 'the company in a few words, on its first row' },
  {
    name: 'stage',
    required: true,
    what: 'idea, building, pre-launch, launch, growth or reorganisation, on its first row',
  },
  { name: 'story', required: true, what: "the company's story, on its first row" },
  { name: 'task_id', required: true, what: "the task's id" },
  { name: 'task', required: true, what: 'the task, as learners read it' },
  { name: 'key', required: true, what: 'pm, pmm or both' },
  { name: 'explanation', required: true, what: 'why, citing sources' },
  { name: 'other_role', what: 'for pm and pmm tasks: what the other role does around it' },
  { name: 'takeaway', required: true, what: 'the one line to remember' },
  { name: 'topics', required: true, what: 'topics, separated by commas or semicolons' },
  { name: 'difficulty', required: true, what: 'intro, core or advanced' },
  { name: 'sources', required: true, what: 'source ids (S1…, or your P1…), separated by commas or semicolons' },
  { name: 'discuss', what: 'for both tasks: a one-line question for the room' },
  { name: 'overlap_question', what: 'for both tasks: the question over the options (optional)' },
  ...OPTIONS.flatMap((n) => [
    { name: `option_${n}`, what: `for both tasks: who does which part, option ${n}` },
    { name: `why_${n}`, what: `why option ${n} is right or wrong` },
  ]),
  { name: 'correct_option', what: 'for both tasks: the number of the right option, 1 to 4' },
  { name: 'compare', what: 'the id of a look-alike task with another key' },
  { name: 'story_fact', what: 'the words of the story that decide the key, copied exactly' },
  { name: 'source_id', what: 'on a row of its own: one of your sources, P1, P2…' },
  { name: 'source_title', what: 'its title' },
  { name: 'source_author', what: 'its author' },
  { name: 'source_url', what: 'where to read it (https)' },
];

/** The most rows a pack's spreadsheet may have under its header: every task of the most companies, and its sources. */
export const MAX_ROWS = MAX_SHEET_ROWS;

/** The pack's fields, the company's, a task's and a source's, by the column they come from. */
const PACK_FIELDS = {
  pack_id: 'id',
  pack_title: 'title',
  pack_version: 'version',
  pack_author: 'author',
  pack_about: 'about',
};
const COMPANY_FIELDS = { company_id: 'id', company_title: 'title', company: 'company', stage: 'stage', story: 'story' };
const CARD_FIELDS = {
  task_id: 'id',
  task: 'task',
  key: 'key',
  explanation: 'explanation',
  other_role: 'otherRole',
  takeaway: 'takeaway',
  topics: 'topics',
  difficulty: 'difficulty',
  sources: 'sources',
  discuss: 'discuss',
  compare: 'compare',
  story_fact: 'storyFact',
};
const OVERLAP_COLUMNS = [
  'overlap_question',
  ...OPTIONS.flatMap((n) => [`option_${n}`, `why_${n}`]),
  'correct_option',
] as const;
const SOURCE_FIELDS = { source_id: 'id', source_title: 'title', source_author: 'author', source_url: 'url' };

const KNOWN = new Set(COLUMNS.map((column) => column.name));
const TASK_COLUMNS = [...Object.keys(CARD_FIELDS), ...OVERLAP_COLUMNS];

/** One row of the spreadsheet: its number as the spreadsheet shows it, and its non-blank cells. */
interface Row {
  row: number;
  cells: Map<string, string>;
}

/** Where a value of the pack came from. */
interface Place {
  row: number;
  column?: string;
}

/** "A", "B", … "AA": the letter a spreadsheet shows over a column. */
export function letter(index: number): string {
  return (index >= 26 ? letter(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));
}

/** A header as a column name: "Task ID", "task-id" and "taskId" are all `task_id`. */
const columnName = (header: string) =>
  header
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * The delimiter the header row uses. Column names hold no commas, semicolons or tabs, so the
 * header tells them apart where Papa Parse's guess, from the first rows, may be misled by
 * blank rows or by commas in a semicolon file's text.
 */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/[\r\n]|$/));
  const counts = [',', ';', '\t'].map((mark) => [mark, header.split(mark).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** A row of a sheet as it was read: its number (from 1) and its cells, column A first. */
export interface SheetRow {
  row: number;
  cells: readonly string[];
}

/**
 * Counts a sheet's filled cells and rows as they are read, and says which limit (columns, rows,
 * cells: src/core/limits.ts) the sheet passes first, so a reader stops there rather than build
 * the rest. Blank cells cost nothing: Excel often leaves far-away blank cells in a file.
 */
export function sheetBudget() {
  let rows = 0;
  let cells = 0;
  let lastRow = 0;
  return {
    /** A filled cell at a row (as the sheet numbers it, the header included) and a column (from 0). */
    cell(row: number, column: number): Problem | undefined {
      if (column >= MAX_SHEET_COLUMNS)
        return {
          message: m.packs_sheet_too_many_columns({ max: MAX_SHEET_COLUMNS, row, column: letter(column) }),
          line: row,
        };
      if (++cells > MAX_SHEET_CELLS)
        return { message: m.packs_sheet_too_many_cells({ max: formatNumber(MAX_SHEET_CELLS) }), line: row };
      if (row !== lastRow && ++rows > MAX_SHEET_ROWS + 1)
        return { message: m.packs_sheet_too_many_rows({ max: formatNumber(MAX_SHEET_ROWS) }), line: row };
      lastRow = row;
      return undefined;
    },
  };
}

/** The first limit a sheet's rows pass, if any. */
function limitProblem(rows: readonly SheetRow[]): Problem | undefined {
  const budget = sheetBudget();
  for (const { row, cells } of rows)
    for (let column = 0; column < cells.length; column++) {
      if (!cells[column]!.trim()) continue;
      const problem = budget.cell(row, column);
      if (problem) return problem;
    }
  return undefined;
}

/** The text's rows as cells, with Excel's "sep=;" line (which Excel shows no row for) taken off. */
function parseCells(text: string): { rows: SheetRow[]; problems: Problem[] } {
  let body = text.replace(/^\uFEFF/, '');
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) body = body.slice(sep[0].length);
  try {
    const parsed = Papa.parse<string[]>(body, { delimiter: sep?.[1] ?? delimiterOf(body), skipEmptyLines: false });
    // An unclosed quote swallows the rest of the file: the row it opens on is where to look.
    const problems = parsed.errors
      .filter((error) => error.type === 'Quotes')
      .map((error) => {
        const row = (error.row ?? 0) + 1;
        return { message: m.packs_sheet_at_row({ row, what: m.packs_sheet_open_quote() }), line: row };
      });
    return { rows: parsed.data.map((cells, index) => ({ row: index + 1, cells })), problems };
  } catch (error) {
    return { rows: [], problems: [{ message: m.packs_sheet_unreadable({ why: String(error).slice(0, 200) }) }] };
  }
}

/** The header's column names by position, or what is wrong with them. */
function readHeader(
  { row, cells: header }: SheetRow,
  rows: readonly SheetRow[],
): { names: string[]; problems: Problem[] } {
  const problems: Problem[] = [];
  // One pass over the cells: a file of many empty columns and many rows must not cost their product.
  const filled = new Set<number>();
  for (const { cells } of rows) cells.forEach((cell, index) => cell.trim() && filled.add(index));
  const names = header.map(columnName);
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const at = (what: string) => m.packs_sheet_at_letter({ row, column: letter(index), what });
    if (!name) {
      // Excel often saves a few empty columns past the last one; only a nameless column with data is a mistake.
      if (filled.has(index)) problems.push({ message: at(m.packs_sheet_nameless_column()), line: row });
    } else if (!KNOWN.has(name)) {
      problems.push({
        message: at(m.packs_sheet_unknown_column({ name: header[index]!.trim().slice(0, 60) })),
        line: row,
        column: name,
      });
    } else if (seen.has(name)) {
      problems.push({
        message: at(m.packs_sheet_column_twice({ name, other: letter(seen.get(name)!) })),
        line: row,
        column: name,
      });
    }
    if (name && !seen.has(name)) seen.set(name, index);
  });
  const missing = COLUMNS.filter((column) => column.required && !seen.has(column.name)).map((column) => column.name);
  if (missing.length)
    problems.push({
      message: m.packs_sheet_at_row({
        row,
        what: m.packs_sheet_missing_columns({
          names: missing.map((name) => m.packs_sheet_quoted({ name })).join(', '),
        }),
      }),
      line: row,
    });
  return { names, problems };
}

/** A list cell ("S3, P1" or "S3; P1", or one per line) as its items. */
const listOf = (cell: string) =>
  cell
    .split(/[,;\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

/** A whole number as a number; anything else stays text, for the check to refuse in its own words. */
const numberOf = (cell: string) => (/^\d{1,15}$/.test(cell) ? Number(cell) : cell);

/**
 * Picklist cells in lowercase and source ids in uppercase: a spreadsheet capitalises a cell's first
 * letter on its own, and "PM" says what "pm" says.
 */
function cellValue(column: string, cell: string): unknown {
  if (column === 'topics') return listOf(cell).map((topic) => topic.toLowerCase());
  if (column === 'sources') return listOf(cell).map((source) => source.toUpperCase());
  if (column === 'key' || column === 'difficulty' || column === 'stage') return cell.toLowerCase();
  if (column === 'pack_version') return numberOf(cell);
  if (column === 'source_id') return cell.toUpperCase();
  return cell;
}

const pathKey = (path: DataPath) => path.join('/');

/** The words of a check's problem that assume YAML, in a spreadsheet's terms. */
function reword(path: DataPath, fault: Fault): string {
  const field = path.at(-1);
  if (fault.kind === 'unknown-field') {
    if (field === 'otherRole') return m.packs_sheet_only_single();
    if (field === 'discuss' || field === 'overlap') return m.packs_sheet_only_both();
  }
  if (fault.kind === 'absent') return field === 'overlap' ? m.packs_sheet_needs_split() : m.packs_sheet_blank();
  if (fault.kind === 'one-right') return m.packs_sheet_right_option();
  return faultText(fault);
}

/**
 * Builds the pack's data from the rows, with the place each value came from, and the problems
 * only a spreadsheet can have: a later row giving a company (or the pack) other details.
 */
function buildData(rows: readonly Row[]): { data: unknown; places: Map<string, Place>; problems: Problem[] } {
  const places = new Map<string, Place>();
  const problems: Problem[] = [];
  const pack: Record<string, unknown> = {};
  const sources: Array<Record<string, unknown>> = [];
  const companies: Array<Record<string, unknown> & { cards: unknown[] }> = [];
  const companyById = new Map<string, number>();
  let current: number | undefined;

  /** Puts a row's cells for some fields into an object, each at its place; a different value already there is a conflict. */
  const fill = (
    target: Record<string, unknown>,
    path: DataPath,
    fields: Record<string, string>,
    { row, cells }: Row,
    owner: string,
  ) => {
    for (const [column, field] of Object.entries(fields)) {
      const cell = cells.get(column);
      const at = pathKey([...path, field]);
      if (cell === undefined) {
        if (!places.has(at)) places.set(at, { row, column });
        continue;
      }
      const value = cellValue(column, cell);
      if (target[field] === undefined) {
        target[field] = value;
        places.set(at, { row, column });
      } else if (target[field] !== value) {
        const first = places.get(at)!.row;
        problems.push({
          message: m.packs_sheet_at_cell({
            row,
            column,
            what: m.packs_sheet_conflict({ owner, column: column.replace(/_/g, ' '), first }),
          }),
          line: row,
          column,
        });
      }
    }
  };

  for (const row of rows) {
    const has = (columns: readonly string[]) => columns.some((column) => row.cells.has(column));
    if (has(Object.keys(PACK_FIELDS)) || rows[0] === row) {
      if (!places.has('pack')) places.set('pack', { row: row.row });
      fill(pack, ['pack'], PACK_FIELDS, row, m.packs_sheet_owner_pack());
    }
    if (has(Object.keys(SOURCE_FIELDS))) {
      const source: Record<string, unknown> = {};
      places.set(pathKey(['sources', sources.length]), { row: row.row });
      fill(source, ['sources', sources.length], SOURCE_FIELDS, row, m.packs_sheet_owner_source());
      sources.push(source);
    }
    const companyId = row.cells.get('company_id');
    if (companyId !== undefined) current = companyById.get(companyId);
    if (has(Object.keys(COMPANY_FIELDS)) || has(TASK_COLUMNS)) {
      // A new company_id, or the first task, starts a company; a blank one stays in the company above.
      if (current === undefined) {
        current = companies.push({ cards: [] }) - 1;
        if (companyId !== undefined) companyById.set(companyId, current);
        places.set(pathKey(['companies', current]), { row: row.row });
        places.set(pathKey(['companies', current, 'cards']), { row: row.row });
      }
      const company = companies[current]!;
      const name =
        typeof company.id === 'string'
          ? m.packs_sheet_owner_company({ id: company.id })
          : m.packs_sheet_owner_this_company();
      fill(company, ['companies', current], COMPANY_FIELDS, row, name);
      if (has(TASK_COLUMNS)) {
        const path = ['companies', current, 'cards', company.cards.length];
        company.cards.push(readCard(row, path, places, problems));
      }
    }
  }
  const data = { pack, ...(sources.length && { sources }), companies };
  if (!companies.length) places.set('companies', places.get('pack')!);
  return { data, places, problems };
}

/** One task's row as a card, each value at its place. */
function readCard({ row, cells }: Row, path: DataPath, places: Map<string, Place>, problems: Problem[]): unknown {
  const card: Record<string, unknown> = {};
  places.set(pathKey(path), { row });
  for (const [column, field] of Object.entries(CARD_FIELDS)) {
    places.set(pathKey([...path, field]), { row, column });
    const cell = cells.get(column);
    if (cell !== undefined) card[field] = cellValue(column, cell);
  }
  if (!OVERLAP_COLUMNS.some((column) => cells.has(column))) return card;
  const overlap = [...path, 'overlap'];
  places.set(pathKey(overlap), { row, column: OVERLAP_COLUMNS.find((column) => cells.has(column)) });
  places.set(pathKey([...overlap, 'question']), { row, column: 'overlap_question' });
  places.set(pathKey([...overlap, 'options']), { row, column: 'correct_option' });
  const numbers = OPTIONS.filter((n) => cells.has(`option_${n}`) || cells.has(`why_${n}`));
  const correct = cells.get('correct_option');
  if (correct !== undefined && !numbers.some((n) => String(n) === correct))
    problems.push({
      message: m.packs_sheet_at_cell({
        row,
        column: 'correct_option',
        what: m.packs_sheet_correct_option({
          options: numbers.join(', ') || m.packs_sheet_one_to_four(),
          got: correct.slice(0, 40),
        }),
      }),
      line: row,
      column: 'correct_option',
    });
  const options = numbers.map((n, index) => {
    places.set(pathKey([...overlap, 'options', index]), { row, column: `option_${n}` });
    places.set(pathKey([...overlap, 'options', index, 'text']), { row, column: `option_${n}` });
    places.set(pathKey([...overlap, 'options', index, 'why']), { row, column: `why_${n}` });
    const [text, why] = [cells.get(`option_${n}`), cells.get(`why_${n}`)];
    return {
      ...(text !== undefined && { text }),
      ...(String(n) === correct && { correct: true }),
      ...(why !== undefined && { why }),
    };
  });
  const question = cells.get('overlap_question');
  card.overlap = { ...(question !== undefined && { question }), options };
  return card;
}

/**
 * Reads a pack from a spreadsheet saved as CSV (comma, semicolon or tab separated; Excel's BOM
 * and line ends are fine), against the bank's sources. Never throws: it returns the pack, or its
 * problems, each naming a row (also in `line`) and, where it is about a cell, the column.
 */
export function readSpreadsheet(text: string, bankSources: readonly Source[]): Result<Pack, Problem[]> {
  const size = sizeProblem(text.replace(/^\uFEFF/, ''));
  if (size) return fail([size]);
  const parsed = parseCells(text);
  if (parsed.problems.length) return fail(firstProblems(parsed.problems));
  const limit = limitProblem(parsed.rows);
  return limit ? fail([limit]) : readSheet(parsed.rows, bankSources);
}

/**
 * Reads a pack from a sheet's rows, the first being the header row (a workbook's reader gives
 * them too). Never throws.
 */
export function readSheet(sheet: readonly SheetRow[], bankSources: readonly Source[]): Result<Pack, Problem[]> {
  const [header = { row: 1, cells: [] }, ...body] = sheet;
  const { names, problems } = readHeader(header, body);
  if (problems.length) return fail(firstProblems(problems));

  const rows: Row[] = [];
  const extra: Problem[] = [];
  body.forEach(({ row, cells }) => {
    const kept = new Map<string, string>();
    let past = false;
    cells.forEach((cell, column) => {
      const value = cell.trim();
      if (!value) return;
      const name = names[column];
      if (name) kept.set(name, value);
      else if (column >= names.length && !past) {
        past = true;
        extra.push({
          message: m.packs_sheet_at_letter({ row, column: letter(column), what: m.packs_sheet_past_last() }),
          line: row,
        });
      }
    });
    if (kept.size) rows.push({ row, cells: kept });
  });
  if (!rows.length) return fail([{ message: m.packs_sheet_no_tasks() }]);

  const built = buildData(rows);
  /** The row and column a value came from, or those of the nearest part of it that has one. */
  const placeOf = (path: DataPath): Place => {
    for (let depth = path.length; depth >= 0; depth--) {
      const place = built.places.get(pathKey(path.slice(0, depth)));
      if (place) return place;
    }
    return { row: rows[0]!.row };
  };
  const problemAt = (path: DataPath, fault: Fault): Problem => {
    const { row, column } = placeOf(path);
    const what = reword(path, fault);
    return {
      message: column ? m.packs_sheet_at_cell({ row, column, what }) : m.packs_sheet_at_row({ row, what }),
      line: row,
      ...(column && { column }),
    };
  };
  const checked = checkPack({ data: built.data, lineOf: (path) => placeOf(path).row, problemAt }, bankSources);
  // The check's problem with a cell the rows already reported (a correct_option naming no option) says less.
  const known = new Set(built.problems.map((problem) => `${problem.line}|${problem.column}`));
  const fromCheck = checked.ok
    ? []
    : checked.error.filter((problem) => !known.has(`${problem.line}|${problem.column}`));
  const found = [...extra, ...built.problems, ...fromCheck];
  if (!found.length && checked.ok) return checked;
  return fail(firstProblems(found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))));
}
