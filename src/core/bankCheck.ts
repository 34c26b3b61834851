import * as v from 'valibot';
import { m } from '../i18n/paraglide/messages.js';
import { faultText, problemText, quoted, type DataPath, type Fault, type Problem } from './problems.ts';
import { RULES, scenarioSchema, sourcesFileSchema } from './questionSchema.ts';
import type { Bank, Scenario, Source } from './schema.ts';
import type { BankLanguage } from './bankLanguages.ts';

/**
 * Checking question files: the bank's at build time, a trainer's pack in the browser. Each
 * problem says where it is (company, card, field, line) in the words of the file's author.
 */

/** A raw, already-parsed question file (YAML or JSON) and the name to report it by. */
export interface BankFile extends FileData {
  file: string;
}

export class BankError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The question bank has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.join('\n- ')}`,
    );
    this.name = 'BankError';
  }
}

/** How a problem names the items of the lists it passes through: a company, a card (counted from 1). */
const ITEMS = new Map<
  unknown,
  { named: (place: { n: number; id: string }) => string; counted: (place: { n: number }) => string }
>([
  ['companies', { named: m.packs_where_company, counted: m.packs_where_company_number }],
  ['cards', { named: m.packs_where_card, counted: m.packs_where_card_number }],
]);

/** Where an issue is, in a reader's words: `company 1 "acme", card 3 "x", field "key"` (counted from 1). */
function describePath(data: unknown, keys: DataPath): string {
  const items: string[] = [];
  const field: string[] = [];
  let node: unknown = data;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const list = keys[i - 1];
    // A Map, not an object: a pack's unknown field may be called "constructor".
    const item = ITEMS.get(list);
    if (item && typeof key === 'number') {
      const itemId = (node as Record<number, { id?: unknown }>)?.[key]?.id;
      items.push(
        typeof itemId === 'string' ? item.named({ n: key + 1, id: quoted(itemId) }) : item.counted({ n: key + 1 }),
      );
      field.length = 0;
    } else if (!ITEMS.has(key) || typeof keys[i + 1] !== 'number') {
      const name = quoted(String(key));
      field.push(typeof key === 'number' ? ` ${m.packs_where_item({ n: key + 1 })}` : field.length ? `.${name}` : name);
    }
    node = (node as Record<string | number, unknown>)?.[key];
  }
  return [...items, field.length ? m.packs_where_field({ name: field.join('') }) : ''].filter(Boolean).join(', ');
}

/** A file's data, and the line of each value when the file's text is at hand. */
export interface FileData {
  data: unknown;
  lineOf?: (path: DataPath) => number | undefined;
  /**
   * How a problem with the value at a path is put, for data that was not written as YAML: a
   * spreadsheet names its row and column instead of company, card and field. `fault` is what
   * is wrong, without where.
   */
  problemAt?: (path: DataPath, fault: Fault) => Problem;
}

/** A problem with the value at a path, said where the file's reader will look for it. */
export function problemAt(file: FileData, path: DataPath, fault: Fault): Problem {
  if (file.problemAt) return file.problemAt(path, fault);
  const where = describePath(file.data, path);
  const what = faultText(fault);
  return { message: where ? m.packs_where_what({ where, what }) : what, line: file.lineOf?.(path) };
}

/** What a value must be, for valibot's expected types, in a reader's words. */
function mustBe(expected: string | null): string {
  if (expected === 'Object') return m.packs_check_must_be_fields();
  if (expected === 'Array') return m.packs_check_must_be_list();
  return m.packs_check_must_be({ kind: String(expected) });
}

/** The kind of fault an issue is, for a reader that words it its own way. */
function faultOf(issue: v.BaseIssue<unknown>): Pick<Fault, 'kind' | 'max'> {
  if (issue.message === RULES.oneRight()) return { kind: 'one-right' };
  if (issue.message === RULES.splitCount()) return { kind: 'split-count' };
  // A text's length; an id's is a rule of the id's form.
  if (issue.type === 'max_length' && typeof issue.input === 'string' && issue.message !== RULES.idLength())
    return { kind: 'too-long', max: Number(issue.requirement) };
  if (issue.type === 'non_empty' || issue.type === 'min_length') return { kind: 'too-few' };
  return {};
}

/** Valibot's issues as problems a person can fix: where (item, field, line) and what is wrong. */
export function describeIssues(file: FileData, issues: v.BaseIssue<unknown>[]): Problem[] {
  return issues.map((issue) => {
    const keys = (issue.path ?? []).map((item) => item.key as string | number);
    // Valibot's own messages (where the schema gives none) are in English, whatever the page's language.
    if (issue.message.startsWith('Invalid key'))
      return problemAt(
        file,
        keys,
        issue.expected === 'never'
          ? { message: m.packs_check_unknown_field(), kind: 'unknown-field' }
          : { message: m.packs_check_missing(), kind: 'absent' },
      );
    // They quote the value in full.
    const message = issue.message.startsWith('Invalid type') ? mustBe(issue.expected) : issue.message;
    return problemAt(file, keys, { message, got: quoted(issue.received), ...faultOf(issue) });
  });
}

function formatIssues(file: string, data: FileData, issues: v.BaseIssue<unknown>[]): string[] {
  return describeIssues(data, issues).map((problem) => problemText(file, problem));
}

/** Validates the sources file; returns its sources or the problems found. */
export function parseSources(file: BankFile): { sources?: Source[]; language?: BankLanguage; problems: string[] } {
  const result = v.safeParse(sourcesFileSchema, file.data);
  if (!result.success) return { problems: formatIssues(file.file, file, result.issues) };
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const source of result.output.sources) {
    if (seen.has(source.id)) problems.push(`${file.file}: source "${source.id}" is listed twice`);
    seen.add(source.id);
  }
  return { sources: result.output.sources, language: result.output.language, problems };
}

/**
 * Validates scenario files against the schema and against each other: ids unique across
 * the bank, every cited source known. Throws a BankError naming file, card and field.
 */
export function buildBank(sourcesFile: BankFile, scenarioFiles: BankFile[]): Bank {
  const { sources = [], language, problems } = parseSources(sourcesFile);
  const entries: ScenarioEntry[] = [];
  for (const bankFile of scenarioFiles) {
    const result = v.safeParse(scenarioSchema, bankFile.data);
    if (result.success) entries.push({ scenario: result.output, file: bankFile, name: bankFile.file, path: [] });
    else problems.push(...formatIssues(bankFile.file, bankFile, result.issues));
  }
  const known = new Set(sources.map((s) => s.id));
  for (const { entry, problem } of crossCheck(entries, known)) problems.push(problemText(entry.name, problem));
  if (scenarioFiles.length === 0) problems.push('no scenario files were found');
  if (problems.length) throw new BankError(problems);
  return { sources, scenarios: entries.map((entry) => entry.scenario), ...(language && { language }) };
}

/** A validated scenario, where it came from, and how other problems name it. */
export interface ScenarioEntry {
  scenario: Scenario;
  /** The data it was read from, with its lines when known. */
  file: FileData;
  /** Its file in the bank, or `company "x"` in a pack. */
  name: string;
  /** Where the scenario sits in its file's data: the top of a bank file, a pack's `companies[i]`. */
  path: DataPath;
}

/**
 * The checks schema validation cannot make, across scenarios: ids unique, every cited source
 * known, each `compare` naming another card, each `storyFact` found in its story.
 */
export function crossCheck(
  entries: readonly ScenarioEntry[],
  knownSources: ReadonlySet<string>,
): Array<{ entry: ScenarioEntry; problem: Problem }> {
  const found: Array<{ entry: ScenarioEntry; problem: Problem }> = [];
  const scenarioIds = new Map<string, ScenarioEntry>();
  const cardIds = new Map<string, ScenarioEntry>();
  const cardsKnown = new Set(entries.flatMap((entry) => entry.scenario.cards.map((card) => card.id)));
  const knownList = quoted([...knownSources].join(', '), 200);
  const report = (entry: ScenarioEntry, keys: DataPath, fault: Fault) =>
    found.push({ entry, problem: problemAt(entry.file, [...entry.path, ...keys], fault) });

  for (const entry of entries) {
    const { scenario } = entry;
    const other = scenarioIds.get(scenario.id);
    if (other)
      report(entry, ['id'], { message: m.packs_check_id_twice({ id: scenario.id, other: other.name }), kind: 'twice' });
    scenarioIds.set(scenario.id, entry);
    scenario.cards.forEach((card, index) => {
      const at = ['cards', index];
      const clash = cardIds.get(card.id);
      if (clash)
        report(entry, [...at, 'id'], {
          message: m.packs_check_card_id_twice({ id: card.id, other: clash.name }),
          kind: 'twice',
        });
      cardIds.set(card.id, entry);
      const cited = [...card.sources, ...(card.views ?? []).flatMap((view) => view.sources)];
      for (const source of cited.filter((id) => !knownSources.has(id)))
        report(entry, [...at, 'sources'], {
          message: m.packs_check_unknown_source({ source: quoted(source), known: knownList }),
          kind: 'unknown-source',
        });
      if (card.storyFact && !scenario.story.replace(/\s+/g, ' ').includes(card.storyFact.replace(/\s+/g, ' ')))
        report(entry, [...at, 'storyFact'], { message: m.packs_check_not_in_story() });
      if (card.compare && (!cardsKnown.has(card.compare) || card.compare === card.id))
        report(entry, [...at, 'compare'], { message: m.packs_check_no_other_card({ id: card.compare }) });
    });
  }
  return found;
}
