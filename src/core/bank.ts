import { deriveSeed } from './random.ts';
import type { Bank, Card, Pack, Scenario, Source } from './schema.ts';
import type { BankLanguage } from './bankLanguages.ts';

/** A card with the company it belongs to. */
export interface CardEntry {
  card: Card;
  scenario: Scenario;
}

/** What the feedback shows of a look-alike task: its sentence and its key. */
export type Lookalike = Pick<Card, 'task' | 'key'>;

/**
 * One company's questions, as the app loads them: the scenario, the sources its cards cite,
 * and the look-alike tasks of other companies that its cards point to.
 */
export interface CompanyPart {
  scenario: Scenario;
  sources: Source[];
  lookalikes: Record<string, Lookalike>;
}

/** Where a bank's companies come from: the index the build made, and a loader per company. */
export interface BankSource {
  /** Every company the app ships, in bank order. */
  scenarioIndex: ScenarioSummary[];
  /** The fingerprint of the whole bank (share links carry it). */
  fingerprint: number;
  /**
   * The fingerprints of the same questions in the app's other languages (the same ids, keys and
   * splits in other words): a link made in another language was made with these questions.
   */
  translations?: readonly number[];
  loadCompany(id: string): Promise<CompanyPart>;
  /** The company of every card, by card id. */
  loadCardCompanies(): Promise<Record<string, string>>;
  /** The language the bank is written in (English when not said). */
  language?: BankLanguage;
}

/** A 32-bit fingerprint of the question bank's content: any change to any card changes it. */
export function bankFingerprint(bank: Bank): number {
  return deriveSeed(0, JSON.stringify(bank.scenarios));
}

/**
 * The bank with its lookups: machines, views and storage look cards and companies up by id
 * here instead of searching the bank each time. It holds the companies loaded so far (in
 * bank order) and loads more on request, so a game fetches only the companies it plays.
 */
export interface IndexedBank extends Bank {
  readonly cards: ReadonlyMap<string, CardEntry>;
  readonly companies: ReadonlyMap<string, Scenario>;
  /** Every company the app ships, loaded or not, in bank order. */
  readonly index: readonly ScenarioSummary[];
  /** Look-alike tasks that cards point to, including those of companies not loaded. */
  readonly lookalikes: ReadonlyMap<string, Lookalike>;
  /** The fingerprint of the whole bank the app ships, loaded or not. */
  readonly fingerprint: number;
  /** The fingerprints of the same bank in the app's other languages. */
  readonly translations: readonly number[];
  /** Loads the given companies (unknown ids are left out); resolves once they are in. */
  load(scenarioIds: Iterable<string>): Promise<void>;
  /** Loads the companies of the given cards. */
  loadCardsOf(cardIds: Iterable<string>): Promise<void>;
  /** Loads every company, for a workshop or a result link. */
  loadAll(): Promise<void>;
  /** The trainer packs in play: their companies follow the bank's, loaded already. */
  readonly packs: readonly BankPack[];
  /** Puts these packs in the place of the ones before (their companies and cards go). */
  setPacks(packs: readonly BankPack[]): void;
}

/** A trainer pack as the bank takes it in (`packPart` in src/packs/pack.ts makes one). */
export interface BankPack {
  id: string;
  title: string;
  version?: number;
  fingerprint: number;
  summaries: ScenarioSummary[];
  companies: CompanyPart[];
  /** The pack's own sources, with the game's ids. */
  sources: Source[];
  /** The pack as it was checked, in its trainer's ids: what a room server is sent, to check again. */
  data: Pack;
}

class LoadingBank implements IndexedBank {
  readonly sources: Source[] = [];
  readonly scenarios: Scenario[] = [];
  readonly cards = new Map<string, CardEntry>();
  readonly companies = new Map<string, Scenario>();
  readonly lookalikes = new Map<string, Lookalike>();
  index: readonly ScenarioSummary[];
  packs: readonly BankPack[] = [];
  readonly fingerprint: number;
  readonly language?: BankLanguage;
  readonly translations: readonly number[];
  #order: Map<string, number>;
  readonly #loading = new Map<string, Promise<void>>();
  #cardCompanies: Promise<Record<string, string>> | undefined;

  constructor(private readonly source: BankSource) {
    this.index = source.scenarioIndex;
    this.fingerprint = source.fingerprint;
    if (source.language) this.language = source.language;
    this.translations = source.translations ?? [];
    this.#order = new Map(this.index.map((summary, position) => [summary.id, position]));
  }

