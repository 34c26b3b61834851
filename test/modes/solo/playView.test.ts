import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { indexBank } from '../../../src/core/bank';
import { createPlayMachine } from '../../../src/modes/solo/playMachine';
import { continueEvent, keyEvent, playView } from '../../../src/modes/solo/playView';
import { currentCard } from '../../../src/core/cursor';
import { fixtureBank } from '../../support/fixtures';
import { answer, finishRound } from '../../support/play';

const bank = fixtureBank();
const machine = createPlayMachine(bank);
/** A game of alpha; it asks for confidence unless told not to. */
const start = (confidence = true) => {
  const actor = createActor(machine, { input: { seed: 11 } }).start();
  actor.send({ type: 'game.start', scenarioIds: ['alpha'], confidence });
  return actor;
};
const viewOf = (actor: ReturnType<typeof start>) => playView(bank, actor.getSnapshot());
const keyOf = (actor: ReturnType<typeof start>, key: string) => keyEvent(key, actor.getSnapshot(), viewOf(actor));

/** Answers until the shared card is on screen. */
function toSharedCard(actor: ReturnType<typeof start>) {
  actor.send({ type: 'round.start' });
  while (currentCard(bank, actor.getSnapshot().context)!.key !== 'both') {
    answer(actor, 'pm', 'low');
    actor.send({ type: 'feedback.continue' });
  }
}

