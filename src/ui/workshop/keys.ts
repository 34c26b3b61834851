import type { Role } from '../../game/schema';
import type { Tally } from '../../game/workshop';
import type { WorkshopEvent } from '../../machines/workshopMachine';

/** The keys of workshop mode, as the `?` overlay lists them. */
export const WORKSHOP_KEYS: Array<[keys: string, what: string]> = [
  ['Space, Enter, N or →', 'Next step: start, reveal, next task, next company'],
  ['R', 'Reveal the answer'],
  ['T', 'Pause or resume the timer'],
  ['1 to 12, then P, M or B', 'Set a team’s answer: team number, then Product management, Product marketing or Both'],
  ['1 to 12, then X', 'Clear a team’s answer'],
  ['P, M or B (room mode)', 'Count one more hand for that role; with Shift, one fewer'],
  ['U or Ctrl+Z', 'Undo the last entry'],
  ['F', 'Full screen on or off'],
  ['?', 'Show or hide this list'],
];

const ROLE_KEYS: Record<string, Role> = { p: 'pm', m: 'pmm', b: 'both' };

/** Where a key press lands: the workshop's state and what the facilitator has typed so far. */
export interface KeyContext {
  state: 'setup' | 'roundIntro' | 'question' | 'paused' | 'reveal' | 'scoreboard' | 'final';
  teams: number;
  room: boolean;
  tally: Tally;
  /** Digits typed for a team number, waiting for a role key. */
  team: string;
}

export interface KeyResult {
  /** The event to send; it takes the time of the key press. */
  event?: (at: number) => WorkshopEvent;
  /** The team digits after this key. */
  team?: string;
  ui?: 'help' | 'fullscreen';
}

/** What a key does in workshop mode (Ctrl+Z arrives here as U). Plain, so it is tested without a page. */
export function workshopKey(key: string, shift: boolean, where: KeyContext): KeyResult {
  const lower = key.toLowerCase();
  const answering = where.state === 'question' || where.state === 'paused' || where.state === 'reveal';
  if (key === '?') return { ui: 'help' };
  if (lower === 'f') return { ui: 'fullscreen' };
  if (where.state === 'setup') return {};
  if ([' ', 'enter', 'n', 'arrowright'].includes(lower)) {
    const next: Partial<Record<KeyContext['state'], (at: number) => WorkshopEvent>> = {
      roundIntro: (at) => ({ type: 'round.start', at }),
      question: () => ({ type: 'card.reveal' }),
      paused: () => ({ type: 'card.reveal' }),
      reveal: (at) => ({ type: 'card.next', at }),
      scoreboard: () => ({ type: 'scoreboard.continue' }),
    };
    return next[where.state] ? { event: next[where.state], team: '' } : {};
  }
  if (lower === 'r' && (where.state === 'question' || where.state === 'paused'))
    return { event: () => ({ type: 'card.reveal' }), team: '' };
  if (lower === 't' && where.state === 'question') return { event: (at) => ({ type: 'timer.pause', at }) };
  if (lower === 't' && where.state === 'paused') return { event: (at) => ({ type: 'timer.resume', at }) };
  if (lower === 'u') return answering ? { event: () => ({ type: 'entry.undo' }), team: '' } : {};
  if (!answering) return {};
  if (where.room && ROLE_KEYS[lower]) {
    const role = ROLE_KEYS[lower];
    const count = Math.max(0, where.tally[role] + (shift ? -1 : 1));
    return { event: () => ({ type: 'tally.set', role, count }) };
  }
  if (where.room) return {};
  if (/^[0-9]$/.test(key)) {
    const team = `${where.team}${key}`.slice(-2);
    const number = Number(team);
    return { team: number >= 1 && number <= where.teams ? team : key };
  }
  const team = Number(where.team) - 1;
  if (where.team && team >= 0 && team < where.teams && (ROLE_KEYS[lower] || lower === 'x')) {
    const role = ROLE_KEYS[lower] ?? null;
    return { event: (at) => ({ type: 'answer.set', team, role, at }), team: '' };
  }
  return {};
}