  /** Takes a company in, keeping the companies in bank order and each source once. */
  add({ scenario, sources, lookalikes }: CompanyPart): void {
    if (this.companies.has(scenario.id)) return;
    this.companies.set(scenario.id, scenario);
    for (const card of scenario.cards) this.cards.set(card.id, { card, scenario });
    for (const [id, lookalike] of Object.entries(lookalikes)) this.lookalikes.set(id, lookalike);
    const known = new Set(this.sources.map((s) => s.id));
    this.sources.push(...sources.filter((s) => !known.has(s.id)));
    const at = this.scenarios.findIndex((other) => this.#order.get(other.id)! > this.#order.get(scenario.id)!);
    this.scenarios.splice(at < 0 ? this.scenarios.length : at, 0, scenario);
  }

  setPacks(packs: readonly BankPack[]): void {
    for (const part of this.packs.flatMap((pack) => pack.companies)) {
      this.companies.delete(part.scenario.id);
      for (const card of part.scenario.cards) this.cards.delete(card.id);
      this.scenarios.splice(this.scenarios.indexOf(part.scenario), 1);
    }
    const dropped = new Set(this.packs.flatMap((pack) => pack.sources.map((source) => source.id)));
    this.sources.splice(0, this.sources.length, ...this.sources.filter((source) => !dropped.has(source.id)));
    this.packs = packs;
    this.index = [...this.source.scenarioIndex, ...packs.flatMap((pack) => pack.summaries)];
    this.#order = new Map(this.index.map((summary, position) => [summary.id, position]));
    for (const part of packs.flatMap((pack) => pack.companies)) this.add(part);
  }

  load(scenarioIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(scenarioIds)].filter((id) => this.#order.has(id) && !this.companies.has(id));
    return Promise.all(
      wanted.map((id) => {
        let loading = this.#loading.get(id);
        if (!loading) {
          loading = this.source.loadCompany(id).then((part) => this.add(part));
          // A failed load (offline before the app was cached) may be tried again.
          loading.catch(() => this.#loading.delete(id));
          this.#loading.set(id, loading);
        }
        return loading;
      }),
    ).then(() => undefined);
  }

  async loadCardsOf(cardIds: Iterable<string>): Promise<void> {
    const ids = [...cardIds].filter((id) => !this.cards.has(id));
    if (!ids.length) return;
    this.#cardCompanies ??= this.source.loadCardCompanies();
    this.#cardCompanies.catch(() => (this.#cardCompanies = undefined));
    const owners = await this.#cardCompanies;
    await this.load(ids.flatMap((id) => owners[id] ?? []));
  }

  loadAll(): Promise<void> {
    return this.load(this.index.map((summary) => summary.id));
  }
}

/** A bank that loads its companies from a source as they are asked for. */
export function loadingBank(source: BankSource): IndexedBank {
  return new LoadingBank(source);
}

/**
 * A bank of its own for one room: the shared bank's companies and that room's packs. The
 * shared bank is left as it is, for the rooms that play other packs or none.
 */
export function bankWithPacks(shared: Bank, packs: readonly BankPack[]): IndexedBank {
  const own = indexBank({ sources: shared.sources, scenarios: shared.scenarios });
  own.setPacks(packs);
  return own;
}

/** Indexes a validated bank, all of it loaded (with the fingerprints of its translations, if any). */
export function indexBank(bank: Bank, translations: readonly number[] = []): IndexedBank {
  const loaded = new LoadingBank({
    scenarioIndex: summarize(bank.scenarios),
    fingerprint: bankFingerprint(bank),
    translations,
    loadCompany: (id) => Promise.reject(new Error(`company ${id} is not in this bank`)),
    loadCardCompanies: () => Promise.resolve({}),
    ...(bank.language && { language: bank.language }),
  });
  loaded.sources.push(...bank.sources);
  for (const scenario of bank.scenarios) loaded.add({ scenario, sources: [], lookalikes: {} });
  return loaded;
}

/** The parts the app loads one company at a time, with the look-alikes each points to. */
export function companyParts(bank: Bank): CompanyPart[] {
  const cards = new Map(bank.scenarios.flatMap((scenario) => scenario.cards.map((card) => [card.id, card])));
  return bank.scenarios.map((scenario) => {
    const cited = new Set(
      scenario.cards.flatMap((card) => [...card.sources, ...(card.views ?? []).flatMap((view) => view.sources)]),
    );
    const lookalikes: Record<string, Lookalike> = {};
    for (const card of scenario.cards) {
      const other = card.compare ? cards.get(card.compare) : undefined;
      if (other && !scenario.cards.includes(other)) lookalikes[other.id] = { task: other.task, key: other.key };
    }
    return { scenario, sources: bank.sources.filter((source) => cited.has(source.id)), lookalikes };
  });
}

/** The look-alike task a card points to, whether or not its company has loaded. */
export function lookalikeOf(bank: IndexedBank, id: string): Lookalike | undefined {
  return bank.cards.get(id)?.card ?? bank.lookalikes.get(id);
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
  /** The title of the trainer pack it comes from; none for the bank's own companies. */
  pack?: string;
  /** A pack's language (a bank's own companies are in the bank's). */
  language?: BankLanguage;
}

/**
 * The companies in a player's language first (the bank's own when the bank is in it, and
 * packs written in it), the others after them, each group in its order.
 */
export function firstInLanguage(
  summaries: readonly ScenarioSummary[],
  language: string,
  bankLanguage: BankLanguage = 'en',
): ScenarioSummary[] {
  const inIt = (summary: ScenarioSummary) => (summary.language ?? bankLanguage) === language;
  return [...summaries.filter(inIt), ...summaries.filter((summary) => !inIt(summary))];
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
