import * as v from 'valibot';
import { assertEvent, assign, cancel, fromPromise, raise, setup } from 'xstate';
import { MAX_NAME } from '../../core/limits';
import type { Role } from '../../core/schema';
import type { Confidence } from '../../core/scoring';
import {
  CLOSE_REMOVED,
  CLOSE_REPLACED,
  newSecret,
  normalizeCode,
  roomCode,
  type MinePart,
  type Refusal,
  type PhasePart,
  type RoomInfo,
  type StandingPart,
  type toPhone,
} from '../../room/protocol';
import {
  barTotal,
  clockOffset,
  jitteredDelay,
  RETRY_FOR_MS,
  timeLeft,
  type EnterReply,
  type LookupReply,
  type StoredSeat,
} from './phoneSeat';

/**
 * One phone in a workshop room, from typing the room's code to the end of the workshop: looking
 * the code up, the join form, taking a seat, getting back in after a reload, a dropped
 * connection or a server restart, and being taken out or replaced by another tab.
 *
 * Everything outside the machine is named here and done by the runtime
 * (`phoneRuntime.svelte.ts`), which tests swap with `.provide()`: reading the seat this phone
 * keeps for a code (`recallSeat`), the look-up (`findRoom`), taking a seat (`enterRoom`),
 * keeping and forgetting the seat (`keepSeat`, `forgetSeat`) and what goes to the room
 * (`greetRoom`, `sendAnswer`, `sendSplit`, `leaveRoom`). The runtime passes what the room says
 * in as `room.*` events, each checked against the protocol where it arrives, and stamps every
 * reply and step with this phone's clock (`at`): the machine never reads a clock. Waits are
 * named delays; how long a busy server or a lost room is tried again is an absolute deadline.
 */

/** A busy server is tried again for this long before the phone asks the player. */
export const BUSY_FOR_MS = 2 * 60 * 1000;
/** How long a refusal of an answer stays on screen. */
export const REFUSAL_MS = 4000;

/** The seat as the room server tells this phone: its name (the server may have changed it), its team, the room's teams. */
export type PlayerInfo = v.InferOutput<typeof toPhone.seat>;

/** What went wrong, for the screen to put in words. */
export type PhoneProblem =
  | { kind: 'badCode' }
  | { kind: 'noRoom' }
  | { kind: 'unreachable' }
  /** Still busy after BUSY_FOR_MS of trying. */
  | { kind: 'busy' }
  | { kind: 'removed' }
  /** The server's own reason (the room is locked, the symbols are wrong). */
  | { kind: 'refused'; refusal: Refusal };

export interface PhoneContext {
  /** Draws the jitter of this phone's retries. */
  seed: number;
  /** The room code, as typed or in the link, normalised. */
  code: string;
  /** The room looked up: its teams and its door. */
  info: RoomInfo | null;
  /** The seat this phone keeps for `code` (its secret key, name, team and last token). */
  seat: StoredSeat | null;
  /** The door check's symbols tapped for the join in progress. */
  check: string | null;
  problem: PhoneProblem | null;
  /** Waits so far in the current run of tries. */
  attempt: number;
  /** Until when a busy server is tried again (this phone's clock, epoch ms); set by the first busy reply. */
  busyUntil: number | null;
  /** Until when a lost room is tried again; set by the first failed try. */
  retryUntil: number | null;
  /** Whether the next try to get back in uses the last connection's token first (only after this page's own connection closed). */
  useToken: boolean;
  /** What the room says of this phone's seat. */
  player: PlayerInfo | null;
  /** The room's step, this phone's answer to its task, and its standing, as the room last said. */
  phase: PhasePart | null;
  mine: MinePart | null;
  standing: StandingPart | null;
  /** How far the server's clock is ahead of this phone's. */
  offset: number;
  /** The length of the time bar for the task on screen (ms). */
  total: number | null;
  /** The server's last refusal of an answer, shown for REFUSAL_MS. */
  refusal: Refusal | null;
  /** An answer tapped while the connection was away, for task `ask`: sent once the phone is back. */
  pending: { ask: number; role: Role } | null;
  /** The task (`ask`) whose answer the player went back to change from the split step. */
  changing: number | null;
}

export interface PhoneInput {
  seed: number;
  /** The code in the link the phone opened, if any. */
  code?: string | null;
}

