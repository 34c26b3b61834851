import { expect, it } from 'vitest';
import {
  barTotal,
  clockOffset,
  enterFailure,
  jitteredDelay,
  lookupReply,
  readSeat,
  retryDelay,
  seatStorageKey,
  timeLeft,
} from '../../../src/modes/phone/phoneSeat';

const seat = { key: 'abcdefghijklmnopqrstuv', name: 'Ana', team: 1, token: 'ROOMID:tok' };

it('reads back a stored seat and ignores anything that does not check', () => {
  expect(readSeat(JSON.stringify(seat))).toEqual(seat);
  expect(readSeat(null)).toBeNull();
  expect(readSeat('{not json')).toBeNull();
  expect(readSeat(JSON.stringify({ ...seat, key: 'short' }))).toBeNull();
  expect(readSeat(JSON.stringify({ ...seat, team: 99 }))).toBeNull();
  expect(readSeat(JSON.stringify({ ...seat, token: undefined }))).toBeNull();
  expect(readSeat('null')).toBeNull();
});

it('keeps one seat per room code', () => {
  expect(seatStorageKey('K7QF3M')).toBe('role-call:phone:K7QF3M');
  expect(seatStorageKey('K7QF3M')).not.toBe(seatStorageKey('K7QF3N'));
});

it('counts down on the phone clock, however far it is from the server clock', () => {
  // The server is 5 s ahead: its deadline 30 s after its now is 30 s from now here too.
  const offset = clockOffset(105_000, 100_000);
  expect(offset).toBe(5000);
  expect(timeLeft(135_000, offset, 100_000)).toBe(30_000);
  expect(timeLeft(135_000, offset, 110_000)).toBe(20_000);
  expect(timeLeft(135_000, offset, 200_000)).toBe(0);
  expect(timeLeft(null, offset, 100_000)).toBeNull();
});

it('sizes the time bar to the room timer and never shrinks it while more time is added', () => {
  expect(barTotal(null, 58_000)).toBe(60_000);
  expect(barTotal(60_000, 40_000)).toBe(60_000);
  expect(barTotal(null, 25_000)).toBe(30_000);
  expect(barTotal(60_000, 75_000)).toBe(90_000);
  expect(barTotal(90_000, 120_000)).toBe(120_000);
  expect(barTotal(60_000, null)).toBe(60_000);
});

it('backs off from 1 s to at most 10 s', () => {
  expect([0, 1, 2, 3, 4, 10].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
});

it('jitters each wait between half and all of the back-off, the same for the same seed', () => {
  for (const seed of [1, 7, 2 ** 31])
    for (const attempt of [0, 1, 2, 3, 4, 8]) {
      const wait = jitteredDelay(attempt, seed);
      expect(wait).toBeGreaterThanOrEqual(retryDelay(attempt) / 2);
      expect(wait).toBeLessThanOrEqual(retryDelay(attempt));
      expect(jitteredDelay(attempt, seed)).toBe(wait);
    }
});

it("reads a look-up's answer: the room, busy, or refused with the server's reason when it gave one", () => {
  const info = { code: 'K7QF3M', phones: 'solo', teams: [] };
  expect(lookupReply(200, info, 5)).toEqual({
    kind: 'found',
    info: { ...info, locked: false, check: false },
    at: 5,
  });
  expect(lookupReply(200, { code: 'nope' }, 5)).toEqual({ kind: 'refused', refusal: null, at: 5 });
  expect(lookupReply(429, null, 5)).toEqual({ kind: 'busy', at: 5 });
  expect(lookupReply(503, { error: 'Full for now.' }, 5)).toEqual({ kind: 'busy', at: 5 });
  expect(lookupReply(404, { error: 'no-room?room=K7QF3M: There is no room K7QF3M.' }, 5)).toEqual({
    kind: 'refused',
    refusal: { reason: 'no-room', room: 'K7QF3M' },
    at: 5,
  });
  // Words without a code (another server, a proxy) are no reason a phone can put in its language.
  expect(lookupReply(404, { error: 'There is no room K7QF3M.' }, 5)).toEqual({ kind: 'refused', refusal: null, at: 5 });
  expect(lookupReply(500, null, 5)).toEqual({ kind: 'refused', refusal: null, at: 5 });
});

it("tells a busy server, a removed phone and the server's reason from a join that failed for want of a server", () => {
  const coded = (code: number, message: string) => Object.assign(new Error(message), { code });
  expect(enterFailure(coded(429, 'busy: The room server is busy.'), 5)).toEqual({ kind: 'busy', at: 5 });
  expect(enterFailure(new Error('removed: The facilitator took this phone out of the room.'), 5)).toEqual({
    kind: 'removed',
    at: 5,
  });
  expect(enterFailure(coded(403, 'locked: The room is locked: no new phones.'), 5)).toEqual({
    kind: 'refused',
    refusal: { reason: 'locked' },
    at: 5,
  });
  expect(enterFailure(coded(403, 'full?limit=500: The room is full (500 phones).'), 5)).toEqual({
    kind: 'refused',
    refusal: { reason: 'full', limit: 500 },
    at: 5,
  });
  expect(enterFailure(new Error('seat reservation expired.'), 5)).toEqual({ kind: 'unreachable', at: 5 });
  expect(enterFailure(new TypeError('Failed to fetch'), 5)).toEqual({ kind: 'unreachable', at: 5 });
  expect(enterFailure(new Error('WebSocket closed'), 5)).toEqual({ kind: 'unreachable', at: 5 });
  expect(enterFailure('nothing', 5)).toEqual({ kind: 'unreachable', at: 5 });
});
