import { m } from '../i18n/paraglide/messages.js';
import { formatList } from '../platform/ui/format';
import { errorText, fail, ok, type Result } from '../core/result';
import { progressSlot, type Progress } from './progress';

// Reading a progress file and saying what importing it replaces: code for "Import progress"
// alone, which loads when a file is chosen.

/** How much progress there is, in the words of an import's summary: "4 past games and a game in progress". */
function describeProgress(progress: Progress): string {
  const parts: string[] = [];
  if (progress.history.length) parts.push(m.progress_import_past_games({ count: progress.history.length }));
  if (progress.review.length) parts.push(m.progress_import_review_tasks({ count: progress.review.length }));
  // A finished game stays saved on its results screen; it is already one of the past games.
  if (progress.game && progress.game.state !== 'results') parts.push(m.progress_import_game_in_progress());
  return formatList(parts);
}

/**
 * What an import replaces and what it brings in, as one sentence for the confirmation, e.g.
 * "This replaces 4 past games and a game in progress with 2 past games from the file."
 */
export function importSummary(current: Progress, incoming: Progress, game?: Result<unknown>): string {
  const before = describeProgress(current);
  const after = describeProgress(incoming) || m.progress_import_nothing();
  const sentence = before ? m.progress_import_replaces({ before, after }) : m.progress_import_brings({ after });
  return game && !game.ok ? `${sentence} ${game.error}` : sentence;
}

/** A progress file's text as progress, or the sentence that says why it cannot be imported. */
export async function readProgressFile(text: string): Promise<Result<Progress>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail(m.progress_file_not_json());
  }
  let read: (raw: unknown) => Result<Progress>;
  try {
    read = await progressSlot.reader();
  } catch (error) {
    return fail(m.progress_file_not_checked({ error: errorText(error) }));
  }
  const result = read(raw);
  if (!result.ok) return fail(m.progress_file_refused({ reason: result.error }));
  if (result.value.packs?.length) {
    const { problems } = (await import('./shelf')).checkStored(result.value.packs);
    if (problems.length) return fail(m.progress_file_refused({ reason: problems[0]! }));
  }
  return ok(result.value);
}
