import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../../src/game/random';
import { ROLES } from '../../src/game/schema';
import { scoreCards } from '../../src/game/scoring';
import { answersOf, checkResult } from '../../src/share/check';
import {
  cardRef,
  decodeResult,
  encodeResult,
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
    { role: fc.constantFrom(...ROLES), overlap: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }) },
    { requiredKeys: ['role'] },
  ),
  { nil: null },
);

/** Any result the format can carry: every mode, 1 to 12 players, up to 150 cards. */
const result: fc.Arbitrary<SharedResult> = fc
  .record({
    bank: fc.nat({ max: 0xffffffff }),
    mode: fc.constantFrom(...MODES),
    seed: fc.nat({ max: 0xffffffff }),
    day: fc.nat({ max: 0xffff }),
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
          answers: answers[i]!.map((a) => (a && a.overlap === undefined ? { role: a.role } : a)),
        })),
      })),
  );

describe('share codec', () => {
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

  it('reads a link whose = a chat app percent-encoded, with or without the #', () => {
    const fragment = encodeResult({
      bank: 1,
      mode: 'play',
      seed: 2,
      day: 3,
      cards: [4],
      players: [{ name: 'Ana', answers: [{ role: 'pm' }] }],
    });
    expect(decodeResult(`#${fragment}`).ok).toBe(true);
    expect(decodeResult(fragment.replace('=', '%3D')).ok).toBe(true);
  });

  it('fits a whole game of every card in the bank in 1,000 characters, even with a long name in emoji', () => {
    const cards = loadBank('questions').scenarios.flatMap((s) => s.cards);
    const game = { bank: 0xffffffff, mode: 'play' as const, seed: 0xffffffff, day: 20000, cards: cards.map(cardRef) };
    const answers = cards.map((card) => ({ role: card.key, ...(card.key === 'both' ? { overlap: 3 } : {}) }));
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
      cards: [4],
      players: [{ name: '', answers: [null] }],
    });
    // Rewrite the version nibble to 2 and fix the check, as a future version would write it.
    const bytes = Buffer.from(newer.slice(2), 'base64url');
    bytes[0] = (bytes[0]! & 0x0f) | 0x20;
    const check = deriveSeed(0, String.fromCharCode(...bytes.subarray(0, -2))) & 0xffff;
    bytes[bytes.length - 2] = check >> 8;
    bytes[bytes.length - 1] = check & 0xff;
    expect(decodeResult(`r=${bytes.toString('base64url')}`)).toMatchObject({
      ok: false,
      error: { kind: 'newer-version' },
    });
  });

  it('decodes 10,000 random and mutated fragments to a result or a typed error, never an exception', () => {
    const valid = fc.sample(result, 50).map(encodeResult);
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
        decoded.value.players.forEach((_, p) =>
          scoreCards(
            checked.rows.map((r) => r.card),
            answersOf(checked, p),
          ),
        );
      } else {
        expect(kinds.has(decoded.error.kind)).toBe(true);
      }
    }
    expect(results).toBeGreaterThan(0);
  });

  it('refuses to encode what the format cannot carry', () => {
    const base = { bank: 1, mode: 'play' as const, seed: 2, day: 3, players: [{ name: '', answers: [] }] };
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
