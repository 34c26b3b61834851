import { vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { Role } from '../../src/core/schema';
import { phoneMachine, type EnterInput, type PhoneInput } from '../../src/modes/phone/phoneMachine';
import type { EnterReply, LookupReply, StoredSeat } from '../../src/modes/phone/phoneSeat';
import type { MinePart, PhasePart, RoomInfo } from '../../src/room/protocol';

/** A room code, its room, and a seat kept for it. */
export const CODE = 'K7QF3M';
export const info: RoomInfo = { code: CODE, phones: 'teams', teams: ['Owls', 'Foxes'], locked: false, check: false };
export const keptSeat: StoredSeat = { key: 'abcdefghijklmnopqrstuv', name: 'Ana', team: 1, token: 'ROOM:old' };

/** What the room server says of a step, sent at this phone's `Date.now()` unless said otherwise. */
export function phase(change: Partial<PhasePart> = {}): PhasePart {
  return { phase: 'lobby', ask: 0, deadline: null, now: Date.now(), open: false, ...change };
}

/** A question step: task `ask`, open, with `seconds` left on the server's clock. */
export function question(ask: number, seconds: number | null = 60, change: Partial<PhasePart> = {}): PhasePart {
  const now = Date.now();
  return phase({
    phase: 'question',
    ask,
    card: { task: `Task ${ask}`, number: ask, of: 9 },
    deadline: seconds === null ? null : now + seconds * 1000,
    now,
    open: true,
    ...change,
  });
}

export function mine(ask: number, answer: Role | null = null, change: Partial<MinePart> = {}): MinePart {
  return { ask, answer, split: null, ...change };
}

export const player = { id: 'seat-1', name: 'Ana', team: 1, teams: ['Owls', 'Foxes'], phones: 'teams' as const };

export interface PhoneStubs {
  /** The seat kept for a code, as localStorage would give it back. */
  seat?: StoredSeat | null;
  /** Each look-up's reply (called at the moment it is asked). */
  lookup?: (code: string) => LookupReply;
  /** Each try to take a seat. */
  enter?: (input: EnterInput) => EnterReply;
}

/**
 * A phone machine with the runtime's side effects stubbed: what it asked for and what it did
 * are recorded. Promise actors settle on the next microtasks: `settle()` lets them.
 */
export function phoneActor(stubs: PhoneStubs = {}, input: Partial<PhoneInput> = {}) {
  const asked = { recall: [] as string[], lookup: [] as string[], enter: [] as EnterInput[] };
  const kept: Array<StoredSeat | null> = [];
  const sent: Array<[string, unknown]> = [];
  const did = { forgetSeat: vi.fn(), leaveRoom: vi.fn() };
  const machine = phoneMachine.provide({
    actors: {
      recallSeat: fromPromise(async ({ input }: { input: { code: string } }) => {
        asked.recall.push(input.code);
        return stubs.seat ?? null;
      }),
      findRoom: fromPromise(async ({ input }: { input: { code: string } }) => {
        asked.lookup.push(input.code);
        return (stubs.lookup ?? (() => ({ kind: 'found', info, at: Date.now() }) as const))(input.code);
      }),
      enterRoom: fromPromise(async ({ input }: { input: EnterInput }) => {
        asked.enter.push(input);
        return (stubs.enter ?? (() => ({ kind: 'in', token: 'ROOM:new', at: Date.now() }) as const))(input);
      }),
    },
    actions: {
      keepSeat: ({ context }) => void kept.push(context.seat),
      forgetSeat: did.forgetSeat,
      greetRoom: () => void sent.push(['hello', undefined]),
      sendAnswer: (_, params) => void sent.push(['answer', params]),
      sendSplit: (_, params) => void sent.push(['split', params]),
      leaveRoom: did.leaveRoom,
    },
  });
  const actor = createActor(machine, { input: { seed: 7, ...input } }).start();
  return { actor, asked, kept, sent, did, snapshot: () => actor.getSnapshot() };
}

/** Lets promise actors settle (and runs any timers due now). */
export const settle = () => vi.advanceTimersByTimeAsync(0);
