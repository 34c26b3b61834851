import * as v from 'valibot';
import type { SnapshotFrom } from 'xstate';
import { indexCards } from '../game/bank';
import { ROLES, type Bank } from '../game/schema';
import { playMachine, type PlayContext } from '../machines/playMachine';
import { atMost, count, id, ids, LIMITS } from './bounds';
import { statePath, stateValue } from './statePath';

/** Every state of self-paced play a saved game can be in, as a dotted path. */
export const GAME_STATES = [
  'intro',
  'roundIntro',
  'answering',
  'feedback',
  'overlap.choosing',
  'overlap.revealed',
  'summary',
  'results',
] as const;
type GameState = (typeof GAME_STATES)[number];

/** The rounds of a game as stored: bounded, and no card dealt twice. */
export const savedRounds = v.pipe(
  v.array(v.object({ scenarioId: v.nullable(id), cardIds: ids(LIMITS.cardsPerRound) })),
  v.maxLength(LIMITS.rounds),
  v.check((rounds) => {
    const all = rounds.flatMap((round) => round.cardIds);
    return all.length <= LIMITS.cards && new Set(all).size === all.length;
  }, 'a task is dealt twice'),
);

const savedContext = {
  seed: count(0xffffffff),
  scenarioIds: ids(LIMITS.companies),
  rounds: savedRounds,
  roundIndex: count(LIMITS.rounds),
  cardIndex: count(LIMITS.cardsPerRound),
  answers: v.pipe(
    v.record(id, v.object({ role: v.picklist(ROLES), overlap: v.optional(count(LIMITS.options)) })),
    atMost(LIMITS.cards, 'answers'),
  ),
};

/** A game in progress as stored: the machine's state and its context without the bank. */
export const savedGameSchema = v.object({
  state: v.picklist(GAME_STATES),
  context: v.object({ ...savedContext, mode: v.picklist(['play', 'replay', 'review']) }),
});
export type SavedGame = v.InferOutput<typeof savedGameSchema>;

/** The first saved-game format, before review games: a flag said whether a game was a replay. */
export const savedGameV1Schema = v.object({
  state: v.picklist(GAME_STATES),
  context: v.object({ ...savedContext, replay: v.boolean() }),
});

type PlaySnapshot = SnapshotFrom<typeof playMachine>;

/** What to store for a snapshot; null on the intro, where there is no game to resume. */
export function toSavedGame(snapshot: PlaySnapshot): SavedGame | null {
  const state = statePath(snapshot.value) as GameState;
  if (state === 'intro') return null;
  const { bank: _bank, ...context } = snapshot.context;
  return { state, context };
}

/** Why a saved game cannot be played with this bank, or undefined when it can. */
function mismatch(saved: SavedGame, bank: Bank): string | undefined {
  const cards = indexCards(bank);
  const { rounds, roundIndex, cardIndex, answers } = saved.context;
  const round = rounds[roundIndex];
  if (!round) return 'its round is missing';
  if (cardIndex >= round.cardIds.length) return 'its task is missing';
  if (rounds.some((r) => r.cardIds.length === 0)) return 'a round has no tasks';
  if (round.scenarioId !== null && !bank.scenarios.some((s) => s.id === round.scenarioId))
    return 'a company it played is gone';
  if (rounds.some((r) => r.cardIds.some((id) => !cards.has(id)))) return 'some of its tasks are gone';
  for (const [id, answer] of Object.entries(answers)) {
    const card = cards.get(id)?.card;
    if (!card) return 'some of its answers are for tasks that are gone';
    if (answer.overlap !== undefined && (card.key !== 'both' || answer.overlap >= card.overlap.options.length))
      return 'an answer does not fit its task';
  }
  const current = cards.get(round.cardIds[cardIndex]!)!.card;
  const answer = answers[current.id];
  // Play answers the tasks in order; an answer ahead of the current one would meet the learner
  // as a task whose buttons are already locked.
  const dealt = rounds.flatMap((r) => r.cardIds);
  const reached = rounds.slice(0, roundIndex).reduce((sum, r) => sum + r.cardIds.length, 0) + cardIndex;
  if (saved.state !== 'intro' && dealt.slice(reached + 1).some((id) => answers[id]))
    return 'it has answers for tasks not reached yet';
  if (['roundIntro', 'answering'].includes(saved.state) && answer) return 'it asks for a task already answered';
  if (['feedback', 'overlap.choosing'].includes(saved.state) && answer?.overlap !== undefined)
    return 'it asks for a split already chosen';
  if (['feedback', 'overlap.choosing', 'overlap.revealed'].includes(saved.state) && !answer)
    return 'it shows feedback for a task not answered';
  if (saved.state.startsWith('overlap') && current.key !== 'both')
    return 'it asks for a split on a task that is not shared';
  if (saved.state === 'overlap.revealed' && answer?.overlap === undefined) return 'it reveals a split not chosen';
  return undefined;
}

/**
 * The machine snapshot for a saved game, with the bank put back; or the reason it cannot be
 * resumed (it was saved with a question bank that has since changed).
 */
export function restoreGame(saved: SavedGame, bank: Bank): { snapshot: PlaySnapshot } | { problem: string } {
  const problem = mismatch(saved, bank);
  if (problem)
    return { problem: `Your game in progress could not be resumed: ${problem} in this version of the questions.` };
  const context: PlayContext = { ...saved.context, bank };
  return { snapshot: playMachine.resolveState({ value: stateValue(saved.state), context }) };
}
