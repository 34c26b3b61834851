import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { ScormReporter } from '../../src/lms/scormReporter.svelte';
import { parseLmsSettings } from '../../src/lms/settings';
import { currentCard } from '../../src/core/cursor';
import { percent, scoreCards } from '../../src/core/scoring';
import { cardsOf, createPlayMachine } from '../../src/modes/solo/playMachine';
import { fixtureBank } from '../support/fixtures';
import { finishRound, playToResults } from '../support/play';
import { courseWindow, strictLms, type StrictLms } from '../support/fakeLms';

const bank = fixtureBank();
const machine = createPlayMachine(bank);
const settings = parseLmsSettings({ passingScore: 70 });

/** A course launched in the LMS: the reporter reports at once (no waiting for a paint). */
function launch(lms: StrictLms | undefined, seed = 21) {
  let now = Date.UTC(2026, 0, 5, 9);
  const win = courseWindow(lms?.api);
  const reporter = ScormReporter.open(win, { bank, settings, now: () => (now += 1000), schedule: (run) => run() });
  const resumed = reporter.resume(machine);
  const actor = createActor(machine, { input: { seed }, snapshot: resumed?.ok ? resumed.value : undefined }).start();
  reporter.connect(actor, win);
  return { reporter, actor, win, resumed };
}

const interactionIds = (values: Record<string, string>) =>
  Object.entries(values)
    .filter(([key]) => /^cmi\.interactions\.\d+\.id$/.test(key))
    .map(([, id]) => id);

describe('reporting to a SCORM 1.2 LMS', () => {
  it('reports incomplete, then each task, then the score and pass, and ends on pagehide', () => {
    const lms = strictLms();
    const { actor, reporter, win } = launch(lms);
    expect(lms.stored['cmi.core.lesson_status']).toBe('incomplete');
    actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence: false });
    actor.send({ type: 'round.start' });
    expect(reporter.reported).toBeNull();
    const before = lms.commits;
    actor.send({ type: 'card.answer', role: currentCard(bank, actor.getSnapshot().context)!.key });
    expect(lms.commits).toBe(before + 1);
    expect(interactionIds(lms.stored)).toHaveLength(1);
    // Going on to the next task changes nothing the LMS keeps: no commit.
    actor.send({ type: 'feedback.continue' });
    expect(lms.commits).toBe(before + 1);
    playToResults(bank, actor, (card) => card.id !== 'b-roadmap');
    const { answers } = actor.getSnapshot().context;
    const score = percent(scoreCards(cardsOf(bank, actor.getSnapshot().context.rounds), answers));
    expect(score).toBeLessThan(100);
    expect(lms.stored).toMatchObject({
      'cmi.core.lesson_status': 'passed',
      'cmi.core.score.raw': String(score),
      'cmi.core.score.min': '0',
      'cmi.core.score.max': '100',
      'cmi.core.exit': '',
    });
    expect(interactionIds(lms.stored).sort()).toEqual(
      ['a-pm', 'a-pmm', 'a-both', 'a-both-split', 'b-roadmap', 'b-launch', 'b-launch-split'].sort(),
    );
    expect(reporter.problem).toBeNull();
    expect(reporter.reported).toEqual({ status: 'passed', score });
    win.dispatchEvent(new Event('pagehide'));
    win.dispatchEvent(new Event('beforeunload'));
    expect(lms.calls.filter((call) => call === 'LMSFinish')).toHaveLength(1);
    expect(lms.calls.slice(-2)).toEqual(['LMSCommit', 'LMSFinish']);
    expect(lms.stored['cmi.core.session_time']).toMatch(/^\d{4}:\d\d:\d\d\.\d\d$/);
  });

  it('never takes a pass away: a worse game later keeps the best score', () => {
    const lms = strictLms({ 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '90' });
    const { actor } = launch(lms);
    expect(lms.stored['cmi.core.lesson_status']).toBe('passed');
    playToResults(bank, actor, () => false);
    expect(lms.stored['cmi.core.lesson_status']).toBe('passed');
    expect(lms.stored['cmi.core.score.raw']).toBe('90');
  });

  it('fails against the mastery score the LMS gives, over the package setting', () => {
    const lms = strictLms({ 'cmi.student_data.mastery_score': '95' });
    const { actor } = launch(lms);
    playToResults(bank, actor, (card) => card.id !== 'a-pm');
    expect(lms.stored['cmi.core.lesson_status']).toBe('failed');
  });

  it('resumes the game the LMS kept, and reports only the answers that are new', () => {
    const first = strictLms();
    const one = launch(first);
    one.actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence: true });
    finishRound(bank, one.actor);
    one.win.dispatchEvent(new Event('pagehide'));
    const kept = first.stored;
    expect(kept['cmi.core.exit']).toBe('suspend');

    const second = strictLms({ 'cmi.core.entry': 'resume', 'cmi.suspend_data': kept['cmi.suspend_data']! });
    const two = launch(second, 99);
    expect(two.resumed?.ok).toBe(true);
    expect(two.actor.getSnapshot().context.answers).toEqual(one.actor.getSnapshot().context.answers);
    expect(two.actor.getSnapshot().context.seed).toBe(one.actor.getSnapshot().context.seed);
    playToResults(bank, two.actor);
    expect(interactionIds(second.stored).sort()).toEqual(['b-launch', 'b-launch-split', 'b-roadmap']);
  });

  it('plays on when commits fail or throw, says so, and clears the notice once one works', () => {
    const lms = strictLms();
    const { actor, reporter } = launch(lms);
    actor.send({ type: 'game.start', scenarioIds: ['alpha'], confidence: false });
    actor.send({ type: 'round.start' });
    lms.commit = 'false';
    actor.send({ type: 'card.answer', role: 'pm' });
    expect(reporter.problem).toEqual({
      reason: 'it did not take the last save (General exception, error 101)',
      retrying: true,
    });
    actor.send({ type: 'feedback.continue' });
    lms.commit = 'throw';
    actor.send({ type: 'card.answer', role: 'pm' });
    expect(reporter.problem?.reason).toBe('it did not take the last save (The LMS is down)');
    actor.send({ type: 'feedback.continue' });
    lms.commit = 'ok';
    actor.send({ type: 'card.answer', role: 'pm' });
    expect(reporter.problem).toBeNull();
    expect(lms.stored['cmi.suspend_data']).not.toBe('');
  });

  it('reports status and score to an LMS that takes no interactions, with no notice', () => {
    const lms = strictLms({}, { interactions: false });
    const { actor, reporter } = launch(lms);
    playToResults(bank, actor);
    expect(lms.stored['cmi.core.lesson_status']).toBe('passed');
    expect(lms.calls.some((call) => call.startsWith('set cmi.interactions'))).toBe(false);
    expect(reporter.problem).toBeNull();
  });

  it('plays with no LMS, or one that will not start, and says progress is not being reported', () => {
    const none = launch(undefined);
    expect(none.reporter.problem).toEqual({ reason: 'Role Call cannot find it from this page', retrying: false });
    playToResults(bank, none.actor);
    expect(none.actor.getSnapshot().matches('results')).toBe(true);
    const lms = strictLms();
    lms.api.LMSInitialize('');
    const refused = launch(lms);
    expect(refused.reporter.problem).toEqual({
      reason: 'the learning system refused: it did not start a session (General exception, error 101)',
      retrying: false,
    });
    expect(refused.reporter.connected).toBe(false);
  });
});
