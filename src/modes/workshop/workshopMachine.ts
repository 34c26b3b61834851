import { MAX_HANDS, MAX_PLAYERS, MAX_TEAMS, MIN_TEAMS } from '../../core/limits';
import { and, assertEvent, assign, setup } from 'xstate';
import type { IndexedBank } from '../../core/bank';
import {
  currentCardId,
  isLastCard,
  isLastRound,
  nextCardId,
  reachedCardIds,
  toNextCard,
  toNextRound,
  type Cursor,
} from '../../core/cursor';
import { deriveSeed } from '../../core/random';
import { buildRounds } from '../../core/rounds';
import type { Card, Role, Scenario } from '../../core/schema';
import type { Confidence } from '../../core/scoring';
import {
  emptyEntries,
  teamVote,
  type CardEntries,
  type Player,
  type Tally,
  type WorkshopSettings,
} from '../../core/workshop';
import { m } from '../../i18n/paraglide/messages.js';

/**
 * A facilitated workshop: every rule from setup to the podium, for one question bank. Time is
 * kept as an absolute deadline, and events that depend on time carry the moment they
 * happened (`at`, epoch ms): the machine never reads a clock, so the same events give the same
 * state anywhere, and a reload works out what is left from the deadline. Time runs out when
 * the runtime, which owns the clock, sends `timer.check` past the deadline.
 *
 * With phones, a room server holds the phones' seats and answers and is the authority on what a
 * phone may do; this machine still leads the flow. The runtime passes on what the server
 * reports (`room.open`, `player.join`, `votes.add`), checked again here, and tells the server
 * what the room sees (`roomView`).
 *
 * Two windows (projector and presenter) each run this machine. The window where a step is
 * taken saves and broadcasts the resulting state, numbered; the other window takes it in with
 * `sync.adopt`, which moves its one actor to that state, so neither window ever replaces its
 * actor.
 */

/** Undo information: the entries of a card before the change. */
export interface LogEntry {
  cardId: string;
  /** Which vote of the card the change was in: 2 on a task voted twice, once the talk is over. */
  vote?: 1 | 2;
  before: CardEntries;
}

export interface WorkshopContext extends Cursor {
  seed: number;
  settings: WorkshopSettings;
  entries: Record<string, CardEntries>;
  log: LogEntry[];
  /** When the current card's time runs out (epoch ms); null without a running timer. */
  deadline: number | null;
  /** Time left while the timer is paused (ms). */
  remaining: number | null;
  /** Which page of the final screens the room sees: 0 the podium, then every answer. */
  page: number;
  /** The phones in the room, in the order they joined (phones mode). */
  players: Player[];
  /** The room on the room server: its code, and the secret that proves this is its host. */
  room: RoomTicket | null;
  /** How the facilitator keeps the room's door (phones mode). */
  door: Door;
  /** Tasks the presenter turned voting twice on (true) or off (false) for, against the workshop's setting. */
  twice: Record<string, boolean>;
}

export interface RoomTicket {
  code: string;
  token: string;
  /** The symbols a new phone taps to get in, while the door asks for them (the server draws them). */
  check: string | null;
}

/** The room's door: locked (no new phones; a removed one cannot come back), and whether a new phone must tap the symbols on the big screen. */
export interface Door {
  locked: boolean;
  check: boolean;
}

/** A phone's answer as the room server passes it on. */
export interface IncomingVote {
  id: string;
  cardId: string;
  role: Role;
  left: number | null;
  split?: number | null;
  confidence?: Confidence | null;
}

export interface WorkshopInput {
  seed: number;
}

