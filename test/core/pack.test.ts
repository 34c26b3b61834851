import { readFileSync } from 'node:fs';
import bankSources from 'virtual:question-sources';
import { describe, expect, it } from 'vitest';
import { MAX_PACK_LINES } from '../../src/core/limits';
import { readPack } from '../../src/packs/packFiles';
import { readPackText } from '../../src/packs/packFiles';
import { bankPackOf } from '../../src/progress/shelf';
import { fixtureBank } from '../support/fixtures';

const template = readFileSync('public/packs/template.yaml', 'utf8');

describe('readPack', () => {
  it('reads the template as a valid pack citing the bank and its own sources', () => {
    const read = readPackText(template);
    expect(read.ok && read.value.companies.map((company) => company.id)).toEqual(['first-company']);
  });

  it('names company, card, field and line for a wrong key', () => {
    const read = readPackText(template.replace('key: pmm', 'key: sales'));
    expect(read.ok).toBe(false);
    const line = template.split('\n').findIndex((text) => text.includes('key: pmm')) + 1;
    expect(!read.ok && read.error).toContainEqual({
      message: expect.stringMatching(
        /^company 1 "first-company", card 2 "first-battlecard", field "key": key must be one of/,
      ),
      line,
    });
  });

  it('refuses unknown fields, unknown sources and repeated ids, each on its line', () => {
    const broken = template
      .replace('author: Your name', 'author: Your name\n  colour: blue')
      .replace('sources: [S3, P1]', 'sources: [S3, P9]')
      .replace('id: first-launch-plan', 'id: first-offline');
    const read = readPackText(broken);
    const messages = !read.ok ? read.error.map((problem) => `${problem.line}: ${problem.message}`) : [];
    const colour = broken.split('\n').indexOf('  colour: blue') + 1;
    expect(messages).toEqual([
      expect.stringMatching(new RegExp(`^${colour}: field "pack.colour": is not a known field`)),
    ]);
    const fixed = readPackText(broken.replace('\n  colour: blue', ''));
    expect(!fixed.ok && fixed.error.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/card 2 "first-battlecard", field "sources": unknown source "P9"/),
      expect.stringMatching(
        /card 3 "first-offline", field "id": "first-offline" is also used in company "first-company"/,
      ),
    ]);
  });

  it('refuses a file past the size cap, YAML tags and alias bombs before validating', () => {
    expect(readPack('a'.repeat(300_000), bankSources)).toMatchObject({
      ok: false,
      error: [{ message: expect.stringMatching(/most a file may be is 256 KB/) }],
    });
    expect(readPack('pack: !!js/function "x"', bankSources)).toMatchObject({
      ok: false,
      error: [{ line: 1, message: expect.stringMatching(/tag .* is not allowed/) }],
    });
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    expect(readPack(bomb, bankSources)).toMatchObject({ ok: false });
  });
});

describe('readPack on a pack made to hurt', () => {
  it('names a repeated field on its line, even among thousands of fields', () => {
    const repeated = template.replace('  author: Your name', '  author: Your name\n  title: Again');
    const line = repeated.split('\n').indexOf('  title: Again') + 1;
    expect(readPack(repeated, bankSources)).toEqual({
      ok: false,
      error: [{ message: 'the field "title" is given twice', line }],
    });
    // The parser's own check compares every pair of keys: 20,000 keys took minutes. A line more is past MAX_PACK_LINES.
    const many = Array.from({ length: MAX_PACK_LINES - 1 }, (_, i) => `k${i}: 1`).join('\n') + '\nk7: 2';
    expect(readPack(many, bankSources)).toEqual({
      ok: false,
      error: [{ message: 'the field "k7" is given twice', line: MAX_PACK_LINES }],
    });
    expect(readPack(`${many}\nk8: 1`, bankSources)).toEqual({
      ok: false,
      error: [{ message: 'this pack has more than 20,000 lines; Role Call reads up to 20,000' }],
    });
  });

  it('refuses a field named by a list and more than 100 aliases, on their lines', () => {
    expect(readPack('pack: 1\n? [a, b]\n: 1', bankSources)).toEqual({
      ok: false,
      error: [{ message: 'a field name must be plain text', line: 2 }],
    });
    const aliases = `a: &a x\nb: [${Array(101).fill('*a').join(', ')}]`;
    expect(readPack(aliases, bankSources)).toEqual({
      ok: false,
      error: [{ message: 'the file uses more than 100 aliases (*name)', line: 2 }],
    });
  });

  it('quotes a long value or tag short, and says when nesting is too deep', () => {
    const stage = template.replace('stage: pre-launch', `stage: ${'x'.repeat(100_000)}`);
    const read = readPack(stage, bankSources);
    expect(!read.ok && read.error[0]!.message).toMatch(/field "stage": stage must be one of: .* \(got "x{58}…\)$/);
    const tag = readPack(`pack: !${'t'.repeat(100_000)} x`, bankSources);
    expect(!tag.ok && tag.error[0]!.message.length).toBeLessThan(200);
    expect(readPack('['.repeat(50_000), bankSources)).toMatchObject({
      ok: false,
      error: expect.arrayContaining([{ message: 'lists or fields are nested far too deep', line: 1 }]),
    });
  });
});

describe('a pack in the bank', () => {
  it('joins the bank with ids of its own, and leaves it without a trace', () => {
    const indexed = fixtureBank();
    const read = readPackText(template);
    if (!read.ok) throw new Error('template');
    const before = indexed.index.length;
    indexed.setPacks([bankPackOf(read.value)]);
    expect(indexed.index.at(-1)).toMatchObject({ id: 'my-pack/first-company', pack: 'My training pack', cards: 3 });
    expect(indexed.cards.get('my-pack/first-battlecard')?.card.sources).toEqual(['S3', 'my-pack/P1']);
    expect(indexed.sources.find((source) => source.id === 'my-pack/P1')?.title).toMatch(/handbook/);
    indexed.setPacks([]);
    expect(indexed.index).toHaveLength(before);
    expect(indexed.cards.has('my-pack/first-battlecard')).toBe(false);
    expect(indexed.sources.some((source) => source.id.startsWith('my-pack/'))).toBe(false);
  });
});
