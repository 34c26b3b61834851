import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  askedKey,
  courseOutcome,
  finishedScore,
  gameScore,
  interactionsOf,
  isCourseGame,
  isUnderWay,
  locationOf,
  passMark,
  percentOfScaled,
  priorBest,
  statusOf,
} from '../../src/lms/report';
import { scormManifest } from '../../src/lms/manifests';
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
      standard: '1.2',
      companies: [],
      passingScore: 80,
      confidenceCounts: false,
    });
    // With no title of its own, a package is called by the default title in its language.
    expect(scormManifest(settings, [], '1.0.0')).toContain('<title>Role Call: PM or PMM?</title>');
    expect(() => parseLmsSettings({ passingScore: 101 })).toThrow(/passingScore/);
    expect(() => parseLmsSettings({ companies: ['Not an id'] })).toThrow(/companies/);
    expect(parseLmsSettings({ passingScore: null }).passingScore).toBeNull();
    expect(parseLmsSettings({ standard: 'cmi5' }).standard).toBe('cmi5');
    expect(() => parseLmsSettings({ standard: '2004 3rd' })).toThrow(/standard/);
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
    const passed = { completion: 'completed', success: 'passed', score: 90 } as const;
    expect(courseOutcome(undefined, 80)).toEqual({ completion: 'incomplete', success: 'unknown' });
    expect(courseOutcome(undefined, 80, { completion: 'incomplete', success: 'unknown' }).completion).toBe(
      'incomplete',
    );
    expect(courseOutcome(undefined, 80, passed)).toEqual({ completion: 'completed', success: 'passed' });
    expect(courseOutcome(80, 80)).toEqual({ completion: 'completed', success: 'passed', score: 80 });
    expect(courseOutcome(79, 80)).toEqual({ completion: 'completed', success: 'failed', score: 79 });
    expect(courseOutcome(10, null)).toEqual({ completion: 'completed', success: 'unknown', score: 10 });
    expect(statusOf(courseOutcome(undefined, 80))).toBe('incomplete');
    expect(statusOf(courseOutcome(79, 80))).toBe('failed');
    expect(statusOf(courseOutcome(10, null))).toBe('completed');
  });

  it("takes the LMS's pass mark over the package's, and a score only from a finished session", () => {
    expect(passMark('60', settings)).toBe(60);
    expect(passMark('', settings)).toBe(80);
    expect(passMark(undefined, parseLmsSettings({ passingScore: null }))).toBeNull();
    expect(passMark('abc', settings)).toBe(80);
    // A scaled pass mark (SCORM 2004, cmi5) is exact as a percentage: 0.7 is 70, not 70.00000000000001.
    expect(percentOfScaled('0.7')).toBe(70);
    expect(percentOfScaled(0.8125)).toBe(81.25);
    expect(percentOfScaled('1.5')).toBeUndefined();
    expect(passMark(percentOfScaled('0.7'), settings)).toBe(70);
    const completed = { completion: 'completed', success: 'failed' } as const;
    expect(priorBest(completed, '55')).toBe(55);
    expect(priorBest({ completion: 'incomplete', success: 'unknown' }, '55')).toBeUndefined();
    expect(priorBest(completed, '')).toBeUndefined();
  });

  it('gives each answer as an interaction: the role in words, a split as its option number', () => {
    const finished = finishedGame((id) => id !== 'b-launch');
    const interactions = interactionsOf(bank, finished.context);
    const launch = interactions.filter((interaction) => interaction.id.startsWith('b-launch'));
    // A shared task asks for the split even after a wrong role.
    const launchCard = bank.cards.get('b-launch')!.card;
    const rightSplit = launchCard.key === 'both' ? launchCard.overlap.options.findIndex((o) => o.correct) : -1;
    expect(launch).toEqual([
      {
        key: `12:b-launch:role`,
        id: 'b-launch',
        part: 'role',
        task: launchCard.task,
        response: 'pm',
        correct: 'both',
        result: 'wrong',
        choices: [
          { id: 'pm', text: 'Product management' },
          { id: 'pmm', text: 'Product marketing' },
          { id: 'both', text: 'Both' },
        ],
      },
      {
        key: `12:b-launch:split`,
        id: 'b-launch-split',
        part: 'split',
        task: launchCard.task,
        response: expect.not.stringMatching(String(rightSplit + 1)),
        correct: String(rightSplit + 1),
        result: 'wrong',
        choices:
          launchCard.key === 'both'
            ? launchCard.overlap.options.map((o, i) => ({ id: String(i + 1), text: o.text }))
            : [],
      },
    ]);
    const both = interactions.filter((interaction) => interaction.id.startsWith('a-both'));
    const right = bank.cards.get('a-both')!.card;
    const option = right.key === 'both' ? right.overlap.options.findIndex((o) => o.correct) + 1 : 0;
    expect(both.map(({ id, part, response, correct, result }) => ({ id, part, response, correct, result }))).toEqual([
      { id: 'a-both', part: 'role', response: 'both', correct: 'both', result: 'correct' },
      { id: 'a-both-split', part: 'split', response: String(option), correct: String(option), result: 'correct' },
    ]);
    expect(interactions).toHaveLength(7);
  });

  it('carries how sure the learner was of each role, in a game that asks', () => {
    const finished = finishedGame(() => true, true, 'high');
    const interactions = interactionsOf(bank, finished.context);
    expect(interactions.filter((i) => i.part === 'role').map((i) => i.confidence)).toEqual(Array(5).fill('high'));
    expect(interactions.filter((i) => i.part === 'split').every((i) => i.confidence === undefined)).toBe(true);
  });

  it('names the part on screen, to time its answer, and bookmarks the card a game under way resumes on', () => {
    const actor = createActor(machine, { input: { seed: 3 } }).start();
    expect(askedKey(actor.getSnapshot())).toBeUndefined();
    expect([isUnderWay(actor.getSnapshot()), locationOf(bank, actor.getSnapshot())]).toEqual([false, '']);
    actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence: false });
    actor.send({ type: 'round.start' });
    const { context } = actor.getSnapshot();
    const first = context.rounds[0]!.cardIds[0]!;
    expect(askedKey(actor.getSnapshot())).toBe(`3:${first}:role`);
    expect([isUnderWay(actor.getSnapshot()), locationOf(bank, actor.getSnapshot())]).toEqual([true, first]);
    expect(interactionsOf(bank, context)).toEqual([]);
    actor.send({ type: 'role.pick', role: bank.cards.get(first)!.card.key === 'pm' ? 'pmm' : 'pm' });
    expect(askedKey(actor.getSnapshot())).toBeUndefined();
    expect(interactionsOf(bank, actor.getSnapshot().context)[0]!.key).toBe(`3:${first}:role`);
    // Answered, a task that is not shared is behind the learner: the bookmark is the next one.
    const second = context.rounds[0]!.cardIds[1]!;
    expect(locationOf(bank, actor.getSnapshot())).toBe(bank.cards.get(first)!.card.key === 'both' ? first : second);
    playToResults(bank, actor);
    expect([isUnderWay(actor.getSnapshot()), locationOf(bank, actor.getSnapshot())]).toEqual([false, '']);
  });
});
