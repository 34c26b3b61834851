import type { PlaySnapshot } from './playView';
import { toSavedState } from '../../platform/savedActor';
import type { SavedGame } from '../../progress/savedGameSchema';

export type { SavedGame } from '../../progress/savedGameSchema';

/** What to store for a snapshot; null on the intro, where there is no game to resume. */
export function toSavedGame(snapshot: PlaySnapshot): SavedGame | null {
  return snapshot.matches('intro') ? null : toSavedState(snapshot);
}
