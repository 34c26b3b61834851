import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, createMachine, type SnapshotFrom } from 'xstate';
import { currentCard } from '../../../src/core/cursor';
import { createPlayMachine, type PlayMachine } from '../../../src/modes/solo/playMachine';
import { restoreGame } from '../../../src/modes/solo/restoreGame';
import { toSavedGame, type SavedGame } from '../../../src/modes/solo/savedGame';
import { loadBank } from '../../../src/core/loadBank';
import { indexBank, type IndexedBank } from '../../../src/core/bank';
import { fixtureBank } from '../../support/fixtures';
import { savedGame } from '../../support/progressArbitraries';
import { fuzzRuns } from '../../support/fuzz';

const RUNS = fuzzRuns(300, 1000);

const fixture = fixtureBank();
const fixtureMachine = createPlayMachine(fixture);

describe('restoring a saved game', () => {
  const game = (state: SavedGame['state'], cardIndex: number, answers: SavedGame['context']['answers']) => ({
    state,
    context: {
      seed: 1,
      mode: 'play' as const,
      scenarioIds: ['alpha', 'beta'],
      rounds: [
        { scenarioId: 'alpha', cardIds: ['a-pm', 'a-both'] },
        { scenarioId: 'beta', cardIds: ['b-roadmap'] },
      ],
      roundIndex: 0,
      cardIndex,
      answers,
      confidence: false as boolean,
      picked: null as SavedGame['context']['picked'],
    },
  });
  const problem = (saved: SavedGame) => {
    const restored = restoreGame(saved, fixtureMachine, fixture);
    return restored.ok ? 'resumed' : restored.error;
  };

  const astray = 'its screen does not follow from its answers';
  it.each([
    ['an answer to a task not reached', game('answering', 0, { 'b-roadmap': { role: 'pm' } }), astray],
    ['a task already answered', game('answering', 1, { 'a-both': { role: 'both' } }), astray],
    ['a split already chosen', game('feedback', 1, { 'a-both': { role: 'both', overlap: 0 } }), astray],
    [
      'a role picked while no task waits for how sure',
      {
        ...game('feedback', 0, { 'a-pm': { role: 'pm' } }),
        context: { ...game('feedback', 0, { 'a-pm': { role: 'pm' } }).context, picked: 'pm' as const },
      },
      astray,
    ],
    [
      'a round with no tasks',
      {
        ...game('summary', 1, {}),
        context: {
          ...game('summary', 1, {}).context,
          rounds: [
            { scenarioId: 'alpha', cardIds: ['a-pm', 'a-both'] },
            { scenarioId: 'beta', cardIds: [] },
          ],
        },
      },
      'a round has no tasks',
    ],
  ])('refuses %s: the screen would offer no way on', (_, saved, reason) => {
    expect(problem(saved)).toContain(reason);
  });

  it('resumes a game that asks for confidence, and then asks how sure of each role picked', () => {
    const saved = game('answering', 1, { 'a-pm': { role: 'pm', confidence: 'high' } });
    saved.context.confidence = true;
    const restored = restoreGame(saved, fixtureMachine, fixture);
    if (!restored.ok) throw new Error(restored.error);
    const actor = createActor(fixtureMachine, { input: { seed: 1 }, snapshot: restored.value }).start();
    actor.send({ type: 'role.pick', role: 'both' });
    expect(actor.getSnapshot().matches({ answering: 'confiding' })).toBe(true);
    expect(actor.getSnapshot().can({ type: 'confidence.choose', confidence: 'low' })).toBe(true);
  });

  it('resumes a role picked on the task that waits for how sure, and refuses one without a game that asks', () => {
    const saved = game('answering.confiding', 1, { 'a-pm': { role: 'pm', confidence: 'high' } });
    saved.context.picked = 'pmm';
    expect(problem(saved)).toContain(astray);
    saved.context.confidence = true;
    const restored = restoreGame(saved, fixtureMachine, fixture);
    if (!restored.ok) throw new Error(restored.error);
    expect(restored.value.matches({ answering: 'confiding' })).toBe(true);
    expect(restored.value.context.picked).toBe('pmm');
  });

  it('resumes a game on a state added to the machine, with no list to edit', () => {
    // The play machine with one more step: a hint the learner can open while picking a role.
    type Node = { on?: object; states?: Record<string, Node> };
    const config = fixtureMachine.config as typeof fixtureMachine.config & { states: Record<string, Node> };
    const answering = config.states.answering!;
    const grown = createMachine(
      {
        ...config,
        states: {
          ...config.states,
          answering: {
            ...answering,
            states: {
              ...answering.states,
              picking: { on: { ...answering.states!.picking!.on, 'hint.show': 'hinting' } },
              hinting: { on: { 'hint.hide': 'picking' } },
            },
          },
        },
      } as Parameters<typeof createMachine>[0],
      fixtureMachine.implementations as never,
    ) as unknown as PlayMachine;
    const actor = createActor(grown, { input: { seed: 1 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'], confidence: false });
    actor.send({ type: 'round.start' });
    actor.send({ type: 'role.pick', role: 'pm' });
    actor.send({ type: 'feedback.continue' });
    actor.send({ type: 'hint.show' } as never);
    const saved = JSON.parse(JSON.stringify(toSavedGame(actor.getSnapshot())));
    expect(saved.state).toBe('answering.hinting');
    const restored = restoreGame(saved, grown, fixture);
    if (!restored.ok) throw new Error(restored.error);
    expect(toSavedGame(restored.value)?.state).toBe('answering.hinting');
    expect(restored.value.context).toEqual(actor.getSnapshot().context);
    // A machine without the step has no such screen.
    expect(problem(saved)).toMatch(/a screen this version does not have/);
  });

  it('resumes a game answered up to where it stands', () => {
    expect(
      problem(game('overlap.revealed', 1, { 'a-pm': { role: 'pm' }, 'a-both': { role: 'both', overlap: 1 } })),
    ).toBe('resumed');
  });
});

type PlaySnapshot = SnapshotFrom<PlayMachine>;

/**
 * The step a learner's mouse can take on the screen for this snapshot, as the screens lock
 * their buttons: a task already answered and a split already chosen offer no button.
 */
function nextStep(bank: IndexedBank, snapshot: PlaySnapshot) {
  const card = currentCard(bank, snapshot.context);
  const answer = card && snapshot.context.answers[card.id];
  if (snapshot.matches('roundIntro')) return { type: 'round.start' } as const;
  if (snapshot.matches({ answering: 'confiding' }))
    return card && !answer ? ({ type: 'confidence.choose', confidence: 'high' } as const) : null;
  if (snapshot.matches('answering')) return card && !answer ? ({ type: 'role.pick', role: 'pmm' } as const) : null;
  if (snapshot.matches('feedback')) return card ? ({ type: 'feedback.continue' } as const) : null;
  if (snapshot.matches({ overlap: 'choosing' }))
    return card && answer?.overlap === undefined ? ({ type: 'overlap.choose', option: 0 } as const) : null;
  if (snapshot.matches({ overlap: 'revealed' })) return { type: 'overlap.continue' } as const;
  if (snapshot.matches('summary')) return { type: 'round.continue' } as const;
  return null;
}

it('plays every saved game that restores through to its results, one offered step at a time', () => {
  const bank = indexBank(loadBank('questions'));
  const machine = createPlayMachine(bank);
  let resumed = 0;
  fc.assert(
    fc.property(savedGame(bank), (saved) => {
      const restored = restoreGame(saved, machine, bank);
      if (!restored.ok || saved.state === 'intro') return;
      resumed++;
      const actor = createActor(machine, { input: { seed: 1 }, snapshot: restored.value }).start();
      for (let steps = 0; !actor.getSnapshot().matches('results'); steps++) {
        const snapshot = actor.getSnapshot();
        const step = nextStep(bank, snapshot);
        expect(step, `stuck on ${JSON.stringify(snapshot.value)}`).not.toBeNull();
        actor.send(step!);
        expect(actor.getSnapshot(), `${step!.type} did nothing`).not.toBe(snapshot);
        expect(steps).toBeLessThan(10_000);
      }
      actor.stop();
    }),
    { numRuns: RUNS, seed: 20_260_105 },
  );
  // About one saved game in ten restores: enough of them to mean something.
  expect(resumed).toBeGreaterThan(RUNS / 10);
  // A thousand whole games: about 4 s alone, more on a machine shared with other work.
}, 20_000);
