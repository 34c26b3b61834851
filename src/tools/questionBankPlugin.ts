import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { loadBank, scenarioFiles, SOURCES_FILE } from './loadBank.ts';

const ID = 'virtual:question-bank';
const RESOLVED = `\0${ID}`;

/**
 * Serves the validated question bank as `virtual:question-bank`. A malformed question file
 * fails the build (and shows in the dev server's error overlay) with file, card and field.
 */
export function questionBank(dir: string): Plugin {
  const folder = resolve(dir);
  return {
    name: 'role-call:question-bank',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(resolve(folder, SOURCES_FILE));
      for (const file of scenarioFiles(folder)) this.addWatchFile(file);
      const bank = loadBank(folder);
      return `export const bank = ${JSON.stringify(bank)};`;
    },
    configureServer(server) {
      server.watcher.add(folder);
      const reload = (file: string) => {
        if (!resolve(file).startsWith(folder)) return;
        const module = server.moduleGraph.getModuleById(RESOLVED);
        if (module) server.moduleGraph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
    },
  };
}
