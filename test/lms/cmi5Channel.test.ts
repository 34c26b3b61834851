import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { launchOf } from '../../src/lms/cmi5';
import { Cmi5Channel, GAME_STATE } from '../../src/lms/cmi5Channel';
import { CONFIDENCE_EXTENSION, dueVerdicts } from '../../src/lms/cmi5Statements';
import { launchConnectPolicy } from '../../src/lms/launchPolicy';
import { LmsReporter } from '../../src/lms/reporter.svelte';
import { parseLmsSettings } from '../../src/lms/settings';
import { percent, scoreCards } from '../../src/core/scoring';
import { cardsOf, createPlayMachine } from '../../src/modes/solo/playMachine';
import { fixtureBank } from '../support/fixtures';
import { finishRound, playToResults } from '../support/play';
import { courseWindow } from '../support/fakeLms';
import { startRecordStore, type TestRecordStore } from '../support/recordStore';
import { eventually } from '../support/eventually';

const bank = fixtureBank();
const machine = createPlayMachine(bank);
const settings = parseLmsSettings({ standard: 'cmi5', passingScore: 70 });
const ALL = ['alpha', 'beta'];

let store: TestRecordStore;
beforeAll(async () => {
  store = await startRecordStore();
});
afterAll(() => store.close());

/** The AU launched by the store's LMS in a course window; the reporter reports at once. */
async function launch(query: string, seed = 21) {
  const win = Object.assign(courseWindow(), { location: { search: query } });
  const reporter = new LmsReporter(await Cmi5Channel.open(win, settings), { bank, settings, schedule: (run) => run() });
  const resumed = reporter.resume(machine);
  const actor = createActor(machine, { input: { seed }, snapshot: resumed?.ok ? resumed.value : undefined }).start();
  reporter.connect(actor, win);
  const leave = () => win.dispatchEvent(new Event('pagehide'));
  return { reporter, actor, resumed, leave };
}

/** Waits until the store has taken a session's terminated statement. */
const terminated = (sessionId: string) => eventually(() => expect(store.verbs(sessionId).at(-1)).toBe('terminated'));

const answers = (verbs: string[]) => verbs.filter((verb) => verb === 'answered').length;