export type WorkshopEvent =
  | { type: 'setup.start'; settings: WorkshopSettings }
  | { type: 'round.start'; at: number }
  | { type: 'answer.set'; team: number; role: Role | null; at: number }
  | { type: 'tally.set'; role: Role; count: number }
  | { type: 'entry.undo' }
  | { type: 'timer.pause'; at: number }
  | { type: 'timer.resume'; at: number }
  | { type: 'timer.check'; at: number }
  | { type: 'card.reveal' }
  | { type: 'card.next'; at: number }
  | { type: 'scoreboard.continue' }
  | { type: 'answers.page'; page: number }
  | { type: 'workshop.restart' }
  | { type: 'lobby.close' }
  | { type: 'lobby.cancel' }
  | { type: 'room.open'; room: Pick<RoomTicket, 'code' | 'token'> }
  | { type: 'room.symbols'; check: string | null }
  | { type: 'door.lock'; locked: boolean }
  | { type: 'door.check'; check: boolean }
  | { type: 'player.join'; player: Pick<Player, 'id' | 'name' | 'team'> }
  | { type: 'player.remove'; id: string }
  | { type: 'votes.add'; votes: IncomingVote[] }
  | { type: 'timer.extend'; seconds: number; at: number }
  | { type: 'answers.close' }
  | { type: 'card.twice'; twice: boolean }
  | { type: 'talk.start'; at: number }
  | { type: 'vote.again'; at: number }
  | { type: 'sync.adopt'; state: string; context: WorkshopContext };

/**
 * Every state a workshop rests in. `sync.adopt` can move to each; a test proves this list is
 * the machine's own (its leaves less the passing states), so none can be left out.
 */
/** More pages than any workshop's answers fill. */
const MAX_PAGES = 1000;

export const ADOPTABLE_STATES = [
  'setup',
  'lobby',
  'roundIntro',
  'question.timing',
  'question.paused',
  'question.timeUp',
  'question.untimed',
  'spread',
  'talk.talking',
  'talk.over',
  'again.timing',
  'again.paused',
  'again.timeUp',
  'again.untimed',
  'reveal',
  'scoreboard',
  'final',
] as const;

/** The card after the current one, in this round or the next; undefined at the very end. */
export function upcomingCard(
  bank: IndexedBank,
  context: WorkshopContext,
): { card: Card; scenario: Scenario } | undefined {
  const id = nextCardId(context);
  return id ? bank.cards.get(id) : undefined;
}

/** Every card played so far (up to and including the current one), with its company. */
export function playedCards(bank: IndexedBank, context: WorkshopContext): Array<{ card: Card; scenario: Scenario }> {
  return reachedCardIds(context).flatMap((id) => bank.cards.get(id) ?? []);
}

/** Milliseconds left on the current card at `now`; null when no timer runs for it. */
export function timeLeft(context: WorkshopContext, now: number): number | null {
  if (context.remaining !== null) return context.remaining;
  if (context.deadline === null) return null;
  // A clock read a moment before the card started must not show more than the full time.
  return Math.min(context.settings.secondsPerCard * 1000, Math.max(0, context.deadline - now));
}

/** Seconds the facilitator's "more time" adds; most seconds one press may add; the most a task can run. */
export const EXTEND_STEP_SECONDS = 15;
export const MAX_EXTEND_SECONDS = 60;
const MAX_CARD_MS = 10 * 60 * 1000;

/** The name a team has until the facilitator gives it one: "Team 2". */
export const teamName = (number: number): string => m.workshop_machine_team_name({ number });

/** Whether the workshop's teams are named by the facilitator (not one room, not phones on their own). */
export function hasNamedTeams(settings: Pick<WorkshopSettings, 'room' | 'phones'>): boolean {
  return !settings.room && settings.phones !== 'solo';
}

/** Why settings cannot start a workshop, or undefined when they can. */
export function settingsProblem(settings: WorkshopSettings, bank: IndexedBank): string | undefined {
  const named = hasNamedTeams(settings);
  if (settings.room && settings.phones !== 'off') return m.workshop_machine_no_phones_for_hands();
  if (named && (settings.teams.length < MIN_TEAMS || settings.teams.length > MAX_TEAMS))
    return m.workshop_machine_team_count({ min: MIN_TEAMS, max: MAX_TEAMS });
  if (named && settings.teams.some((team) => !team.trim())) return m.workshop_machine_team_needs_name();
  if (named && new Set(settings.teams.map((team) => team.trim().toLowerCase())).size !== settings.teams.length)
    return m.workshop_machine_team_names_differ();
  if (!settings.scenarioIds.some((id) => bank.companies.has(id))) return m.workshop_machine_pick_company();
  return undefined;
}

