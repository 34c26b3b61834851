import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { bankFingerprint, companyParts, summarize, type CompanyPart } from '../core/bank.ts';
import type { Bank } from '../core/schema.ts';
import { loadBank, scenarioFiles, SOURCES_FILE } from '../core/loadBank.ts';

/** The companies alone, small enough for the first screen. */
const INDEX_ID = 'virtual:question-index';
/**
 * Where each company's chunk is: a line per company (its file name), which the start screen
 * does not need. It loads with the first company a game or a saved game asks for (and the
 * service worker caches it with the rest once the start screen is ready).
 */
const LOADERS_ID = 'virtual:question-loaders';
/** One company's questions: `virtual:question-company/<id>`, a chunk of its own. */
const COMPANY_PREFIX = 'virtual:question-company/';
/** Which company each card belongs to, for a review that mixes companies. */
const CARDS_ID = 'virtual:question-cards';
/** The bank's sources, for checking and showing a trainer pack: loaded with the packs, not at start. */
const SOURCES_ID = 'virtual:question-sources';
const isOurs = (id: string) =>
  id === INDEX_ID || id === LOADERS_ID || id === CARDS_ID || id === SOURCES_ID || id.startsWith(COMPANY_PREFIX);

const parts = new WeakMap<Bank, Map<string, CompanyPart>>();
/** A bank's company parts by company id, worked out once per bank. */
function partsOf(bank: Bank): Map<string, CompanyPart> {
  let byId = parts.get(bank);
  if (!byId) parts.set(bank, (byId = new Map(companyParts(bank).map((part) => [part.scenario.id, part]))));
  return byId;
}

/**
 * The source of `virtual:question-index`, `-loaders`, `-cards`, `-sources` or a company's module;
 * the index names the fingerprints of the bank's translations too.
 */
export function bankModule(bank: Bank, id: string, translations: readonly number[] = []): string | undefined {
  if (id === INDEX_ID)
    return [
      `export const scenarioIndex = JSON.parse(${JSON.stringify(JSON.stringify(summarize(bank.scenarios)))});`,
      `export const fingerprint = ${bankFingerprint(bank)};`,
      `export const language = ${JSON.stringify(bank.language ?? 'en')};`,
      `export const translations = ${JSON.stringify(translations)};`,
      `export const loadCompany = (id) => import(${JSON.stringify(LOADERS_ID)}).then((module) => module.loadCompany(id));`,
      `export const loadCardCompanies = () => import(${JSON.stringify(CARDS_ID)}).then((module) => module.default);`,
    ].join('\n');
  if (id === LOADERS_ID) {
    const loaders = bank.scenarios.map(
      (scenario) => `${JSON.stringify(scenario.id)}: () => import(${JSON.stringify(COMPANY_PREFIX + scenario.id)})`,
    );
    return [
      `const companies = {${loaders.join(',')}};`,
      `export const loadCompany = (id) => companies[id]().then((module) => module.default);`,
    ].join('\n');
  }
  if (id === SOURCES_ID) return `export default ${JSON.stringify(bank.sources)};`;
  if (id === CARDS_ID) {
    const owners = Object.fromEntries(
      bank.scenarios.flatMap((scenario) => scenario.cards.map((card) => [card.id, scenario.id])),
    );
    return `export default ${JSON.stringify(owners)};`;
  }
  const part = partsOf(bank).get(id.slice(COMPANY_PREFIX.length));
  return part && `export default JSON.parse(${JSON.stringify(JSON.stringify(part))});`;
}

/** The bank with only the given companies (all when none are given), in the folder's order. */
export function onlyCompanies(bank: Bank, ids: readonly string[] | undefined): Bank {
  if (!ids?.length) return bank;
  const missing = ids.filter((id) => !bank.scenarios.some((scenario) => scenario.id === id));
  if (missing.length)
    throw new Error(
      `No company with the id ${missing.join(', ')}; the companies are ${bank.scenarios.map((s) => s.id).join(', ')}.`,
    );
  return { ...bank, scenarios: bank.scenarios.filter((scenario) => ids.includes(scenario.id)) };
}

/**
 * Serves the validated question bank, one module per company behind an index
 * (`virtual:question-index`). A malformed question file fails the build (and shows in the dev
 * server's error overlay) with file, card and field. `only` keeps just those companies (a
 * SCORM package's): the index, the card owners and the company modules hold no others, and an
 * id the folder lacks fails the build. `translations` are the folders of the same questions in
 * the app's other languages (`questions/de` beside `questions`): the index names their
 * fingerprints, of the same companies, so a results link made in one language opens in another
 * as made with these questions.
 */
export function questionBank(dir: string, only?: readonly string[], translations: readonly string[] = []): Plugin {
  const folder = resolve(dir);
  const folders = [folder, ...translations.map((other) => resolve(other))];
  const sameCompanies = (bank: Bank): Bank =>
    only?.length ? { ...bank, scenarios: bank.scenarios.filter((scenario) => only.includes(scenario.id)) } : bank;
  // Read once per build (or per change in the dev server), not once per company module.
  let bank: { questions: Bank; translations: number[] } | undefined;
  return {
    name: 'role-call:question-bank',
    buildStart: () => void (bank = undefined),
    watchChange: () => void (bank = undefined),
    resolveId: (id) => (isOurs(id) ? `\0${id}` : undefined),
    load(resolved) {
      if (!resolved.startsWith('\0') || !isOurs(resolved.slice(1))) return undefined;
      for (const each of folders) {
        this.addWatchFile(resolve(each, SOURCES_FILE));
        for (const file of scenarioFiles(each)) this.addWatchFile(file);
      }
      bank ??= {
        questions: onlyCompanies(loadBank(folder), only),
        translations: folders.slice(1).map((other) => bankFingerprint(sameCompanies(loadBank(other)))),
      };
      return (
        bankModule(bank.questions, resolved.slice(1), bank.translations) ??
        this.error(`no company ${resolved.slice(1)}`)
      );
    },
    configureServer(server) {
      for (const each of folders) server.watcher.add(each);
      const reload = (file: string) => {
        if (!folders.some((each) => resolve(file).startsWith(each))) return;
        bank = undefined;
        for (const module of server.moduleGraph.idToModuleMap.values())
          if (module.id?.startsWith('\0') && isOurs(module.id.slice(1))) server.moduleGraph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
    },
  };
}
