import * as v from 'valibot';
import { scenarioSchema, sourcesFileSchema, type Bank, type Card, type Scenario, type Source } from './schema.ts';

/** A raw, already-parsed question file (YAML or JSON) and the name to report it by. */
export interface BankFile {
  file: string;
  data: unknown;
}

export class BankError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The question bank has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.join('\n- ')}`,
    );
    this.name = 'BankError';
  }
}

function describePath(data: unknown, issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => item.key as string | number);
  let card = '';
  const field: string[] = [];
  let node: unknown = data;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (keys[i - 1] === 'cards' && typeof key === 'number') {
      const cardId = (node as Record<number, { id?: unknown }>)?.[key]?.id;
      card = typeof cardId === 'string' ? `card "${cardId}" (cards[${key}])` : `cards[${key}]`;
      field.length = 0;
    } else if (key !== 'cards' || typeof keys[i + 1] !== 'number') {
      field.push(typeof key === 'number' ? `[${key}]` : field.length ? `.${key}` : key);
    }
    node = (node as Record<string | number, unknown>)?.[key];
  }
  const where = [card, field.length ? `field "${field.join('')}"` : ''].filter(Boolean).join(', ');
  return where;
}

function formatIssues(file: string, data: unknown, issues: v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const where = describePath(data, issue);
    const prefix = `${file}: ${where ? `${where}: ` : ''}`;
    if (issue.message.startsWith('Invalid key')) {
      return issue.expected === 'never' ? `${prefix}is not a known field (check its spelling)` : `${prefix}is missing`;
    }
    return `${prefix}${issue.message} (got ${issue.received})`;
  });
}

/** Validates the sources file; returns its sources or the problems found. */
export function parseSources(file: BankFile): { sources?: Source[]; problems: string[] } {
  const result = v.safeParse(sourcesFileSchema, file.data);
  if (!result.success) return { problems: formatIssues(file.file, file.data, result.issues) };
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const source of result.output.sources) {
    if (seen.has(source.id)) problems.push(`${file.file}: source "${source.id}" is listed twice`);
    seen.add(source.id);
  }
  return { sources: result.output.sources, problems };
}

/**
 * Validates scenario files against the schema and against each other: ids unique across
 * the bank, every cited source known. Throws a BankError naming file, card and field.
 */
export function buildBank(sourcesFile: BankFile, scenarioFiles: BankFile[]): Bank {
  const { sources = [], problems } = parseSources(sourcesFile);
  const known = new Set(sources.map((s) => s.id));
  const scenarios: Scenario[] = [];
  const scenarioIds = new Map<string, string>();
  const cardIds = new Map<string, string>();

  for (const { file, data } of scenarioFiles) {
    const result = v.safeParse(scenarioSchema, data);
    if (!result.success) {
      problems.push(...formatIssues(file, data, result.issues));
      continue;
    }
    const scenario = result.output;
    const otherFile = scenarioIds.get(scenario.id);
    if (otherFile) problems.push(`${file}: scenario id "${scenario.id}" is also used in ${otherFile}`);
    scenarioIds.set(scenario.id, file);

    scenario.cards.forEach((card, index) => {
      const where = `${file}: card "${card.id}" (cards[${index}])`;
      const clash = cardIds.get(card.id);
      if (clash) problems.push(`${where}, field "id": "${card.id}" is also used in ${clash}`);
      cardIds.set(card.id, file);
      const cited = [...card.sources, ...(card.views ?? []).flatMap((view) => view.sources)];
      for (const source of cited) {
        if (!known.has(source))
          problems.push(`${where}, field "sources": unknown source "${source}" (known: ${[...known].join(', ')})`);
      }
    });
    for (const [index, card] of scenario.cards.entries()) {
      if (card.storyFact && !scenario.story.replace(/\s+/g, ' ').includes(card.storyFact.replace(/\s+/g, ' ')))
        problems.push(
          `${file}: card "${card.id}" (cards[${index}]), field "storyFact": these words are not in the story`,
        );
    }
    scenarios.push(scenario);
  }

  const cardsKnown = new Set(scenarios.flatMap((scenario) => scenario.cards.map((card) => card.id)));
  for (const scenario of scenarios) {
    for (const card of scenario.cards) {
      if (card.compare && (!cardsKnown.has(card.compare) || card.compare === card.id))
        problems.push(
          `${scenarioIds.get(scenario.id)}: card "${card.id}", field "compare": no other card "${card.compare}"`,
        );
    }
  }

  if (scenarioFiles.length === 0) problems.push('no scenario files were found');
  if (problems.length) throw new BankError(problems);
  return { sources, scenarios };
}

/** A card with the company it belongs to. */
export interface CardEntry {
  card: Card;
  scenario: Scenario;
}

/**
 * The bank with its lookups built once, when it is loaded: machines, views and storage look
 * cards and companies up by id here instead of searching the bank each time.
 */
export interface IndexedBank extends Bank {
  readonly cards: ReadonlyMap<string, CardEntry>;
  readonly companies: ReadonlyMap<string, Scenario>;
}

/** Indexes a validated bank. */
export function indexBank(bank: Bank): IndexedBank {
  const cards = new Map<string, CardEntry>();
  for (const scenario of bank.scenarios) for (const card of scenario.cards) cards.set(card.id, { card, scenario });
  return {
    sources: bank.sources,
    scenarios: bank.scenarios,
    cards,
    companies: new Map(bank.scenarios.map((scenario) => [scenario.id, scenario])),
  };
}

/** The cards (with their companies) for some ids, in order; unknown ids are left out. */
export function entriesOf(bank: IndexedBank, ids: Iterable<string>): CardEntry[] {
  return [...ids].flatMap((id) => bank.cards.get(id) ?? []);
}

/** What the start screen shows of a company before the questions themselves have loaded. */
export interface ScenarioSummary {
  id: string;
  title: string;
  company: string;
  cards: number;
}

/** The start screen's list of companies, in bank order. */
export function summarize(scenarios: readonly Scenario[]): ScenarioSummary[] {
  return scenarios.map(({ id, title, company, cards }) => ({ id, title, company, cards: cards.length }));
}

/** Cards grouped by their company, companies in order of first appearance. */
export function groupByScenario(items: Iterable<CardEntry>): Array<{ scenario: Scenario; cards: Card[] }> {
  const groups = new Map<Scenario, Card[]>();
  for (const { scenario, card } of items) groups.set(scenario, [...(groups.get(scenario) ?? []), card]);
  return [...groups].map(([scenario, cards]) => ({ scenario, cards }));
}
