import type { IndexedBank } from '../core/bank';
import { fail, ok, type Result } from '../core/result';
import type { Round } from '../core/rounds';
import type { Answer } from '../core/scoring';
import type { PlayContext, PlayMachine } from '../modes/solo/playMachine';
import type { PlaySnapshot } from '../modes/solo/playView';
import { checkResult } from '../share/check';
import { decodeResult, encodeResult } from '../share/codec';
import { resultOfGame } from '../modes/solo/shareResult';
import { restoreGame } from '../modes/solo/restoreGame';
import type { SavedGame } from '../modes/solo/savedGame';

/**
 * A game in the LMS's `cmi.suspend_data`: the share link's packing of it (seed, mode, every
 * card dealt in order and each answer), which fits a whole game in far less than the 4,096
 * characters SCORM 1.2 allows. Where the game stood follows from the answers, so a resumed
 * game opens on the first task not yet answered.
 */

/** The most characters SCORM 1.2 keeps in `cmi.suspend_data`. */
export const SUSPEND_DATA_LIMIT = 4096;

/** The suspend data for a snapshot: empty on the start screen, where there is no game. */
export function toSuspendData(bank: IndexedBank, snapshot: PlaySnapshot, now: number): string {
  if (snapshot.matches('intro')) return '';
  return encodeResult(resultOfGame(bank, snapshot.context, '', now));
}

/** The game in suspend data, as a saved game; or why it cannot be played with this bank. */
export function fromSuspendData(text: string, bank: IndexedBank): Result<SavedGame> {
  const decoded = decodeResult(text);
  if (!decoded.ok) return fail(`Your game in progress could not be resumed: ${decoded.error.message}`);
  const result = decoded.value;
  const checked = checkResult(result, bank);
  if (result.mode === 'workshop' || result.players.length !== 1)
    return fail('Your game in progress could not be resumed: the learning system holds a workshop, not a game.');
  if (!checked.sameBank || checked.unchecked > 0)
    return fail('Your game in progress could not be resumed: it was played with other questions.');

  const answers: Record<string, Answer> = {};
  const rounds: Round[] = [];
  for (const row of checked.rows) {
    const answer = row.answers[0];
    if (answer) answers[row.card.id] = answer;
    // A review mixes companies in one round; any other game has a round per company.
    const scenarioId = result.mode === 'review' ? null : row.scenario.id;
    const last = rounds.at(-1);
    if (last && last.scenarioId === scenarioId) last.cardIds.push(row.card.id);
    else rounds.push({ scenarioId, cardIds: [row.card.id] });
  }
  const scenarioIds = [...new Set(checked.rows.map((row) => row.scenario.id))];
  const context: PlayContext = {
    seed: result.seed,
    scenarioIds,
    rounds,
    roundIndex: rounds.length - 1,
    cardIndex: (rounds.at(-1)?.cardIds.length ?? 1) - 1,
    answers,
    mode: result.mode,
    confidence: result.confidence,
    // Suspend data holds answers only: a role picked and waiting for how sure is not kept.
    picked: null,
  };
  const { state, cursor } = resumePoint(context, bank);
  return ok({ state, context: { ...context, ...cursor } });
}

/**
 * The screen a game resumes on: the first task without an answer (its company's story, when
 * it opens a round), a shared task whose split is not chosen yet, or the results.
 */
export function resumePoint(context: PlayContext, bank: IndexedBank) {
  for (const [roundIndex, round] of context.rounds.entries()) {
    for (const [cardIndex, id] of round.cardIds.entries()) {
      const answer = context.answers[id];
      const cursor = { roundIndex, cardIndex };
      // A game left waiting for how sure of a role picked resumes on that task's role question.
      if (!answer) return { state: cardIndex === 0 ? 'roundIntro' : 'answering', cursor };
      if (bank.cards.get(id)?.card.key === 'both' && answer.overlap === undefined)
        return { state: 'overlap.choosing', cursor };
    }
  }
  return { state: 'results', cursor: { roundIndex: context.roundIndex, cardIndex: context.cardIndex } };
}

/**
 * The machine snapshot for the game in an LMS's suspend data; undefined when it holds none,
 * or why it cannot be resumed in this version of the questions.
 */
export function resumeGame(text: string, machine: PlayMachine, bank: IndexedBank): Result<PlaySnapshot> | undefined {
  if (!text.trim()) return undefined;
  const saved = fromSuspendData(text.trim(), bank);
  return saved.ok ? restoreGame(saved.value, machine, bank) : saved;
}
