import { describe, expect, it } from 'vitest';
import { isMissed, maxPoints, percent, scoreByTopic, scoreCard, scoreCards } from '../../src/game/scoring';
import { fixtureBank } from '../fixtures';

const cards = fixtureBank().cards;
const card = (id: string) => cards.get(id)!.card;

describe('scoring', () => {
  it('gives 1 point for the right role on a one-role card', () => {
    expect(scoreCard(card('a-pm'), { role: 'pm' })).toEqual({ points: 1, max: 1 });
    expect(scoreCard(card('a-pm'), { role: 'both' })).toEqual({ points: 0, max: 1 });
    expect(scoreCard(card('a-pm'), undefined)).toEqual({ points: 0, max: 1 });
  });

  it('gives a shared card 1 point for the role and 1 for the right split', () => {
    expect(maxPoints(card('a-both'))).toBe(2);
    expect(scoreCard(card('a-both'), { role: 'both', overlap: 1 })).toEqual({ points: 2, max: 2 });
    expect(scoreCard(card('a-both'), { role: 'pm', overlap: 1 })).toEqual({ points: 1, max: 2 });
    expect(scoreCard(card('a-both'), { role: 'both', overlap: 0 })).toEqual({ points: 1, max: 2 });
    expect(scoreCard(card('a-both'), { role: 'both' })).toEqual({ points: 1, max: 2 });
  });

  it('marks a card missed whenever points were left on it', () => {
    expect(isMissed(card('a-both'), { role: 'both', overlap: 1 })).toBe(false);
    expect(isMissed(card('a-both'), { role: 'both', overlap: 2 })).toBe(true);
    expect(isMissed(card('a-pmm'), { role: 'pm' })).toBe(true);
  });

  it('sums over cards and by topic, weakest topic first', () => {
    const played = [card('a-pm'), card('a-pmm'), card('a-both')];
    const answers = {
      'a-pm': { role: 'pm' as const },
      'a-pmm': { role: 'pm' as const },
      'a-both': { role: 'both' as const, overlap: 1 },
    };
    expect(scoreCards(played, answers)).toEqual({ points: 3, max: 4 });
    const topics = scoreByTopic(played, answers);
    expect(topics.map((t) => t.topic)).toEqual(['launch', 'promotion', 'customers', 'requirements']);
    expect(topics[0]).toEqual({ topic: 'launch', points: 0, max: 1 });
    expect(topics.find((t) => t.topic === 'customers')).toEqual({ topic: 'customers', points: 2, max: 2 });
  });

  it('rounds percentages and copes with nothing played', () => {
    expect(percent({ points: 2, max: 3 })).toBe(67);
    expect(percent({ points: 0, max: 0 })).toBe(0);
  });
});
