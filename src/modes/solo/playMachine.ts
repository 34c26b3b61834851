import { and, assertEvent, assign, setup } from 'xstate';
import { entriesOf, groupByScenario, type IndexedBank } from '../../core/bank';
import {
  currentCard,
  currentCardId,
  currentRound,
  dealtCardIds,
  isLastCard,
  isLastRound,
  toNextCard,
  toNextRound,
} from '../../core/cursor';
import type { Cursor } from '../../core/cursor';
import type { PlayMode } from '../../core/history';
import { deriveSeed } from '../../core/random';
import { buildReviewRound, buildRounds, type Round } from '../../core/rounds';
import { ROLES, type Card, type Role, type Scenario } from '../../core/schema';
import { CONFIDENCES, isMissed, type Answer, type Confidence } from '../../core/scoring';

/**
 * Self-paced play: every rule of a game, from the intro screen to the results. The machine is
 * made for one question bank, which it closes over, so its context is plain data that saves
 * and restores as it is.
 */

export interface PlayContext extends Cursor {
  /** Seeds the scenario, card and option order of the current game. */
  seed: number;
  scenarioIds: string[];
  /** Answers of the current game by card id. */
  answers: Record<string, Answer>;
  /** A game of chosen companies, a replay of the cards missed, or a review of cards due. */
  mode: PlayMode;
  /**
   * Whether the game asks how sure the learner is of each role (certainty-based marking). Set
   * when a game starts; a replay, a new deal and a review keep it.
   */
  confidence: boolean;
  /**
   * A role picked for the current task in a game that asks how sure the learner is, waiting
   * for that answer (the `answering.confiding` step); null at every other step. It is saved
   * with the game, so a reload between the role and the confidence keeps the pick.
   */
  picked: Role | null;
  /**
   * Where a game left for the start screen (`game.leave`) takes up again (`game.resume`): the
   * step it was on (one of RESUME_POINTS; a saved one is only text until the machine takes it).
   * Unset while a game is played, and in a new one.
   */
  resumeAt?: string;
}

/** The steps a game can be left from for the start screen, and taken up at again. */
export const RESUME_POINTS = [
  'roundIntro',
  'answering.picking',
  'answering.confiding',
  'feedback',
  'overlap.choosing',
  'overlap.revealed',
  'summary',
] as const;
export type ResumePoint = (typeof RESUME_POINTS)[number];

export interface PlayInput {
  seed: number;
}

export type PlayEvent =
  /** `confidence` says whether to ask how sure the learner is; asked unless it is false. */
  | { type: 'game.start'; scenarioIds: string[]; confidence?: boolean }
  /** Without `confidence`, a review asks as the last game did. */
  | { type: 'review.start'; cardIds: string[]; confidence?: boolean }
  | { type: 'round.start' }
  /**
   * A role for the current task: the answer, in a game that does not ask how sure the learner
   * is; in one that asks, a pick held until the confidence comes (another pick replaces it).
   */
  | { type: 'role.pick'; role: Role }
  /** How sure the learner is of the role picked: answers the task with both. */
  | { type: 'confidence.choose'; confidence: Confidence }
  /** Puts the picked role back: the task waits for a role again. */
  | { type: 'pick.cancel' }
  | { type: 'feedback.continue' }
  | { type: 'overlap.choose'; option: number }
  | { type: 'overlap.continue' }
  | { type: 'round.continue' }
  | { type: 'game.replayMissed' }
  | { type: 'game.playAgain' }
  /** To the start screen, the game kept to take up again. */
  | { type: 'game.leave' }
  | { type: 'game.resume' }
  | { type: 'game.home' };

/** The cards of the given rounds, in play order. */
export function cardsOf(bank: IndexedBank, rounds: Round[]): Card[] {
  return entriesOf(
    bank,
    rounds.flatMap((round) => round.cardIds),
  ).map((entry) => entry.card);
}

export function roundCards(bank: IndexedBank, context: PlayContext): Card[] {
  const round = currentRound(context);
  return round ? cardsOf(bank, [round]) : [];
}

/** The cards played in the current game grouped by their company, in order of first play. */
export function playedByScenario(
  bank: IndexedBank,
  context: PlayContext,
): Array<{ scenario: Scenario; cards: Card[] }> {
  return groupByScenario(entriesOf(bank, dealtCardIds(context)));
}

/** Ids of the cards of the current game on which the learner left points. */
export function missedCardIds(bank: IndexedBank, context: PlayContext): string[] {
  return cardsOf(bank, context.rounds)
    .filter((card) => isMissed(card, context.answers[card.id]))
    .map((card) => card.id);
}

/** Where a deal stands before anything of it is played: the first task, nothing answered or picked. */
const UNPLAYED = { roundIndex: 0, cardIndex: 0, answers: {}, picked: null } as const;

