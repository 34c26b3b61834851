import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { scoreCards } from '../../src/game/scoring';
import { cardsOf, currentCard, missedCardIds, playMachine, type PlayEvent } from '../../src/machines/playMachine';
import { fixtureBank } from '../fixtures';

const bank = fixtureBank();
const start = (seed = 11) => createActor(playMachine, { input: { bank, seed } }).start();
type PlayActor = ReturnType<typeof start>;

/** Answers the current card: rightly, or with a fixed wrong role and split. */
function answer(actor: PlayActor, right: boolean) {
  const card = currentCard(actor.getSnapshot().context)!;
  const wrongRole = card.key === 'pm' ? 'pmm' : 'pm';
  actor.send({ type: 'card.answer', role: right ? card.key : wrongRole });
  actor.send({ type: 'feedback.continue' });
  if (card.key === 'both') {
    const right_ = card.overlap.options.findIndex((o) => o.correct);
    actor.send({ type: 'overlap.choose', option: right ? right_ : (right_ + 1) % card.overlap.options.length });
    actor.send({ type: 'overlap.continue' });
  }
}

/** Plays a whole game; `right(n)` says whether the n-th card is answered rightly. */
function playThrough(actor: PlayActor, right: (n: number) => boolean = () => true) {
  actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'] });
  let n = 0;
  while (!actor.getSnapshot().matches('results')) {
    const snapshot = actor.getSnapshot();
    if (snapshot.matches('roundIntro')) actor.send({ type: 'round.start' });
    else if (snapshot.matches('answering')) answer(actor, right(n++));
    else if (snapshot.matches('summary')) actor.send({ type: 'round.continue' });
    else throw new Error(`stuck in ${JSON.stringify(snapshot.value)}`);
  }
  return n;
}