export type PhoneEvent =
  | { type: 'code.submit'; code: string }
  /** Back to typing a code (the seat kept for this room stays, for coming back). */
  | { type: 'code.change' }
  /** `team` -1 for any team or a room without teams; `check` the symbols tapped, when the room asks for them. */
  | { type: 'join.submit'; name: string; team: number; check?: string }
  /** Another tap before the deadline changes the answer. */
  | { type: 'answer.choose'; role: Role; confidence?: Confidence }
  /** A split of the work, tapped at `at` (this phone's clock): taken while answers are open or in the split's grace. */
  | { type: 'split.choose'; option: number; at: number }
  /** From the split step, back to the roles: the answer was not Both after all. */
  | { type: 'answer.change' }
  /** After giving up, or after another tab took the seat: try to get back in now. */
  | { type: 'seat.retry' }
  | { type: 'room.seat'; seat: PlayerInfo }
  | { type: 'room.phase'; phase: PhasePart; at: number }
  | { type: 'room.mine'; mine: MinePart }
  | { type: 'room.standing'; standing: StandingPart }
  | { type: 'room.refused'; refusal: Refusal }
  /** The connection dropped; the room client is trying to get it back by itself. */
  | { type: 'room.drop' }
  | { type: 'room.reconnect'; token: string | null }
  /** The room closed this connection, with a close code. */
  | { type: 'room.closed'; code: number }
  | { type: 'refusal.clear' };

/** What `enterRoom` is given: the seat to take, and how. */
export interface EnterInput {
  code: string;
  seat: StoredSeat;
  /** The symbols tapped, for a new phone in a room that asks for them. */
  check: string | null;
  /** Try the last connection's token before the key. */
  useToken: boolean;
}

const PROVIDED = 'The phone runtime provides this.';

/** Fresh tries: no waits yet, no deadline running. */
const freshTries = { attempt: 0, busyUntil: null, retryUntil: null } as const;

/** Nothing of a room: what a phone shows before it is in one, and after it left. */
const noRoom = {
  player: null,
  phase: null,
  mine: null,
  standing: null,
  offset: 0,
  total: null,
  refusal: null,
  pending: null,
  changing: null,
} as const;

/** What went wrong with a look-up that found no room to join. */
function lookupProblem(reply: LookupReply): PhoneProblem {
  if (reply.kind === 'busy') return { kind: 'busy' };
  if (reply.kind === 'unreachable') return { kind: 'unreachable' };
  if (reply.kind === 'refused' && reply.refusal) return { kind: 'refused', refusal: reply.refusal };
  return { kind: 'noRoom' };
}

/** What went wrong with a join that did not get in. */
function joinProblem(reply: EnterReply): PhoneProblem {
  if (reply.kind === 'busy') return { kind: 'busy' };
  if (reply.kind === 'removed') return { kind: 'removed' };
  if (reply.kind === 'refused') return { kind: 'refused', refusal: reply.refusal };
  return { kind: 'unreachable' };
}

/** The task a step asks, or -1 outside a question. */
function taskOf(phase: PhasePart | null): number {
  return phase?.phase === 'question' ? phase.ask : -1;
}

