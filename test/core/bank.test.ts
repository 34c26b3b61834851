import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bankFingerprint, companyParts, firstInLanguage, indexBank, loadingBank, summarize } from '../../src/core/bank';
import { BankError, buildBank, type BankFile } from '../../src/core/bankCheck';
import { loadBank } from '../../src/core/loadBank';
import { FIXTURE_DIR } from '../support/fixtures';

const read = (name: string): BankFile => ({ file: name, data: parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) });
const sources = read('sources.yaml');
const alpha = () => read('01-alpha.yaml') as BankFile & { data: { id: string; cards: Array<Record<string, unknown>> } };

function problemsOf(files: BankFile[]): string[] {
  try {
    buildBank(sources, files);
  } catch (error) {
    if (error instanceof BankError) return error.problems;
    throw error;
  }
  throw new Error('expected the bank to be rejected');
}

describe('buildBank', () => {
  it('accepts valid files and keeps their content', () => {
    const bank = buildBank(sources, [alpha(), read('02-beta.yaml')]);
    expect(bank.scenarios.map((s) => s.id)).toEqual(['alpha', 'beta']);
    expect(bank.sources.map((s) => s.id)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
  });

  it('names the file, the card and the field of a wrong key', () => {
    const file = alpha();
    file.data.cards[1]!.key = 'marketing';
    expect(problemsOf([file])).toEqual([
      '01-alpha.yaml: card 2 "a-pmm", field "key": key must be one of: pm, pmm, both (got "marketing")',
    ]);
  });

  it('reports missing and misspelt fields', () => {
    const file = alpha();
    const card = file.data.cards[0]!;
    card.explaination = card.explanation;
    delete card.explanation;
    expect(problemsOf([file])).toEqual([
      '01-alpha.yaml: card 1 "a-pm", field "explanation": is missing',
      '01-alpha.yaml: card 1 "a-pm", field "explaination": is not a known field (check its spelling)',
    ]);
  });

  it('checks that a story fact is in the story and a compared task exists', () => {
    const file = alpha();
    file.data.cards[0]!.storyFact = 'words the story never says';
    file.data.cards[1]!.compare = 'a-nowhere';
    file.data.cards[2]!.compare = 'a-pm';
    expect(problemsOf([file])).toEqual([
      '01-alpha.yaml: card 1 "a-pm", field "storyFact": these words are not in the story',
      '01-alpha.yaml: card 2 "a-pmm", field "compare": no other card "a-nowhere"',
    ]);
  });

  it('requires exactly one right overlap option and the other role for one-role cards', () => {
    const file = alpha();
    const shared = file.data.cards[2] as { overlap: { options: Array<{ correct?: boolean }> } };
    shared.overlap.options[0]!.correct = true;
    delete file.data.cards[0]!.otherRole;
    const problems = problemsOf([file]);
    expect(problems).toContainEqual(
      expect.stringMatching(/card 3 "a-both", field "overlap\.options": exactly one overlap option/),
    );
    expect(problems).toContainEqual('01-alpha.yaml: card 1 "a-pm", field "otherRole": is missing');
  });

  it('rejects unknown sources and ids used twice across files', () => {
    const first = alpha();
    first.data.cards[0]!.sources = ['S9'];
    const second = alpha();
    second.file = '02-copy.yaml';
    second.data.id = 'alpha-copy';
    const problems = problemsOf([first, second]);
    expect(problems).toContainEqual(
      '01-alpha.yaml: card 1 "a-pm", field "sources": unknown source "S9" (known: S1, S2, S3, S4, S5)',
    );
    expect(problems).toContainEqual('02-copy.yaml: card 1 "a-pm", field "id": "a-pm" is also used in 01-alpha.yaml');
  });

  it('rejects an empty bank', () => {
    expect(problemsOf([])).toEqual(['no scenario files were found']);
  });
});

describe('loadBank', () => {
  it('reports YAML syntax errors with the file name and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'role-call-'));
    writeFileSync(join(dir, 'sources.yaml'), readFileSync(join(FIXTURE_DIR, 'sources.yaml')));
    writeFileSync(join(dir, '01-broken.yaml'), 'id: broken\ncards: [\n  - oops\n');
    expect(() => loadBank(dir)).toThrowError(/01-broken\.yaml, line 3: not valid YAML: /);
  });
});

