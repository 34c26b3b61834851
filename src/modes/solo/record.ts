import type { IndexedBank } from '../../core/bank';
import { addToHistory } from '../../core/history';
import { updateDeck } from '../../core/review';
import type { Progress } from '../../progress/progress';
import { playView, type PlaySnapshot } from './playView';
import { toSavedGame } from './savedGame';

/**
 * The progress after a snapshot: the game as it now stands; on a round summary (or the results
 * of a game of one round, which has none), the round's cards applied to the review deck; on the
 * results, the game added to the history. Applying
 * the same snapshot twice changes nothing more, so a reload on a summary is harmless.
 */
export function record(progress: Progress, bank: IndexedBank, snapshot: PlaySnapshot, now: number): Progress {
  const view = playView(bank, snapshot);
  let { history, review } = progress;
  if (view.screen === 'summary') {
    review = updateDeck(
      review,
      view.results.map(({ card, answer }) => ({ card, answer })),
      now,
    );
  }
  if (view.screen === 'results') {
    const { seed, mode, scenarioIds, confidence } = snapshot.context;
    const cards = view.groups.flatMap((group) => group.cards);
    // A game of one round skips the round summary: its results apply the round to the deck.
    if (view.round) review = updateDeck(review, view.round.results, now);
    history = addToHistory(history, { id: seed, mode, scenarioIds, cards, answers: view.answers, confidence }, now);
  }
  return { ...progress, game: toSavedGame(snapshot), history, review };
}
