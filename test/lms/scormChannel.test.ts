import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { LmsReporter } from '../../src/lms/reporter.svelte';
import { Scorm2004API } from 'scorm-again';
import { SCORM_12, SCORM_2004, ScormChannel } from '../../src/lms/scormChannel';
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
  const reporter = new LmsReporter(ScormChannel.open(win, SCORM_12, settings), {
    bank,
    settings,
    now: () => (now += 1000),
    schedule: (run) => run(),
  });
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
    actor.send({ type: 'role.pick', role: currentCard(bank, actor.getSnapshot().context)!.key });
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
    // The start screen still holds the last game, under the next seed: it is not reported twice.
    actor.send({ type: 'game.home' });
    expect(interactionIds(lms.stored)).toHaveLength(7);
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
    actor.send({ type: 'role.pick', role: 'pm' });
    expect(reporter.problem).toEqual({
      reason: 'it did not take the last save (General exception, error 101)',
      retrying: true,
    });
    actor.send({ type: 'feedback.continue' });
    lms.commit = 'throw';
    actor.send({ type: 'role.pick', role: 'pm' });
    expect(reporter.problem?.reason).toBe('it did not take the last save (The LMS is down)');
    actor.send({ type: 'feedback.continue' });
    lms.commit = 'ok';
    actor.send({ type: 'role.pick', role: 'pm' });
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

/**
 * scorm-again's SCORM 2004 runtime as the LMS, strict about every value; `held` reads back, flat,
 * what it kept at the last commit (Terminate commits too), and `refuse` makes Commit answer "false".
 */
function lms2004(cmi?: Record<string, unknown>) {
  const api = new Scorm2004API({ logLevel: 5, autocommit: false });
  if (cmi) api.loadFromJSON(cmi, '');
  const flat = () => {
    const values: Record<string, string> = {};
    const walk = (value: object, path: string) => {
      for (const [key, child] of Object.entries(value))
        if (child && typeof child === 'object') walk(child, `${path}.${key}`);
        else if (child !== '' && child !== undefined && child !== null)
          values[`${path}.${key}`.slice(1)] = String(child);
    };
    walk(api.renderCommitCMI(true), '');
    return values;
  };
  const lms = { api, held: {} as Record<string, string>, refuse: false };
  const commit = api.Commit.bind(api);
  const terminate = api.Terminate.bind(api);
  api.Commit = (parameter?: string) => {
    if (lms.refuse) return 'false';
    const done = commit(parameter);
    if (done === 'true') lms.held = flat();
    return done;
  };
  api.Terminate = (parameter?: string) => {
    lms.held = flat();
    return terminate(parameter);
  };
  return lms;
}

function launch2004(api: object, seed = 21, confidenceCounts = false) {
  let now = Date.UTC(2026, 0, 5, 9);
  const win = courseWindow(api, 'API_1484_11');
  const course = parseLmsSettings({ standard: '2004', passingScore: 70, confidenceCounts });
  const reporter = new LmsReporter(ScormChannel.open(win, SCORM_2004, course), {
    bank,
    settings: course,
    now: () => (now += 1000),
    schedule: (run) => run(),
  });
  const resumed = reporter.resume(machine);
  const actor = createActor(machine, { input: { seed }, snapshot: resumed?.ok ? resumed.value : undefined }).start();
  reporter.connect(actor, win);
  return { reporter, actor, win, resumed };
}

const interactionsHeld = (held: Record<string, string>) =>
  Object.entries(held)
    .filter(([key]) => /^cmi\.interactions\.\d+\.id$/.test(key))
    .map(([key, id]) => {
      const n = key.slice(0, -'.id'.length);
      const of = (child: string) => held[`${n}.${child}`];
      return {
        id,
        type: of('type'),
        response: of('learner_response'),
        correct: of('correct_responses.0.pattern'),
        result: of('result'),
        latency: of('latency'),
        timestamp: of('timestamp'),
        description: of('description'),
      };
    });

