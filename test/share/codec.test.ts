import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../../src/game/random';
import { ROLES } from '../../src/game/schema';
import { cbmScore, CONFIDENCES, scoreCards } from '../../src/game/scoring';
import { BitWriter, toBase64Url } from '../../src/share/bits';
import { answersOf, cbmOf, checkResult } from '../../src/share/check';
import {
  cardRef,
  decodeResult,
  encodeResult,
  FORMAT_VERSION,
  MAX_CARDS,
  MAX_PLAYERS,
  MODES,
  type SharedResult,
} from '../../src/share/codec';
import { loadBank } from '../../src/tools/loadBank';
import { cleanName } from '../../src/share/names';
import { fixtureBank } from '../fixtures';

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

/** Any result the format can carry: every mode, with or without confidence, 1 to 12 players, up to 150 cards. */
const result: fc.Arbitrary<SharedResult> = fc
  .record({
    bank: fc.nat({ max: 0xffffffff }),
    mode: fc.constantFrom(...MODES),
    seed: fc.nat({ max: 0xffffffff }),
    day: fc.nat({ max: 0xffff }),
    confidence: fc.boolean(),
    cards: fc.array(fc.nat({ max: 0xffffff }), { minLength: 1, maxLength: 150 }),
    names: fc.array(fc.string({ unit: 'grapheme', maxLength: 60 }), { minLength: 1, maxLength: MAX_PLAYERS }),
  })
  .chain(({ cards, names, ...rest }) =>
    fc
      .tuple(...names.map(() => fc.array(answer, { minLength: cards.length, maxLength: cards.length })))
      .map((answers) => ({
        ...rest,
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

/** A decoded link's bytes rewritten by `change`, with the check made right again. */
function doctor(fragment: string, change: (bytes: Uint8Array) => void): string {
  const bytes = Buffer.from(fragment.slice(2), 'base64url').subarray(0, -2);
  change(bytes);
  return `r=${toBase64Url(withCheck(bytes))}`;
}

/** Results that version 1 could carry: no confidence. */
const v1Result = result.map((r) => ({
  ...r,
  confidence: false,
  players: r.players.map((p) => ({ ...p, answers: p.answers.map((a) => tidy(a, false)) })),
}));

describe('share codec', () => {
  it('writes the current version, 2', () => {
    expect(FORMAT_VERSION).toBe(2);
    const fragment = encodeResult({
      bank: 1,
      mode: 'play',
      seed: 2,
      day: 3,
      confidence: true,
      cards: [4],
      players: [{ name: 'Ana', answers: [{ role: 'pm', confidence: 'high' }] }],
    });
    expect(Buffer.from(fragment.slice(2), 'base64url')[0]! >> 4).toBe(2);
  });

  it('round-trips any result, with names cleaned', () => {
    fc.assert(
      fc.property(result, (original) => {
        const decoded = decodeResult(encodeResult(original));
        expect(decoded).toEqual({
          ok: true,
          value: { ...original, players: original.players.map((p) => ({ ...p, name: cleanName(p.name) })) },
        });
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

  it('refuses a version 2 link with its spare header bit set, or a confidence without a role', () => {
    const base = { bank: 1, mode: 'play' as const, seed: 2, day: 3, cards: [4] };
    const asked = encodeResult({ ...base, confidence: true, players: [{ name: '', answers: [null] }] });
    expect(decodeResult(asked).ok).toBe(true);
    // Header: version 4 | mode 2 | confidence 1 | spare 1, so the spare bit is the lowest of byte 0.
    expect(decodeResult(doctor(asked, (bytes) => void (bytes[0]! |= 1)))).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    // 102 header bits, a name length of 8, a 24-bit reference, then role 2 | split 3 | confidence 2.
    const confidenceBit = 102 + 8 + 24 + 5 + 1;
    const withRole = doctor(asked, (bytes) => void (bytes[134 >> 3]! |= 1 << (7 - (134 & 7))));
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
    [`#r=${'A'.repeat(9000)}`, 'too-long'],
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
  it('strips control, format and bidirectional-override characters, and cuts to 40 characters', () => {
    expect(cleanName('  Ana\u202Egnirts\u202C\u0000 \n Lee\u200B ')).toBe('Anagnirts Lee');
    expect(cleanName('Cafe\u0301')).toBe('Café');
    expect(Array.from(cleanName('🦊'.repeat(50)))).toHaveLength(40);
    expect(cleanName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});
