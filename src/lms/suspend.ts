import { transition } from 'xstate';
import type { IndexedBank } from '../core/bank';
import { fail, ok, type Result } from '../core/result';
import type { Round } from '../core/rounds';
import type { Answer } from '../core/scoring';
import type { PlayContext, PlayMachine } from '../modes/solo/playMachine';
import { playView, type PlaySnapshot } from '../modes/solo/playView';
import { checkResult } from '../share/check';
import { decodeResult, encodeResult } from '../share/codec';
import { resultOfGame } from '../modes/solo/shareResult';
import { reachedStates, restoreGame } from '../modes/solo/restoreGame';
import { toSavedState } from '../platform/savedActor';
import type { SavedGame } from '../modes/solo/savedGame';
import { m } from '../i18n/paraglide/messages.js';

/**
 * A game in the LMS's `cmi.suspend_data`: the share link's packing of it (seed, mode, every
 * card dealt in order and each answer), which fits a whole game in far less than the 4,096
 * characters SCORM 1.2 allows. Where the game stood follows from the answers (`resumePoint`),
 * so a resumed game opens on the first task not yet answered.
 */

/** The most characters SCORM 1.2 keeps in `cmi.suspend_data`. */
export const SUSPEND_DATA_LIMIT = 4096;

/** The suspend data for a snapshot: empty on the start screen, where there is no game. */
export function toSuspendData(bank: IndexedBank, snapshot: PlaySnapshot, now: number): string {
  if (snapshot.matches('intro')) return '';
  return encodeResult(resultOfGame(bank, snapshot.context, '', now));
}

/** The game in suspend data, as a saved game; or why it cannot be played with this bank. */
export function fromSuspendData(text: string, machine: PlayMachine, bank: IndexedBank): Result<SavedGame> {
  const decoded = decodeResult(text);
  if (!decoded.ok) return fail(m.lms_suspend_unreadable({ reason: decoded.error.message }));
  const result = decoded.value;
  const checked = checkResult(result, bank);
  if (result.mode === 'workshop' || result.players.length !== 1) return fail(m.lms_suspend_workshop());
  if (!checked.sameBank || checked.unchecked > 0) return fail(m.lms_suspend_other_questions());

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
    roundIndex: 0,
    cardIndex: 0,
    answers,
    mode: result.mode,
    confidence: result.confidence,
    picked: null,
  };
  const resumed = resumePoint(machine, bank, context);
  if (!resumed) return fail(m.lms_suspend_out_of_order());
  return ok(toSavedState(resumed));
}

/** Whether two answers are the same: role, confidence and split. */
const sameAnswer = (a: Answer | undefined, b: Answer | undefined) =>
  a?.role === b?.role && a?.confidence === b?.confidence && a?.overlap === b?.overlap;

/**
 * The screen a game in suspend data resumes on. The data holds the answers, not where the game
 * stood, so the machine plays them from the start of the deal and then takes the way on each
 * screen offers (`nextAct`): the game opens on the first task without an answer (its company's
 * story, when it opens a round), a shared task whose split is not chosen, or the results.
 *
 * A role picked and waiting for how sure the learner is (`answering.confiding`) is not an
 * answer, and suspend data, the share link's packing, holds answers only: a game left there
 * deliberately resumes on that task's role question, the pick to give again. Undefined when
 * the answers do not follow the order of play.
 */
export function resumePoint(machine: PlayMachine, bank: IndexedBank, context: PlayContext): PlaySnapshot | undefined {
  const given = Object.keys(context.answers);
  // The nearest snapshot with every answer given, the last one whole.
  const isAnswered = (snapshot: PlaySnapshot) =>
    Object.keys(snapshot.context.answers).length === given.length &&
    given.every((id) => sameAnswer(snapshot.context.answers[id], context.answers[id]));
  const answered = reachedStates(machine, { ...context, picked: null }, isAnswered).find(isAnswered);
  return answered && nextAct(bank, answered);
}

/**
 * Where the learner next acts, from a snapshot: the way on each screen offers is taken (a round
 * started, the feedback read, a summary passed) up to a screen that waits for the learner, a
 * task or the results; or up to a company's story, when the task opens its round.
 */
export function nextAct(bank: IndexedBank, from: PlaySnapshot): PlaySnapshot {
  let intro: PlaySnapshot | undefined;
  let at = from;
  for (;;) {
    const view = playView(bank, at);
    // The results wait for the learner: their first action starts another game.
    const event = 'next' in view && view.screen !== 'results' ? view.next?.event : undefined;
    if (!event || !at.can(event)) return intro ?? at;
    if (view.screen === 'roundIntro') intro = at;
    [at] = transition(at.machine, at, event);
  }
}

/**
 * The machine snapshot for the game in an LMS's suspend data; undefined when it holds none,
 * or why it cannot be resumed in this version of the questions.
 */
export function resumeGame(text: string, machine: PlayMachine, bank: IndexedBank): Result<PlaySnapshot> | undefined {
  if (!text.trim()) return undefined;
  const saved = fromSuspendData(text.trim(), machine, bank);
  return saved.ok ? restoreGame(saved.value, machine, bank) : saved;
}
