import type { IndexedBank } from '../../core/bank';
import { fail, type Result } from '../../core/result';
import type { PlayMachine } from './playMachine';
import type { PlaySnapshot } from './playView';
import { toSnapshot } from '../../platform/restingStates';
import type { SavedGame } from '../../progress/savedGameSchema';

// Resuming a saved game checks it against the bank: code that a first visit, with nothing saved,
// never runs, so it loads with a saved game to resume.

/** Why a saved game cannot be played with this bank, or undefined when it can. */
function mismatch(snapshot: PlaySnapshot, bank: IndexedBank): string | undefined {
  const { rounds, roundIndex, cardIndex, answers } = snapshot.context;
  const round = rounds[roundIndex];
  if (!round) return 'its round is missing';
  if (cardIndex >= round.cardIds.length) return 'its task is missing';
  if (rounds.some((r) => r.cardIds.length === 0)) return 'a round has no tasks';
  if (round.scenarioId !== null && !bank.companies.has(round.scenarioId)) return 'a company it played is gone';
  if (rounds.some((r) => r.cardIds.some((id) => !bank.cards.has(id)))) return 'some of its tasks are gone';
  for (const [id, answer] of Object.entries(answers)) {
    const card = bank.cards.get(id)?.card;
    if (!card) return 'some of its answers are for tasks that are gone';
    if (answer.overlap !== undefined && (card.key !== 'both' || answer.overlap >= card.overlap.options.length))
      return 'an answer does not fit its task';
  }
  const current = bank.cards.get(round.cardIds[cardIndex]!)!.card;
  const answer = answers[current.id];
  // Play answers the tasks in order; an answer ahead of the current one would meet the learner
  // as a task whose buttons are already locked.
  const dealt = rounds.flatMap((r) => r.cardIds);
  const reached = rounds.slice(0, roundIndex).reduce((sum, r) => sum + r.cardIds.length, 0) + cardIndex;
  if (!snapshot.matches('intro') && dealt.slice(reached + 1).some((id) => answers[id]))
    return 'it has answers for tasks not reached yet';
  const answered = snapshot.matches('feedback') || snapshot.matches('overlap');
  if ((snapshot.matches('roundIntro') || snapshot.matches('answering')) && answer)
    return 'it asks for a task already answered';
  if ((snapshot.matches('feedback') || snapshot.matches({ overlap: 'choosing' })) && answer?.overlap !== undefined)
    return 'it asks for a split already chosen';
  if (answered && !answer) return 'it shows feedback for a task not answered';
  if (snapshot.matches('overlap') && current.key !== 'both') return 'it asks for a split on a task that is not shared';
  if (snapshot.matches({ overlap: 'revealed' }) && answer?.overlap === undefined)
    return 'it reveals a split not chosen';
  return undefined;
}

/**
 * The machine snapshot for a saved game; or the reason it cannot be resumed (it was saved with
 * a question bank, or a version of the game, that has since changed).
 */
export function restoreGame(saved: SavedGame, machine: PlayMachine, bank: IndexedBank): Result<PlaySnapshot> {
  const snapshot = toSnapshot(machine, saved);
  const problem = snapshot.ok ? mismatch(snapshot.value, bank) : snapshot.error;
  if (problem) return fail(`Your game in progress could not be resumed: ${problem} in this version of the questions.`);
  return snapshot;
}
