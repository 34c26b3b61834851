import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../../src/core/random';
import { ROLES } from '../../src/core/schema';
import { cbmScore, CONFIDENCES, scoreCards, cardRef } from '../../src/core/scoring';
import { BitWriter, toBase64Url } from '../../src/share/bits';
import { answersOf, cbmOf, checkResult } from '../../src/share/check';
import {
  decodeResult,
  encodeResult,
  FORMAT_VERSION,
  MAX_CARDS,
  MAX_FRAGMENT,
  MAX_LINK_PACKS,
  MODES,
  PACK_TITLE_MAX,
  type SharedResult,
} from '../../src/share/codec';
import { MAX_LINK_PLAYERS, MAX_NAME, MAX_PACKS } from '../../src/core/limits';
import { loadBank } from '../../src/core/loadBank';
import { cleanName, cleanText } from '../../src/core/names';
import { fixtureBank } from '../support/fixtures';

const answer = fc.option(
  fc.record(
    {
      role: fc.constantFrom(...ROLES),
      overlap: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      confidence: fc.option(fc.constantFrom(...CONFIDENCES), { nil: undefined }),
    },
    { requiredKeys: ['role'] },
  ),
  { nil: null },
);

/** An answer as the decoder gives it back: no keys for what it does not carry. */
const tidy = (a: SharedResult['players'][number]['answers'][number], confidence: boolean) =>
  a && {
    role: a.role,
    ...(a.overlap === undefined ? {} : { overlap: a.overlap }),
    ...(a.confidence === undefined || !confidence ? {} : { confidence: a.confidence }),
  };

/** A pack as a link names it: a real pack id, any title (cleaned when it is written). */
const sharedPack = fc.record({
  id: fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,9}){0,3}$/),
  title: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }).filter((title) => cleanText(title, 80) !== ''),
  fingerprint: fc.nat({ max: 0xffffffff }),
});

/**
 * Any result the format can carry: every mode, with or without confidence, 1 to 12 players, up
 * to 150 cards, with none or up to MAX_LINK_PACKS packs.
 */
const result: fc.Arbitrary<SharedResult> = fc
  .record({
    packs: fc.option(
      fc.uniqueArray(sharedPack, { selector: (pack) => pack.id, minLength: 1, maxLength: MAX_LINK_PACKS }),
      { nil: undefined },
    ),
    bank: fc.nat({ max: 0xffffffff }),
    mode: fc.constantFrom(...MODES),
    seed: fc.nat({ max: 0xffffffff }),
    day: fc.nat({ max: 0xffff }),
    confidence: fc.boolean(),
    cards: fc.array(fc.nat({ max: 0xffffff }), { minLength: 1, maxLength: 150 }),
    names: fc.array(fc.string({ unit: 'grapheme', maxLength: 60 }), { minLength: 1, maxLength: MAX_LINK_PLAYERS }),
  })
  .chain(({ cards, names, packs, ...rest }) =>
    fc
      .tuple(...names.map(() => fc.array(answer, { minLength: cards.length, maxLength: cards.length })))
      .map((answers) => ({
        ...rest,
        ...(packs ? { packs } : {}),
        cards,
        players: names.map((name, i) => ({
          name,
          answers: answers[i]!.map((a) => tidy(a, rest.confidence)),
        })),
      })),
  );

/**
 * Version 1 of the link, written as Role Call 0.1.0 wrote it: no confidence, two zero bits
 * where version 2 says whether confidence was asked. Kept here, apart from the codec, as the
 * record of what old links hold.
 */
function encodeV1(result: SharedResult): string {
  const writer = new BitWriter()
    .write(1, 4)
    .write(MODES.indexOf(result.mode), 2)
    .write(0, 2)
    .write(result.bank >>> 0, 32)
    .write(result.seed >>> 0, 32)
    .write(result.day, 16)
    .write(result.players.length - 1, 4)
    .write(result.cards.length, 10);
  for (const player of result.players) {
    const name = new TextEncoder().encode(cleanName(player.name));
    writer.write(name.length, 8);
    for (const byte of name) writer.write(byte, 8);
  }
  result.cards.forEach((ref, index) => {
    writer.write(ref, 24);
    for (const player of result.players) {
      const a = player.answers[index];
      writer.write(a ? ROLES.indexOf(a.role) + 1 : 0, 2);
      writer.write(a?.overlap === undefined ? 0 : a.overlap + 1, 3);
    }
  });
  return `r=${toBase64Url(withCheck(writer.bytes()))}`;
}

