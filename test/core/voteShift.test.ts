import { describe, expect, it } from 'vitest';
import {
  confidenceSpread,
  emptyEntries,
  normalisedGain,
  roomShift,
  voteShift,
  type CardEntries,
  type Vote,
} from '../../src/core/workshop';
import type { Role } from '../../src/core/schema';
import { fixtureBank } from '../support/fixtures';

const bank = fixtureBank();
const cards = [...bank.cards.values()].map((entry) => entry.card);
const pmCard = cards.find((card) => card.key === 'pm')!;
const pmmCard = cards.find((card) => card.key === 'pmm')!;
const teams = { room: false, phones: 'off' as const, teams: ['Owls', 'Foxes', 'Hares', 'Moles'] };
const phones = { room: false, phones: 'solo' as const, teams: [] };

/** Entries of a vote where the teams picked `picks`. */
const picked = (...picks: Array<Role | null>): CardEntries => ({ ...emptyEntries(picks.length), picks });
/** Entries of a vote where the phones, by seat, chose these roles. */
const voted = (roles: Record<string, Role>, sure: Vote['confidence'] = null): CardEntries => ({
  ...emptyEntries(0),
  votes: Object.fromEntries(
    Object.entries(roles).map(([seat, role], order) => [seat, { role, left: null, order, confidence: sure }]),
  ),
});

describe('the shift of a task voted twice', () => {
  it('gives the share of teams right in each vote and which team changed to what', () => {
    const key = 'pm';
    const entries = { ...picked(key, key, 'both', key), first: picked(key, 'both', 'both', null) };
    expect(voteShift(pmCard, entries, teams)).toEqual({
      before: 1 / 3,
      after: 3 / 4,
      changes: [{ from: 'both', to: key, count: 1 }],
    });
  });

  it("counts each phone's change, most common first, and leaves out phones that voted once", () => {
    const other = 'pm';
    const first = voted({ a: other, b: other, c: 'both', d: 'pmm' });
    const second = voted({ a: 'pmm', b: 'pmm', c: other, d: 'pmm', e: 'pmm' });
    const shift = voteShift(pmmCard, { ...second, first }, phones);
    expect(shift.before).toBe(1 / 4);
    expect(shift.after).toBe(4 / 5);
    expect(shift.changes).toEqual([
      { from: other, to: 'pmm', count: 2 },
      { from: 'both', to: other, count: 1 },
    ]);
  });

  it('has nothing to show for a task voted once, or a vote nobody answered', () => {
    expect(voteShift(pmCard, picked('pm'), teams)).toEqual({ before: null, after: null, changes: [] });
    expect(voteShift(pmCard, undefined, teams)).toEqual({ before: null, after: null, changes: [] });
    const silent = { ...picked(null, null), first: picked(null, null) };
    expect(voteShift(pmCard, silent, teams)).toEqual({ before: null, after: null, changes: [] });
  });

  it('gives the normalised gain: the part of what was left to learn that the talk won', () => {
    // Crouch and Mazur's figures: from 52% right to 68% is a gain of a third.
    expect(normalisedGain(0.52, 0.68)).toBeCloseTo(1 / 3);
    expect(normalisedGain(0.5, 0.25)).toBe(-0.5);
    expect(normalisedGain(1, 1)).toBeNull();
    expect(normalisedGain(null, 0.5)).toBeNull();
    expect(normalisedGain(0.5, null)).toBeNull();
  });

  it("averages the room's shift over the tasks it voted twice, leaving out the rest", () => {
    const entries = {
      [pmCard.id]: { ...picked('pm', 'pm'), first: picked('both', 'pm') },
      [pmmCard.id]: picked('both', 'both'),
    };
    const settings = { ...teams, teams: ['Owls', 'Foxes'] };
    expect(roomShift([pmCard, pmmCard], entries, settings)).toEqual({ tasks: 1, before: 0.5, after: 1, gain: 1 });
    expect(roomShift([pmmCard], entries, settings)).toEqual({ tasks: 0, before: null, after: null, gain: null });
  });

  it('counts how sure the phones were of each role', () => {
    const vote = voted({ a: 'pm', b: 'pm' }, 'high');
    vote.votes!.c = { role: 'both', left: null, order: 2, confidence: 'low' };
    vote.votes!.d = { role: 'both', left: null, order: 3 };
    expect(confidenceSpread(vote)).toEqual({
      pm: { low: 0, medium: 0, high: 2 },
      pmm: { low: 0, medium: 0, high: 0 },
      both: { low: 1, medium: 0, high: 0 },
    });
    expect(confidenceSpread(undefined).pm).toEqual({ low: 0, medium: 0, high: 0 });
  });
});
