import type { Problem } from '../core/problems';
import { fail, type Result } from '../core/result';
import type { Pack } from '../core/schema';
import { readPackTextApart } from './packFiles';

/** What the editor shows until the first check of its text is back: no pack yet, and no problem. */
export const CHECKING: Result<Pack, Problem[]> = fail([]);

/**
 * The editor's check of a pack's text, read off the main thread (`packFiles.ts`): the result of
 * the last text asked for, so a slow check of an older text never shows over a newer one.
 */
export function createPackCheck(initial: string) {
  let result = $state.raw<Result<Pack, Problem[]>>(CHECKING);
  let asked = 0;
  /** Checks a text; resolves once its result (or a later text's) is the one shown. */
  async function check(text: string): Promise<void> {
    const mine = ++asked;
    const read = await readPackTextApart(text);
    if (mine === asked) result = read;
  }
  void check(initial);
  return {
    get result() {
      return result;
    },
    check,
  };
}
