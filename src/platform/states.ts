import type { StateValue } from 'xstate';

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
