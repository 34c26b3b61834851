import { expect, it } from 'vitest';
import { isTyping } from '../../../src/platform/ui/typing';

it('ignores keys typed into fields', () => {
  expect(isTyping(document.createElement('input'))).toBe(true);
  expect(isTyping(document.createElement('button'))).toBe(false);
  expect(isTyping(null)).toBe(false);
});
