import { describe, expect, it } from 'vitest';
import { aboutMinutes, playMinutes } from '../../src/core/playTime';

describe('how long a game takes', () => {
  it('rounds up to whole minutes, at least one, at about 35 seconds a task', () => {
    expect(playMinutes(0)).toBe(1);
    expect(playMinutes(1)).toBe(1);
    expect(playMinutes(9)).toBe(6);
    expect(playMinutes(10)).toBe(6);
    expect(playMinutes(109)).toBe(64);
  });

  it('says it the same way on every screen', () => {
    expect(aboutMinutes(1)).toBe('about 1 minute');
    expect(aboutMinutes(9)).toBe('about 6 minutes');
  });
});
