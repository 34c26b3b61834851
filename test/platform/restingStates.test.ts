import { describe, expect, it } from 'vitest';
import { createActor, createMachine, setup } from 'xstate';
import { eventTypesAt, restingStates, restingStateOf, toSnapshot } from '../../src/platform/restingStates';
import { toSavedState } from '../../src/platform/savedActor';

/** A machine made here: a compound state, a passing one, and one no transition leads to. */
const shape = {
  id: 'shape',
  initial: 'idle',
  context: { n: 0 },
  states: {
    idle: { on: { go: 'working' } },
    working: {
      initial: 'busy',
      states: { busy: { on: { rest: 'resting' } }, resting: { on: { check: '#shape.checking' } } },
    },
    // Passes on at once: never a place to stand.
    checking: { always: { target: 'idle' } },
    // Nothing leads here.
    orphan: { on: { go: 'idle' } },
  },
} as const;

describe('the states a machine rests in, from its graph', () => {
  const machine = setup({}).createMachine(shape);

  it('lists the leaves reachable from the initial state, less the passing ones, in the order of the config', () => {
    expect(restingStates(machine)).toEqual(['idle', 'working.busy', 'working.resting']);
    expect(eventTypesAt(machine, 'working.resting')).toEqual(['check']);
  });

  it('takes a state added to the machine, with no list to edit', () => {
    const grown = createMachine({
      ...shape,
      states: { ...shape.states, idle: { on: { go: 'working', pause: 'paused' } }, paused: { on: { go: 'idle' } } },
    });
    expect(restingStates(grown)).toEqual(['idle', 'working.busy', 'working.resting', 'paused']);
    const actor = createActor(grown).start();
    actor.send({ type: 'pause' });
    const saved = JSON.parse(JSON.stringify(toSavedState(actor.getSnapshot())));
    expect(saved.state).toBe('paused');
    const restored = toSnapshot(grown, saved);
    expect(restored.ok && restored.value.matches('paused')).toBe(true);
    // The machine without it has no such screen.
    expect(toSnapshot(machine, saved)).toEqual({ ok: false, error: 'it is on a screen this version does not have' });
  });

  it('resumes a compound state on its initial child, and refuses what it cannot rest in', () => {
    expect(restingStateOf(machine, 'working')).toBe('working.busy');
    expect(restingStateOf(machine, 'working.resting')).toBe('working.resting');
    for (const path of ['checking', 'orphan', 'working.gone', 'constructor', '__proto__', 'idle.busy', ''])
      expect(restingStateOf(machine, path), path).toBeUndefined();
    const restored = toSnapshot(machine, { state: 'working', context: { n: 2 } });
    expect(restored.ok && restored.value.value).toEqual({ working: 'busy' });
    expect(restored.ok && restored.value.context).toEqual({ n: 2 });
  });
});
