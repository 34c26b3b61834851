import { assertEvent, assign, setup } from 'xstate';
import { groupByScenario, indexCards } from '../game/bank';
import { deriveSeed } from '../game/random';
import type { PlayMode } from '../game/history';
import { buildReviewRound, buildRounds, type Round } from '../game/rounds';
import type { Bank, Card, Role, Scenario } from '../game/schema';
import { isMissed, type Answer } from '../game/scoring';

/** Self-paced play: every rule of a game, from the intro screen to the results. */

export interface PlayContext {
  bank: Bank;
  /** Seeds the scenario, card and option order of the current game. */
  seed: number;
  scenarioIds: string[];
  rounds: Round[];
  roundIndex: number;
  cardIndex: number;
  /** Answers of the current game by card id. */
  answers: Record<string, Answer>;
  /** A game of chosen companies, a replay of the cards missed, or a review of cards due. */
  mode: PlayMode;
}

export interface PlayInput {
  bank: Bank;
  seed: number;
}

export type PlayEvent =
  | { type: 'game.start'; scenarioIds: string[] }
  | { type: 'review.start'; cardIds: string[] }
  | { type: 'round.start' }
  | { type: 'card.answer'; role: Role }
  | { type: 'feedback.continue' }
  | { type: 'overlap.choose'; option: number }
  | { type: 'overlap.continue' }
  | { type: 'round.continue' }
  | { type: 'game.replayMissed' }
  | { type: 'game.playAgain' }
  | { type: 'game.home' };

export function currentRound(context: PlayContext): Round | undefined {
  return context.rounds[context.roundIndex];
}

/** The scenario of the current round; undefined for a review round, which mixes companies. */
export function currentScenario(context: PlayContext): Scenario | undefined {
  const round = currentRound(context);
  return context.bank.scenarios.find((scenario) => scenario.id === round?.scenarioId);
}

/** The scenario a card comes from. */
export function scenarioOf(context: PlayContext, cardId: string): Scenario | undefined {
  return indexCards(context.bank).get(cardId)?.scenario;
}

/** The cards of the given round ids, in play order. */
export function cardsOf(context: PlayContext, rounds: Round[] = context.rounds): Card[] {
  const index = indexCards(context.bank);
  return rounds.flatMap((round) => round.cardIds.flatMap((id) => index.get(id)?.card ?? []));
}

export function roundCards(context: PlayContext): Card[] {
  const round = currentRound(context);
  return round ? cardsOf(context, [round]) : [];
}

export function currentCard(context: PlayContext): Card | undefined {
  return roundCards(context)[context.cardIndex];
}

/** The cards played in the current game grouped by their company, in order of first play. */
export function playedByScenario(context: PlayContext): Array<{ scenario: Scenario; cards: Card[] }> {
  const index = indexCards(context.bank);
  return groupByScenario(cardsOf(context).map((card) => index.get(card.id)!));
}

/** Ids of the cards of the current game on which the learner left points. */
export function missedCardIds(context: PlayContext): string[] {
  return cardsOf(context)
    .filter((card) => isMissed(card, context.answers[card.id]))
    .map((card) => card.id);
}

function newGame(mode: PlayMode, seed: number, scenarioIds: string[], rounds: Round[]) {
  return { mode, seed, scenarioIds, rounds, roundIndex: 0, cardIndex: 0, answers: {} };
}

export const playMachine = setup({
  types: {
    context: {} as PlayContext,
    events: {} as PlayEvent,
    input: {} as PlayInput,
  },
  guards: {
    hasScenarios: ({ context, event }) => {
      assertEvent(event, 'game.start');
      return buildRounds(context.bank, context.seed, event.scenarioIds).length > 0;
    },
    hasReviewCards: ({ context, event }) => {
      assertEvent(event, 'review.start');
      return buildReviewRound(context.bank, context.seed, event.cardIds).length > 0;
    },
    isSharedCard: ({ context }) => currentCard(context)?.key === 'both',
    isLastCard: ({ context }) => context.cardIndex >= (currentRound(context)?.cardIds.length ?? 0) - 1,
    isLastRound: ({ context }) => context.roundIndex >= context.rounds.length - 1,
    hasMissedCards: ({ context }) => missedCardIds(context).length > 0,
    isCompanyGame: ({ context }) => context.mode !== 'review',
    isValidOption: ({ context, event }) => {
      assertEvent(event, 'overlap.choose');
      const card = currentCard(context);
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
        buildRounds(context.bank, context.seed, event.scenarioIds),
      );
    }),
    startReview: assign(({ context, event }) => {
      assertEvent(event, 'review.start');
      const scenarioIds = [...new Set(event.cardIds.flatMap((id) => scenarioOf(context, id)?.id ?? []))];
      return newGame('review', context.seed, scenarioIds, buildReviewRound(context.bank, context.seed, event.cardIds));
    }),
    startReplay: assign(({ context }) => {
      const seed = deriveSeed(context.seed, 'replay');
      const missed = missedCardIds(context);
      const rounds =
        context.mode === 'review'
          ? buildReviewRound(context.bank, seed, missed)
          : buildRounds(context.bank, seed, context.scenarioIds, new Set(missed));
      return newGame(context.mode === 'review' ? 'review' : 'replay', seed, context.scenarioIds, rounds);
    }),
    startAgain: assign(({ context }) => {
      const seed = deriveSeed(context.seed, 'again');
      return newGame('play', seed, context.scenarioIds, buildRounds(context.bank, seed, context.scenarioIds));
    }),
    prepareNextGame: assign({ seed: ({ context }) => deriveSeed(context.seed, 'next') }),
    recordAnswer: assign({
      answers: ({ context, event }) => {
        assertEvent(event, 'card.answer');
        const card = currentCard(context)!;
        return { ...context.answers, [card.id]: { role: event.role } };
      },
    }),
    recordOverlap: assign({
      answers: ({ context, event }) => {
        assertEvent(event, 'overlap.choose');
        const card = currentCard(context)!;
        return { ...context.answers, [card.id]: { ...context.answers[card.id]!, overlap: event.option } };
      },
    }),
    nextCard: assign({ cardIndex: ({ context }) => context.cardIndex + 1 }),
    nextRound: assign({ roundIndex: ({ context }) => context.roundIndex + 1, cardIndex: 0 }),
  },
}).createMachine({
  id: 'play',
  context: ({ input }) => ({
    bank: input.bank,
    seed: input.seed,
    scenarioIds: input.bank.scenarios.map((scenario) => scenario.id),
    rounds: [],
    roundIndex: 0,
    cardIndex: 0,
    answers: {},
    mode: 'play',
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
      on: { 'card.answer': { target: 'feedback', actions: 'recordAnswer' } },
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