/** Bytes with the 16-bit check appended, as the codec ends a link. */
function withCheck(body: Uint8Array): Uint8Array {
  const check = deriveSeed(0, String.fromCharCode(...body)) & 0xffff;
  return Uint8Array.from([...body, check >> 8, check & 0xff]);
}

/** Text as a link writes it: its UTF-8 length in `width` bits, then its bytes. */
function writeBytes(writer: BitWriter, bytes: Uint8Array | string, width: number) {
  const raw = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  writer.write(raw.length, width);
  for (const byte of raw) writer.write(byte, 8);
}

/** A version 3 link of one nameless player and one card, with the pack list `writePacks` writes. */
function v3WithPacks(writePacks: (writer: BitWriter) => void): string {
  const writer = new BitWriter().write(3, 4).write(0, 2).write(0, 2).write(1, 32).write(2, 32).write(3, 16);
  writer.write(0, 4).write(1, 10);
  writePacks(writer);
  writer.write(0, 8).write(4, 24).write(1, 2).write(0, 3);
  return `r=${toBase64Url(withCheck(writer.bytes()))}`;
}

/** Packs as a version 3 link lists them: their count, then each pack's fingerprint, id and title. */
const packList =
  (...packs: Array<[id: string | Uint8Array, title: string | Uint8Array]>) =>
  (writer: BitWriter) => {
    writer.write(packs.length, 5);
    packs.forEach(([id, title], index) => {
      writer.write(index + 1, 32);
      writeBytes(writer, id, 6);
      writeBytes(writer, title, 9);
    });
  };

/** A decoded link's bytes rewritten by `change`, with the check made right again. */
function doctor(fragment: string, change: (bytes: Uint8Array) => void): string {
  const bytes = Buffer.from(fragment.slice(2), 'base64url').subarray(0, -2);
  change(bytes);
  return `r=${toBase64Url(withCheck(bytes))}`;
}

/** A result as the decoder gives it back: names and pack titles cleaned. */
const cleaned = (original: SharedResult): SharedResult => ({
  ...original,
  players: original.players.map((p) => ({ ...p, name: cleanName(p.name) })),
  ...(original.packs && {
    packs: original.packs.map((pack) => ({ ...pack, title: cleanText(pack.title, PACK_TITLE_MAX) })),
  }),
});

/** Results that version 1 could carry: no confidence, no packs. */
const v1Result = result.map(({ packs: _packs, ...r }) => ({
  ...r,
  confidence: false,
  players: r.players.map((p) => ({ ...p, answers: p.answers.map((a) => tidy(a, false)) })),
}));

