import { expect, it } from 'vitest';
import { isPackHash, isShareHash, packsRoute } from '../../src/share/hash';

it('tells a result link, a pack link and the Packs page apart', () => {
  expect(isShareHash('#r=abc')).toBe(true);
  expect(isPackHash('#pack=abc')).toBe(true);
  expect(isPackHash('#pack%3Dabc')).toBe(true);
  expect(isPackHash('#packs')).toBe(false);
  expect(isShareHash('#pack=abc')).toBe(false);
  expect(packsRoute('#packs')).toBe('list');
  expect(packsRoute('#pack=abc')).toBe('link');
  expect(packsRoute('#pack%3Dabc')).toBe('link');
  expect(packsRoute('#r=abc')).toBeNull();
  expect(packsRoute('#packsx')).toBeNull();
  expect(packsRoute('')).toBeNull();
});
