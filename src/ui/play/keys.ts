import { ROLES } from '../../game/schema';
import type { PlayEvent } from '../../machines/playMachine';

/** Where a key press happens in self-paced play. */
export interface KeyContext {
  state: 'answering' | 'choosing' | 'other';
  /** The overlap options in the order shown, while choosing. */
  optionOrder?: number[];
}

/**
 * The shortcut for a key: 1, 2, 3 answer a task; 1 to 4 pick a split of the work.
 * Returns undefined when the key means nothing here.
 */
export function shortcut(key: string, where: KeyContext): PlayEvent | undefined {
  const number = /^[1-9]$/.test(key) ? Number(key) - 1 : -1;
  if (where.state === 'answering' && ROLES[number]) return { type: 'card.answer', role: ROLES[number] };
  const option = where.optionOrder?.[number];
  if (where.state === 'choosing' && option !== undefined) return { type: 'overlap.choose', option };
  return undefined;
}

/** True when a key press belongs to something the user is typing in or operating. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}
