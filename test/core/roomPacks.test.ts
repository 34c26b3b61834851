import { MAX_ROOM_PACKS } from '../../src/core/limits';
import { type Pack } from '../../src/core/schema';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPackText } from '../../src/packs/packFiles';
import { bankPackOf } from '../../src/progress/shelf';
import { packsPlayed, roomPacksTooBig } from '../../src/core/roomPacks';

import { fixtureBank } from '../support/fixtures';

const read = readPackText(readFileSync('public/packs/template.yaml', 'utf8'));
if (!read.ok) throw new Error('the template must be a valid pack');
const template = read.value;
const other: Pack = { ...template, pack: { ...template.pack, id: 'other-pack', title: 'Another pack' } };

describe('the packs a workshop sends its room', () => {
  it('are those whose companies it plays, as they were checked', () => {
    const bank = fixtureBank();
    bank.setPacks([bankPackOf(template), bankPackOf(other)]);
    expect(packsPlayed(bank, ['alpha', 'other-pack/first-company'])).toEqual([other]);
    expect(packsPlayed(bank, ['my-pack/first-company', 'other-pack/first-company'])).toEqual([template, other]);
    expect(packsPlayed(bank, ['alpha', 'beta'])).toEqual([]);
  });

  it('are too many past the room’s count, or too big past its size, before any server is asked', () => {
    expect(roomPacksTooBig([template, other])).toBeUndefined();
    expect(roomPacksTooBig(Array(MAX_ROOM_PACKS + 1).fill(template))).toMatch(/plays 6 trainer packs; .* at most 5/);
    const big = { ...template, pack: { ...template.pack, about: 'é'.repeat(140_000) } };
    // Counted in bytes as they travel: 140,000 letters é are 280,000 bytes.
    expect(roomPacksTooBig([big])).toMatch(/are 27\d KB together; .* at most 256 KB/);
  });
});
