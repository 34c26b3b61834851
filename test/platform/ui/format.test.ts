import { expect, it } from 'vitest';
import { formatList, formatPercent } from '../../../src/platform/ui/format';

it('writes lists and shares the way the English interface always has', () => {
  expect(formatList(['4 past games', '2 review tasks', 'a game in progress'])).toBe(
    '4 past games, 2 review tasks and a game in progress',
  );
  expect(formatList(['one'])).toBe('one');
  expect(formatPercent(0.54)).toBe('54%');
});
