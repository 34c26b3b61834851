import { describe, expect, it } from 'vitest';
import {
  calibration,
  cbmMark,
  cbmScore,
  cbmSummary,
  confidentErrors,
  correctSplit,
  isMissed,
  maxPoints,
  percent,
  scoreByTopic,
  scoreCard,
  scoreCards,
  type Answer,
} from '../../src/core/scoring';
import { answerPoints, maxCardPoints } from '../../src/core/workshop';
import type { SharedCard } from '../../src/core/schema';
import { fixtureBank } from '../support/fixtures';

const cards = fixtureBank().cards;
const card = (id: string) => cards.get(id)!.card;

describe('scoring', () => {
  it('finds the right split of a shared task in one place, and scores a split against it', () => {
    const shared = [...cards.values()].map((entry) => entry.card).find((c): c is SharedCard => c.key === 'both')!;
    const right = correctSplit(shared);
    expect(shared.overlap.options[right]?.correct).toBe(true);
    expect(scoreCard(shared, { role: 'both', overlap: right })).toEqual({ points: 2, max: 2 });
    expect(scoreCard(shared, { role: 'both', overlap: (right + 1) % shared.overlap.options.length }).points).toBe(1);
  });

  it('gives a workshop answer 1 point for the right role and 1 more when fast with the bonus on', () => {
    expect([answerPoints(true, true, true), answerPoints(true, false, true), answerPoints(false, true, true)]).toEqual([
      2, 1, 0,
    ]);
    expect(answerPoints(true, true, false)).toBe(1);
    expect(maxCardPoints({ speedBonus: true, secondsPerCard: 60 })).toBe(2);
    expect(maxCardPoints({ speedBonus: true, secondsPerCard: 0 })).toBe(1);
  });

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

describe('certainty-based marks', () => {
  it('give a right role 1, 2 or 3 and a wrong one 0, -2 or -6, by confidence', () => {
    expect(cbmMark(card('a-pm'), { role: 'pm', confidence: 'low' })).toBe(1);
    expect(cbmMark(card('a-pm'), { role: 'pm', confidence: 'medium' })).toBe(2);
    expect(cbmMark(card('a-pm'), { role: 'pm', confidence: 'high' })).toBe(3);
    expect(cbmMark(card('a-pm'), { role: 'pmm', confidence: 'low' })).toBe(0);
    expect(cbmMark(card('a-pm'), { role: 'pmm', confidence: 'medium' })).toBe(-2);
    expect(cbmMark(card('a-pm'), { role: 'both', confidence: 'high' })).toBe(-6);
  });

  it('mark the role of a shared card only, and nothing without a confidence', () => {
    expect(cbmMark(card('a-both'), { role: 'both', overlap: 0, confidence: 'high' })).toBe(3);
    expect(cbmMark(card('a-both'), { role: 'both', overlap: 1 })).toBeUndefined();
    expect(cbmMark(card('a-both'), undefined)).toBeUndefined();
  });

  it('leave the plain score as it was', () => {
    expect(scoreCard(card('a-both'), { role: 'both', overlap: 1, confidence: 'low' })).toEqual({ points: 2, max: 2 });
    expect(scoreCard(card('a-pm'), { role: 'pmm', confidence: 'high' })).toEqual({ points: 0, max: 1 });
  });

  const played = [card('a-pm'), card('a-pmm'), card('a-both'), card('b-roadmap'), card('b-launch')];
  const answers: Record<string, Answer> = {
    'a-pm': { role: 'pm', confidence: 'high' },
    'a-pmm': { role: 'pm', confidence: 'high' },
    'a-both': { role: 'both', overlap: 0, confidence: 'medium' },
    'b-roadmap': { role: 'pmm', confidence: 'low' },
    'b-launch': { role: 'both', confidence: 'low' },
  };

  it('sum to a total out of 3 a card, which may be negative', () => {
    expect(cbmScore(played, answers)).toEqual({ points: 3 - 6 + 2 + 0 + 1, max: 15 });
    expect(cbmScore([card('a-pm')], { 'a-pm': { role: 'both', confidence: 'high' } })).toEqual({ points: -6, max: 3 });
    expect(cbmScore(played, {})).toEqual({ points: 0, max: 15 });
  });

  it('say how often each level of confidence was right, against the share at which it pays best', () => {
    expect(calibration(played, answers)).toEqual([
      { level: 'low', answered: 2, right: 1, percent: 50, verdict: 'calibrated' },
      { level: 'medium', answered: 1, right: 1, percent: 100, verdict: 'under' },
      { level: 'high', answered: 2, right: 1, percent: 50, verdict: 'over' },
    ]);
    expect(calibration(played, {}).map((row) => row.answered)).toEqual([0, 0, 0]);
    expect(calibration(played, {})[0]).not.toHaveProperty('verdict');
  });

  it('pick out the confident errors: wrong roles at high confidence', () => {
    expect(confidentErrors(played, answers).map((c) => c.id)).toEqual(['a-pmm']);
    expect(cbmSummary(played, answers)).toEqual({
      score: cbmScore(played, answers),
      calibration: calibration(played, answers),
      confidentErrors: [card('a-pmm')],
    });
  });
});
