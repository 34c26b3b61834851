import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { summarize } from '../game/bank.ts';
import { loadBank, scenarioFiles, SOURCES_FILE } from './loadBank.ts';

const ID = 'virtual:question-bank';
const RESOLVED = `\0${ID}`;
/** The companies alone, small enough for the first screen; the full bank loads after it. */
const INDEX_ID = 'virtual:question-index';
const INDEX_RESOLVED = `\0${INDEX_ID}`;

/**
 * Serves the validated question bank as `virtual:question-bank`. A malformed question file
 * fails the build (and shows in the dev server's error overlay) with file, card and field.
 */
export function questionBank(dir: string): Plugin {
  const folder = resolve(dir);
  return {
    name: 'role-call:question-bank',
    resolveId: (id) => (id === ID ? RESOLVED : id === INDEX_ID ? INDEX_RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED && id !== INDEX_RESOLVED) return undefined;
      this.addWatchFile(resolve(folder, SOURCES_FILE));
      for (const file of scenarioFiles(folder)) this.addWatchFile(file);
      const bank = loadBank(folder);
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
