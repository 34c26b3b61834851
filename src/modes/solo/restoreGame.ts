import { getAdjacencyMap, type AdjacencyMap } from 'xstate/graph';
import type { IndexedBank } from '../../core/bank';
import { currentCardId } from '../../core/cursor';
import { fail, type Result } from '../../core/result';
import type { Answer } from '../../core/scoring';
import { dealStart, type PlayContext, type PlayEvent, type PlayMachine } from './playMachine';
import type { PlaySnapshot } from './playView';
import { eventTypesAt, toSnapshot } from '../../platform/restingStates';
import { statePath } from '../../platform/states';
import type { SavedGame } from '../../progress/savedGameSchema';
import { m } from '../../i18n/paraglide/messages.js';

// Resuming a saved game checks it against the bank and the machine: code that a first visit,
// with nothing saved, never runs, so it loads with a saved game to resume.

/** Why a game's deal and answers cannot be played with this bank, or undefined when they can. */
function misfit({ rounds, answers }: PlayContext, bank: IndexedBank): string | undefined {
  if (rounds.length === 0) return m.solo_restore_no_round();
  if (rounds.some((r) => r.cardIds.length === 0)) return m.solo_restore_empty_round();
  if (rounds.some((r) => r.scenarioId !== null && !bank.companies.has(r.scenarioId)))
    return m.solo_restore_company_gone();
  if (rounds.some((r) => r.cardIds.some((id) => !bank.cards.has(id)))) return m.solo_restore_tasks_gone();
  for (const [id, answer] of Object.entries(answers)) {
    const card = bank.cards.get(id)?.card;
    if (!card) return m.solo_restore_answers_gone();
    if (answer.overlap !== undefined && (card.key !== 'both' || answer.overlap >= card.overlap.options.length))
      return m.solo_restore_answer_misfit();
  }
  return undefined;
}

/**
 * The events that give the current task's answer as a game holds it: its role, how sure, its
 * split; or, on a task it has not answered, the role it holds picked.
 */
function givenEvents(context: PlayContext, game: PlayContext): PlayEvent[] {
  const answer = game.answers[currentCardId(context) ?? ''];
  if (!answer) return game.picked ? [{ type: 'role.pick', role: game.picked }] : [];
  return [
    { type: 'role.pick', role: answer.role },
    ...(answer.confidence ? [{ type: 'confidence.choose' as const, confidence: answer.confidence }] : []),
    ...(answer.overlap !== undefined ? [{ type: 'overlap.choose' as const, option: answer.overlap }] : []),
  ];
}

/** Whether an answer being given agrees, so far, with the one a game holds. */
function agrees(given: Answer | undefined, held: Answer | undefined): boolean {
  return (
    !given ||
    (given.role === held?.role &&
      given.confidence === held.confidence &&
      (given.overlap === undefined || given.overlap === held.overlap))
  );
}

/**
 * Every snapshot the machine reaches from the start of a game's deal (`dealStart`) when the
 * game's own answers are given, with the steps that need nothing from the learner (`round.start`,
 * `feedback.continue`, `pick.cancel`, and any the machine gains): the states the game can stand
 * in, found by `xstate/graph`, nearest first. The walk leaves any snapshot where the deal changes
 * or an answer differs from the game's, so it is as long as the game; it goes no further than a
 * snapshot `found` picks out.
 */
export function reachedStates(
  machine: PlayMachine,
  game: PlayContext,
  found: (snapshot: PlaySnapshot) => boolean = () => false,
): PlaySnapshot[] {
  const start = machine.resolveState(dealStart(game));
  const deal = start.context;
  // Steps that carry nothing are tried as they are; a guard turns down any that needs data.
  const bare = (snapshot: PlaySnapshot) =>
    eventTypesAt(machine, statePath(snapshot.value)).map((type) => ({ type }) as PlayEvent);
  const strays = ({ context }: PlaySnapshot) =>
    context.rounds !== deal.rounds ||
    context.seed !== deal.seed ||
    !agrees(context.answers[currentCardId(context) ?? ''], game.answers[currentCardId(context) ?? '']);
  let reached: AdjacencyMap<PlaySnapshot, PlayEvent>;
  try {
    reached = getAdjacencyMap(machine, {
      fromState: start,
      events: (snapshot) => [...givenEvents(snapshot.context, game), ...bare(snapshot)],
      filterEvents: (snapshot, event) => snapshot.can(event),
      stopWhen: (snapshot) => strays(snapshot) || found(snapshot),
      // The deal stays the same throughout, and the answers before the current task are the
      // game's (the walk leaves any snapshot where they are not): the rest tells snapshots apart.
      serializeState: ({ value, context }) => {
        const current = context.answers[currentCardId(context) ?? ''];
        const answers = [Object.keys(context.answers).length, current];
        return JSON.stringify([value, { ...context, rounds: 0, scenarioIds: 0, answers }]);
      },
      // A safety net: a task takes about a dozen steps, counting the ones that lead nowhere new.
      limit: 50 * (Object.keys(game.answers).length + game.rounds.length + 10),
    });
  } catch {
    // Past the walk's limit: no game played makes that many steps.
    return [];
  }
  return Object.values(reached)
    .map(({ state }) => state)
    .filter((snapshot) => !strays(snapshot));
}

/** Plain data with the keys of every object in order, to compare contexts made in different ways. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, field: unknown) =>
    field && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : 1)))
      : field,
  );
}

/**
 * The machine snapshot for a saved game; or the reason it cannot be resumed (it was saved with
 * a question bank, or a version of the game, that has since changed). A game resumes only where
 * the machine can stand with its answers: a screen that disagrees with them (feedback on a task
 * not answered, an answer ahead of the task shown) would offer no way on.
 */
export function restoreGame(saved: SavedGame, machine: PlayMachine, bank: IndexedBank): Result<PlaySnapshot> {
  const snapshot = toSnapshot(machine, saved);
  const problem = snapshot.ok ? misfit(snapshot.value.context, bank) : snapshot.error;
  if (problem) return fail(m.solo_restore_failed({ problem }));
  if (snapshot.ok && !isReached(machine, snapshot.value)) return fail(m.solo_restore_unreachable());
  return snapshot;
}

/** Whether the machine reaches a snapshot by playing its game's answers from the start of its deal. */
function isReached(machine: PlayMachine, target: PlaySnapshot): boolean {
  const state = statePath(target.value);
  const data = canonical(target.context);
  const isTarget = ({ value, context }: PlaySnapshot) =>
    context.roundIndex === target.context.roundIndex &&
    context.cardIndex === target.context.cardIndex &&
    statePath(value) === state &&
    canonical(context) === data;
  return reachedStates(machine, target.context, isTarget).some(isTarget);
}
