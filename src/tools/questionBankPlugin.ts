import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { summarize } from '../game/bank.ts';
import type { Bank } from '../game/schema.ts';
import { loadBank, scenarioFiles, SOURCES_FILE } from './loadBank.ts';

const ID = 'virtual:question-bank';
const RESOLVED = `\0${ID}`;
/** The companies alone, small enough for the first screen; the full bank loads after it. */
const INDEX_ID = 'virtual:question-index';
const INDEX_RESOLVED = `\0${INDEX_ID}`;

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
 * Serves the validated question bank as `virtual:question-bank`. A malformed question file
 * fails the build (and shows in the dev server's error overlay) with file, card and field.
 * `only` keeps just those companies (a SCORM package's); an id the folder lacks fails the build.
 */
export function questionBank(dir: string, only?: readonly string[]): Plugin {
  const folder = resolve(dir);
  return {
    name: 'role-call:question-bank',
    resolveId: (id) => (id === ID ? RESOLVED : id === INDEX_ID ? INDEX_RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED && id !== INDEX_RESOLVED) return undefined;
      this.addWatchFile(resolve(folder, SOURCES_FILE));
      for (const file of scenarioFiles(folder)) this.addWatchFile(file);
      const bank = onlyCompanies(loadBank(folder), only);
      return id === RESOLVED
        ? `export const bank = ${JSON.stringify(bank)};`
        : `export const scenarioIndex = ${JSON.stringify(summarize(bank.scenarios))};`;
    },
    configureServer(server) {
      server.watcher.add(folder);
      const reload = (file: string) => {
        if (!resolve(file).startsWith(folder)) return;
        for (const resolved of [RESOLVED, INDEX_RESOLVED]) {
          const module = server.moduleGraph.getModuleById(resolved);
          if (module) server.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
    },
  };
}
