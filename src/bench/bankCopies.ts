import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { scenarioFiles, SOURCES_FILE } from '../core/loadBank.ts';

interface ScenarioFile {
  id: string;
  title: string;
  cards: Array<{ id: string; compare?: string }>;
}

/**
 * Writes a question folder `times` the size of `from` into `to`: the bank, then copies of
 * every company with their ids and titles numbered. The bench and the size test build the app
 * with it to see how the app fares as the bank grows; nothing of it is checked in.
 */
export function writeBankCopies(from: string, to: string, times: number): string {
  mkdirSync(to, { recursive: true });
  copyFileSync(join(from, SOURCES_FILE), join(to, SOURCES_FILE));
  const files = scenarioFiles(from).map((path) => ({ name: basename(path), data: parse(readFileSync(path, 'utf8')) }));
  for (let copy = 0; copy < times; copy++) {
    const suffix = copy ? `-copy${copy}` : '';
    for (const { name, data } of files as Array<{ name: string; data: ScenarioFile }>) {
      const scenario: ScenarioFile = {
        ...data,
        id: data.id + suffix,
        title: copy ? `${data.title} (${copy + 1})` : data.title,
        cards: data.cards.map((card) => ({
          ...card,
          id: card.id + suffix,
          ...(card.compare ? { compare: card.compare + suffix } : {}),
        })),
      };
      // JSON is YAML too, and much quicker to write.
      writeFileSync(join(to, `${String(copy).padStart(3, '0')}-${name}`), JSON.stringify(scenario));
    }
  }
  return to;
}
