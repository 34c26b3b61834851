import bankSources from 'virtual:question-sources';
import { checkPack } from '../core/pack';
import type { DataPath } from '../core/problems';
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
const FIELDS: Record<string, { missing: string; name: string }> = {
  'pack.id': { missing: 'give the pack a short id, like "my-pack"', name: 'the id' },
  'pack.title': { missing: 'give the pack a title', name: 'the title' },
  'pack.author': { missing: 'say who wrote it', name: 'the author' },
  'pack.about': { missing: 'say what it is for', name: 'the line about it' },
  'pack.version': { missing: 'give it a version', name: 'the version' },
  'source.title': { missing: 'give the source a title', name: 'the title' },
  'source.author': { missing: 'say who wrote it', name: 'the author' },
  'source.url': { missing: 'give a link starting https://', name: 'the link' },
  'source.id': { missing: 'give the source an id, like P1', name: 'the id' },
  'company.id': { missing: 'give it an id', name: 'its id' },
  'company.title': { missing: 'give it a title', name: 'the title' },
  'company.company': { missing: 'say what the company is', name: 'the company' },
  'company.stage': { missing: 'choose its stage', name: 'the stage' },
  'company.story': { missing: 'write its story', name: 'the story' },
  'company.cards': { missing: 'add at least one task', name: 'the tasks' },
  'card.id': { missing: 'give it an id', name: 'its id' },
  'card.task': { missing: 'write the task', name: 'the task' },
  'card.key': { missing: 'choose who does it', name: 'who does it' },
  'card.explanation': { missing: 'write the explanation', name: 'the explanation' },
  'card.takeaway': { missing: 'write the takeaway', name: 'the takeaway' },
  'card.otherRole': { missing: 'say what the other role does', name: 'what the other role does' },
  'card.discuss': { missing: 'write a question for the room', name: 'the question for the room' },
  'card.overlap': { missing: 'give 3 or 4 ways to split the work', name: 'the split' },
  'card.overlap.question': { missing: 'ask who does which part', name: 'the question' },
  'card.overlap.options': { missing: 'give 3 or 4 ways to split the work', name: 'the split' },
  'option.text': { missing: 'write the split', name: 'the split' },
  'option.why': { missing: 'say why', name: 'why' },
  'card.topics': { missing: 'choose at least one topic', name: 'the topics' },
  'card.difficulty': { missing: 'choose how hard it is', name: 'the difficulty' },
  'card.sources': { missing: 'choose at least one source', name: 'the sources' },
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
  if (top === 'pack') return { field: i === undefined ? 'pack' : `pack.${i}`, kind: `pack.${String(i)}`, who: 'Pack' };
  if (top === 'sources' && typeof i === 'number') {
    const id = form.sources[i]?.id || `${i + 1}`;
    return {
      field: name === undefined ? `sources.${i}` : `sources.${i}.${name}`,
      kind: `source.${String(name)}`,
      who: `Source ${id}`,
    };
  }
  if (top !== 'companies' || typeof i !== 'number') return { field: '', kind: '', who: 'The pack' };
  const company = form.companies.length > 1 ? `Company ${i + 1}` : 'The company';
  if (name !== 'cards' || j === undefined)
    return {
      field: name === undefined ? `companies.${i}` : `companies.${i}.${name}`,
      kind: `company.${String(name)}`,
      who: form.companies.length > 1 ? `Company ${i + 1}` : 'The company',
    };
  const task = `${form.companies.length > 1 ? `${company}, task` : 'Task'} ${index(j) + 1}`;
  const card = `companies.${i}.cards.${j}`;
  const [field, sub, option, part] = deeper;
  if (field === undefined) return { field: card, kind: 'card', who: task };
  if (field === 'overlap' && sub === 'options' && typeof option === 'number' && part !== undefined)
    return {
      field: `${card}.overlap.options.${option}.${part}`,
      kind: `option.${String(part)}`,
      who: `${task}, split ${option + 1}`,
    };
  if (field === 'overlap' && (sub === 'options' || sub === 'question'))
    return { field: `${card}.overlap.${sub}`, kind: `card.overlap.${sub}`, who: task };
  return { field: `${card}.${field}`, kind: `card.${String(field)}`, who: task };
}

/**
 * A problem the game's check found, at `path` in the pack's data, in plain words for the form:
 * who it concerns and what to do ("Task 2: choose who does it"), and the field to show it by.
 */
export function plainProblem(path: DataPath, what: string, form: PackForm): FieldProblem {
  const { field, kind, who } = placeOf(path, form);
  const words = FIELDS[kind];
  const say = (text: string) => ({ field, text: `${who}: ${text}` });
  if (what === 'is not a known field (check its spelling)')
    return say(`"${String(path.at(-1))}" is not a field the game knows: remove it under Advanced (YAML)`);
  if (!words) return say(what.replace(/ \(got .*\)$/s, ''));
  const longer = /longer than (\d+) characters/.exec(what);
  if (longer) return say(`${words.name} is too long: keep it under ${longer[1]} characters`);
  if (/^is missing|must not be empty|^name at least one|needs (cards|at least)/.test(what)) return say(words.missing);
  if (/exactly one overlap option/.test(what)) return say('mark the right split');
  if (/overlap needs/.test(what)) return say(words.missing);
  if (/^unknown source/.test(what)) return say('a source it cites is not in the list: choose it again');
  if (/is also used in|is listed twice/.test(what))
    return say(`${words.name} is used twice: change it under Advanced (YAML)`);
  if (CHOSEN.has(kind)) return say(words.missing);
  return say(`${words.name}: ${what.replace(/ \(got .*\)$/s, '')}`);
}

/** Checks the form's pack as the game checks every pack; its problems in plain words, by field. */
export function checkForm(form: PackForm, sources: readonly Source[] = bankSources): Result<Pack, FieldProblem[]> {
  const data = dataFromForm(form);
  // Problems are told apart by their text (`firstProblems`), so each is put in words, with its place, at once.
  const checked = checkPack(
    { data, problemAt: (path, what) => ({ message: plainProblem(path, what, form).text, path }) },
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