describe('reporting to a cmi5 LMS and its record store', () => {
  it('sends initialized, an answer each, completed and passed, then terminated, all within the cmi5 rules', async () => {
    const launched = store.launch({ masteryScore: 0.7 });
    const { actor, reporter, leave } = await launch(launched.query);
    expect(reporter.passMark).toBe(70);
    actor.send({ type: 'game.start', scenarioIds: ALL, confidence: true });
    playToResults(
      bank,
      actor,
      (card) => card.id !== 'b-roadmap',
      () => 'high',
    );
    const { context } = actor.getSnapshot();
    const score = percent(scoreCards(cardsOf(bank, context.rounds), context.answers));
    await eventually(() => expect(reporter.reported).toEqual({ status: 'passed', score }));
    leave();
    await terminated(launched.sessionId);
    expect(store.problems).toEqual([]);
    expect(store.preferencesRead.has(launched.sessionId)).toBe(true);
    const verbs = store.verbs(launched.sessionId);
    expect(verbs).toEqual(['initialized', ...Array(7).fill('answered'), 'completed', 'passed', 'terminated']);
    expect(store.satisfied(launched.registration)).toBe(true);
    const statements = store.sessionStatements(launched.sessionId);
    const roadmap = statements.find((s) => s.object.id.endsWith('/tasks/b-roadmap'))!;
    expect(roadmap.result).toMatchObject({
      success: false,
      response: 'pmm',
      extensions: { [CONFIDENCE_EXTENSION]: 'high' },
    });
    expect(roadmap.result?.duration).toMatch(/^PT\d+(\.\d+)?S$/);
    expect(roadmap.object.definition).toMatchObject({ interactionType: 'choice', correctResponsesPattern: ['pm'] });
    expect(statements.find((s) => s.verb.id.endsWith('/passed'))!.result).toMatchObject({
      success: true,
      score: { scaled: score / 100, raw: score, min: 0, max: 100 },
    });
    expect(store.state(launched.registration, GAME_STATE)).toMatchObject({
      completed: true,
      passed: true,
      best: score,
    });
  });

  it('resumes the game kept in the State API in a new session, and reports only what is new', async () => {
    const first = store.launch();
    const one = await launch(first.query);
    one.actor.send({ type: 'game.start', scenarioIds: ALL, confidence: false });
    finishRound(bank, one.actor);
    one.leave();
    await terminated(first.sessionId);
    expect(answers(store.verbs(first.sessionId))).toBe(4);

    const again = store.launch({ registration: first.registration });
    const two = await launch(again.query, 99);
    expect(two.resumed?.ok).toBe(true);
    expect(two.actor.getSnapshot().context.answers).toEqual(one.actor.getSnapshot().context.answers);
    playToResults(bank, two.actor);
    two.leave();
    await terminated(again.sessionId);
    expect(store.problems).toEqual([]);
    expect(store.verbs(again.sessionId)).toEqual([
      'initialized',
      ...Array(3).fill('answered'),
      'completed',
      'passed',
      'terminated',
    ]);
    // A third session holds nothing new: the registration already has completed and passed.
    const third = store.launch({ registration: first.registration });
    const three = await launch(third.query, 5);
    three.actor.send({ type: 'game.playAgain' });
    expect(three.actor.getSnapshot().matches('roundIntro')).toBe(true);
    playToResults(bank, three.actor, () => false);
    three.leave();
    await terminated(third.sessionId);
    expect(store.verbs(third.sessionId).filter((verb) => verb !== 'answered')).toEqual(['initialized', 'terminated']);
    expect(store.problems).toEqual([]);
  });

  it('keeps what the store could not take, says so while play goes on, and sends it in order once it is back', async () => {
    const launched = store.launch();
    const { actor, reporter, leave } = await launch(launched.query);
    actor.send({ type: 'game.start', scenarioIds: ALL, confidence: false });
    actor.send({ type: 'round.start' });
    await eventually(() => expect(store.verbs(launched.sessionId)).toEqual(['initialized']));
    store.down = true;
    actor.send({ type: 'role.pick', role: 'pm' });
    await eventually(() => expect(reporter.problem?.reason).toMatch(/^the record store cannot be reached/));
    expect(reporter.problem?.retrying).toBe(true);
    actor.send({ type: 'feedback.continue' });
    actor.send({ type: 'role.pick', role: 'pmm' });
    expect(actor.getSnapshot().matches('feedback')).toBe(true);
    store.down = false;
    actor.send({ type: 'feedback.continue' });
    actor.send({ type: 'role.pick', role: 'both' });
    await eventually(() => expect(reporter.problem).toBeNull());
    expect(answers(store.verbs(launched.sessionId))).toBe(3);
    leave();
    await terminated(launched.sessionId);
    expect(store.problems).toEqual([]);
    const kept = store.state(launched.registration, GAME_STATE) as { game: string };
    expect(kept.game).not.toBe('');
  });

  it('sends a backlog from a long outage in order, in requests small enough to outlive the page', async () => {
    const launched = store.launch();
    const { actor, reporter, leave } = await launch(launched.query);
    await eventually(() => expect(store.verbs(launched.sessionId)).toEqual(['initialized']));
    store.down = true;
    playToResults(bank, actor);
    for (let game = 0; game < 3; game++) {
      actor.send({ type: 'game.playAgain' });
      playToResults(bank, actor);
    }
    await eventually(() => expect(reporter.problem?.retrying).toBe(true));
    store.down = false;
    const before = store.batches.length;
    // Going home is a change to report (and the start screen reports no answers again).
    actor.send({ type: 'game.home' });
    await eventually(() => expect(reporter.problem).toBeNull());
    const sent = store.batches.slice(before);
    expect(sent.reduce((sum, size) => sum + size, 0)).toBe(4 * 7 + 2);
    expect(Math.max(...sent)).toBeLessThanOrEqual(25);
    leave();
    await terminated(launched.sessionId);
    expect(store.verbs(launched.sessionId).filter((verb) => verb !== 'answered')).toEqual([
      'initialized',
      'completed',
      'passed',
      'terminated',
    ]);
    expect(store.problems).toEqual([]);
  });

  it('records a pass that follows a failed game in the same session, and "failed" for a session that ends failed', async () => {
    const launched = store.launch();
    const { actor, leave } = await launch(launched.query);
    playToResults(bank, actor, () => false);
    await eventually(() => expect(store.verbs(launched.sessionId)).toContain('completed'));
    actor.send({ type: 'game.playAgain' });
    playToResults(bank, actor);
    await eventually(() => expect(store.verbs(launched.sessionId)).toContain('passed'));
    leave();
    await terminated(launched.sessionId);
    expect(store.verbs(launched.sessionId)).not.toContain('failed');

    const failing = store.launch();
    const other = await launch(failing.query);
    playToResults(bank, other.actor, (card) => card.id === 'a-pm');
    other.leave();
    await terminated(failing.sessionId);
    expect(store.verbs(failing.sessionId).slice(-3)).toEqual(['completed', 'failed', 'terminated']);
    expect(store.satisfied(failing.registration)).toBe(false);
    expect(store.problems).toEqual([]);
  });

  it('sends no verdicts in Browse mode, and plays on, saying so, when the launch is broken or its token spent', async () => {
    const browsing = store.launch({ launchMode: 'Browse' });
    const browse = await launch(browsing.query);
    playToResults(bank, browse.actor);
    browse.leave();
    await terminated(browsing.sessionId);
    expect(store.verbs(browsing.sessionId).filter((verb) => verb !== 'answered')).toEqual([
      'initialized',
      'terminated',
    ]);

    const launched = store.launch();
    await launch(launched.query);
    const spent = await launch(launched.query);
    expect(spent.reporter.problem?.reason).toMatch(
      /^the learning system refused: it gave no token \(The authorization/,
    );
    expect((await launch('?endpoint=https%3A%2F%2Flrs.test%2F')).reporter.problem?.reason).toMatch(
      /the launch gave no fetch, actor, registration, activityId/,
    );
    const none = await launch('');
    expect(none.reporter.problem).toEqual({ reason: 'Role Call cannot find it from this page', retrying: false });
    playToResults(bank, none.actor);
    expect(store.problems).toEqual([]);
  });
});

describe('the rules of cmi5 statements and launches', () => {
  it('makes completed and passed due once a registration, and failed only at the end of a session', () => {
    const passed = { completion: 'completed', success: 'passed', score: 90 } as const;
    const failed = { completion: 'completed', success: 'failed', score: 50 } as const;
    const none = { completed: false, passed: false };
    const session = { normal: true, judged: false, finishedGame: true, ending: false };
    expect(dueVerdicts(passed, none, session)).toEqual(['completed', 'passed']);
    expect(dueVerdicts(passed, { completed: true, passed: true }, session)).toEqual([]);
    expect(dueVerdicts(failed, none, session)).toEqual(['completed']);
    expect(dueVerdicts(failed, { completed: true, passed: false }, { ...session, ending: true })).toEqual(['failed']);
    expect(
      dueVerdicts(failed, { completed: true, passed: false }, { ...session, ending: true, finishedGame: false }),
    ).toEqual([]);
    expect(dueVerdicts(passed, none, { ...session, normal: false })).toEqual([]);
  });

  it('reads a launch, and lets the page connect to its own origin and the launch origins alone', () => {
    const query = store.launch().query;
    const launch = launchOf(query);
    expect(launch?.ok && launch.value.endpoint).toBe(`${store.url}/xapi/`);
    expect(launchConnectPolicy(query)).toBe(`connect-src 'self' ${store.url}`);
    const params = new URLSearchParams(query);
    params.set('fetch', 'https://lms.test/token?k=1');
    expect(launchConnectPolicy(`?${params}`)).toBe(`connect-src 'self' ${store.url} https://lms.test`);
    params.set('endpoint', 'javascript:alert(1)');
    expect(launchOf(`?${params}`)).toEqual({
      ok: false,
      error: 'the launch gave an endpoint or token address that is not a web address',
    });
    expect(launchConnectPolicy(`?${params}`)).toBe("connect-src 'self'");
    expect(launchOf('?mode=workshop')).toBeUndefined();
  });
});
