import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createPlayMachine } from '../../src/machines/playMachine';
import { keyEvent, playView } from '../../src/machines/playView';
import { currentCard } from '../../src/game/cursor';
import { fixtureBank } from '../fixtures';
import { finishRound } from '../play';

const bank = fixtureBank();
const machine = createPlayMachine(bank);
const start = () => {
  const actor = createActor(machine, { input: { seed: 11 } }).start();
  actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
  return actor;
};
const viewOf = (actor: ReturnType<typeof start>) => playView(bank, actor.getSnapshot());
const keyOf = (actor: ReturnType<typeof start>, key: string) => keyEvent(key, actor.getSnapshot(), viewOf(actor));

/** Answers until the shared card is on screen. */
function toSharedCard(actor: ReturnType<typeof start>) {
  actor.send({ type: 'round.start' });
  while (currentCard(bank, actor.getSnapshot().context)!.key !== 'both') {
    actor.send({ type: 'card.answer', role: 'pm' });
    actor.send({ type: 'feedback.continue' });
  }
}

describe('the self-paced view', () => {
  it('gives the verdict and the way on after an answer', () => {
    const actor = start();
    actor.send({ type: 'round.start' });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    actor.send({ type: 'card.answer', role: card.key });
    const view = viewOf(actor);
    expect(view).toMatchObject({ screen: 'task', step: 'feedback', correct: true, state: 'feedback' });
    expect(view.screen === 'task' && view.next).toEqual({
      event: { type: 'feedback.continue' },
      label: card.key === 'both' ? 'Next: who does which part?' : 'Next task',
    });
    expect(actor.getSnapshot().can(view.screen === 'task' ? view.next!.event : { type: 'game.home' })).toBe(true);
  });

  it('judges the split and labels the end of the round', () => {
    const actor = start();
    toSharedCard(actor);
    actor.send({ type: 'card.answer', role: 'both' });
    actor.send({ type: 'feedback.continue' });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    const wrong = card.key === 'both' ? card.overlap.options.findIndex((option) => !option.correct) : -1;
    actor.send({ type: 'overlap.choose', option: wrong });
    expect(viewOf(actor)).toMatchObject({ step: 'revealed', split: { chosen: wrong, correct: false } });
    finishRound(bank, actor);
    const summary = viewOf(actor);
    expect(summary).toMatchObject({ screen: 'summary', next: { label: 'See your results' } });
    expect(summary.screen === 'summary' && summary.missed.map((c) => c.id)).toContain(card.id);
  });

  it('maps 1, 2, 3 to the roles while answering, and nothing once answered', () => {
    const actor = start();
    expect(keyOf(actor, '1')).toBeUndefined();
    actor.send({ type: 'round.start' });
    expect(keyOf(actor, '1')).toEqual({ type: 'card.answer', role: 'pm' });
    expect(keyOf(actor, '3')).toEqual({ type: 'card.answer', role: 'both' });
    expect(keyOf(actor, '4')).toBeUndefined();
    expect(keyOf(actor, 'x')).toBeUndefined();
    actor.send({ type: 'card.answer', role: 'pm' });
    expect(keyOf(actor, '1')).toBeUndefined();
  });

  it('maps numbers to the splits in the order shown while choosing one', () => {
    const actor = start();
    toSharedCard(actor);
    actor.send({ type: 'card.answer', role: 'both' });
    actor.send({ type: 'feedback.continue' });
    const view = viewOf(actor);
    const order = view.screen === 'task' ? view.split!.order : [];
    expect(keyOf(actor, '1')).toEqual({ type: 'overlap.choose', option: order[0] });
    expect(keyOf(actor, String(order.length))).toEqual({ type: 'overlap.choose', option: order.at(-1) });
    expect(keyOf(actor, String(order.length + 1))).toBeUndefined();
  });
});