describe('a bank that loads its companies as they are asked for', () => {
  const full = loadBank(FIXTURE_DIR);
  /** The bank as the app builds it from the index, counting what it loads. */
  function fromIndex(fail = new Set<string>()) {
    const parts = new Map(companyParts(full).map((part) => [part.scenario.id, part]));
    const loaded: string[] = [];
    const bank = loadingBank({
      scenarioIndex: summarize(full.scenarios),
      fingerprint: bankFingerprint(full),
      loadCompany: async (id) => {
        loaded.push(id);
        if (fail.has(id)) throw new Error('offline');
        return parts.get(id)!;
      },
      loadCardCompanies: async () =>
        Object.fromEntries(full.scenarios.flatMap((s) => s.cards.map((card) => [card.id, s.id]))),
    });
    return { bank, loaded };
  }

  it('loads only the companies asked for, once each, and keeps them in bank order', async () => {
    const { bank, loaded } = fromIndex();
    expect(bank.index.map((s) => s.id)).toEqual(['alpha', 'beta']);
    expect(bank.cards.size).toBe(0);
    await Promise.all([bank.load(['beta']), bank.load(['beta', 'nowhere'])]);
    expect(loaded).toEqual(['beta']);
    expect([...bank.companies.keys()]).toEqual(['beta']);
    await bank.load(['alpha', 'beta']);
    expect(loaded).toEqual(['beta', 'alpha']);
    expect(bank.scenarios.map((s) => s.id)).toEqual(['alpha', 'beta']);
    // Each source once: the ones the loaded cards cite.
    const cited = new Set(full.scenarios.flatMap((s) => s.cards.flatMap((card) => card.sources)));
    expect(bank.sources.map((s) => s.id).sort()).toEqual([...cited].sort());
    expect(bank.fingerprint).toBe(indexBank(full).fingerprint);
  });

  it('loads the companies of review cards, and a company that failed may load on the next try', async () => {
    const fail = new Set(['alpha']);
    const { bank, loaded } = fromIndex(fail);
    const alphaCard = full.scenarios[0]!.cards[0]!.id;
    await expect(bank.loadCardsOf([alphaCard])).rejects.toThrow('offline');
    fail.clear();
    await bank.loadCardsOf([alphaCard]);
    expect(loaded).toEqual(['alpha', 'alpha']);
    expect(bank.cards.get(alphaCard)?.scenario.id).toBe('alpha');
  });

  it("shows another company's look-alike task before that company loads", async () => {
    const withCompare = structuredClone(full);
    const [alphaCard, betaCard] = [withCompare.scenarios[0]!.cards[0]!, withCompare.scenarios[1]!.cards[0]!];
    alphaCard.compare = betaCard.id;
    const part = companyParts(withCompare)[0]!;
    expect(part.lookalikes).toEqual({ [betaCard.id]: { task: betaCard.task, key: betaCard.key } });
    expect(companyParts(full)[0]!.lookalikes).toEqual({});
  });
});

describe('firstInLanguage', () => {
  const summary = (id: string, language?: 'en' | 'de' | 'es') => ({
    id,
    title: id,
    company: id,
    cards: 6,
    ...(language && { pack: `Pack ${id}`, language }),
  });
  const index = [summary('bank-a'), summary('bank-b'), summary('pack-de', 'de'), summary('pack-en', 'en')];

  it('lists the companies in the player’s language first, each group in its order', () => {
    expect(firstInLanguage(index, 'de').map((s) => s.id)).toEqual(['pack-de', 'bank-a', 'bank-b', 'pack-en']);
    expect(firstInLanguage(index, 'en').map((s) => s.id)).toEqual(['bank-a', 'bank-b', 'pack-en', 'pack-de']);
  });

  it('counts the bank’s own companies in the bank’s language', () => {
    expect(firstInLanguage(index, 'de', 'de').map((s) => s.id)).toEqual(['bank-a', 'bank-b', 'pack-de', 'pack-en']);
    expect(firstInLanguage(index, 'fr').map((s) => s.id)).toEqual(index.map((s) => s.id));
  });
});
