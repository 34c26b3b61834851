import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  finishedScore,
  gameScore,
  interactionsOf,
  isCourseGame,
  lessonStatus,
  passMark,
  priorBest,
} from '../../src/lms/report';
import { parseLmsSettings } from '../../src/lms/settings';
import { createPlayMachine } from '../../src/modes/solo/playMachine';
import { fixtureBank } from '../support/fixtures';
import { playToResults } from '../support/play';

const bank = fixtureBank();
const machine = createPlayMachine(bank);
const settings = parseLmsSettings({});

function finishedGame(right: (id: string) => boolean, confidence = false, sure: 'low' | 'high' = 'low') {
  const actor = createActor(machine, { input: { seed: 12 } }).start();
  actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence });
  playToResults(
    bank,
    actor,
    (card) => right(card.id),
    () => sure,
  );
  return actor.getSnapshot();
}

describe('what the LMS is told', () => {
  it('has defaults for every setting, and refuses a pass mark past 100 or a bad company id', () => {
    expect(settings).toEqual({
      title: 'Role Call: PM or PMM?',
      companies: [],
      passingScore: 80,
      confidenceCounts: false,
    });
    expect(() => parseLmsSettings({ passingScore: 101 })).toThrow(/passingScore/);
    expect(() => parseLmsSettings({ companies: ['Not an id'] })).toThrow(/companies/);
    expect(parseLmsSettings({ passingScore: null }).passingScore).toBeNull();
  });

  it('scores a finished game of every company as the share of points, 0 to 100', () => {
    const all = finishedGame(() => true);
    expect(finishedScore(bank, all, settings)).toBe(100);
    // a-both is worth 2 of the 7 points.
    const missed = finishedGame((id) => id !== 'a-both');
    expect(finishedScore(bank, missed, settings)).toBe(Math.round((5 / 7) * 100));
  });

  it('scores the certainty-based marks when the package counts them, never below 0', () => {
    const counts = parseLmsSettings({ confidenceCounts: true });
    const sure = finishedGame(() => true, true, 'high');
    expect(gameScore(bank, sure.context, counts)).toBe(100);
    const unsure = finishedGame(() => true, true, 'low');
    expect(gameScore(bank, unsure.context, counts)).toBe(Math.round((5 / 15) * 100));
    expect(gameScore(bank, unsure.context, settings)).toBe(100);
    const wrong = finishedGame(() => false, true, 'high');
    expect(gameScore(bank, wrong.context, counts)).toBe(0);
  });

  it('counts only a game of every company, finished, for the course', () => {
    const actor = createActor(machine, { input: { seed: 4 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    expect(isCourseGame(bank, actor.getSnapshot().context)).toBe(false);
    const finished = finishedGame((id) => id !== 'a-pm');
    expect(isCourseGame(bank, finished.context)).toBe(true);
    const replay = createActor(machine, { input: { seed: 4 }, snapshot: finished }).start();
    replay.send({ type: 'game.replayMissed' });
    expect(isCourseGame(bank, replay.getSnapshot().context)).toBe(false);
    expect(finishedScore(bank, replay.getSnapshot(), settings)).toBeUndefined();
  });

  it('says incomplete until a game is finished, then passed, failed or completed from the best score', () => {
    expect(lessonStatus(undefined, 80)).toBe('incomplete');
    expect(lessonStatus(undefined, 80, 'not attempted')).toBe('incomplete');
    expect(lessonStatus(undefined, 80, 'passed')).toBe('passed');
    expect(lessonStatus(80, 80)).toBe('passed');
    expect(lessonStatus(79, 80)).toBe('failed');
    expect(lessonStatus(10, null)).toBe('completed');
  });

  it("takes the LMS's mastery score over the package's pass mark, and a score only from a finished session", () => {
    expect(passMark('60', settings)).toBe(60);
    expect(passMark('', settings)).toBe(80);
    expect(passMark(undefined, parseLmsSettings({ passingScore: null }))).toBeNull();
    expect(passMark('abc', settings)).toBe(80);
    expect(priorBest('failed', '55')).toBe(55);
    expect(priorBest('incomplete', '55')).toBeUndefined();
    expect(priorBest('passed', '')).toBeUndefined();
  });

  it('gives each answer as an interaction: the role in words, a split as its option number', () => {
    const finished = finishedGame((id) => id !== 'b-launch');
    const interactions = interactionsOf(bank, finished.context);
    const launch = interactions.filter((interaction) => interaction.id.startsWith('b-launch'));
    // A shared task asks for the split even after a wrong role.
    const launchCard = bank.cards.get('b-launch')!.card;
    const rightSplit = launchCard.key === 'both' ? launchCard.overlap.options.findIndex((o) => o.correct) : -1;
    expect(launch).toEqual([
      { key: `12:b-launch:role`, id: 'b-launch', type: 'fill-in', response: 'pm', correct: 'both', result: 'wrong' },
      {
        key: `12:b-launch:split`,
        id: 'b-launch-split',
        type: 'choice',
        response: expect.not.stringMatching(String(rightSplit + 1)),
        correct: String(rightSplit + 1),
        result: 'wrong',
      },
    ]);
    const both = interactions.filter((interaction) => interaction.id.startsWith('a-both'));
    const right = bank.cards.get('a-both')!.card;
    const option = right.key === 'both' ? right.overlap.options.findIndex((o) => o.correct) + 1 : 0;
    expect(both.map(({ id, type, response, correct, result }) => ({ id, type, response, correct, result }))).toEqual([
      { id: 'a-both', type: 'fill-in', response: 'both', correct: 'both', result: 'correct' },
      { id: 'a-both-split', type: 'choice', response: String(option), correct: String(option), result: 'correct' },
    ]);
    expect(interactions).toHaveLength(7);
  });
});