describe('self-paced play machine', () => {
  it('starts on the intro and goes to the first round once companies are chosen', () => {
    const actor = start();
    expect(actor.getSnapshot().matches('intro')).toBe(true);
    expect(actor.getSnapshot().can({ type: 'game.start', scenarioIds: [] })).toBe(false);
    actor.send({ type: 'game.start', scenarioIds: ['beta'] });
    expect(actor.getSnapshot().matches('roundIntro')).toBe(true);
    expect(actor.getSnapshot().context.rounds.map((r) => r.scenarioId)).toEqual(['beta']);
  });

  it('shows feedback after each answer and records it', () => {
    const actor = start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    actor.send({ type: 'round.start' });
    expect(actor.getSnapshot().can({ type: 'feedback.continue' })).toBe(false);
    const card = currentCard(actor.getSnapshot().context)!;
    actor.send({ type: 'card.answer', role: 'both' });
    expect(actor.getSnapshot().matches('feedback')).toBe(true);
    expect(actor.getSnapshot().context.answers[card.id]).toEqual({ role: 'both' });
    expect(actor.getSnapshot().can({ type: 'card.answer', role: 'pm' })).toBe(false);
  });

  it('asks for the split of the work on shared cards only, whatever role was answered', () => {
    const actor = start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    actor.send({ type: 'round.start' });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const card = currentCard(actor.getSnapshot().context)!;
      actor.send({ type: 'card.answer', role: 'pm' });
      actor.send({ type: 'feedback.continue' });
      const inOverlap = actor.getSnapshot().matches({ overlap: 'choosing' });
      seen.push(`${card.key}:${inOverlap}`);
      if (inOverlap) {
        expect(actor.getSnapshot().can({ type: 'overlap.choose', option: 7 })).toBe(false);
        actor.send({ type: 'overlap.choose', option: 1 });
        expect(actor.getSnapshot().matches({ overlap: 'revealed' })).toBe(true);
        expect(actor.getSnapshot().context.answers[card.id]).toEqual({ role: 'pm', overlap: 1 });
        actor.send({ type: 'overlap.continue' });
      }
    }
    expect(seen.sort()).toEqual(['both:true', 'pm:false', 'pmm:false']);
    expect(actor.getSnapshot().matches('summary')).toBe(true);
  });

  it('plays every round to the results and scores the answers', () => {
    const actor = start();
    const played = playThrough(actor, (n) => n % 2 === 0);
    expect(played).toBe(5);
    const context = actor.getSnapshot().context;
    expect(Object.keys(context.answers).sort()).toEqual(['a-both', 'a-pm', 'a-pmm', 'b-launch', 'b-roadmap']);
    expect(scoreCards(cardsOf(context), context.answers).max).toBe(7);
    expect(missedCardIds(context)).toHaveLength(2);
  });

  it('replays a game exactly from its seed and answers', () => {
    const eventsOf = (seed: number) => {
      const actor = start(seed);
      const events: PlayEvent[] = [];
      const send = actor.send.bind(actor);
      actor.send = (event: PlayEvent) => (events.push(event), send(event));
      playThrough(actor, (n) => n !== 1);
      return { events, context: actor.getSnapshot().context };
    };
    const first = eventsOf(99);
    const replay = start(99);
    for (const event of first.events) replay.send(event);
    expect(replay.getSnapshot().matches('results')).toBe(true);
    expect(replay.getSnapshot().context.rounds).toEqual(first.context.rounds);
    expect(replay.getSnapshot().context.answers).toEqual(first.context.answers);
  });

  it('replays only the missed cards, then can play again in a new order', () => {
    const actor = start();
    playThrough(actor, (n) => n !== 0 && n !== 3);
    const missed = missedCardIds(actor.getSnapshot().context);
    expect(missed).toHaveLength(2);
    actor.send({ type: 'game.replayMissed' });
    const replay = actor.getSnapshot().context;
    expect(actor.getSnapshot().matches('roundIntro')).toBe(true);
    expect(replay.mode).toBe('replay');
    expect(replay.rounds.flatMap((r) => r.cardIds).sort()).toEqual([...missed].sort());
    expect(replay.answers).toEqual({});

    const seeds = new Set<number>();
    for (let i = 0; i < 3; i++) {
      playThrough(actor);
      expect(actor.getSnapshot().can({ type: 'game.replayMissed' })).toBe(false);
      actor.send({ type: 'game.playAgain' });
      seeds.add(actor.getSnapshot().context.seed);
      expect(actor.getSnapshot().context.mode).toBe('play');
    }
    expect(seeds.size).toBe(3);
  });

  it('reviews due cards from several companies in one round', () => {
    const actor = start();
    expect(actor.getSnapshot().can({ type: 'review.start', cardIds: ['unknown'] })).toBe(false);
    actor.send({ type: 'review.start', cardIds: ['b-launch', 'a-pm'] });
    const context = actor.getSnapshot().context;
    expect(actor.getSnapshot().matches('roundIntro')).toBe(true);
    expect(context.mode).toBe('review');
    expect(context.rounds).toHaveLength(1);
    expect(context.scenarioIds.sort()).toEqual(['alpha', 'beta']);
    playOn(actor);
    expect(actor.getSnapshot().can({ type: 'game.playAgain' })).toBe(false);
  });

  it('goes home from anywhere with a fresh seed for the next game', () => {
    const actor = start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    actor.send({ type: 'round.start' });
    const seed = actor.getSnapshot().context.seed;
    actor.send({ type: 'game.home' });
    expect(actor.getSnapshot().matches('intro')).toBe(true);
    expect(actor.getSnapshot().context.seed).not.toBe(seed);
  });

  describe('restoring a persisted snapshot', () => {
    const reach: Record<string, (actor: PlayActor) => void> = {
      intro: () => undefined,
      roundIntro: (a) => a.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'] }),
      answering: (a) => (reach.roundIntro!(a), a.send({ type: 'round.start' })),
      feedback: (a) => (reach.answering!(a), a.send({ type: 'card.answer', role: 'both' })),
      overlap: (a) => {
        reach.answering!(a);
        while (currentCard(a.getSnapshot().context)!.key !== 'both') answer(a, true);
        a.send({ type: 'card.answer', role: 'both' });
        a.send({ type: 'feedback.continue' });
      },
      revealed: (a) => (reach.overlap!(a), a.send({ type: 'overlap.choose', option: 0 })),
      summary: (a) => {
        reach.answering!(a);
        while (!a.getSnapshot().matches('summary')) answer(a, true);
      },
      results: (a) => playThrough(a),
    };

    it.each(Object.keys(reach))('continues from %s after a JSON round trip', (name) => {
      const actor = start(5);
      reach[name]!(actor);
      const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as SnapshotFrom<typeof playMachine>;
      const restored = createActor(playMachine, { input: { bank, seed: 1 }, snapshot: saved }).start();
      expect(restored.getSnapshot().value).toEqual(actor.getSnapshot().value);
      expect(restored.getSnapshot().context).toEqual(actor.getSnapshot().context);
      if (name === 'results') {
        restored.send({ type: 'game.playAgain' });
        expect(restored.getSnapshot().matches('roundIntro')).toBe(true);
      } else {
        // Both actors reach the results with the same answers from here.
        playOn(actor);
        playOn(restored);
        expect(restored.getSnapshot().context.answers).toEqual(actor.getSnapshot().context.answers);
      }
    });
  });
});

/** Finishes whatever game is under way, answering rightly, starting one if on the intro. */
function playOn(actor: PlayActor) {
  for (let step = 0; step < 100 && !actor.getSnapshot().matches('results'); step++) {
    const s = actor.getSnapshot();
    const card = currentCard(s.context);
    if (s.matches('intro')) actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    else if (s.matches('roundIntro')) actor.send({ type: 'round.start' });
    else if (s.matches('answering')) actor.send({ type: 'card.answer', role: card!.key });
    else if (s.matches('feedback')) actor.send({ type: 'feedback.continue' });
    else if (s.matches({ overlap: 'choosing' })) actor.send({ type: 'overlap.choose', option: 0 });
    else if (s.matches({ overlap: 'revealed' })) actor.send({ type: 'overlap.continue' });
    else if (s.matches('summary')) actor.send({ type: 'round.continue' });
  }
  expect(actor.getSnapshot().matches('results')).toBe(true);
}