describe('the self-paced view', () => {
  it('lets Enter and Space take the one way on from the story, feedback, split, summary and results', () => {
    const actor = createActor(machine, { input: { seed: 11 } }).start();
    const onward = (key = 'Enter') => continueEvent(key, actor.getSnapshot(), viewOf(actor));
    expect(onward()).toBeUndefined();
    actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence: false });
    const taken: string[] = [];
    for (let step = 0; step < 40 && !actor.getSnapshot().matches('results'); step++) {
      const snapshot = actor.getSnapshot();
      const event = onward(step % 2 ? 'Enter' : ' ');
      if (snapshot.matches('answering')) {
        // A task waits for a role: Enter takes nothing there.
        expect(event).toBeUndefined();
        actor.send({ type: 'role.pick', role: 'pm' });
      } else if (snapshot.matches({ overlap: 'choosing' })) {
        expect(event).toBeUndefined();
        actor.send({ type: 'overlap.choose', option: 0 });
      } else {
        taken.push(event!.type);
        actor.send(event!);
      }
    }
    expect(new Set(taken)).toEqual(new Set(['round.start', 'feedback.continue', 'overlap.continue', 'round.continue']));
    expect(onward()).toEqual({ type: 'game.replayMissed' });
    expect(onward('a')).toBeUndefined();
  });

  it('gives the verdict and the way on after an answer', () => {
    const actor = start();
    actor.send({ type: 'round.start' });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    answer(actor, card.key, 'high');
    const view = viewOf(actor);
    expect(view).toMatchObject({ screen: 'task', step: 'feedback', correct: true, state: 'feedback' });
    expect(view.screen === 'task' && view.next).toEqual({
      event: { type: 'feedback.continue' },
      label: card.key === 'both' ? 'Next: split the work' : 'Next task',
    });
    expect(actor.getSnapshot().can(view.screen === 'task' ? view.next!.event : { type: 'game.home' })).toBe(true);
  });

  it('judges the split and labels the end of the round', () => {
    const actor = start();
    toSharedCard(actor);
    answer(actor, 'both', 'medium');
    actor.send({ type: 'feedback.continue' });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    const wrong = card.key === 'both' ? card.overlap.options.findIndex((option) => !option.correct) : -1;
    actor.send({ type: 'overlap.choose', option: wrong });
    expect(viewOf(actor)).toMatchObject({ step: 'revealed', split: { chosen: wrong, correct: false } });
    // The last task of a game of one company leads to its results.
    expect(viewOf(actor)).toMatchObject({ next: { label: expect.stringMatching(/^(Next task|See your results)$/) } });
    finishRound(bank, actor);
    // A game of one company has one page at its end: the results, with the round's summary in them.
    const results = viewOf(actor);
    expect(results).toMatchObject({ screen: 'results', next: { event: { type: 'game.replayMissed' } } });
    expect(results.screen === 'results' && results.round!.missed.map((c) => c.id)).toContain(card.id);
    expect(results.screen === 'results' && results.round!.results).toHaveLength(3);
  });

  it('points the feedback at a look-alike task with another answer', () => {
    const raw = structuredClone({ sources: bank.sources, scenarios: bank.scenarios });
    const pm = raw.scenarios[0]!.cards.find((card) => card.id === 'a-pm')!;
    pm.compare = 'a-pmm';
    const compared = indexBank(raw);
    const actor = createActor(createPlayMachine(compared), { input: { seed: 11 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'], confidence: false });
    actor.send({ type: 'round.start' });
    while (currentCard(compared, actor.getSnapshot().context)!.id !== 'a-pm') {
      actor.send({ type: 'role.pick', role: 'pm' });
      actor.send({ type: 'feedback.continue' });
      if (actor.getSnapshot().matches('overlap')) {
        actor.send({ type: 'overlap.choose', option: 0 });
        actor.send({ type: 'overlap.continue' });
      }
    }
    actor.send({ type: 'role.pick', role: 'pm' });
    const view = playView(compared, actor.getSnapshot());
    const other = compared.cards.get('a-pmm')!.card;
    expect(view.screen === 'task' && view.compare).toEqual({ task: other.task, key: 'pmm' });
  });

  it('says on the story screen when a task turns on a fact in the story', () => {
    expect(viewOf(start())).toMatchObject({ screen: 'roundIntro', storyMatters: false });
    const raw = structuredClone({ sources: bank.sources, scenarios: bank.scenarios });
    raw.scenarios[0]!.cards[0]!.storyFact = raw.scenarios[0]!.story.split(' ').slice(0, 3).join(' ');
    const told = indexBank(raw);
    const actor = createActor(createPlayMachine(told), { input: { seed: 11 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    expect(playView(told, actor.getSnapshot())).toMatchObject({ screen: 'roundIntro', storyMatters: true });
  });

  it('maps 1, 2, 3 to the roles while answering, and nothing once answered', () => {
    const actor = start(false);
    expect(keyOf(actor, '1')).toBeUndefined();
    actor.send({ type: 'round.start' });
    expect(keyOf(actor, '1')).toEqual({ type: 'role.pick', role: 'pm' });
    expect(keyOf(actor, '3')).toEqual({ type: 'role.pick', role: 'both' });
    expect(keyOf(actor, '4')).toBeUndefined();
    expect(keyOf(actor, 'x')).toBeUndefined();
    actor.send({ type: 'role.pick', role: 'pm' });
    expect(keyOf(actor, '1')).toBeUndefined();
  });

  it('maps numbers to the splits in the order shown while choosing one', () => {
    const actor = start();
    toSharedCard(actor);
    answer(actor, 'both', 'low');
    actor.send({ type: 'feedback.continue' });
    const view = viewOf(actor);
    const order = view.screen === 'task' ? view.split!.order : [];
    expect(keyOf(actor, '1')).toEqual({ type: 'overlap.choose', option: order[0] });
    expect(keyOf(actor, String(order.length))).toEqual({ type: 'overlap.choose', option: order.at(-1) });
    expect(keyOf(actor, String(order.length + 1))).toBeUndefined();
  });

  it('maps a role key, then 1, 2, 3 to low, medium and high confidence, in a game that asks', () => {
    const actor = start();
    actor.send({ type: 'round.start' });
    expect(viewOf(actor)).toMatchObject({ step: 'answering', asksConfidence: true });
    expect(viewOf(actor)).not.toHaveProperty('picked');
    expect(keyOf(actor, '2')).toEqual({ type: 'role.pick', role: 'pmm' });
    expect(keyOf(actor, '4')).toBeUndefined();
    actor.send(keyOf(actor, '2')!);
    // The role picked shows pressed, with the question of how sure: the keys now answer that.
    expect(viewOf(actor)).toMatchObject({ step: 'answering', picked: 'pmm', state: 'answering.confiding' });
    expect(keyOf(actor, '1')).toEqual({ type: 'confidence.choose', confidence: 'low' });
    expect(keyOf(actor, '3')).toEqual({ type: 'confidence.choose', confidence: 'high' });
    expect(keyOf(actor, '4')).toBeUndefined();
    actor.send(keyOf(actor, '2')!);
    expect(viewOf(actor)).toMatchObject({ step: 'feedback', answer: { role: 'pmm', confidence: 'medium' } });
    expect(viewOf(actor)).not.toHaveProperty('picked');
    expect(keyOf(actor, '2')).toBeUndefined();
  });

  it('shows the certainty-based mark of a task once answered', () => {
    const actor = start();
    actor.send({ type: 'round.start' });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    answer(actor, card.key === 'pm' ? 'pmm' : 'pm', 'high');
    const view = viewOf(actor);
    expect(view).toMatchObject({ step: 'feedback', correct: false, cbm: { confidence: 'high', mark: -6 } });
    expect(view.screen === 'task' && view.announcement).toMatch(/\u22126 marks for high confidence\.$/);
    const plain = start(false);
    plain.send({ type: 'round.start' });
    plain.send({ type: 'role.pick', role: 'pm' });
    expect(viewOf(plain)).toMatchObject({ asksConfidence: false });
    expect(viewOf(plain)).not.toHaveProperty('cbm');
  });

  it('adds certainty-based marks, calibration and confident errors to the summary and results', () => {
    const actor = start();
    // Sure of every role, and wrong on the one-role cards: two confident errors.
    finishRound(
      bank,
      actor,
      (card) => card.key === 'both',
      () => 'high',
    );
    const results = viewOf(actor);
    const expected = {
      score: { points: 3 - 6 - 6, max: 9 },
      calibration: [
        { level: 'low', answered: 0, right: 0, percent: 0 },
        { level: 'medium', answered: 0, right: 0, percent: 0 },
        { level: 'high', answered: 3, right: 1, percent: 33, verdict: 'over' },
      ],
    };
    expect(results).toMatchObject({ screen: 'results', breakdown: { total: { points: 2, max: 4 } }, cbm: expected });
    expect(results.screen === 'results' && results.cbm!.confidentErrors.map((c) => c.id).sort()).toEqual([
      'a-pm',
      'a-pmm',
    ]);
    const plain = start(false);
    finishRound(bank, plain);
    expect(viewOf(plain)).not.toHaveProperty('cbm');
    plain.send({ type: 'game.home' });
    expect(viewOf(plain)).toEqual({ screen: 'intro', state: 'intro', confidence: false });
  });
});