export const phoneMachine = setup({
  types: {
    context: {} as PhoneContext,
    events: {} as PhoneEvent,
    input: {} as PhoneInput,
  },
  actors: {
    recallSeat: fromPromise<StoredSeat | null, { code: string }>(() => Promise.reject(new Error(PROVIDED))),
    findRoom: fromPromise<LookupReply, { code: string }>(() => Promise.reject(new Error(PROVIDED))),
    enterRoom: fromPromise<EnterReply, EnterInput>(() => Promise.reject(new Error(PROVIDED))),
  },
  guards: {
    hasCode: ({ context }) => context.code !== '',
    isWellFormedCode: ({ context }) => v.is(roomCode, context.code),
    hasKeptSeat: (_, params: { seat: StoredSeat | null }) => params.seat !== null,
    isRoomFound: (_, params: { reply: LookupReply }) => params.reply.kind === 'found',
    isBusyForNow: ({ context }, params: { reply: LookupReply | EnterReply }) =>
      params.reply.kind === 'busy' && (context.busyUntil === null || params.reply.at < context.busyUntil),
    isInRoom: (_, params: { reply: EnterReply }) => params.reply.kind === 'in',
    isRemoved: (_, params: { reply: EnterReply }) => params.reply.kind === 'removed',
    isPastRetryWindow: ({ context }, params: { reply: EnterReply }) =>
      context.retryUntil !== null && params.reply.at >= context.retryUntil,
    isAnswerOpen: ({ context }) => context.phase?.phase === 'question' && context.phase.open,
    /** Answers are open, or the split's grace runs on (the server has the last word on both). */
    isSplitOpen: ({ context, event }) => {
      assertEvent(event, 'split.choose');
      const { phase, offset } = context;
      if (phase?.phase !== 'question') return false;
      return phase.open || (phase.splitUntil !== undefined && event.at + offset < phase.splitUntil);
    },
    /** Back in: the answer tapped while away still belongs to the open task, and the room has another. */
    isPendingAnswerWanted: ({ context, event }) => {
      assertEvent(event, 'room.mine');
      const { pending, phase } = context;
      return (
        pending !== null &&
        phase?.phase === 'question' &&
        phase.open &&
        pending.ask === phase.ask &&
        event.mine.ask === phase.ask &&
        event.mine.answer !== pending.role
      );
    },
    isReplacedClose: ({ event }) => event.type === 'room.closed' && event.code === CLOSE_REPLACED,
    isRemovedClose: ({ event }) => event.type === 'room.closed' && event.code === CLOSE_REMOVED,
  },
  actions: {
    // Done by the runtime.
    keepSeat: () => {},
    forgetSeat: () => {},
    greetRoom: () => {},
    sendAnswer: (_, _params: { role: Role; confidence?: Confidence }) => {},
    sendSplit: (_, _params: { option: number }) => {},
    leaveRoom: () => {},

    setCode: assign(({ event }) => {
      assertEvent(event, 'code.submit');
      return { code: normalizeCode(event.code), problem: null, info: null };
    }),
    refuseCode: assign({ problem: { kind: 'badCode' } }),
    clearEntry: assign({ problem: null, info: null, check: null }),
    takeSeat: assign((_, params: { seat: StoredSeat | null }) => ({ seat: params.seat })),
    takeInfo: assign((_, params: { reply: LookupReply }) => ({
      info: params.reply.kind === 'found' ? params.reply.info : null,
    })),
    explainLookup: assign((_, params: { reply: LookupReply }) => ({ problem: lookupProblem(params.reply) })),
    explainJoin: assign((_, params: { reply: EnterReply }) => ({ problem: joinProblem(params.reply) })),
    startTries: assign(freshTries),
    noteBusy: assign(({ context }, params: { at: number }) => ({
      busyUntil: context.busyUntil ?? params.at + BUSY_FOR_MS,
    })),
    noteFailure: assign(({ context }, params: { at: number }) => ({
      retryUntil: context.retryUntil ?? params.at + RETRY_FOR_MS,
    })),
    countWait: assign({ attempt: ({ context }) => context.attempt + 1 }),
    useKey: assign({ useToken: false }),
    useToken: assign({ useToken: true }),
    makeSeat: assign(({ event }) => {
      assertEvent(event, 'join.submit');
      const seat: StoredSeat = {
        key: newSecret(),
        name: event.name.trim().slice(0, MAX_NAME),
        team: event.team,
        token: null,
      };
      return { seat, check: event.check ?? null, problem: null };
    }),
    dropSeat: assign({ seat: null }),
    keepToken: assign(({ context }, params: { token: string | null }) => ({
      seat: context.seat && params.token ? { ...context.seat, token: params.token } : context.seat,
    })),
    noteRemoved: assign({ problem: { kind: 'removed' } }),
    forgetRoom: assign(noRoom),

    takePlayer: assign(({ context, event }) => {
      assertEvent(event, 'room.seat');
      const { name, team } = event.seat;
      return { player: event.seat, seat: context.seat && { ...context.seat, name, team } };
    }),
    /** A new step of the room: the clock set by the server's, the time bar kept within one task. */
    takePhase: assign(({ context, event }) => {
      assertEvent(event, 'room.phase');
      const { phase, at } = event;
      const offset = clockOffset(phase.now, at);
      const task = taskOf(phase);
      const sameTask = task === taskOf(context.phase);
      const total = task >= 0 ? barTotal(sameTask ? context.total : null, timeLeft(phase.deadline, offset, at)) : null;
      // A new step's standings are the host's to send again.
      const standing = phase.phase === context.phase?.phase ? context.standing : null;
      return { phase, offset, total, standing };
    }),
    takeMine: assign(({ event }) => {
      assertEvent(event, 'room.mine');
      // An answer taken (Both again, or another role) ends going back to change it.
      return { mine: event.mine, changing: null };
    }),
    changeAnswer: assign(({ context }) => ({ changing: context.phase?.ask ?? null })),
    takeStanding: assign(({ event }) => {
      assertEvent(event, 'room.standing');
      return { standing: event.standing };
    }),
    holdAnswer: assign(({ context, event }) => {
      assertEvent(event, 'answer.choose');
      return { pending: { ask: context.phase?.ask ?? -1, role: event.role } };
    }),
    dropPending: assign({ pending: null }),
    showRefusal: assign(({ event }) => {
      assertEvent(event, 'room.refused');
      return { refusal: event.refusal };
    }),
    clearRefusal: assign({ refusal: null }),
  },
  delays: {
    retryWait: ({ context }) => jitteredDelay(context.attempt, context.seed),
    refusalShown: REFUSAL_MS,
  },
}).createMachine({
  id: 'phone',
  context: ({ input }) => ({
    seed: input.seed,
    code: normalizeCode(input.code ?? ''),
    info: null,
    seat: null,
    check: null,
    problem: null,
    ...freshTries,
    useToken: false,
    ...noRoom,
  }),
  initial: 'opening',
  states: {
    /** A link with a code goes straight to it; a bare link asks for one. */
    opening: {
      always: [{ guard: 'hasCode', target: 'checking' }, { target: 'code' }],
    },
    code: {
      on: { 'code.submit': { target: 'checking', actions: 'setCode' } },
    },
    checking: {
      always: [
        { guard: 'isWellFormedCode', target: 'recalling' },
        { target: 'code', actions: 'refuseCode' },
      ],
    },
    /** A phone that was in this room before goes straight back to its seat. */
    recalling: {
      invoke: {
        src: 'recallSeat',
        input: ({ context }) => ({ code: context.code }),
        onDone: [
          {
            guard: { type: 'hasKeptSeat', params: ({ event }) => ({ seat: event.output }) },
            target: 'room',
            actions: { type: 'takeSeat', params: ({ event }) => ({ seat: event.output }) },
          },
          { target: 'looking' },
        ],
        onError: { target: 'looking' },
      },
    },
    /** Which teams the room has, or why there is no room to join. A busy server is asked again. */
    looking: {
      entry: 'startTries',
      initial: 'asking',
      states: {
        asking: {
          invoke: {
            src: 'findRoom',
            input: ({ context }) => ({ code: context.code }),
            onDone: [
              {
                guard: { type: 'isRoomFound', params: ({ event }) => ({ reply: event.output }) },
                target: '#phone.joinForm',
                actions: { type: 'takeInfo', params: ({ event }) => ({ reply: event.output }) },
              },
              {
                guard: { type: 'isBusyForNow', params: ({ event }) => ({ reply: event.output }) },
                target: 'waiting',
                actions: { type: 'noteBusy', params: ({ event }) => ({ at: event.output.at }) },
              },
              {
                target: '#phone.code',
                actions: { type: 'explainLookup', params: ({ event }) => ({ reply: event.output }) },
              },
            ],
            onError: { target: '#phone.code', actions: assign({ problem: { kind: 'unreachable' } }) },
          },
        },
        waiting: { after: { retryWait: { target: 'asking', actions: 'countWait' } } },
      },
    },
    /** A name, a team, and the symbols on the big screen when the room asks for them. */
    joinForm: {
      on: {
        'join.submit': { target: 'joining', actions: ['makeSeat', 'keepSeat'] },
        'code.change': { target: 'code', actions: 'clearEntry' },
      },
    },
    /**
     * Taking a new seat. The seat is kept before the server is asked, so a reload mid-join comes
     * back to the same seat. A busy server is asked again; a refusal goes back to the form.
     */
    joining: {
      entry: 'startTries',
      initial: 'asking',
      states: {
        asking: {
          invoke: {
            src: 'enterRoom',
            input: ({ context }) => ({
              code: context.code,
              seat: context.seat!,
              check: context.check,
              useToken: false,
            }),
            onDone: [
              {
                guard: { type: 'isInRoom', params: ({ event }) => ({ reply: event.output }) },
                target: '#phone.room.online',
                actions: [
                  {
                    type: 'keepToken',
                    params: ({ event }) => ({ token: event.output.kind === 'in' ? event.output.token : null }),
                  },
                  'keepSeat',
                ],
              },
              {
                guard: { type: 'isBusyForNow', params: ({ event }) => ({ reply: event.output }) },
                target: 'waiting',
                actions: { type: 'noteBusy', params: ({ event }) => ({ at: event.output.at }) },
              },
              {
                target: '#phone.joinForm',
                actions: [
                  'forgetSeat',
                  'dropSeat',
                  { type: 'explainJoin', params: ({ event }) => ({ reply: event.output }) },
                ],
              },
            ],
            onError: {
              target: '#phone.joinForm',
              actions: ['forgetSeat', 'dropSeat', assign({ problem: { kind: 'unreachable' } })],
            },
          },
        },
        waiting: { after: { retryWait: { target: 'asking', actions: 'countWait' } } },
      },
      on: { 'code.change': { target: 'code', actions: 'clearEntry' } },
    },
    /**
     * In the room, or getting (back) in: `entering` and `waiting` try the kept seat again with
     * backoff while the server is away (a room the host re-opens after a restart has the same
     * code, so a missing room is tried again too), until RETRY_FOR_MS after the first failure.
     */
    room: {
      entry: ['startTries', 'clearEntry', 'useKey'],
      exit: ['leaveRoom', 'forgetRoom'],
      initial: 'entering',
      states: {
        entering: {
          invoke: {
            src: 'enterRoom',
            input: ({ context }) => ({
              code: context.code,
              seat: context.seat!,
              check: null,
              useToken: context.useToken,
            }),
            onDone: [
              {
                guard: { type: 'isInRoom', params: ({ event }) => ({ reply: event.output }) },
                target: 'online',
                actions: [
                  {
                    type: 'keepToken',
                    params: ({ event }) => ({ token: event.output.kind === 'in' ? event.output.token : null }),
                  },
                  'keepSeat',
                  'startTries',
                ],
              },
              {
                guard: { type: 'isRemoved', params: ({ event }) => ({ reply: event.output }) },
                target: '#phone.removed',
              },
              {
                guard: { type: 'isPastRetryWindow', params: ({ event }) => ({ reply: event.output }) },
                target: 'lost',
              },
              {
                target: 'waiting',
                actions: { type: 'noteFailure', params: ({ event }) => ({ at: event.output.at }) },
              },
            ],
            onError: { target: 'lost' },
          },
          on: { 'answer.choose': { guard: 'isAnswerOpen', actions: 'holdAnswer' } },
        },
        waiting: {
          after: { retryWait: { target: 'entering', actions: 'countWait' } },
          on: { 'answer.choose': { guard: 'isAnswerOpen', actions: 'holdAnswer' } },
        },
        online: {
          // After every (re)connection: the room answers with the seat, the step and this phone's answer.
          entry: 'greetRoom',
          on: {
            'answer.choose': {
              guard: 'isAnswerOpen',
              actions: {
                type: 'sendAnswer',
                params: ({ event }) => ({
                  role: event.role,
                  ...(event.confidence ? { confidence: event.confidence } : {}),
                }),
              },
            },
            'split.choose': {
              guard: 'isSplitOpen',
              actions: { type: 'sendSplit', params: ({ event }) => ({ option: event.option }) },
            },
            'room.drop': { target: 'reconnecting' },
          },
        },
        /** The room client is getting the dropped connection back by itself. */
        reconnecting: {
          on: {
            'room.reconnect': {
              target: 'online',
              actions: [{ type: 'keepToken', params: ({ event }) => ({ token: event.token }) }, 'keepSeat'],
            },
            'answer.choose': { guard: 'isAnswerOpen', actions: 'holdAnswer' },
          },
        },
        /** Tried for RETRY_FOR_MS without getting back in: the player says when to try again. */
        lost: {
          on: { 'seat.retry': { target: 'entering', actions: ['startTries', 'useKey'] } },
        },
      },
      on: {
        'room.seat': { actions: ['takePlayer', 'keepSeat'] },
        'room.phase': { actions: 'takePhase' },
        'room.mine': [
          {
            guard: 'isPendingAnswerWanted',
            actions: [
              { type: 'sendAnswer', params: ({ context }) => ({ role: context.pending!.role }) },
              'takeMine',
              'dropPending',
            ],
          },
          { actions: ['takeMine', 'dropPending'] },
        ],
        'room.standing': { actions: 'takeStanding' },
        'answer.change': { guard: 'isAnswerOpen', actions: 'changeAnswer' },
        'room.refused': {
          actions: [
            'showRefusal',
            cancel('refusal'),
            raise({ type: 'refusal.clear' }, { id: 'refusal', delay: 'refusalShown' }),
          ],
        },
        'refusal.clear': { actions: 'clearRefusal' },
        'room.closed': [
          { guard: 'isReplacedClose', target: 'replaced' },
          { guard: 'isRemovedClose', target: 'removed' },
          // Any other close (the server shutting down, the network) tries to get back in, token first.
          { target: '.entering', actions: ['startTries', 'useToken'] },
        ],
        'code.change': { target: 'code' },
      },
    },
    /** The facilitator took this phone out: its seat is forgotten. */
    removed: {
      entry: ['forgetSeat', 'dropSeat', 'noteRemoved'],
      on: { 'code.change': { target: 'code', actions: 'clearEntry' } },
    },
    /** Another tab or device took this phone's seat. */
    replaced: {
      on: { 'seat.retry': { target: 'room' } },
    },
  },
});

export type PhoneMachine = typeof phoneMachine;
