import { and, assertEvent, assign, setup } from 'xstate';
import { indexCards } from '../game/bank';
import { deriveSeed } from '../game/random';
import { buildRounds, type Round } from '../game/rounds';
import type { Bank, Card, Role, Scenario } from '../game/schema';
import {
  emptyEntries,
  MAX_HANDS,
  MAX_TEAMS,
  MIN_TEAMS,
  type CardEntries,
  type Tally,
  type WorkshopSettings,
} from '../game/workshop';

/**
 * A facilitated workshop: every rule from setup to the podium. Time is kept as an absolute
 * deadline; events that depend on time carry the moment they happened (`at`, epoch ms), so
 * two windows replaying the same events agree, and a reload can work out what is left.
 */

/** Undo information: the entries of a card before the change. */
interface LogEntry {
  cardId: string;
  before: CardEntries;
}

export interface WorkshopContext {
  bank: Bank;
  seed: number;
  settings: WorkshopSettings;
  rounds: Round[];
  roundIndex: number;
  cardIndex: number;
  entries: Record<string, CardEntries>;
  log: LogEntry[];
  /** When the current card's time runs out (epoch ms); null without a running timer. */
  deadline: number | null;
  /** Time left while the timer is paused (ms). */
  remaining: number | null;
}

export interface WorkshopInput {
  bank: Bank;
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
  | { type: 'workshop.restart' };

export function workshopRound(context: WorkshopContext): Round | undefined {
  return context.rounds[context.roundIndex];
}

export function workshopScenario(context: WorkshopContext): Scenario | undefined {
  return context.bank.scenarios.find((scenario) => scenario.id === workshopRound(context)?.scenarioId);
}

export function workshopCard(context: WorkshopContext): Card | undefined {
  const id = workshopRound(context)?.cardIds[context.cardIndex];
  return id ? indexCards(context.bank).get(id)?.card : undefined;
}

/** The card after the current one, in this round or the next; undefined at the very end. */
export function upcomingCard(context: WorkshopContext): { card: Card; scenario: Scenario } | undefined {
  const round = workshopRound(context);
  const nextId = round?.cardIds[context.cardIndex + 1] ?? context.rounds[context.roundIndex + 1]?.cardIds[0];
  return nextId ? indexCards(context.bank).get(nextId) : undefined;
}

/** Every card played so far (up to and including the current one), with its company. */
export function playedCards(context: WorkshopContext): Array<{ card: Card; scenario: Scenario }> {
  const index = indexCards(context.bank);
  return context.rounds.flatMap((round, r) =>
    round.cardIds
      .filter((_, c) => r < context.roundIndex || (r === context.roundIndex && c <= context.cardIndex))
      .map((id) => index.get(id)!),
  );
}

/** Milliseconds left on the current card at `now`; null when no timer runs for it. */
export function timeLeft(context: WorkshopContext, now: number): number | null {
  if (context.remaining !== null) return context.remaining;
  if (context.deadline === null) return null;
  // A clock read a moment before the card started must not show more than the full time.
  return Math.min(context.settings.secondsPerCard * 1000, Math.max(0, context.deadline - now));
}

/** Why settings cannot start a workshop, or undefined when they can. */
export function settingsProblem(settings: WorkshopSettings, bank: Bank): string | undefined {
  if (!settings.room && (settings.teams.length < MIN_TEAMS || settings.teams.length > MAX_TEAMS))
    return `Name between ${MIN_TEAMS} and ${MAX_TEAMS} teams.`;
  if (!settings.room && settings.teams.some((team) => !team.trim())) return 'Every team needs a name.';
  if (!settings.room && new Set(settings.teams.map((team) => team.trim().toLowerCase())).size !== settings.teams.length)
    return 'Give every team a different name.';
  if (!bank.scenarios.some((scenario) => settings.scenarioIds.includes(scenario.id)))
    return 'Pick at least one company.';
  return undefined;
}

function cardDeadline(context: WorkshopContext, at: number) {
  return {
    deadline: context.settings.secondsPerCard ? at + context.settings.secondsPerCard * 1000 : null,
    remaining: null,
  };
}

function currentEntries(context: WorkshopContext): CardEntries {
  const card = workshopCard(context)!;
  return context.entries[card.id] ?? emptyEntries(context.settings.teams.length);
}

export const workshopMachine = setup({
  types: {
    context: {} as WorkshopContext,
    events: {} as WorkshopEvent,
    input: {} as WorkshopInput,
  },
  delays: {
    untilDeadline: ({ context }) => Math.max(0, (context.deadline ?? 0) - Date.now()),
  },
  guards: {
    hasValidSettings: ({ context, event }) => {
      assertEvent(event, 'setup.start');
      return settingsProblem(event.settings, context.bank) === undefined;
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
    isValidCount: ({ event }) => {
      assertEvent(event, 'tally.set');
      return Number.isInteger(event.count) && event.count >= 0 && event.count <= MAX_HANDS;
    },
    canUndo: ({ context }) => context.log.at(-1)?.cardId === workshopCard(context)?.id,
    isLastCard: ({ context }) => context.cardIndex >= (workshopRound(context)?.cardIds.length ?? 0) - 1,
    isLastRound: ({ context }) => context.roundIndex >= context.rounds.length - 1,
    showsScoreboardBetween: ({ context }) => context.settings.scoreboard === 'between',
  },
  actions: {
    applySettings: assign(({ context, event }) => {
      assertEvent(event, 'setup.start');
      const settings = {
        ...event.settings,
        teams: event.settings.room ? ['The room'] : event.settings.teams.map((team) => team.trim()),
      };
      return {
        settings,
        rounds: buildRounds(context.bank, context.seed, settings.scenarioIds),
        roundIndex: 0,
        cardIndex: 0,
        entries: {},
        log: [],
        deadline: null,
        remaining: null,
      };
    }),
    startClock: assign(({ context, event }) => {
      assertEvent(event, ['round.start', 'card.next']);
      return cardDeadline(context, event.at);
    }),
    stopClock: assign({ deadline: null, remaining: null }),
    setAnswer: assign(({ context, event }) => {
      assertEvent(event, 'answer.set');
      const card = workshopCard(context)!;
      const before = currentEntries(context);
      const left = context.remaining ?? (context.deadline === null ? null : Math.max(0, context.deadline - event.at));
      const after: CardEntries = {
        ...before,
        picks: before.picks.map((pick, team) => (team === event.team ? event.role : pick)),
        left: before.left.map((value, team) => (team === event.team ? (event.role ? left : null) : value)),
      };
      return { entries: { ...context.entries, [card.id]: after }, log: [...context.log, { cardId: card.id, before }] };
    }),
    setTally: assign(({ context, event }) => {
      assertEvent(event, 'tally.set');
      const card = workshopCard(context)!;
      const before = currentEntries(context);
      const tally: Tally = { ...before.tally, [event.role]: event.count };
      return {
        entries: { ...context.entries, [card.id]: { ...before, tally } },
        log: [...context.log, { cardId: card.id, before }],
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
    nextCard: assign({ cardIndex: ({ context }) => context.cardIndex + 1 }),
    nextRound: assign({ roundIndex: ({ context }) => context.roundIndex + 1, cardIndex: 0 }),
    newSeed: assign({ seed: ({ context }) => deriveSeed(context.seed, 'workshop') }),
  },
}).createMachine({
  id: 'workshop',
  context: ({ input }) => ({
    bank: input.bank,
    seed: input.seed,
    settings: {
      teams: ['Team 1', 'Team 2', 'Team 3'],
      room: false,
      scenarioIds: [],
      secondsPerCard: 60,
      speedBonus: false,
      scoreboard: 'between',
    },
    rounds: [],
    roundIndex: 0,
    cardIndex: 0,
    entries: {},
    log: [],
    deadline: null,
    remaining: null,
  }),
  initial: 'setup',
  states: {
    setup: {
      on: { 'setup.start': { guard: 'hasValidSettings', target: 'roundIntro', actions: 'applySettings' } },
    },
    roundIntro: {
      on: { 'round.start': { target: 'question', actions: 'startClock' } },
    },
    question: {
      initial: 'starting',
      states: {
        starting: {
          always: [{ guard: 'hasTimer', target: 'timing' }, { target: 'untimed' }],
        },
        timing: {
          after: { untilDeadline: 'timeUp' },
          on: {
            'timer.pause': { target: 'paused', actions: 'pause' },
            'timer.check': { guard: 'isPastDeadline', target: 'timeUp' },
          },
        },
        paused: {
          on: { 'timer.resume': { target: 'timing', actions: 'resume' } },
        },
        timeUp: {},
        untimed: {},
      },
      on: {
        'answer.set': { guard: 'isValidTeam', actions: 'setAnswer' },
        'tally.set': { guard: and(['isRoomMode', 'isValidCount']), actions: 'setTally' },
        'entry.undo': { guard: 'canUndo', actions: 'undo' },
        'card.reveal': { target: 'reveal', actions: 'stopClock' },
      },
    },
    reveal: {
      on: {
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
      on: { 'workshop.restart': { target: 'setup', actions: 'newSeed' } },
    },
  },
});