/** A workshop's context before its first card: nothing dealt, answered or timed. */
function notStarted() {
  return {
    rounds: [],
    roundIndex: 0,
    cardIndex: 0,
    entries: {},
    log: [],
    deadline: null,
    remaining: null,
    page: 0,
    players: [],
    room: null,
    door: { locked: false, check: false },
    twice: {},
  };
}

function cardDeadline(context: WorkshopContext, at: number) {
  return {
    deadline: context.settings.secondsPerCard ? at + context.settings.secondsPerCard * 1000 : null,
    remaining: null,
  };
}

function currentEntries(context: WorkshopContext): CardEntries {
  return context.entries[currentCardId(context)!] ?? emptyEntries(context.settings.teams.length);
}

/** Which vote of the current card the room is on: 2 once a task voted twice has had its talk. */
export function currentVote(context: WorkshopContext): 1 | 2 {
  return context.entries[currentCardId(context) ?? '']?.first ? 2 : 1;
}

/** Whether a task is voted twice: the presenter's say for it, or the workshop's setting. */
export function isVotedTwice(context: WorkshopContext, cardId: string | undefined): boolean {
  return cardId !== undefined && !context.settings.room && (context.twice[cardId] ?? context.settings.voteTwice);
}

/** The current card's entries with some phones' answers added, and their teams' answers worked out again. */
function withVotes(
  context: WorkshopContext,
  votes: readonly IncomingVote[],
  entries = currentEntries(context),
): CardEntries {
  const cardId = currentCardId(context)!;
  const seats = new Map(context.players.filter((p) => !p.removed).map((p) => [p.id, p]));
  const all = { ...entries.votes };
  let order = Math.max(-1, ...Object.values(all).map((vote) => vote.order));
  const teams = new Set<number>();
  for (const vote of votes) {
    const player = seats.get(vote.id);
    if (!player || vote.cardId !== cardId) continue;
    // A split chosen, or how sure, after the role: the answer keeps its place in the team's tie-break.
    const kept = all[vote.id]?.role === vote.role ? all[vote.id] : undefined;
    all[vote.id] = {
      role: vote.role,
      left: kept ? kept.left : vote.left,
      order: kept ? kept.order : ++order,
      split: vote.split ?? null,
      ...(vote.confidence ? { confidence: vote.confidence } : {}),
    };
    if (player.team >= 0) teams.add(player.team);
  }
  const picks = [...entries.picks];
  const left = [...entries.left];
  for (const team of teams) {
    const decided = teamVote(
      context.players.filter((p) => p.team === team && !p.removed).flatMap((p) => all[p.id] ?? []),
    );
    picks[team] = decided?.role ?? null;
    left[team] = decided?.left ?? null;
  }
  return { ...entries, picks, left, votes: all };
}

/**
 * A vote on the card (the first, or the second of a task voted twice): its clock, and the
 * answers the room enters or its phones send. `reveal` says where revealing goes.
 */
function voting<T>(reveal: T) {
  return {
    initial: 'starting' as const,
    states: {
      starting: {
        always: [{ guard: 'hasTimer' as const, target: 'timing' }, { target: 'untimed' }],
      },
      timing: {
        on: {
          'timer.pause': { target: 'paused', actions: 'pause' as const },
          'timer.check': { guard: 'isPastDeadline' as const, target: 'timeUp' },
          'timer.extend': { guard: 'isValidExtension' as const, actions: 'extendDeadline' as const },
          'answers.close': { target: 'timeUp', actions: 'stopClock' as const },
        },
      },
      paused: {
        on: {
          'timer.resume': { target: 'timing', actions: 'resume' as const },
          'timer.extend': { guard: 'isValidExtension' as const, actions: 'extendRemaining' as const },
          'answers.close': { target: 'timeUp', actions: 'stopClock' as const },
        },
      },
      timeUp: {
        on: {
          'timer.extend': { guard: 'isValidExtension' as const, target: 'timing', actions: 'extendDeadline' as const },
        },
      },
      untimed: {
        on: { 'answers.close': { target: 'timeUp', actions: 'stopClock' as const } },
      },
    },
    on: {
      'votes.add': { actions: 'addVotes' as const },
      'answer.set': { guard: 'isValidTeam' as const, actions: 'setAnswer' as const },
      'tally.set': { guard: and(['isRoomMode', 'isValidCount']), actions: 'setTally' as const },
      'entry.undo': { guard: 'canUndo' as const, actions: 'undo' as const },
      'card.twice': { guard: 'isFirstVote' as const, actions: 'setTwice' as const },
      'card.reveal': reveal,
    },
  };
}

