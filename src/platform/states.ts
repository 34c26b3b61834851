import type { StateValue } from 'xstate';

/** A machine's config or its root state node: both list child states and `always` transitions. */
interface StateTree {
  states?: Record<string, StateTree> | object;
  always?: unknown;
}

/**
 * Every state a machine can rest in, as dotted paths ("overlap.choosing"): its leaves, less
 * the passing ones that leave at once through `always`. Saved states are checked against this
 * list, so a state added to a machine can be saved and restored without a second list to keep.
 */
export function restingStates(tree: StateTree, prefix = ''): string[] {
  const children = Object.entries((tree.states ?? {}) as Record<string, StateTree>);
  if (children.length === 0) return tree.always ? [] : [prefix];
  return children.flatMap(([name, child]) => restingStates(child, prefix ? `${prefix}.${name}` : name));
}

/** A machine's state value as a dotted path, such as "overlap.choosing". */
export function statePath(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [parent, child] = Object.entries(value)[0]!;
  return `${parent}.${statePath(child as StateValue)}`;
}

/** A dotted path back to a state value. */
export function stateValue(path: string): StateValue {
  const [first, ...rest] = path.split('.');
  return rest.length ? { [first!]: stateValue(rest.join('.')) } : first!;
}
