import { assertEvent, assign, setup } from 'xstate';
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
import type { Card, Role, Scenario } from '../../core/schema';
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
}

export interface PlayInput {
  seed: number;
}

export type PlayEvent =
  /** `confidence` says whether to ask how sure the learner is; asked unless it is false. */
  | { type: 'game.start'; scenarioIds: string[]; confidence?: boolean }
  /** Without `confidence`, a review asks as the last game did. */
  | { type: 'review.start'; cardIds: string[]; confidence?: boolean }
  | { type: 'round.start' }
  /** The role, and how sure of it the learner is; a game that asks takes no answer without it. */
  | { type: 'card.answer'; role: Role; confidence?: Confidence }
  | { type: 'feedback.continue' }
  | { type: 'overlap.choose'; option: number }
  | { type: 'overlap.continue' }
  | { type: 'round.continue' }
  | { type: 'game.replayMissed' }
  | { type: 'game.playAgain' }
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

function newGame(mode: PlayMode, seed: number, scenarioIds: string[], rounds: Round[], confidence: boolean) {
  return { mode, seed, scenarioIds, rounds, roundIndex: 0, cardIndex: 0, answers: {}, confidence };
}

/** True when a value is one of the levels of confidence. */
export function isConfidence(value: unknown): value is Confidence {
  return CONFIDENCES.includes(value as Confidence);
}

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
        return buildRounds(bank, context.seed, event.scenarioIds).length > 0;
      },
      hasReviewCards: ({ context, event }) => {
        assertEvent(event, 'review.start');
        return buildReviewRound(bank, context.seed, event.cardIds).length > 0;
      },
      hasConfidenceIfAsked: ({ context, event }) => {
        assertEvent(event, 'card.answer');
        return context.confidence
          ? isConfidence(event.confidence)
          : event.confidence === undefined || isConfidence(event.confidence);
      },
      isSharedCard: ({ context }) => currentCard(bank, context)?.key === 'both',
      isLastCard: ({ context }) => isLastCard(context),
      isLastRound: ({ context }) => isLastRound(context),
      hasMissedCards: ({ context }) => missedCardIds(bank, context).length > 0,
      isCompanyGame: ({ context }) => context.mode !== 'review',
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
      prepareNextGame: assign({ seed: ({ context }) => deriveSeed(context.seed, 'next') }),
      recordAnswer: assign({
        answers: ({ context, event }) => {
          assertEvent(event, 'card.answer');
          // A game that does not ask keeps no confidence, so its saved answers never carry one.
          const answer: Answer =
            context.confidence && event.confidence
              ? { role: event.role, confidence: event.confidence }
              : { role: event.role };
          return { ...context.answers, [currentCardId(context)!]: answer };
        },
      }),
      recordOverlap: assign({
        answers: ({ context, event }) => {
          assertEvent(event, 'overlap.choose');
          const id = currentCardId(context)!;
          return { ...context.answers, [id]: { ...context.answers[id]!, overlap: event.option } };
        },
      }),
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
    }),
    initial: 'intro',
    states: {
      intro: {
        on: {
          'game.start': { guard: 'hasScenarios', target: 'roundIntro', actions: 'startGame' },
          'review.start': { guard: 'hasReviewCards', target: 'roundIntro', actions: 'startReview' },
        },
      },
      roundIntro: {
        on: { 'round.start': 'answering' },
      },
      answering: {
        on: { 'card.answer': { guard: 'hasConfidenceIfAsked', target: 'feedback', actions: 'recordAnswer' } },
      },
      feedback: {
        on: {
          'feedback.continue': [
            { guard: 'isSharedCard', target: 'overlap' },
            { guard: 'isLastCard', target: 'summary' },
            { target: 'answering', actions: 'nextCard' },
          ],
        },
      },
      overlap: {
        initial: 'choosing',
        states: {
          choosing: {
            on: { 'overlap.choose': { guard: 'isValidOption', target: 'revealed', actions: 'recordOverlap' } },
          },
          revealed: {
            on: {
              'overlap.continue': [
                { guard: 'isLastCard', target: '#play.summary' },
                { target: '#play.answering', actions: 'nextCard' },
              ],
            },
          },
        },
      },
      summary: {
        on: {
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
      'game.home': { target: '.intro', actions: 'prepareNextGame' },
    },
  });
}

export type PlayMachine = ReturnType<typeof createPlayMachine>;
