import { errorText, fail, ok, type Result } from '../core/result';
import { progressSlot, type Progress } from './progress';

// Reading a progress file and saying what importing it replaces: code for "Import progress"
// alone, which loads when a file is chosen.

/** How much progress there is, in the words of an import's summary. */
function describeProgress(progress: Progress): string {
  const parts: string[] = [];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (progress.history.length) parts.push(plural(progress.history.length, 'past game', 'past games'));
  if (progress.review.length) parts.push(plural(progress.review.length, 'review task', 'review tasks'));
  // A finished game stays saved on its results screen; it is already one of the past games.
  if (progress.game && progress.game.state !== 'results') parts.push('a game in progress');
  if (parts.length < 2) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * What an import replaces and what it brings in, as one sentence for the confirmation, e.g.
 * "This replaces 4 past games and a game in progress with 2 past games from the file."
 */
export function importSummary(current: Progress, incoming: Progress, game?: Result<unknown>): string {
  const before = describeProgress(current);
  const after = describeProgress(incoming) || 'no progress at all';
  const sentence = before
    ? `This replaces ${before} with ${after} from the file.`
    : `This brings in ${after} from the file; there is no progress on this device yet.`;
  return game && !game.ok ? `${sentence} ${game.error}` : sentence;
}

/** A progress file's text as progress, or the sentence that says why it cannot be imported. */
export async function readProgressFile(text: string): Promise<Result<Progress>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('That file is not a Role Call progress file: it is not JSON.');
  }
  let read: (raw: unknown) => Result<Progress>;
  try {
    read = await progressSlot.reader();
  } catch (error) {
    return fail(`That file could not be checked (${errorText(error)}): reload and try again.`);
  }
  const result = read(raw);
  if (!result.ok) return fail(`That file cannot be imported: ${result.error}.`);
  if (result.value.packs?.length) {
    const { problems } = (await import('./shelf')).checkStored(result.value.packs);
    if (problems.length) return fail(`That file cannot be imported: ${problems[0]}.`);
  }
  return ok(result.value);
}
