import { MAX_PACK_COMPANIES } from '../../src/core/limits';
import { packSchema } from '../../src/core/questionSchema';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as v from 'valibot';
import bankSources from 'virtual:question-sources';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_PROBLEMS } from '../../src/core/problems';
import { MAX_TEXT } from '../../src/core/questionText';
import { checkPack, packPart } from '../../src/core/pack';
import { readPack } from '../../src/packs/packFiles';
import { fixtureBank } from '../support/fixtures';
import { fuzzRuns } from '../support/fuzz';

/**
 * Mutated packs thrown at the loader, as a trainer's typo, a broken download or a pack made to
 * hurt would reach it: texts (1,000 in `npm test`, 5,000 under FUZZ=full: the template with lines deleted, repeated, swapped, cut, and
 * YAML's special characters, odd Unicode, long strings and deep nesting put in), and pieces (500, or 2,500)
 * of data (the template's, with values of other types, keys dropped, renamed or added, huge lists,
 * repeated ids and prototype keys), each written as JSON and as YAML. Each must come back as a
 * valid pack or as problems a person can read, never as an exception; the seeds are fixed, so a
 * failure replays.
 */

const TEXT_RUNS = fuzzRuns(1_000, 5_000);
const DATA_RUNS = fuzzRuns(500, 2_500);
/** A problem is one line a trainer reads next to the editor, not a dump of the file. */
const MAX_MESSAGE = 500;

const template = readFileSync('public/packs/template.yaml', 'utf8');
const templateRead = readPack(template, bankSources);
if (!templateRead.ok) throw new Error('the template must be a valid pack');
const templateData = templateRead.value;
const bank = fixtureBank();
const bankSize = bank.index.length;

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/**
 * What every read must give: a pack that checks again and joins a bank, or one to twenty
 * problems, each a line of text with, where it has one, a line number. Gathered and asserted
 * once per read: ten thousand reads of twenty problems each make too many `expect` calls.
 */
function expectClearOutcome(read: ReturnType<typeof readPack>): boolean {
  if (read.ok) {
    expect(v.parse(packSchema, read.value)).toEqual(read.value);
    const part = packPart(read.value, bankSources);
    bank.setPacks([part]);
    const cardIds = part.companies.flatMap((company) => company.scenario.cards.map((card) => card.id));
    const joined = cardIds.every((id) => bank.cards.has(id));
    bank.setPacks([]);
    expect({ joined, left: bank.index.length === bankSize }).toEqual({ joined: true, left: true });
    return true;
  }
  const unclear = read.error.filter(
    ({ message, line }) =>
      typeof message !== 'string' ||
      !message.trim() ||
      message.length > MAX_MESSAGE ||
      (line !== undefined && !(Number.isInteger(line) && line > 0)),
  );
  expect({ count: read.error.length > 0 && read.error.length <= MAX_PROBLEMS, unclear }).toEqual({
    count: true,
    unclear: [],
  });
  return false;
}

const long = (length: number) => fc.constantFrom('x', 'é', '😀', 'ab ', '\u202e').map((unit) => unit.repeat(length));
const deep = (depth: number) =>
  fc
    .constantFrom(['[', ']'], ['{a: ', '}'], ['- ', ''])
    .map(([open, close]) => open!.repeat(depth) + close!.repeat(depth));

/** Things that mean something to YAML, or to a program reading it, or that are odd text. */
const SPECIALS = [
  ...['&a', '*a', '&a [*a]', '*b', '!!tag', '!!js/function "x"', '!<tag:yaml.org,2002:str> x', '!!binary aGk='],
  ...['{', '}', '[', ']', ': ', '- ', '? ', ',', '|', '>-', '#', '---', '...', '%YAML 1.2', '<<: *a', '"', "'"],
  ...['\t', '\0', '\uFEFF', '\u202E', '\uD800', '\uDFFF', '😀', 'é', '\r', '\r\n', '\u2028', '\u0085', '\\'],
  ...['__proto__: {polluted: true}', 'constructor: {prototype: {polluted: true}}', '__proto__:', 'toString: 1'],
  ...['null', '~', '0x1F', '1e999', '.nan', '-.inf', 'yes', '2026-01-01', '0o17', '!!int 3', 'id: a\nid: b', '!x'],
];
const special = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 15, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 200, max: 5_000 }).chain(long) },
  // Past the size cap, and near it.
  { weight: 1, arbitrary: fc.constantFrom(MAX_TEXT + 1, 140_000).chain(long) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 1_000 }).chain(deep) },
);

const lineMutation = fc.record({
  op: fc.constantFrom('delete', 'duplicate', 'swap', 'insert', 'replace', 'truncate'),
  at: fc.nat(),
  other: fc.nat(),
  text: special,
});

type LineMutation = typeof lineMutation extends fc.Arbitrary<infer T> ? T : never;

/** The template's text with some lines deleted, repeated, swapped, changed or cut off. */
function mutateText(source: string, mutations: LineMutation[]): string {
  let lines = source.split('\n');
  for (const { op, at, other, text } of mutations) {
    const i = at % lines.length;
    const j = other % lines.length;
    const line = lines[i]!;
    if (op === 'delete') lines.splice(i, 1);
    else if (op === 'duplicate') lines.splice(i, 0, line);
    else if (op === 'swap') [lines[i], lines[j]] = [lines[j]!, line];
    else if (op === 'insert')
      lines[i] = line.slice(0, other % (line.length + 1)) + text + line.slice(other % (line.length + 1));
    else if (op === 'replace') lines[i] = text;
    else
      lines = lines
        .join('\n')
        .slice(0, other % (source.length + 1))
        .split('\n');
    if (!lines.length) lines = [''];
  }
  return lines.join('\n');
}

