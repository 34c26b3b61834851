import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { indexBank } from '../../src/core/bank';
import { resumeGame, SUSPEND_DATA_LIMIT, toSuspendData } from '../../src/lms/suspend';
import { createPlayMachine } from '../../src/modes/solo/playMachine';
import type { PlaySnapshot } from '../../src/modes/solo/playView';
import { statePath } from '../../src/platform/states';
import { encodeResult } from '../../src/share/codec';
import { resultOfGame } from '../../src/modes/solo/shareResult';
import { loadBank } from '../../src/core/loadBank';
import { fixtureBank } from '../support/fixtures';
import { finishRound, playToResults } from '../support/play';

const bank = fixtureBank();
const machine = createPlayMachine(bank);
const NOW = Date.UTC(2026, 0, 5);

/** Every snapshot of a game of both companies, from the first story to the results. */
function snapshotsOfGame(confidence: boolean, right = (n: number) => n % 2 === 0): PlaySnapshot[] {
  const actor = createActor(machine, { input: { seed: 41 } }).start();
  const seen: PlaySnapshot[] = [];
  actor.subscribe((snapshot) => seen.push(snapshot));
  actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence });
  let n = 0;
  playToResults(bank, actor, () => right(n++));
  return seen.filter((snapshot) => !snapshot.matches('intro'));
}

const resumed = (snapshot: PlaySnapshot) => {
  const result = resumeGame(toSuspendData(bank, snapshot, NOW), machine, bank);
  if (!result?.ok) throw new Error(`not resumed: ${result ? result.error : 'no game'}`);
  return result.value;
};

describe('a game in suspend data', () => {
  it('is the share link of the game, and nothing on the start screen', () => {
    const actor = createActor(machine, { input: { seed: 3 } }).start();
    expect(toSuspendData(bank, actor.getSnapshot(), NOW)).toBe('');
    expect(resumeGame('', machine, bank)).toBeUndefined();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    const snapshot = actor.getSnapshot();
    expect(toSuspendData(bank, snapshot, NOW)).toBe(encodeResult(resultOfGame(bank, snapshot.context, '', NOW)));
  });

  it.each([true, false])(
    'resumes at every step with the same deal and answers (confidence asked: %s)',
    (confidence) => {
      for (const snapshot of snapshotsOfGame(confidence)) {
        const back = resumed(snapshot);
        const { context } = snapshot;
        expect(back.context).toMatchObject({
          seed: context.seed,
          mode: 'play',
          rounds: context.rounds,
          answers: context.answers,
          confidence,
        });
        // Where a task waits for an answer or a split, the game resumes right there; at a
        // company's first task, on its story.
        const state = statePath(snapshot.value);
        // A role picked and waiting for how sure is no answer: the game resumes on that task's role question.
        const asked = state === 'answering.confiding' ? 'answering.picking' : state;
        if (asked === 'answering.picking' || ['overlap.choosing', 'results', 'roundIntro'].includes(state)) {
          expect(statePath(back.value)).toBe(
            asked === 'answering.picking' && context.cardIndex === 0 ? 'roundIntro' : asked,
          );
          expect(back.context.picked).toBeNull();
          if (state !== 'results')
            expect([back.context.roundIndex, back.context.cardIndex]).toEqual([context.roundIndex, context.cardIndex]);
        } else {
          // After an answer (feedback, a revealed split, a summary) it resumes at the next task, or the results.
          expect(['answering.picking', 'roundIntro', 'overlap.choosing', 'results']).toContain(statePath(back.value));
          expect(back.context.roundIndex * 10 + back.context.cardIndex).toBeGreaterThanOrEqual(
            context.roundIndex * 10 + context.cardIndex,
          );
        }
      }
    },
  );

  it('resumes a game left waiting for how sure on the role question of that task, without the pick', () => {
    const actor = createActor(machine, { input: { seed: 8 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'] });
    finishRound(bank, actor);
    actor.send({ type: 'round.continue' });
    actor.send({ type: 'round.start' });
    actor.send({ type: 'role.pick', role: 'pm' });
    actor.send({ type: 'confidence.choose', confidence: 'high' });
    actor.send({ type: 'feedback.continue' });
    actor.send({ type: 'role.pick', role: 'both' });
    const left = actor.getSnapshot();
    expect(left.matches({ answering: 'confiding' })).toBe(true);
    const back = resumed(left);
    expect(back.matches({ answering: 'picking' })).toBe(true);
    expect(back.context).toMatchObject({ roundIndex: 1, cardIndex: 1, picked: null, answers: left.context.answers });
  });

  it('resumes a review, which mixes companies in one round', () => {
    const actor = createActor(machine, { input: { seed: 8 } }).start();
    actor.send({ type: 'review.start', cardIds: ['a-pm', 'b-launch', 'a-both'], confidence: false });
    actor.send({ type: 'round.start' });
    actor.send({ type: 'role.pick', role: 'pm' });
    actor.send({ type: 'feedback.continue' });
    const back = resumed(actor.getSnapshot());
    expect(back.context.mode).toBe('review');
    expect(back.context.rounds).toEqual(actor.getSnapshot().context.rounds);
    expect(back.value).toEqual(actor.getSnapshot().value);
    expect(back.context.cardIndex).toBe(actor.getSnapshot().context.cardIndex);
  });

  it('says why it cannot resume damaged data or a game of other questions', () => {
    const actor = createActor(machine, { input: { seed: 3 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    const text = toSuspendData(bank, actor.getSnapshot(), NOW);
    const damaged = resumeGame(`${text.slice(0, -3)}AAA`, machine, bank);
    expect(damaged).toEqual({
      ok: false,
      error: expect.stringMatching(/^Your game in progress could not be resumed: /),
    });
    const other = indexBank({ ...bank, scenarios: bank.scenarios.slice(0, 1) });
    expect(resumeGame(text, createPlayMachine(other), other)).toEqual({
      ok: false,
      error: 'Your game in progress could not be resumed: it was played with other questions.',
    });
  });

  it('refuses answers that skip a task, which no game played leaves', () => {
    const actor = createActor(machine, { input: { seed: 3 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'], confidence: false });
    finishRound(bank, actor);
    const { context } = actor.getSnapshot();
    const [first, ...rest] = context.rounds[0]!.cardIds;
    const skipped = { ...context, answers: Object.fromEntries(rest.map((id) => [id, context.answers[id]!])) };
    expect(first).toBeDefined();
    expect(resumeGame(encodeResult(resultOfGame(bank, skipped, '', NOW)), machine, bank)).toEqual({
      ok: false,
      error: 'Your game in progress could not be resumed: its answers do not follow the order of play.',
    });
  });

  it('fits a game of every company of the shipped questions, asking how sure, in SCORM 1.2 suspend data', () => {
    const shipped = indexBank(loadBank('questions'));
    const shippedMachine = createPlayMachine(shipped);
    const actor = createActor(shippedMachine, { input: { seed: 5 } }).start();
    actor.send({ type: 'game.start', scenarioIds: shipped.scenarios.map((s) => s.id) });
    for (let round = 0; !actor.getSnapshot().matches('results'); round++) {
      finishRound(
        shipped,
        actor,
        () => false,
        () => 'high',
      );
      actor.send({ type: 'round.continue' });
    }
    const text = toSuspendData(shipped, actor.getSnapshot(), NOW);
    expect(text.length).toBeLessThan(SUSPEND_DATA_LIMIT / 4);
    const back = resumeGame(text, shippedMachine, shipped);
    expect(back?.ok && back.value.context.answers).toEqual(actor.getSnapshot().context.answers);
  });
});
