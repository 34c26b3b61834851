import type { IndexedBank } from '../core/bank';
import { addToHistory } from '../core/history';
import { updateDeck } from '../core/review';
import { playView, type PlaySnapshot } from '../modes/solo/playView';
import type { Progress } from './progressFormat';
import { wrap, type SlotFormat } from '../platform/savedActor';
import { toSavedGame } from '../modes/solo/savedGame';

export type { Progress, StoredPack } from './progressFormat';

/**
 * Everything self-paced play keeps on a device: the game in progress, the history and the
 * review deck, in the versioned envelope of `savedActor.ts`. Its checks, with valibot, are in
 * `progressFormat.ts`, which loads only when there is progress to read.
 */

/** What progress is stored as: the version of `progressFormat`, which migrates older ones. */
export const PROGRESS_LABEL = { kind: 'progress', version: 4 } as const;

export const EMPTY_PROGRESS: Progress = { game: null, history: [], review: [] };

/** The envelope to store or export for some progress. */
export const wrapProgress = (progress: Progress, now: number) => wrap(PROGRESS_LABEL, progress, now);

/** The progress slot's format: its checks load with the first stored progress to read. */
export const progressSlot: SlotFormat<Progress> = {
  ...PROGRESS_LABEL,
  reader: () => import('./progressFormat').then(({ readProgress }) => readProgress),
};

/**
 * The progress after a snapshot: the game as it now stands; on a round summary, the round's
 * cards applied to the review deck; on the results, the game added to the history. Applying
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
    history = addToHistory(history, { id: seed, mode, scenarioIds, cards, answers: view.answers, confidence }, now);
  }
  return { ...progress, game: toSavedGame(snapshot), history, review };
}