/** Names a field may be given: the schema's own, typos, and keys that mean something to JavaScript. */
const fieldName = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'),
  fc.constantFrom('id', 'pack', 'companies', 'cards', 'key', 'sources', 'Id', 'card', 'colour', ''),
  fc.string({ maxLength: 8 }),
);

/** Values of every type, with the ones JSON cannot hold and the ones that look like something else. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(NaN, Infinity, -0, 1e308, 2 ** 53, 0, -1, 1.5, true, null, '', ' ', '\0', 'both', 'S1', 'P1', [], {}),
);

const ID_VALUES = ['first-company', 'first-offline', 'first-battlecard', 'first-launch-plan', 'my-pack', 'P1', 'S1'];

const dataMutation = fc.record({
  // Huge lists and deep nesting make big texts, slow to write and read: they come up less often.
  op: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('replace', 'drop', 'rename', 'add', 'repeat', 'sameId', 'long') },
    { weight: 1, arbitrary: fc.constantFrom('huge', 'deep') },
  ),
  path: fc.array(fc.nat(), { maxLength: 7 }),
  name: fieldName,
  value: anyValue,
  size: fc.nat(),
});
type DataMutation = typeof dataMutation extends fc.Arbitrary<infer T> ? T : never;

type Node = Record<string, unknown> | unknown[];
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;
/** Sets a field as the data's own, as JSON.parse would: `__proto__` included, the prototype left alone. */
const own = (node: Node, key: string | number, value: unknown) =>
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });

/** A place in the data: walk down from the top, each step choosing a child by its number. */
function placeOf(data: Node, path: number[]): { parent: Node; key: string | number } {
  let parent = data;
  let key: string | number = Object.keys(data)[0]!;
  for (const step of path) {
    const node: unknown = parent[key as never];
    if (!isNode(node)) break;
    const keys = Array.isArray(node) ? node.map((_, index) => index) : Object.keys(node);
    if (!keys.length) break;
    [parent, key] = [node, keys[step % keys.length]!];
  }
  return { parent, key };
}

/** The template's data with some values changed, fields dropped, renamed or added, and lists grown. */
function mutateData(mutations: DataMutation[]): Node {
  const data = structuredClone(templateData) as Node;
  for (const { op, path, name, value, size } of mutations) {
    // A pack past the size cap is refused before it is read: growing it further tests nothing.
    if (JSON.stringify(data).length > MAX_TEXT) break;
    const { parent, key } = placeOf(data, path);
    const node = parent[key as never] as unknown;
    if (op === 'replace') own(parent, key, value);
    else if (op === 'drop' && Array.isArray(parent)) parent.splice(Number(key), 1);
    else if (op === 'drop') delete parent[key as never];
    else if (op === 'rename' && !Array.isArray(parent)) {
      delete parent[key as never];
      own(parent, name, node);
    } else if (op === 'add' && isNode(node) && !Array.isArray(node)) own(node, name, value);
    else if (op === 'huge') {
      const items = Array.isArray(node) && node.length ? node : [node];
      own(
        parent,
        key,
        Array.from({ length: MAX_PACK_COMPANIES + 1 + (size % 45) }, (_, i) =>
          structuredClone(items[i % items.length]),
        ),
      );
    } else if (op === 'repeat' && Array.isArray(parent)) parent.push(structuredClone(node));
    else if (op === 'sameId' && isNode(node) && !Array.isArray(node))
      own(node, 'id', ID_VALUES[size % ID_VALUES.length]);
    else if (op === 'long') own(parent, key, 'x'.repeat([301, 801, 2_001, 20_000, MAX_TEXT][size % 5]!));
    else if (op === 'deep') {
      let nested: unknown = value;
      for (let depth = size % 200; depth > 0; depth--) nested = depth % 2 ? [nested] : { a: nested };
      own(parent, key, nested);
    }
  }
  return data;
}

describe('the pack loader under fuzz', () => {
  it(`reads ${TEXT_RUNS} mutated pack texts as a pack or as problems with their lines`, { timeout: 120_000 }, () => {
    const outcomes = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(lineMutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const ok = expectClearOutcome(readPack(mutateText(template, mutations), bankSources));
        outcomes[ok ? 'ok' : 'refused']++;
      }),
      { seed: 14, numRuns: TEXT_RUNS },
    );
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(outcomes.ok);
  });

  it(
    `reads ${DATA_RUNS} mutated packs, as JSON and as YAML, and checks the data itself alike`,
    { timeout: 120_000 },
    () => {
      const outcomes = { ok: 0, refused: 0 };
      fc.assert(
        fc.property(fc.array(dataMutation, { minLength: 1, maxLength: 3 }), (mutations) => {
          const data = mutateData(mutations);
          const asJson = expectClearOutcome(readPack(JSON.stringify(data), bankSources));
          const asYaml = expectClearOutcome(readPack(stringify(data), bankSources));
          // As the room server receives a pack: data, parsed from JSON by the engine.
          const asData = expectClearOutcome(checkPack({ data: JSON.parse(JSON.stringify(data)) }, bankSources));
          expect(asYaml).toBe(asJson);
          expect(asData).toBe(asJson);
          outcomes[asJson ? 'ok' : 'refused']++;
        }),
        { seed: 14, numRuns: DATA_RUNS },
      );
      expect(outcomes.ok).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(outcomes.ok);
    },
  );
});
