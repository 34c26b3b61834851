import { currentCard } from '../../src/core/cursor';
import type { Actor } from 'xstate';
import type { Card, Role } from '../../src/core/schema';
import type { Confidence } from '../../src/core/scoring';
import type { IndexedBank } from '../../src/core/bank';
import { type PlayMachine } from '../../src/modes/solo/playMachine';

type PlayActor = Actor<PlayMachine>;

/** How sure the player says it is of each role, in a game that asks: medium unless told otherwise. */
export type Sureness = (card: Card) => Confidence;

/**
 * Answers the current task: picks the role and, in a game that asks, says how sure (medium
 * unless told otherwise).
 */
export function answer(actor: PlayActor, role: Role, confidence: Confidence = 'medium') {
  const asks = actor.getSnapshot().context.confidence;
  actor.send({ type: 'role.pick', role });
  if (asks) actor.send({ type: 'confidence.choose', confidence });
}

/**
 * Plays the current round to its end: its summary, or the results of a game of one round
 * (which has no summary); `right` says which cards to answer rightly and, in a
 * game that asks, `sure` how sure to be of each.
 */
export function finishRound(
  bank: IndexedBank,
  actor: PlayActor,
  right: (card: Card) => boolean = () => true,
  sure: Sureness = () => 'medium',
) {
  const ended = () => actor.getSnapshot().matches('summary') || actor.getSnapshot().matches('results');
  for (let step = 0; step < 100 && !ended(); step++) {
    const snapshot = actor.getSnapshot();
    const card = currentCard(bank, snapshot.context);
    if (snapshot.matches('paused')) actor.send({ type: 'game.resume' });
    else if (snapshot.matches('roundIntro')) actor.send({ type: 'round.start' });
    else if (snapshot.matches({ answering: 'confiding' }))
      actor.send({ type: 'confidence.choose', confidence: sure(card!) });
    else if (snapshot.matches('answering'))
      actor.send({ type: 'role.pick', role: right(card!) ? card!.key : card!.key === 'pm' ? 'pmm' : 'pm' });
    else if (snapshot.matches('feedback')) actor.send({ type: 'feedback.continue' });
    else if (snapshot.matches({ overlap: 'choosing' }) && card?.key === 'both') {
      const correct = card.overlap.options.findIndex((option) => option.correct);
      actor.send({
        type: 'overlap.choose',
        option: right(card) ? correct : (correct + 1) % card.overlap.options.length,
      });
    } else if (snapshot.matches({ overlap: 'revealed' })) actor.send({ type: 'overlap.continue' });
  }
  if (!ended()) throw new Error('the round did not reach its end');
}

/** Plays every company of the fixture bank to the results, all right unless told otherwise. */
export function playToResults(bank: IndexedBank, actor: PlayActor, right?: (card: Card) => boolean, sure?: Sureness) {
  if (actor.getSnapshot().matches('intro')) actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'] });
  for (let round = 0; !actor.getSnapshot().matches('results'); round++) {
    if (round > 100) throw new Error('the game did not reach its results');
    finishRound(bank, actor, right, sure);
    actor.send({ type: 'round.continue' });
  }
}
