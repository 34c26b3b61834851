import { expect, it } from 'vitest';
import { readRefusal, refusalLine, refusalSchema, type Refusal } from '../../src/room/protocol';
import { doorCheckWords, errorText, refusalText } from '../../src/room/words';

it('carries a refusal through an HTTP error’s line, code and parameters, beside English words', () => {
  const refusals: Refusal[] = [
    { reason: 'locked' },
    { reason: 'full', limit: 500 },
    // A room code of digits alone stays a code, not a number.
    { reason: 'no-room', room: '234567' },
    { reason: 'rooms-per-network', rooms: 10 },
    { reason: 'packs', problem: 'the pack "A: b & c?" is sent twice' },
  ];
  for (const refusal of refusals) expect(readRefusal(refusalLine(refusal, 'Any words: at all.'))).toEqual(refusal);
  expect(refusalLine({ reason: 'full', limit: 500 }, 'The room is full (500 phones).')).toBe(
    'full?limit=500: The room is full (500 phones).',
  );
});

it('reads no refusal from other words, an unknown code or a code without what it needs', () => {
  for (const line of [
    'The room is locked.',
    'room "K7QF3M" not found',
    'sleepy: The room is asleep.',
    'full: The room is full.',
    'full?limit=lots: The room is full.',
    'locked',
    null,
    42,
  ])
    expect(readRefusal(line)).toBeNull();
});

it('says every refusal in words, in the interface’s language', () => {
  expect(refusalText({ reason: 'no-room', room: 'K7QF3M' })).toBe(
    'There is no room K7QF3M. Check the code on the big screen.',
  );
  expect(refusalText({ reason: 'full', limit: 500 })).toBe('The room is full (500 phones).');
  expect(refusalText({ reason: 'rooms-per-network', rooms: 1 })).toBe(
    'This network has 1 room open already: close one first.',
  );
  const reasons = refusalSchema.options.map((option) => option.entries.reason.literal);
  const sample: Record<string, Refusal> = {
    full: { reason: 'full', limit: 3 },
    'no-room': { reason: 'no-room', room: 'K7QF3M' },
    packs: { reason: 'packs', problem: 'x' },
    'rooms-per-network': { reason: 'rooms-per-network', rooms: 2 },
  };
  const texts = reasons.map((reason) => refusalText(sample[reason] ?? ({ reason } as Refusal)));
  expect(new Set(texts).size).toBe(reasons.length);
  for (const text of texts) expect(text).toMatch(/^[A-Z].*[.…]$/);
});

it('puts an error from the room server in words: its refusal, or else its own message', () => {
  expect(errorText(new Error('settings: The room could not open: its settings do not check.'))).toBe(
    'The room could not open: its settings do not check.',
  );
  expect(errorText(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
});

it('names the door check’s symbols for a screen reader', () => {
  expect(doorCheckWords('3042')).toBe('green square, red triangle, purple star, yellow circle');
});
