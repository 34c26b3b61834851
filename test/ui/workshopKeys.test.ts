import { expect, it } from 'vitest';
import { EMPTY_TALLY } from '../../src/game/workshop';
import { workshopKey, type KeyContext } from '../../src/ui/workshop/keys';

const where = (change: Partial<KeyContext> = {}): KeyContext => ({
  state: 'question',
  teams: 12,
  room: false,
  tally: EMPTY_TALLY,
  team: '',
  ...change,
});
const eventOf = (key: string, context: KeyContext, shift = false) => workshopKey(key, shift, context).event?.(1000);

it('takes the next step with Space, Enter, N or the right arrow', () => {
  expect(eventOf(' ', where({ state: 'roundIntro' }))).toEqual({ type: 'round.start', at: 1000 });
  expect(eventOf('Enter', where())).toEqual({ type: 'card.reveal' });
  expect(eventOf('n', where({ state: 'reveal' }))).toEqual({ type: 'card.next', at: 1000 });
  expect(eventOf('ArrowRight', where({ state: 'scoreboard' }))).toEqual({ type: 'scoreboard.continue' });
  expect(eventOf('Enter', where({ state: 'setup' }))).toBeUndefined();
});

it('sets a team answer from its number and a role letter, up to team 12', () => {
  expect(workshopKey('1', false, where())).toEqual({ team: '1' });
  expect(workshopKey('2', false, where({ team: '1' }))).toEqual({ team: '12' });
  expect(workshopKey('3', false, where({ team: '1' }))).toEqual({ team: '3' });
  expect(eventOf('b', where({ team: '12' }))).toEqual({ type: 'answer.set', team: 11, role: 'both', at: 1000 });
  expect(eventOf('x', where({ team: '2' }))).toEqual({ type: 'answer.set', team: 1, role: null, at: 1000 });
  expect(eventOf('p', where())).toBeUndefined();
  expect(workshopKey('9', false, where({ teams: 3 }))).toEqual({ team: '9' });
  expect(eventOf('p', where({ teams: 3, team: '9' }))).toBeUndefined();
});

it('counts hands in room mode, and pauses, undoes and opens the key list', () => {
  expect(eventOf('m', where({ room: true, tally: { pm: 0, pmm: 4, both: 0 } }))).toEqual({
    type: 'tally.set',
    role: 'pmm',
    count: 5,
  });
  expect(eventOf('M', where({ room: true, tally: { pm: 0, pmm: 0, both: 0 } }), true)).toEqual({
    type: 'tally.set',
    role: 'pmm',
    count: 0,
  });
  expect(eventOf('t', where())).toEqual({ type: 'timer.pause', at: 1000 });
  expect(eventOf('t', where({ state: 'paused' }))).toEqual({ type: 'timer.resume', at: 1000 });
  expect(eventOf('u', where({ state: 'reveal' }))).toEqual({ type: 'entry.undo' });
  expect(eventOf('u', where({ state: 'scoreboard' }))).toBeUndefined();
  expect(workshopKey('?', false, where()).ui).toBe('help');
  expect(workshopKey('f', false, where({ state: 'setup' })).ui).toBe('fullscreen');
});