/** The workshop machine for a bank. */
export function createWorkshopMachine(bank: IndexedBank) {
  return setup({
    types: {
      context: {} as WorkshopContext,
      events: {} as WorkshopEvent,
      input: {} as WorkshopInput,
    },
    guards: {
      hasValidSettings: ({ event }) => {
        assertEvent(event, 'setup.start');
        return settingsProblem(event.settings, bank) === undefined;
      },
      hasTimer: ({ context }) => context.settings.secondsPerCard > 0,
      isPastDeadline: ({ context, event }) => {
        assertEvent(event, 'timer.check');
        return context.deadline !== null && event.at >= context.deadline;
      },
      isValidTeam: ({ context, event }) => {
        assertEvent(event, 'answer.set');
        return (
          !context.settings.room &&
          Number.isInteger(event.team) &&
          event.team >= 0 &&
          event.team < context.settings.teams.length
        );
      },
      isRoomMode: ({ context }) => context.settings.room,
      usesPhones: ({ context }) => context.settings.phones !== 'off',
      hasRoom: ({ context }) => context.room !== null,
      canSeat: ({ context, event }) => {
        assertEvent(event, 'player.join');
        const { id, team } = event.player;
        const named = hasNamedTeams(context.settings);
        return (
          context.settings.phones !== 'off' &&
          !context.players.some((p) => p.id === id) &&
          context.players.length < MAX_PLAYERS &&
          (named ? Number.isInteger(team) && team >= 0 && team < context.settings.teams.length : team === -1)
        );
      },
      isSeated: ({ context, event }) => {
        assertEvent(event, 'player.remove');
        return context.players.some((p) => p.id === event.id && !p.removed);
      },
      isValidExtension: ({ event }) => {
        assertEvent(event, 'timer.extend');
        return Number.isInteger(event.seconds) && event.seconds > 0 && event.seconds <= MAX_EXTEND_SECONDS;
      },
      isValidCount: ({ event }) => {
        assertEvent(event, 'tally.set');
        return Number.isInteger(event.count) && event.count >= 0 && event.count <= MAX_HANDS;
      },
      canUndo: ({ context }) => {
        const last = context.log.at(-1);
        return (
          last !== undefined && last.cardId === currentCardId(context) && (last.vote ?? 1) === currentVote(context)
        );
      },
      votesTwice: ({ context }) => isVotedTwice(context, currentCardId(context)),
      isFirstVote: ({ context }) => currentVote(context) === 1 && !context.settings.room,
      isLastCard: ({ context }) => isLastCard(context),
      isLastRound: ({ context }) => isLastRound(context),
      isValidPage: ({ event }) => {
        assertEvent(event, 'answers.page');
        return Number.isInteger(event.page) && event.page >= 0 && event.page <= MAX_PAGES;
      },
      isAdoptedState: ({ event }, params: { state: string }) =>
        event.type === 'sync.adopt' && event.state === params.state,
      showsScoreboardBetween: ({ context }) => context.settings.scoreboard === 'between',
    },
    actions: {
      applySettings: assign(({ context, event }) => {
        assertEvent(event, 'setup.start');
        const { room, phones } = event.settings;
        const settings = {
          ...event.settings,
          phones: room ? ('off' as const) : phones,
          teams: room
            ? [m.workshop_machine_the_room()]
            : phones === 'solo'
              ? []
              : event.settings.teams.map((team) => team.trim()),
        };
        return { ...notStarted(), settings, rounds: buildRounds(bank, context.seed, settings.scenarioIds) };
      }),
      startClock: assign(({ context, event }) => {
        assertEvent(event, ['round.start', 'card.next', 'vote.again']);
        return cardDeadline(context, event.at);
      }),
      stopClock: assign({ deadline: null, remaining: null }),
      setAnswer: assign(({ context, event }) => {
        assertEvent(event, 'answer.set');
        const cardId = currentCardId(context)!;
        const before = currentEntries(context);
        const left = context.remaining ?? (context.deadline === null ? null : Math.max(0, context.deadline - event.at));
        const after: CardEntries = {
          ...before,
          picks: before.picks.map((pick, team) => (team === event.team ? event.role : pick)),
          left: before.left.map((value, team) => (team === event.team ? (event.role ? left : null) : value)),
        };
        const vote = currentVote(context);
        return { entries: { ...context.entries, [cardId]: after }, log: [...context.log, { cardId, vote, before }] };
      }),
      setTally: assign(({ context, event }) => {
        assertEvent(event, 'tally.set');
        const cardId = currentCardId(context)!;
        const before = currentEntries(context);
        const tally: Tally = { ...before.tally, [event.role]: event.count };
        return {
          entries: { ...context.entries, [cardId]: { ...before, tally } },
          log: [...context.log, { cardId, vote: currentVote(context), before }],
        };
      }),
      undo: assign(({ context }) => {
        const last = context.log.at(-1)!;
        return { entries: { ...context.entries, [last.cardId]: last.before }, log: context.log.slice(0, -1) };
      }),
      pause: assign(({ context, event }) => {
        assertEvent(event, 'timer.pause');
        return { remaining: Math.max(0, (context.deadline ?? event.at) - event.at), deadline: null };
      }),
      resume: assign(({ context, event }) => {
        assertEvent(event, 'timer.resume');
        return { deadline: event.at + (context.remaining ?? 0), remaining: null };
      }),
      openRoom: assign(({ context, event }) => {
        assertEvent(event, 'room.open');
        return { room: { ...event.room, check: context.room?.check ?? null } };
      }),
      showSymbols: assign(({ context, event }) => {
        assertEvent(event, 'room.symbols');
        return { room: context.room && { ...context.room, check: event.check } };
      }),
      lockDoor: assign(({ context, event }) => {
        assertEvent(event, 'door.lock');
        return { door: { ...context.door, locked: event.locked } };
      }),
      checkAtDoor: assign(({ context, event }) => {
        assertEvent(event, 'door.check');
        return { door: { ...context.door, check: event.check } };
      }),
      seatPlayer: assign(({ context, event }) => {
        assertEvent(event, 'player.join');
        return { players: [...context.players, { ...event.player, removed: false }] };
      }),
      removePlayer: assign(({ context, event }) => {
        assertEvent(event, 'player.remove');
        return { players: context.players.map((p) => (p.id === event.id ? { ...p, removed: true } : p)) };
      }),
      addVotes: assign(({ context, event }) => {
        assertEvent(event, 'votes.add');
        return { entries: { ...context.entries, [currentCardId(context)!]: withVotes(context, event.votes) } };
      }),
      /** Answers the server took before the first vote closed, arriving as the room looks at it. */
      addFirstVotes: assign(({ context, event }) => {
        assertEvent(event, 'votes.add');
        const cardId = currentCardId(context)!;
        const entries = currentEntries(context);
        const first = withVotes(context, event.votes, entries.first);
        return { entries: { ...context.entries, [cardId]: { ...entries, first } } };
      }),
      keepFirstVote: assign(({ context }) => {
        const cardId = currentCardId(context)!;
        const first = currentEntries(context);
        return { entries: { ...context.entries, [cardId]: { ...emptyEntries(context.settings.teams.length), first } } };
      }),
      setTwice: assign(({ context, event }) => {
        assertEvent(event, 'card.twice');
        return { twice: { ...context.twice, [currentCardId(context)!]: event.twice } };
      }),
      startTalk: assign(({ context, event }) => {
        assertEvent(event, 'talk.start');
        return { deadline: event.at + context.settings.talkSeconds * 1000, remaining: null };
      }),
      extendDeadline: assign(({ context, event }) => {
        assertEvent(event, 'timer.extend');
        const at = event.at;
        const deadline = Math.min(Math.max(context.deadline ?? at, at) + event.seconds * 1000, at + MAX_CARD_MS);
        return { deadline, remaining: null };
      }),
      extendRemaining: assign(({ context, event }) => {
        assertEvent(event, 'timer.extend');
        return { remaining: Math.min((context.remaining ?? 0) + event.seconds * 1000, MAX_CARD_MS) };
      }),
      nextCard: assign(({ context }) => toNextCard(context)),
      nextRound: assign(({ context }) => toNextRound(context)),
      turnPage: assign(({ event }) => {
        assertEvent(event, 'answers.page');
        return { page: event.page };
      }),
      adopt: assign(({ event }) => {
        assertEvent(event, 'sync.adopt');
        return event.context;
      }),
      newSeed: assign({ seed: ({ context }) => deriveSeed(context.seed, 'workshop') }),
    },
  }).createMachine({
    id: 'workshop',
    context: ({ input }) => ({
      seed: input.seed,
      settings: {
        teams: [1, 2, 3].map(teamName),
        room: false,
        scenarioIds: [],
        secondsPerCard: 60,
        speedBonus: false,
        scoreboard: 'between',
        phones: 'off',
        voteTwice: false,
        talkSeconds: 60,
      },
      ...notStarted(),
    }),
    initial: 'setup',
    states: {
      setup: {
        on: { 'setup.start': { guard: 'hasValidSettings', target: 'opening', actions: 'applySettings' } },
      },
      opening: {
        always: [{ guard: 'usesPhones', target: 'lobby' }, { target: 'roundIntro' }],
      },
      lobby: {
        on: {
          'lobby.close': 'roundIntro',
          'lobby.cancel': 'setup',
        },
      },
      roundIntro: {
        on: { 'round.start': { target: 'question', actions: 'startClock' } },
      },
      question: voting([
        { guard: 'votesTwice', target: 'spread', actions: ['stopClock', 'keepFirstVote'] },
        { target: 'reveal', actions: 'stopClock' },
      ]),
      // A task voted twice: the room sees how it voted (not the answer), talks it over, votes again.
      spread: {
        on: {
          'talk.start': { target: 'talk', actions: 'startTalk' },
          'votes.add': { actions: 'addFirstVotes' },
        },
      },
      talk: {
        initial: 'talking',
        states: {
          talking: {
            on: {
              'timer.check': { guard: 'isPastDeadline', target: 'over' },
              'timer.extend': { guard: 'isValidExtension', actions: 'extendDeadline' },
            },
          },
          over: {
            on: { 'timer.extend': { guard: 'isValidExtension', target: 'talking', actions: 'extendDeadline' } },
          },
        },
        on: { 'vote.again': { target: 'again', actions: 'startClock' } },
      },
      again: voting({ target: 'reveal', actions: 'stopClock' }),
      reveal: {
        on: {
          // Answers the server took before the reveal reached it, arriving just after (a split chosen at the last moment).
          'votes.add': { actions: 'addVotes' },
          'entry.undo': { guard: 'canUndo', actions: 'undo' },
          'card.next': [
            { guard: 'isLastCard', target: 'roundEnd' },
            { target: 'question', actions: ['nextCard', 'startClock'] },
          ],
        },
      },
      roundEnd: {
        always: [
          { guard: 'isLastRound', target: 'final' },
          { guard: 'showsScoreboardBetween', target: 'scoreboard' },
          { target: 'roundIntro', actions: 'nextRound' },
        ],
      },
      scoreboard: {
        on: { 'scoreboard.continue': { target: 'roundIntro', actions: 'nextRound' } },
      },
      final: {
        on: {
          'answers.page': { guard: 'isValidPage', actions: 'turnPage' },
          'workshop.restart': { target: 'setup', actions: 'newSeed' },
        },
      },
    },
    on: {
      'room.open': { guard: 'usesPhones', actions: 'openRoom' },
      'room.symbols': { guard: 'hasRoom', actions: 'showSymbols' },
      'door.lock': { guard: 'usesPhones', actions: 'lockDoor' },
      'door.check': { guard: 'usesPhones', actions: 'checkAtDoor' },
      'player.join': { guard: 'canSeat', actions: 'seatPlayer' },
      'player.remove': { guard: 'isSeated', actions: 'removePlayer' },
      'sync.adopt': ADOPTABLE_STATES.map((state) => ({
        guard: { type: 'isAdoptedState' as const, params: { state } },
        target: `.${state}`,
        actions: 'adopt' as const,
      })),
    },
  });
}

export type WorkshopMachine = ReturnType<typeof createWorkshopMachine>;
