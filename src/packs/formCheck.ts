import bankSources from 'virtual:question-sources';
import { checkPack } from '../core/pack';
import { m } from '../i18n/paraglide/messages.js';
import type { DataPath, Fault } from '../core/problems';
import { fail, type Result } from '../core/result';
import type { Pack, Source } from '../core/schema';
import { dataFromForm, type PackForm } from './packForm';

/**
 * The pack form's check: the game's own (`checkPack`, the schema every pack meets), with each
 * problem put in plain words and placed at the field it concerns.
 */

/** A problem as the form shows it, next to its field. */
export interface FieldProblem {
  /** The field it concerns, as the form names its fields: `companies.0.cards.1.key`. */
  field: string;
  /** What to do, in plain words: "Task 2: choose who does it". */
  text: string;
}

/** For each field the form shows: what to do when it is empty, and its name for other problems. */
const FIELDS: Record<string, { missing: () => string; name: () => string }> = {
  'pack.id': { missing: m.packs_fix_pack_id, name: m.packs_fix_name_id },
  'pack.title': { missing: m.packs_fix_pack_title, name: m.packs_fix_name_title },
  'pack.author': { missing: m.packs_fix_pack_author, name: m.packs_fix_name_author },
  'pack.about': { missing: m.packs_fix_pack_about, name: m.packs_fix_name_about },
  'pack.version': { missing: m.packs_fix_pack_version, name: m.packs_fix_name_version },
  'source.title': { missing: m.packs_fix_source_title, name: m.packs_fix_name_title },
  'source.author': { missing: m.packs_fix_source_author, name: m.packs_fix_name_author },
  'source.url': { missing: m.packs_fix_source_url, name: m.packs_fix_name_url },
  'source.id': { missing: m.packs_fix_source_id, name: m.packs_fix_name_id },
  'company.id': { missing: m.packs_fix_company_id, name: m.packs_fix_name_its_id },
  'company.title': { missing: m.packs_fix_company_title, name: m.packs_fix_name_title },
  'company.company': { missing: m.packs_fix_company_company, name: m.packs_fix_name_company },
  'company.stage': { missing: m.packs_fix_company_stage, name: m.packs_fix_name_stage },
  'company.story': { missing: m.packs_fix_company_story, name: m.packs_fix_name_story },
  'company.cards': { missing: m.packs_fix_company_cards, name: m.packs_fix_name_tasks },
  'card.id': { missing: m.packs_fix_card_id, name: m.packs_fix_name_its_id },
  'card.task': { missing: m.packs_fix_card_task, name: m.packs_fix_name_task },
  'card.key': { missing: m.packs_fix_card_key, name: m.packs_fix_name_key },
  'card.explanation': { missing: m.packs_fix_card_explanation, name: m.packs_fix_name_explanation },
  'card.takeaway': { missing: m.packs_fix_card_takeaway, name: m.packs_fix_name_takeaway },
  'card.otherRole': { missing: m.packs_fix_card_other_role, name: m.packs_fix_name_other_role },
  'card.discuss': { missing: m.packs_fix_card_discuss, name: m.packs_fix_name_discuss },
  'card.overlap': { missing: m.packs_fix_card_split, name: m.packs_fix_name_split },
  'card.overlap.question': { missing: m.packs_fix_card_question, name: m.packs_fix_name_question },
  'card.overlap.options': { missing: m.packs_fix_card_split, name: m.packs_fix_name_split },
  'option.text': { missing: m.packs_fix_option_text, name: m.packs_fix_name_split },
  'option.why': { missing: m.packs_fix_option_why, name: m.packs_fix_name_why },
  'card.topics': { missing: m.packs_fix_card_topics, name: m.packs_fix_name_topics },
  'card.difficulty': { missing: m.packs_fix_card_difficulty, name: m.packs_fix_name_difficulty },
  'card.sources': { missing: m.packs_fix_card_sources, name: m.packs_fix_name_sources },
};

/** Fields whose value is chosen from a list: anything wrong with them means choose again. */
const CHOSEN = new Set(['card.key', 'company.stage', 'card.difficulty', 'card.topics']);

/**
 * Where a problem at a data path sits in the form: the field key the form renders its message
 * by, the kind of field (`card.task`), and who the field belongs to, in words.
 */