describe('share codec', () => {
  it('writes the current version, 4', () => {
    expect(FORMAT_VERSION).toBe(4);
    const fragment = encodeResult({
      bank: 1,
      mode: 'play',
      seed: 2,
      day: 3,
      confidence: true,
      cards: [4],
      players: [{ name: 'Ana', answers: [{ role: 'pm', confidence: 'high' }] }],
    });
    expect(Buffer.from(fragment.slice(2), 'base64url')[0]! >> 4).toBe(4);
  });

  it('round-trips any result, with names and pack titles cleaned', () => {
    fc.assert(
      fc.property(result, (original) => {
        const decoded = decodeResult(encodeResult(original));
        expect(decoded).toEqual({ ok: true, value: cleaned(original) });
      }),
      { numRuns: 300 },
    );
  });

  it("carries each answer's confidence only for a game that asked", () => {
    const base = { bank: 1, mode: 'play' as const, seed: 2, day: 3, cards: [4, 5] };
    const answers = [
      { role: 'pm' as const, confidence: 'high' as const },
      { role: 'both' as const, overlap: 1 },
    ];
    const asked = decodeResult(encodeResult({ ...base, confidence: true, players: [{ name: 'Ana', answers }] }));
    expect(asked).toMatchObject({ ok: true, value: { confidence: true, players: [{ answers }] } });
    const plain = decodeResult(encodeResult({ ...base, confidence: false, players: [{ name: 'Ana', answers }] }));
    expect(plain).toMatchObject({
      ok: true,
      value: { confidence: false, players: [{ answers: [{ role: 'pm' }, { role: 'both', overlap: 1 }] }] },
    });
    expect(plain.ok && plain.value.players[0]!.answers[0]).not.toHaveProperty('confidence');
  });

  it('opens any version 1 link as a result that did not ask for confidence', () => {
    fc.assert(
      fc.property(v1Result, (original) => {
        expect(decodeResult(encodeV1(original))).toEqual({
          ok: true,
          value: { ...original, players: original.players.map((p) => ({ ...p, name: cleanName(p.name) })) },
        });
      }),
      { numRuns: 300 },
    );
  });

  it('opens version 2 links, made before packs, as results of the bank alone', () => {
    // Made by the version 2 encoder, before the format named packs.
    expect(decodeResult('r=IhI0VngAAABjUBQADA0FuYQAAAUdXm9-0AAE0AD-nA')).toEqual({
      ok: true,
      value: {
        bank: 0x12345678,
        mode: 'play',
        seed: 99,
        day: 20500,
        confidence: true,
        cards: [1, 0xabcdef, 77],
        players: [
          {
            name: 'Ana',
            answers: [{ role: 'pm', confidence: 'high' }, { role: 'both', overlap: 2, confidence: 'low' }, null],
          },
        ],
      },
    });
    expect(decodeResult('r=LQAAAAf_____AAMQCBE93bHMKRm94ZXMg8J-migAABYcAAABgESgwQ')).toEqual({
      ok: true,
      value: {
        bank: 7,
        mode: 'workshop',
        seed: 0xffffffff,
        day: 3,
        confidence: false,
        speedBonus: true,
        cards: [5, 6],
        players: [
          { name: 'Owls', answers: [{ role: 'pmm' }, null], fast: [true, false] },
          { name: 'Foxes 🦊', answers: [{ role: 'both' }, { role: 'pm' }], fast: [false, true] },
        ],
      },
    });
  });

  it('names each pack of a result with its fingerprint, id and title, the title made safe to show', () => {
    const decoded = decodeResult(
      v3WithPacks(packList(['acme-onboarding', 'Acme onboarding'], ['b2', '\u202Egnirts <b>Beta</b>\n'])),
    );
    expect(decoded).toMatchObject({
      ok: true,
      value: {
        packs: [
          { id: 'acme-onboarding', title: 'Acme onboarding', fingerprint: 1 },
          { id: 'b2', title: 'gnirts <b>Beta</b>', fingerprint: 2 },
        ],
      },
    });
    // No pack: no list at all, as in a link of the bank alone.
    expect(decodeResult(v3WithPacks(packList()))).toMatchObject({
      ok: true,
      value: expect.not.objectContaining({ packs: expect.anything() }),
    });
  });

  it.each([
    ['a pack named twice', packList(['acme', 'One'], ['acme', 'Two'])],
    ['an id that is not a pack id', packList(['Acme/x', 'One'])],
    ['an id past 40 characters', packList(['a'.repeat(41), 'One'])],
    ['an empty title', packList(['acme', ' '])],
    ['a title that is not UTF-8', packList(['acme', Uint8Array.of(0xff, 0xfe)])],
    [
      'more packs than a device keeps',
      packList(...Array.from({ length: 21 }, (_, i) => [`p${i}`, 'P'] as [string, string])),
    ],
    ['a list cut short', (writer: BitWriter) => writer.write(1, 5).write(7, 32).write(10, 6)],
  ])('refuses a pack list with %s', (_, writePacks) => {
    expect(decodeResult(v3WithPacks(writePacks))).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('names as many packs as a device keeps, and refuses to write what the list cannot carry', () => {
    expect(MAX_LINK_PACKS).toBe(MAX_PACKS);
    const base = {
      bank: 1,
      mode: 'play' as const,
      seed: 2,
      day: 3,
      confidence: false,
      cards: [4],
      players: [{ name: '', answers: [null] }],
    };
    const pack = (id: string, title = 'A pack') => ({ id, title, fingerprint: 5 });
    const many = Array.from({ length: MAX_LINK_PACKS + 1 }, (_, i) => pack(`p${i}`));
    expect(decodeResult(encodeResult({ ...base, packs: many.slice(1) }))).toMatchObject({
      ok: true,
      value: { packs: many.slice(1) },
    });
    expect(() => encodeResult({ ...base, packs: many })).toThrow(RangeError);
    expect(() => encodeResult({ ...base, packs: [pack('Not an id')] })).toThrow(RangeError);
    expect(() => encodeResult({ ...base, packs: [pack('acme', '\u200B')] })).toThrow(RangeError);
  });

  it('fits the longest pack list under MAX_FRAGMENT on top of the 8,000 characters of version 2', () => {
    const packs = Array.from({ length: MAX_LINK_PACKS }, (_, i) => ({
      id: `${i}`.padEnd(40, 'x'),
      title: '🦊'.repeat(PACK_TITLE_MAX),
      fingerprint: 0xffffffff,
    }));
    const base = {
      bank: 1,
      mode: 'play' as const,
      seed: 2,
      day: 3,
      confidence: false,
      cards: [4],
      players: [{ name: '', answers: [null] }],
    };
    const list = encodeResult({ ...base, packs }).length - encodeResult(base).length;
    expect(8000 + list).toBeLessThanOrEqual(MAX_FRAGMENT);
  });

  it('opens links that Role Call 0.1.0 made', () => {
    // Made by the version 1 encoder of 0.1.0 itself, before the format changed.
    expect(decodeResult('r=EBI0VngAAABjUBQADA0FuYQAAAUVeb37AABNAEyH')).toEqual({
      ok: true,
      value: {
        bank: 0x12345678,
        mode: 'play',
        seed: 99,
        day: 20500,
        confidence: false,
        cards: [1, 0xabcdef, 77],
        players: [{ name: 'Ana', answers: [{ role: 'pm' }, { role: 'both', overlap: 2 }, null] }],
      },
    });
    expect(decodeResult('r=HAAAAAf_____AAMQCBE93bHMKRm94ZXMg8J-migAABYYAAAGAgC_9w')).toEqual({
      ok: true,
      value: {
        bank: 7,
        mode: 'workshop',
        seed: 0xffffffff,
        day: 3,
        confidence: false,
        cards: [5, 6],
        players: [
          { name: 'Owls', answers: [{ role: 'pmm' }, null] },
          { name: 'Foxes 🦊', answers: [{ role: 'both' }, { role: 'pm' }] },
        ],
      },
    });
  });

  it("round-trips a workshop's first votes on the tasks it voted twice, and only there", () => {
    const workshop = result
      .filter((r) => r.players.length <= 4 && r.cards.length <= 30)
      .chain((r) =>
        fc
          .record({
            twice: fc.array(fc.boolean(), { minLength: r.cards.length, maxLength: r.cards.length }),
            first: fc.array(
              fc.array(fc.option(fc.constantFrom(...ROLES), { nil: null }), {
                minLength: r.cards.length,
                maxLength: r.cards.length,
              }),
              { minLength: r.players.length, maxLength: r.players.length },
            ),
          })
          .map(({ twice, first }) => ({
            ...r,
            mode: 'workshop' as const,
            twice,
            players: r.players.map((p, i) => ({ ...p, first: first[i]! })),
          })),
      );
    fc.assert(
      fc.property(workshop, (original) => {
        const decoded = decodeResult(encodeResult(original));
        if (!decoded.ok) throw new Error(decoded.error.kind);
        const any = original.twice!.some(Boolean);
        expect(decoded.value.twice).toEqual(any ? original.twice : undefined);
        decoded.value.players.forEach((player, p) => {
          const expected = original.players[p]!.first!.map((role, c) => (original.twice![c] ? role : null));
          expect(player.first).toEqual(any ? expected : undefined);
          expect(player.answers).toEqual(original.players[p]!.answers);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('opens a version 3 link, made before tasks were voted twice, as a result of tasks voted once', () => {
    const decoded = decodeResult(v3WithPacks(packList()));
    expect(decoded).toMatchObject({ ok: true, value: { cards: [4], players: [{ answers: [{ role: 'pm' }] }] } });
    if (decoded.ok) expect(decoded.value.twice).toBeUndefined();
  });

  it('refuses first votes outside a workshop', () => {
    const base = { bank: 1, seed: 2, day: 3, confidence: false, cards: [4] };
    const players = [{ name: 'Ana', answers: [{ role: 'pm' as const }], first: ['pmm' as const] }];
    const workshop = encodeResult({ ...base, mode: 'workshop', twice: [true], players });
    expect(decodeResult(workshop).ok).toBe(true);
    // Mode is the 2 bits after the 4-bit version; workshop is 3, play is 0.
    const asPlay = doctor(workshop, (bytes) => void (bytes[0]! &= 0b11110011));
    expect(decodeResult(asPlay)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('refuses a link with the speed bonus outside a workshop, or a confidence without a role', () => {
    const base = { bank: 1, mode: 'play' as const, seed: 2, day: 3, cards: [4] };
    const asked = encodeResult({ ...base, confidence: true, players: [{ name: '', answers: [null] }] });
    expect(decodeResult(asked).ok).toBe(true);
    // Header: version 4 | mode 2 | confidence 1 | speed bonus 1, so that bit is the lowest of byte 0.
    expect(decodeResult(doctor(asked, (bytes) => void (bytes[0]! |= 1)))).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    // 102 header bits, 5 for no packs, 1 for no task voted twice, a name length of 8, a 24-bit
    // reference, then role 2 | split 3 | confidence 2.
    const roleBit = 102 + 5 + 1 + 8 + 24;
    const confidenceBit = roleBit + 5 + 1;
    const withRole = doctor(asked, (bytes) => void (bytes[roleBit >> 3]! |= 1 << (7 - (roleBit & 7))));
    const confident = doctor(withRole, (bytes) => void (bytes[confidenceBit >> 3]! |= 1 << (7 - (confidenceBit & 7))));
    expect(decodeResult(withRole)).toMatchObject({ ok: true, value: { players: [{ answers: [{ role: 'pmm' }] }] } });
    expect(decodeResult(confident)).toMatchObject({
      ok: true,
      value: { players: [{ answers: [{ role: 'pmm', confidence: 'low' }] }] },
    });
    const noRole = doctor(asked, (bytes) => void (bytes[confidenceBit >> 3]! |= 1 << (7 - (confidenceBit & 7))));
    expect(decodeResult(noRole)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('reads a link whose = a chat app percent-encoded, with or without the #', () => {
    const fragment = encodeResult({
      bank: 1,
      mode: 'play',
      seed: 2,
      day: 3,
      confidence: false,
      cards: [4],
      players: [{ name: 'Ana', answers: [{ role: 'pm' }] }],
    });
    expect(decodeResult(`#${fragment}`).ok).toBe(true);
    expect(decodeResult(fragment.replace('=', '%3D')).ok).toBe(true);
  });

  it('fits a whole game of every card in the bank in 1,000 characters, even with confidence and a long name in emoji', () => {
    const cards = loadBank('questions').scenarios.flatMap((s) => s.cards);
    const game = {
      bank: 0xffffffff,
      mode: 'play' as const,
      seed: 0xffffffff,
      day: 20000,
      confidence: true,
      cards: cards.map(cardRef),
    };
    const answers = cards.map((card) => ({
      role: card.key,
      confidence: 'high' as const,
      ...(card.key === 'both' ? { overlap: 3 } : {}),
    }));
    const fragment = encodeResult({ ...game, players: [{ name: '🦊'.repeat(40), answers }] });
    expect(`https://example.org/role-call/#${fragment}`.length).toBeLessThanOrEqual(1000);
  });

  it.each([
    ['', 'empty'],
    ['#r=', 'empty'],
    ['#hello', 'not-a-link'],
    ['#r=!!!!', 'damaged'],
    ['#r=%E0%A4%A', 'damaged'],
    [`#r=${'A'.repeat(MAX_FRAGMENT)}`, 'too-long'],
  ])('explains %j as %s', (fragment, kind) => {
    const decoded = decodeResult(fragment);
    expect(decoded).toEqual({ ok: false, error: { kind, message: expect.stringMatching(/^[A-Z].*\.$/) } });
  });

  it('notices a link cut short or edited, and one from a newer format', () => {
    const fragment = encodeResult({
      bank: 1,
      mode: 'review',
      seed: 2,
      day: 3,
      confidence: false,
      cards: [4, 5, 6],
      players: [{ name: 'Ana', answers: [null, { role: 'both', overlap: 1 }, { role: 'pmm' }] }],
    });
    expect(decodeResult(fragment.slice(0, -3))).toMatchObject({ ok: false, error: { kind: 'damaged' } });
    const edited = fragment.slice(0, 10) + (fragment[10] === 'A' ? 'B' : 'A') + fragment.slice(11);
    expect(decodeResult(edited)).toMatchObject({ ok: false, error: { kind: 'damaged' } });
    const newer = encodeResult({
      bank: 1,
      mode: 'play',
      seed: 2,
      day: 3,
      confidence: false,
      cards: [4],
      players: [{ name: '', answers: [null] }],
    });
    // Rewrite the version nibble to the next version and fix the check, as a future version would write it.
    const future = doctor(newer, (bytes) => void (bytes[0] = (bytes[0]! & 0x0f) | ((FORMAT_VERSION + 1) << 4)));
    expect(decodeResult(future)).toMatchObject({ ok: false, error: { kind: 'newer-version' } });
    const zero = doctor(newer, (bytes) => void (bytes[0] = bytes[0]! & 0x0f));
    expect(decodeResult(zero)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('decodes 10,000 random and mutated fragments to a result or a typed error, never an exception', () => {
    const valid = [...fc.sample(result, 40).map(encodeResult), ...fc.sample(v1Result, 20).map(encodeV1)];
    const mutated = fc
      .tuple(
        fc.constantFrom(...valid),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 6 }),
        fc.constantFrom('flip', 'cut', 'insert', 'delete', 'swap'),
      )
      .map(([text, a, b, chunk, how]) => {
        const i = a % text.length;
        const j = b % text.length;
        if (how === 'flip') return text.slice(0, i) + chunk.slice(0, 1) + text.slice(i + 1);
        if (how === 'cut') return text.slice(0, i);
        if (how === 'insert') return text.slice(0, i) + chunk + text.slice(i);
        if (how === 'delete') return text.slice(0, Math.min(i, j)) + text.slice(Math.max(i, j));
        return text.slice(0, i) + text.slice(j) + text.slice(i, j);
      });
    const random = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `r=${s}`),
      fc.base64String({ maxLength: 400 }).map((s) => `#r=${s}`),
    );
    const bank = fixtureBank();
    const kinds = new Set(['empty', 'not-a-link', 'too-long', 'damaged', 'newer-version', 'invalid']);
    let results = 0;
    for (const fragment of [...fc.sample(mutated, 7000), ...fc.sample(random, 3000)]) {
      const decoded = decodeResult(fragment);
      if (decoded.ok) {
        results++;
        const checked = checkResult(decoded.value, bank);
        decoded.value.players.forEach((_, p) => {
          const cards = checked.rows.map((r) => r.card);
          scoreCards(cards, answersOf(checked, p));
          const cbm = cbmOf(checked, p);
          if (cbm) expect(cbm.score).toEqual(cbmScore(cards, answersOf(checked, p)));
        });
      } else {
        expect(kinds.has(decoded.error.kind)).toBe(true);
      }
    }
    expect(results).toBeGreaterThan(0);
  });

  it('refuses to encode what the format cannot carry', () => {
    const base = {
      bank: 1,
      mode: 'play' as const,
      seed: 2,
      day: 3,
      confidence: true,
      players: [{ name: '', answers: [] }],
    };
    expect(() => encodeResult({ ...base, cards: Array(MAX_CARDS + 1).fill(0) })).toThrow(RangeError);
  });
});

describe('cleanName', () => {
  it('strips control, format and bidirectional-override characters, and cuts to MAX_NAME characters', () => {
    expect(cleanName('  Ana\u202Egnirts\u202C\u0000 \n Lee\u200B ')).toBe('Anagnirts Lee');
    expect(cleanName('Cafe\u0301')).toBe('Café');
    expect(Array.from(cleanName('🦊'.repeat(50)))).toHaveLength(MAX_NAME);
    expect(cleanName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});