describe('reporting to a SCORM 2004 LMS (scorm-again)', () => {
  it('reports completion and success apart, a scaled score, and each answer with its timing and how sure', () => {
    const lms = lms2004();
    const { actor, reporter, win } = launch2004(lms.api);
    expect(lms.held).toMatchObject({ 'cmi.completion_status': 'incomplete', 'cmi.success_status': 'unknown' });
    actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence: true });
    playToResults(
      bank,
      actor,
      (card) => card.id !== 'b-roadmap',
      () => 'high',
    );
    const score = percent(
      scoreCards(cardsOf(bank, actor.getSnapshot().context.rounds), actor.getSnapshot().context.answers),
    );
    win.dispatchEvent(new Event('pagehide'));
    expect(lms.api.GetLastError()).toBe('0');
    const kept = lms.held;
    expect(kept).toMatchObject({
      'cmi.completion_status': 'completed',
      'cmi.success_status': 'passed',
      'cmi.score.scaled': String(score / 100),
      'cmi.score.raw': String(score),
      'cmi.score.min': '0',
      'cmi.score.max': '100',
      'cmi.exit': 'normal',
    });
    expect(kept['cmi.session_time']).toMatch(/^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$/);
    expect(reporter.reported).toEqual({ status: 'passed', score });
    const interactions = interactionsHeld(kept);
    expect(interactions.map((i) => i.id).sort()).toEqual(
      ['a-pm', 'a-pmm', 'a-both', 'a-both-split', 'b-roadmap', 'b-launch', 'b-launch-split'].sort(),
    );
    const roadmap = interactions.find((i) => i.id === 'b-roadmap')!;
    expect(roadmap).toMatchObject({ type: 'choice', correct: 'pm', response: 'pmm', result: 'incorrect' });
    expect(roadmap.description).toMatch(/^Who does this: .+ \(how sure: Certain\)$/);
    expect(interactions.find((i) => i.id === 'a-both-split')).toMatchObject({ type: 'choice', result: 'correct' });
    for (const interaction of interactions) {
      expect(interaction.latency).toMatch(/^PT\d+(\.\d+)?S$/);
      expect(interaction.timestamp).toMatch(/^2026-01-05T\d\d:\d\d:\d\d\.\d\dZ$/);
    }
  });

  it('judges success against the scaled passing score the LMS sets, over the package pass mark', () => {
    const lms = lms2004({ scaled_passing_score: '0.95' });
    const { actor, reporter } = launch2004(lms.api);
    expect(reporter.passMark).toBe(95);
    playToResults(bank, actor, (card) => card.id !== 'a-pm');
    expect(lms.held).toMatchObject({ 'cmi.completion_status': 'completed', 'cmi.success_status': 'failed' });
  });

  it('leaves a game under way as suspend, with a bookmark, and resumes it from the suspend data', () => {
    const first = lms2004();
    const one = launch2004(first.api);
    one.actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence: false });
    finishRound(bank, one.actor);
    one.win.dispatchEvent(new Event('pagehide'));
    const kept = first.held;
    expect(kept).toMatchObject({ 'cmi.exit': 'suspend', 'cmi.completion_status': 'incomplete' });
    const nextRound = one.actor.getSnapshot().context.rounds[1]!;
    expect(kept['cmi.location']).toBe(nextRound.cardIds[0]);

    const second = lms2004({ entry: 'resume', suspend_data: kept['cmi.suspend_data'], location: kept['cmi.location'] });
    const two = launch2004(second.api, 99);
    expect(two.resumed?.ok).toBe(true);
    expect(two.actor.getSnapshot().context.answers).toEqual(one.actor.getSnapshot().context.answers);
    playToResults(bank, two.actor);
    expect(
      interactionsHeld(second.held)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['b-launch', 'b-launch-split', 'b-roadmap']);
    expect(second.held['cmi.success_status']).toBe('passed');
  });

  it('plays on when Commit fails, says so, and reports again once the LMS takes a commit', () => {
    const lms = lms2004();
    const { actor, reporter } = launch2004(lms.api);
    actor.send({ type: 'game.start', scenarioIds: ['alpha'], confidence: false });
    actor.send({ type: 'round.start' });
    const unanswered = lms.held['cmi.suspend_data'];
    lms.refuse = true;
    actor.send({ type: 'role.pick', role: 'pm' });
    expect(reporter.problem?.retrying).toBe(true);
    expect(reporter.problem?.reason).toMatch(/^it did not take the last save/);
    expect(lms.held['cmi.suspend_data']).toBe(unanswered);
    lms.refuse = false;
    actor.send({ type: 'feedback.continue' });
    actor.send({ type: 'role.pick', role: 'pm' });
    expect(reporter.problem).toBeNull();
    expect(lms.held['cmi.suspend_data']).not.toBe(unanswered);
    expect(interactionsHeld(lms.held)).toHaveLength(2);
  });
});
