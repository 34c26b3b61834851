import type { AnyStateMachine, AnyStateNode, SnapshotFrom } from 'xstate';
import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import { m } from '../i18n/paraglide/messages.js';
import { fail, ok, type Result } from '../core/result';
import type { SavedState } from './savedActor';
import { stateValue } from './states';

/**
 * The states a machine can rest in, read from the machine itself (its graph, as `xstate/graph`
 * draws it): a saved state is checked against them, so a state added to a machine is saved and
 * restored with no second list to keep. Restoring needs this; saving does not, so it loads with
 * the code that restores, never on a first visit.
 */

/** Every node of a machine's graph, each before its children, in the order of the config. */
function nodesOf(graph: DirectedGraphNode): DirectedGraphNode[] {
  return [graph, ...graph.children.flatMap(nodesOf)];
}

/** The leaves entering a state lands in: down its initial children (every region of a parallel one). */
function entered(node: AnyStateNode): AnyStateNode[] {
  if (node.type === 'compound') return node.initial.target.flatMap(entered);
  if (node.type === 'parallel') return Object.values(node.states).flatMap(entered);
  if (node.type === 'history') return node.parent ? entered(node.parent) : [];
  return [node];
}

/** Whether a state moves on as soon as it is entered: it has an eventless transition without a guard. */
function passes(node: AnyStateNode): boolean {
  return (node.always ?? []).some((transition) => !transition.guard);
}

const found = new WeakMap<AnyStateMachine, string[]>();

/**
 * Every state a machine can rest in, as dotted paths ("overlap.choosing"), in the order of its
 * config: the leaves reachable from its initial state through its transitions (each leaf takes
 * its ancestors' too), less the passing ones that leave at once. Guards are not run, so a state
 * behind a guard counts as reachable; a state no transition leads to does not.
 */
export function restingStates(machine: AnyStateMachine): string[] {
  const known = found.get(machine);
  if (known) return known;
  const nodes = nodesOf(toDirectedGraph(machine));
  const edges = new Map(nodes.map((node) => [node.stateNode, node.edges]));
  const reached = new Set<AnyStateNode>();
  const queue = entered(machine.root);
  for (let leaf = queue.shift(); leaf; leaf = queue.shift()) {
    if (reached.has(leaf)) continue;
    reached.add(leaf);
    for (let node: AnyStateNode | undefined = leaf; node; node = node.parent) {
      // A transition without a target stays where it is, so it leads nowhere new.
      for (const edge of edges.get(node) ?? []) if (edge.transition.target) queue.push(...entered(edge.target));
      for (const transition of node.always ?? []) queue.push(...(transition.target ?? []).flatMap(entered));
    }
  }
  const resting = nodes
    .map((node) => node.stateNode)
    .filter((node) => reached.has(node) && !passes(node))
    .map((node) => node.path.join('.'));
  found.set(machine, resting);
  return resting;
}

/**
 * The state a saved path rests in, as the machine enters it: a compound state on its initial
 * child, so a path saved before a state gained steps ("answering") resumes on the first of them
 * ("answering.picking"). Undefined when the machine has no such state to rest in.
 */
export function restingStateOf(machine: AnyStateMachine, path: string): string | undefined {
  let node: AnyStateNode = machine.root;
  for (const key of path.split('.')) {
    if (!Object.hasOwn(node.states, key)) return undefined;
    node = node.states[key]!;
  }
  const leaves = entered(node);
  const state = leaves.length === 1 ? leaves[0]!.path.join('.') : undefined;
  return state !== undefined && restingStates(machine).includes(state) ? state : undefined;
}

const takes = new WeakMap<AnyStateMachine, Map<string, string[]>>();

/**
 * The types of event a state can take (its own transitions' and its ancestors'), for a state
 * as a dotted path; wildcard descriptors left out.
 */
export function eventTypesAt(machine: AnyStateMachine, path: string): string[] {
  const known = takes.get(machine) ?? new Map<string, string[]>();
  takes.set(machine, known);
  let types = known.get(path);
  if (!types) {
    const nodes: AnyStateNode[] = [machine.root];
    for (const key of path.split('.')) {
      const node = Object.hasOwn(nodes[0]!.states, key) ? nodes[0]!.states[key] : undefined;
      if (node) nodes.unshift(node);
    }
    types = [...new Set(nodes.flatMap((node) => node.ownEvents))].filter((type) => !type.includes('*'));
    known.set(path, types);
  }
  return types;
}

/** The snapshot for a saved state, or why the machine has no such state to rest in. */
export function toSnapshot<M extends AnyStateMachine>(
  machine: M,
  saved: SavedState<SnapshotFrom<M>['context']>,
): Result<SnapshotFrom<M>> {
  const state = restingStateOf(machine, saved.state);
  if (state === undefined) return fail(m.platform_state_unknown());
  return ok(machine.resolveState({ value: stateValue(state), context: saved.context }) as SnapshotFrom<M>);
}
