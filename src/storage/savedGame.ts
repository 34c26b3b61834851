import type { PlaySnapshot } from '../machines/playView';
import { toSavedState } from './savedActor';
import type { SavedGame } from './savedGameSchema';

export type { SavedGame } from './savedGameSchema';

/** What to store for a snapshot; null on the intro, where there is no game to resume. */
export function toSavedGame(snapshot: PlaySnapshot): SavedGame | null {
  return snapshot.matches('intro') ? null : toSavedState(snapshot);
}
