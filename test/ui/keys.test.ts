import { expect, it } from 'vitest';
import { isTyping, shortcut } from '../../src/ui/play/keys';

it('maps 1, 2, 3 to the roles while answering', () => {
  expect(shortcut('1', { state: 'answering' })).toEqual({ type: 'card.answer', role: 'pm' });
  expect(shortcut('2', { state: 'answering' })).toEqual({ type: 'card.answer', role: 'pmm' });
  expect(shortcut('3', { state: 'answering' })).toEqual({ type: 'card.answer', role: 'both' });
  expect(shortcut('4', { state: 'answering' })).toBeUndefined();
  expect(shortcut('1', { state: 'other' })).toBeUndefined();
});

it('maps numbers to the options as shown while choosing a split', () => {
  expect(shortcut('1', { state: 'choosing', optionOrder: [2, 0, 1] })).toEqual({ type: 'overlap.choose', option: 2 });
  expect(shortcut('3', { state: 'choosing', optionOrder: [2, 0, 1] })).toEqual({ type: 'overlap.choose', option: 1 });
  expect(shortcut('4', { state: 'choosing', optionOrder: [2, 0, 1] })).toBeUndefined();
});

it('ignores keys typed into fields', () => {
  expect(isTyping(document.createElement('input'))).toBe(true);
  expect(isTyping(document.createElement('button'))).toBe(false);
  expect(isTyping(null)).toBe(false);
});