function newGame(
  mode: PlayMode,
  seed: number,
  scenarioIds: string[],
  rounds: Round[],
  confidence: boolean,
): PlayContext {
  return { mode, seed, scenarioIds, rounds, confidence, ...UNPLAYED };
}

/**
 * A game's deal as it starts, with nothing of it played: the snapshot every game, replay and
 * review enters on (`game.start` and the rest lead there), for a context that holds the deal.
 */
export function dealStart(context: PlayContext): { value: 'roundIntro'; context: PlayContext } {
  return { value: 'roundIntro', context: { ...context, ...UNPLAYED } };
}

/** True when a value is one of the levels of confidence. */
export function isConfidence(value: unknown): value is Confidence {
  return CONFIDENCES.includes(value as Confidence);
}

/** True when a value is one of the roles. */
export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}

/** Leaving a game for the start screen from a step, kept to take up there again. */
const leave = (at: ResumePoint) => ({
  target: '#play.paused',
  actions: { type: 'leaveGame' as const, params: { at } },
});

/** The self-paced machine for a bank. */
export function createPlayMachine(bank: IndexedBank) {
  return setup({
    types: {
      context: {} as PlayContext,
      events: {} as PlayEvent,
      input: {} as PlayInput,
    },
    guards: {
      hasScenarios: ({ context, event }) => {
        assertEvent(event, 'game.start');
        // Events come from outside too (a saved game's walk tries each bare): no list, no game.
        return Array.isArray(event.scenarioIds) && buildRounds(bank, context.seed, event.scenarioIds).length > 0;
      },
      hasReviewCards: ({ context, event }) => {
        assertEvent(event, 'review.start');
        return Array.isArray(event.cardIds) && buildReviewRound(bank, context.seed, event.cardIds).length > 0;
      },
      asksConfidence: ({ context }) => context.confidence,
      isKnownRole: ({ event }) => {
        assertEvent(event, 'role.pick');
        return isRole(event.role);
      },
      isConfidenceLevel: ({ event }) => {
        assertEvent(event, 'confidence.choose');
        return isConfidence(event.confidence);
      },
      isSharedCard: ({ context }) => currentCard(bank, context)?.key === 'both',
      isLastCard: ({ context }) => isLastCard(context),
      isLastRound: ({ context }) => isLastRound(context),
      isOnlyRound: ({ context }) => context.rounds.length === 1,
      hasMissedCards: ({ context }) => missedCardIds(bank, context).length > 0,
      isCompanyGame: ({ context }) => context.mode !== 'review',
      resumesAt: ({ context }, params: { at: ResumePoint }) => context.resumeAt === params.at,
      isValidOption: ({ context, event }) => {
        assertEvent(event, 'overlap.choose');
        const card = currentCard(bank, context);
        return (
          card?.key === 'both' &&
          Number.isInteger(event.option) &&
          event.option >= 0 &&
          event.option < card.overlap.options.length
        );
      },
    },
    actions: {
      startGame: assign(({ context, event }) => {
        assertEvent(event, 'game.start');
        return newGame(
          'play',
          context.seed,
          event.scenarioIds,
          buildRounds(bank, context.seed, event.scenarioIds),
          event.confidence ?? true,
        );
      }),
      startReview: assign(({ context, event }) => {
        assertEvent(event, 'review.start');
        const scenarioIds = [...new Set(entriesOf(bank, event.cardIds).map((entry) => entry.scenario.id))];
        return newGame(
          'review',
          context.seed,
          scenarioIds,
          buildReviewRound(bank, context.seed, event.cardIds),
          event.confidence ?? context.confidence,
        );
      }),
      startReplay: assign(({ context }) => {
        const seed = deriveSeed(context.seed, 'replay');
        const missed = missedCardIds(bank, context);
        const rounds =
          context.mode === 'review'
            ? buildReviewRound(bank, seed, missed)
            : buildRounds(bank, seed, context.scenarioIds, new Set(missed));
        return newGame(
          context.mode === 'review' ? 'review' : 'replay',
          seed,
          context.scenarioIds,
          rounds,
          context.confidence,
        );
      }),
      startAgain: assign(({ context }) => {
        const seed = deriveSeed(context.seed, 'again');
        return newGame(
          'play',
          seed,
          context.scenarioIds,
          buildRounds(bank, seed, context.scenarioIds),
          context.confidence,
        );
      }),
      prepareNextGame: assign({ seed: ({ context }) => deriveSeed(context.seed, 'next'), picked: null }),
      holdPick: assign({
        picked: ({ event }) => {
          assertEvent(event, 'role.pick');
          return event.role;
        },
      }),
      dropPick: assign({ picked: null }),
      recordAnswer: assign(({ context, event }) => {
        assertEvent(event, ['role.pick', 'confidence.choose']);
        // A game that does not ask answers with the role alone, so its answers never carry a confidence.
        const answer: Answer =
          event.type === 'confidence.choose'
            ? { role: context.picked!, confidence: event.confidence }
            : { role: event.role };
        return { answers: { ...context.answers, [currentCardId(context)!]: answer }, picked: null };
      }),
      recordOverlap: assign({
        answers: ({ context, event }) => {
          assertEvent(event, 'overlap.choose');
          const id = currentCardId(context)!;
          return { ...context.answers, [id]: { ...context.answers[id]!, overlap: event.option } };
        },
      }),
      leaveGame: assign({ resumeAt: (_, params: { at: ResumePoint }) => params.at }),
      // Only a game left for the start screen has the field: others keep no trace of it.
      forgetPause: assign(({ context }) => (context.resumeAt === undefined ? {} : { resumeAt: undefined })),
      nextCard: assign(({ context }) => toNextCard(context)),
      nextRound: assign(({ context }) => toNextRound(context)),
    },
  }).createMachine({
    id: 'play',
    context: ({ input }) => ({
      seed: input.seed,
      scenarioIds: bank.index.map((scenario) => scenario.id),
      rounds: [],
      roundIndex: 0,
      cardIndex: 0,
      answers: {},
      mode: 'play',
      confidence: true,
      picked: null,
    }),
    initial: 'intro',
    states: {
      intro: {
        on: {
          'game.start': { guard: 'hasScenarios', target: 'roundIntro', actions: 'startGame' },
          'review.start': { guard: 'hasReviewCards', target: 'roundIntro', actions: 'startReview' },
        },
      },
      // The start screen with a game kept: it takes the game up where it was left, or starts another.
      paused: {
        on: {
          'game.resume': RESUME_POINTS.map((at) => ({
            guard: { type: 'resumesAt' as const, params: { at } },
            target: `#play.${at}`,
            actions: 'forgetPause' as const,
          })),
          'game.start': { guard: 'hasScenarios', target: 'roundIntro', actions: ['startGame', 'forgetPause'] },
          'review.start': { guard: 'hasReviewCards', target: 'roundIntro', actions: ['startReview', 'forgetPause'] },
        },
      },
      roundIntro: {
        on: {
          'game.leave': leave('roundIntro'),
          'round.start': 'answering',
        },
      },
      answering: {
        initial: 'picking',
        states: {
          picking: {
            on: {
              'game.leave': leave('answering.picking'),
              'role.pick': [
                { guard: and(['isKnownRole', 'asksConfidence']), target: 'confiding', actions: 'holdPick' },
                { guard: 'isKnownRole', target: '#play.feedback', actions: 'recordAnswer' },
              ],
            },
          },
          // A role picked, waiting for how sure the learner is.
          confiding: {
            on: {
              'game.leave': leave('answering.confiding'),
              'role.pick': { guard: 'isKnownRole', actions: 'holdPick' },
              'confidence.choose': { guard: 'isConfidenceLevel', target: '#play.feedback', actions: 'recordAnswer' },
              'pick.cancel': { target: 'picking', actions: 'dropPick' },
            },
          },
        },
      },
      feedback: {
        on: {
          'game.leave': leave('feedback'),
          'feedback.continue': [
            { guard: 'isSharedCard', target: 'overlap' },
            // A game of one round has one page at its end: the results hold the round's summary.
            { guard: and(['isLastCard', 'isOnlyRound']), target: 'results' },
            { guard: 'isLastCard', target: 'summary' },
            { target: 'answering', actions: 'nextCard' },
          ],
        },
      },
      overlap: {
        initial: 'choosing',
        states: {
          choosing: {
            on: {
              'game.leave': leave('overlap.choosing'),
              'overlap.choose': { guard: 'isValidOption', target: 'revealed', actions: 'recordOverlap' },
            },
          },
          revealed: {
            on: {
              'game.leave': leave('overlap.revealed'),
              'overlap.continue': [
                { guard: and(['isLastCard', 'isOnlyRound']), target: '#play.results' },
                { guard: 'isLastCard', target: '#play.summary' },
                { target: '#play.answering', actions: 'nextCard' },
              ],
            },
          },
        },
      },
      summary: {
        on: {
          'game.leave': leave('summary'),
          'round.continue': [
            { guard: 'isLastRound', target: 'results' },
            { target: 'roundIntro', actions: 'nextRound' },
          ],
        },
      },
      results: {
        on: {
          'game.replayMissed': { guard: 'hasMissedCards', target: 'roundIntro', actions: 'startReplay' },
          'game.playAgain': { guard: 'isCompanyGame', target: 'roundIntro', actions: 'startAgain' },
        },
      },
    },
    on: {
      'game.home': { target: '.intro', actions: ['prepareNextGame', 'forgetPause'] },
    },
  });
}

export type PlayMachine = ReturnType<typeof createPlayMachine>;
