import { PROGRESS_LABEL } from './label';
import type { Progress } from './progressFormat';
import { wrap, type SlotFormat } from '../platform/savedActor';

export type { Progress, StoredPack } from './progressFormat';

/**
 * Everything self-paced play keeps on a device: the game in progress, the history and the
 * review deck, in the versioned envelope of `savedActor.ts`. Its checks, with valibot, are in
 * `progressFormat.ts`, which loads only when there is progress to read.
 */

export const EMPTY_PROGRESS: Progress = { game: null, history: [], review: [] };

/** The envelope to store or export for some progress. */
export const wrapProgress = (progress: Progress, now: number) => wrap(PROGRESS_LABEL, progress, now);

/** The progress slot's format: its checks load with the first stored progress to read. */
export const progressSlot: SlotFormat<Progress> = {
  ...PROGRESS_LABEL,
  reader: () => import('./progressFormat').then(({ readProgress }) => readProgress),
};
