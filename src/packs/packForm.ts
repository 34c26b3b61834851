import type { Role } from '../core/schema';

/**
 * A pack as the form edits it: every field a plain string or list, so that a half-written pack
 * (an empty title, no role chosen yet) has a place in the form. `dataFromForm` turns it back
 * into pack data for the game's own check (`checkPack`); `formFromData` reads pack data into
 * it. Fields the form does not show are kept as they are in `more`, so nothing is lost.
 */

export interface SplitOptionForm {
  text: string;
  why: string;
}

export interface TaskForm {
  id: string;
  task: string;
  /** '' until the trainer chooses. */
  key: Role | '';
  explanation: string;
  takeaway: string;
  /** For a PM or PMM task. Kept while the role is Both, so switching back loses nothing. */
  otherRole: string;
  /** For a Both task, with the split's question and options. */
  discuss: string;
  question: string;
  options: SplitOptionForm[];
  /** Which option is the right split, or null. */
  correct: number | null;
  topics: string[];
  difficulty: string;
  sources: string[];
  /** Fields the form does not show (views, compare, idea, storyFact…), kept as written. */
  more: Record<string, unknown>;
}

export interface CompanyForm {
  id: string;
  title: string;
  company: string;
  stage: string;
  story: string;
  tasks: TaskForm[];
  more: Record<string, unknown>;
}

export interface SourceForm {
  id: string;
  title: string;
  author: string;
  url: string;
  more: Record<string, unknown>;
}

export interface PackForm {
  id: string;
  title: string;
  version: number | null;
  author: string;
  about: string;
  sources: SourceForm[];
  companies: CompanyForm[];
  /** The pack's own fields the form does not show, and the file's. */
  packMore: Record<string, unknown>;
  more: Record<string, unknown>;
}

type Data = Record<string, unknown>;

const isRecord = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const record = (value: unknown): Data => (isRecord(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] => list(value).filter((item) => typeof item === 'string');

/** The fields of `data` other than `known`. */
function rest(data: Data, known: readonly string[]): Data {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !known.includes(key)));
}

const TASK_FIELDS = [
  'id',
  'task',
  'key',
  'explanation',
  'otherRole',
  'discuss',
  'overlap',
  'takeaway',
  'topics',
  'difficulty',
  'sources',
] as const;
const COMPANY_FIELDS = ['id', 'title', 'company', 'stage', 'story', 'cards'] as const;
const SOURCE_FIELDS = ['id', 'title', 'author', 'url'] as const;
const PACK_FIELDS = ['id', 'title', 'version', 'author', 'about'] as const;

function taskFromData(value: unknown): TaskForm {
  const card = record(value);
  const overlap = record(card.overlap);
  const options = list(overlap.options).map(record);
  const key = str(card.key);
  const correct = options.findIndex((option) => option.correct === true);
  return {
    id: str(card.id),
    task: str(card.task),
    key: key === 'pm' || key === 'pmm' || key === 'both' ? key : '',
    explanation: str(card.explanation),
    takeaway: str(card.takeaway),
    otherRole: str(card.otherRole),
    discuss: str(card.discuss),
    question: str(overlap.question),
    options: options.map((option) => ({ text: str(option.text), why: str(option.why) })),
    correct: correct < 0 ? null : correct,
    topics: strings(card.topics),
    difficulty: str(card.difficulty),
    sources: strings(card.sources),
    more: rest(card, TASK_FIELDS),
  };
}

function companyFromData(value: unknown): CompanyForm {
  const company = record(value);
  return {
    id: str(company.id),
    title: str(company.title),
    company: str(company.company),
    stage: str(company.stage),
    story: str(company.story),
    tasks: list(company.cards).map(taskFromData),
    more: rest(company, COMPANY_FIELDS),
  };
}

/** Pack data (as parsed from YAML or JSON, checked or not) as the form shows it. */
export function formFromData(value: unknown): PackForm {
  const data = record(value);
  const pack = record(data.pack);
  return {
    id: str(pack.id),
    title: str(pack.title),
    version: typeof pack.version === 'number' ? pack.version : null,
    author: str(pack.author),
    about: str(pack.about),
    sources: list(data.sources).map((item) => {
      const source = record(item);
      return {
        id: str(source.id),
        title: str(source.title),
        author: str(source.author),
        url: str(source.url),
        more: rest(source, SOURCE_FIELDS),
      };
    }),
    companies: list(data.companies).map(companyFromData),
    packMore: rest(pack, PACK_FIELDS),
    more: rest(data, ['pack', 'sources', 'companies']),
  };
}

