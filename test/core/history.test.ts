import { expect, it } from 'vitest';
import { addToHistory, HISTORY_LIMIT } from '../../src/core/history';
import { fixtureBank } from '../support/fixtures';

const cards = fixtureBank().scenarios[0]!.cards;
const game = {
  id: 7,
  mode: 'play' as const,
  scenarioIds: ['alpha'],
  cards,
  answers: { 'a-pm': { role: 'pm' as const } },
};

it('records a finished game once, newest first, with its score', () => {
  const history = addToHistory([], game, 1000);
  expect(history).toEqual([{ id: 7, finishedAt: 1000, mode: 'play', scenarioIds: ['alpha'], points: 1, max: 4 }]);
  expect(addToHistory(history, game, 2000)).toEqual(history);
  const later = addToHistory(history, { ...game, id: 8 }, 3000);
  expect(later.map((entry) => entry.id)).toEqual([8, 7]);
});

it('keeps a bounded number of games', () => {
  let history = addToHistory([], game, 0);
  for (let id = 100; id < 100 + HISTORY_LIMIT + 5; id++) history = addToHistory(history, { ...game, id }, id);
  expect(history).toHaveLength(HISTORY_LIMIT);
  expect(history[0]!.id).toBe(100 + HISTORY_LIMIT + 4);
});

it('keeps the certainty-based marks of a game that asked for confidence', () => {
  const asked = {
    ...game,
    confidence: true,
    answers: {
      'a-pm': { role: 'pm' as const, confidence: 'high' as const },
      'a-pmm': { role: 'pm' as const, confidence: 'medium' as const },
    },
  };
  expect(addToHistory([], asked, 1000)[0]).toMatchObject({ points: 1, max: 4, cbm: { points: 1, max: 9 } });
  expect(addToHistory([], { ...asked, confidence: false }, 1000)[0]).not.toHaveProperty('cbm');
});