function placeOf(path: DataPath, form: PackForm): { field: string; kind: string; who: string } {
  const [top, i, name, j, ...deeper] = path;
  const index = (value: unknown) => (typeof value === 'number' ? value : -1);
  if (top === 'pack')
    return { field: i === undefined ? 'pack' : `pack.${i}`, kind: `pack.${String(i)}`, who: m.packs_fix_who_pack() };
  if (top === 'sources' && typeof i === 'number') {
    const id = form.sources[i]?.id || `${i + 1}`;
    return {
      field: name === undefined ? `sources.${i}` : `sources.${i}.${name}`,
      kind: `source.${String(name)}`,
      who: m.packs_fix_who_source({ id }),
    };
  }
  if (top !== 'companies' || typeof i !== 'number') return { field: '', kind: '', who: m.packs_fix_who_the_pack() };
  const several = form.companies.length > 1;
  if (name !== 'cards' || j === undefined)
    return {
      field: name === undefined ? `companies.${i}` : `companies.${i}.${name}`,
      kind: `company.${String(name)}`,
      who: several ? m.packs_fix_who_company({ n: i + 1 }) : m.packs_fix_who_the_company(),
    };
  const n = index(j) + 1;
  const task = several ? m.packs_fix_who_company_task({ company: i + 1, n }) : m.packs_fix_who_task({ n });
  const card = `companies.${i}.cards.${j}`;
  const [field, sub, option, part] = deeper;
  if (field === undefined) return { field: card, kind: 'card', who: task };
  if (field === 'overlap' && sub === 'options' && typeof option === 'number' && part !== undefined)
    return {
      field: `${card}.overlap.options.${option}.${part}`,
      kind: `option.${String(part)}`,
      who: m.packs_fix_who_split({ task, n: option + 1 }),
    };
  if (field === 'overlap' && (sub === 'options' || sub === 'question'))
    return { field: `${card}.overlap.${sub}`, kind: `card.overlap.${sub}`, who: task };
  return { field: `${card}.${field}`, kind: `card.${String(field)}`, who: task };
}

/**
 * A problem the game's check found, at `path` in the pack's data, in plain words for the form:
 * who it concerns and what to do ("Task 2: choose who does it"), and the field to show it by.
 */
export function plainProblem(path: DataPath, fault: Fault, form: PackForm): FieldProblem {
  const { field, kind, who } = placeOf(path, form);
  const words = FIELDS[kind];
  const say = (what: string) => ({ field, text: m.packs_fix_problem({ who, what }) });
  if (fault.kind === 'unknown-field') return say(m.packs_fix_unknown_field({ field: String(path.at(-1)) }));
  if (!words) return say(fault.message);
  const name = words.name();
  if (fault.kind === 'too-long') return say(m.packs_fix_too_long({ name, max: fault.max ?? 0 }));
  if (fault.kind === 'absent' || fault.kind === 'too-few' || fault.kind === 'split-count') return say(words.missing());
  if (fault.kind === 'one-right') return say(m.packs_fix_mark_right());
  if (fault.kind === 'unknown-source') return say(m.packs_fix_unknown_source());
  if (fault.kind === 'twice') return say(m.packs_fix_used_twice({ name }));
  if (CHOSEN.has(kind)) return say(words.missing());
  return say(m.packs_fix_named({ name, what: fault.message }));
}

/** Checks the form's pack as the game checks every pack; its problems in plain words, by field. */
export function checkForm(form: PackForm, sources: readonly Source[] = bankSources): Result<Pack, FieldProblem[]> {
  const data = dataFromForm(form);
  // Problems are told apart by their text (`firstProblems`), so each is put in words, with its place, at once.
  const checked = checkPack(
    { data, problemAt: (path, fault) => ({ message: plainProblem(path, fault, form).text, path }) },
    sources,
  );
  if (checked.ok) return checked;
  return fail(
    checked.error.map((problem) => ({
      field: problem.path ? placeOf(problem.path, form).field : '',
      text: problem.message,
    })),
  );
}

/** Problems by the field they concern, for the form to show each beside its field. */
export function problemsByField(problems: readonly FieldProblem[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const { field, text } of problems) byField.set(field, [...(byField.get(field) ?? []), text]);
  return byField;
}

/** The id of a field's element in the page, from its key: `companies.0.title` → `field-companies-0-title`. */
export const fieldId = (field: string): string => `field-${field.replaceAll('.', '-') || 'pack'}`;

/** A key for a company, a task or a source as a whole, or the pack: not a field the trainer fills in. */
const ITEM = /^(|pack|sources\.\d+|companies\.\d+(\.cards\.\d+)?)$/;

/**
 * The problems to show beside their fields: those of the fields the trainer has left, or all once
 * they tried to use the pack, and always those about a whole item (two tasks with one id).
 */
export function shownProblems(
  problems: ReadonlyMap<string, string[]>,
  touched: ReadonlySet<string>,
  revealed: boolean,
): Map<string, string[]> {
  return new Map([...problems].filter(([field]) => revealed || ITEM.test(field) || touched.has(field)));
}