/** Sets a field only when it has something in it: an empty field is a missing one. */
function fields(entries: Array<[string, unknown]>): Data {
  return Object.fromEntries(
    entries.filter(
      ([, value]) => value !== null && value !== undefined && !(typeof value === 'string' && !value.trim()),
    ),
  );
}

function taskData(task: TaskForm): Data {
  const single = task.key === 'pm' || task.key === 'pmm';
  const shared = task.key !== 'pm' && task.key !== 'pmm';
  const overlap =
    shared && (task.question.trim() || task.options.length)
      ? fields([
          ['question', task.question],
          [
            'options',
            task.options.map((option, index) =>
              fields([
                ['text', option.text],
                ['correct', index === task.correct ? true : undefined],
                ['why', option.why],
              ]),
            ),
          ],
        ])
      : undefined;
  return {
    ...fields([
      ['id', task.id],
      ['task', task.task],
      ['key', task.key],
      ['explanation', task.explanation],
      ['otherRole', task.key === 'both' ? '' : task.otherRole],
      ['discuss', single ? '' : task.discuss],
      ['overlap', overlap],
      ['takeaway', task.takeaway],
      ['topics', task.topics],
      ['difficulty', task.difficulty],
      ['sources', task.sources],
    ]),
    ...task.more,
  };
}

/** The form as pack data, for the game's check (`checkPack`) and for the YAML. */
export function dataFromForm(form: PackForm): Data {
  return {
    ...form.more,
    pack: {
      ...fields([
        ['id', form.id],
        ['title', form.title],
        ['version', form.version ?? undefined],
        ['author', form.author],
        ['about', form.about],
      ]),
      ...form.packMore,
    },
    ...(form.sources.length && {
      sources: form.sources.map((source) => ({
        ...fields([
          ['id', source.id],
          ['title', source.title],
          ['author', source.author],
          ['url', source.url],
        ]),
        ...source.more,
      })),
    }),
    companies: form.companies.map((company) => ({
      ...fields([
        ['id', company.id],
        ['title', company.title],
        ['company', company.company],
        ['stage', company.stage],
        ['story', company.story],
      ]),
      cards: company.tasks.map(taskData),
      ...company.more,
    })),
  };
}

/** Data with its empty fields left out, as the form treats them: an empty field is a missing one. */
function meaningful(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(meaningful);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null && item !== undefined && !(typeof item === 'string' && !item.trim()))
      .map(([key, item]) => [key, meaningful(item)]),
  );
}

/** Whether two pieces of data are the same, whatever the order of their fields. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameData(a[key], b[key]));
  }
  return Object.is(a, b);
}

/**
 * The form for this data, when the form can show all of it: reading it into the form and back
 * gives the same data (leaving empty fields aside). Otherwise null, and the pack stays in YAML.
 */
export function formFor(data: unknown): PackForm | null {
  if (!isRecord(data)) return null;
  const form = formFromData(data);
  return sameData(meaningful(dataFromForm(form)), meaningful(data)) ? form : null;
}

/** An id like `task-3`, not yet in `taken`. */
function freeId(prefix: string, taken: ReadonlySet<string>): string {
  let n = 1;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** A new, empty task for a company of the pack, with an id no other task has. */
export function newTask(form: PackForm): TaskForm {
  const taken = new Set(form.companies.flatMap((company) => company.tasks.map((task) => task.id)));
  return {
    id: freeId('task', taken),
    task: '',
    key: '',
    explanation: '',
    takeaway: '',
    otherRole: '',
    discuss: '',
    question: '',
    options: [],
    correct: null,
    topics: [],
    difficulty: 'core',
    sources: [],
    more: {},
  };
}

/** A new company with one empty task, and ids no other company or task has. */
export function newCompany(form: PackForm): CompanyForm {
  const taken = new Set(form.companies.map((company) => company.id));
  return {
    id: freeId('company', taken),
    title: '',
    company: '',
    stage: '',
    story: '',
    tasks: [newTask(form)],
    more: {},
  };
}

/** A new source of the pack's own, numbered after the others (P1, P2…). */
export function newSource(form: PackForm): SourceForm {
  const taken = new Set(form.sources.map((source) => source.id));
  let n = 1;
  while (taken.has(`P${n}`)) n++;
  return { id: `P${n}`, title: '', author: '', url: '', more: {} };
}

/** Three empty ways to split the work, for a task that becomes Both without any. */
export function withSplit(task: TaskForm): void {
  if (task.key === 'both' && !task.options.length) task.options = [0, 1, 2].map(() => ({ text: '', why: '' }));
}

/** The names of the fields of a task the form does not show, for a note that they are kept. */
export const hiddenFields = (task: TaskForm): string[] => Object.keys(task.more);
