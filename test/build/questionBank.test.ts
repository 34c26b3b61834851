import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bankFingerprint } from '../../src/core/bank';
import { loadBank, scenarioFiles, SOURCES_FILE } from '../../src/core/loadBank';
import { bankModule, questionBank } from '../../src/build/questionBankPlugin';
import { FIXTURE_DIR } from '../support/fixtures';

/** The text of a virtual module as the plugin serves it to a build. */
function served(plugin: ReturnType<typeof questionBank>, id: string): string {
  const build = {
    addWatchFile: () => undefined,
    error: (message: string): never => {
      throw new Error(message);
    },
  };
  const load = plugin.load as unknown as (this: typeof build, resolved: string) => string;
  return load.call(build, `\0${id}`);
}

describe('the question index a build serves', () => {
  // A translation of the fixture bank: the same ids and keys in other words.
  const translated = mkdtempSync(join(tmpdir(), 'role-call-translated-'));
  afterAll(() => rmSync(translated, { recursive: true, force: true }));

  it('names the fingerprints of the same questions in the other languages, of the same companies', () => {
    for (const file of [...scenarioFiles(FIXTURE_DIR), join(FIXTURE_DIR, SOURCES_FILE)])
      writeFileSync(
        join(translated, file.slice(FIXTURE_DIR.length + 1)),
        readFileSync(file, 'utf8').replace(/^(\s+task: )(.+)$/gm, '$1Übersetzt – $2'),
      );
    const own = loadBank(FIXTURE_DIR);
    const other = loadBank(translated);
    expect(bankFingerprint(other)).not.toBe(bankFingerprint(own));

    const index = served(questionBank(FIXTURE_DIR, undefined, [translated]), 'virtual:question-index');
    expect(index).toContain(`export const fingerprint = ${bankFingerprint(own)};`);
    expect(index).toContain(`export const translations = [${bankFingerprint(other)}];`);

    const alpha = (bank: typeof own) => ({ ...bank, scenarios: bank.scenarios.filter((s) => s.id === 'alpha') });
    const onlyAlpha = served(questionBank(FIXTURE_DIR, ['alpha'], [translated]), 'virtual:question-index');
    expect(onlyAlpha).toContain(`export const translations = [${bankFingerprint(alpha(other))}];`);
    expect(bankModule(own, 'virtual:question-index')).toContain('export const translations = [];');
  });
});
