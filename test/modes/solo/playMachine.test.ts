import { beforeEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { scoreCards } from '../../../src/core/scoring';
import type { Card, Role } from '../../../src/core/schema';
import {
  cardsOf,
  createPlayMachine,
  dealStart,
  missedCardIds,
  type PlayEvent,
} from '../../../src/modes/solo/playMachine';
import { restingStates } from '../../../src/platform/restingStates';
import { restoreGame } from '../../../src/modes/solo/restoreGame';
import { toSavedGame, type SavedGame } from '../../../src/modes/solo/savedGame';
import { answer, finishRound, playToResults } from '../../support/play';
import { currentCard } from '../../../src/core/cursor';
import { fixtureBank } from '../../support/fixtures';

const bank = fixtureBank();
const machine = createPlayMachine(bank);
const start = (seed = 11) => createActor(machine, { input: { seed } }).start();
type PlayActor = ReturnType<typeof start>;

/** Plays a game of both fixture companies to the results. */
const playThrough = (actor: PlayActor, right?: (card: Card) => boolean) => {
  actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'] });
  playToResults(bank, actor, right);
};

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
    const card = currentCard(bank, actor.getSnapshot().context)!;
    answer(actor, 'both', 'low');
    expect(actor.getSnapshot().matches('feedback')).toBe(true);
    expect(actor.getSnapshot().context.answers[card.id]).toEqual({ role: 'both', confidence: 'low' });
    expect(actor.getSnapshot().context.picked).toBeNull();
    expect(actor.getSnapshot().can({ type: 'role.pick', role: 'pm' })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'confidence.choose', confidence: 'low' })).toBe(false);
  });

  it('asks for the split of the work on shared cards only, whatever role was answered', () => {
    const actor = start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    actor.send({ type: 'round.start' });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const card = currentCard(bank, actor.getSnapshot().context)!;
      answer(actor, 'pm', 'high');
      actor.send({ type: 'feedback.continue' });
      const inOverlap = actor.getSnapshot().matches({ overlap: 'choosing' });
      seen.push(`${card.key}:${inOverlap}`);
      if (inOverlap) {
        expect(actor.getSnapshot().can({ type: 'overlap.choose', option: 7 })).toBe(false);
        actor.send({ type: 'overlap.choose', option: 1 });
        expect(actor.getSnapshot().matches({ overlap: 'revealed' })).toBe(true);
        expect(actor.getSnapshot().context.answers[card.id]).toEqual({ role: 'pm', overlap: 1, confidence: 'high' });
        actor.send({ type: 'overlap.continue' });
      }
    }
    expect(seen.sort()).toEqual(['both:true', 'pm:false', 'pmm:false']);
    // One company: its results are the round's summary too.
    expect(actor.getSnapshot().matches('results')).toBe(true);
  });

  it('leaves a game for the start screen and takes it up again at the step it was on', () => {
    const actor = start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    expect(actor.getSnapshot().can({ type: 'game.resume' })).toBe(false);
    actor.send({ type: 'round.start' });
    actor.send({ type: 'role.pick', role: 'pmm' });
    const left = actor.getSnapshot();
    actor.send({ type: 'game.leave' });
    expect(actor.getSnapshot().matches('paused')).toBe(true);
    expect(actor.getSnapshot().context.resumeAt).toBe('answering.confiding');
    actor.send({ type: 'game.resume' });
    expect(actor.getSnapshot().value).toEqual(left.value);
    expect(actor.getSnapshot().context).toEqual(left.context);
    // From the start screen another game may start instead: the one left goes.
    actor.send({ type: 'game.leave' });
    actor.send({ type: 'game.start', scenarioIds: ['beta'] });
    expect(actor.getSnapshot().matches('roundIntro')).toBe(true);
    expect(actor.getSnapshot().context).not.toHaveProperty('resumeAt', expect.anything());
    expect(actor.getSnapshot().can({ type: 'game.leave' })).toBe(true);
    playToResults(bank, actor);
    // A finished game is not left but ended: home is the start screen.
    expect(actor.getSnapshot().can({ type: 'game.leave' })).toBe(false);
  });

  it('plays every round to the results and scores the answers', () => {
    const actor = start();
    playThrough(actor, (card) => card.key !== 'pm');
    const context = actor.getSnapshot().context;
    expect(Object.keys(context.answers).sort()).toEqual(['a-both', 'a-pm', 'a-pmm', 'b-launch', 'b-roadmap']);
    expect(scoreCards(cardsOf(bank, context.rounds), context.answers).max).toBe(7);
    expect(missedCardIds(bank, context)).toHaveLength(2);
  });

  it('replays a game exactly from its seed and answers', () => {
    const eventsOf = (seed: number) => {
      const actor = start(seed);
      const events: PlayEvent[] = [];
      const send = actor.send.bind(actor);
      actor.send = (event: PlayEvent) => (events.push(event), send(event));
      playThrough(actor, (card) => card.id !== 'a-pmm');
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
    playThrough(actor, (card) => card.id !== 'a-pm' && card.id !== 'b-launch');
    const missed = missedCardIds(bank, actor.getSnapshot().context);
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
    playToResults(bank, actor);
    expect(actor.getSnapshot().can({ type: 'game.playAgain' })).toBe(false);
  });

  it('enters every game, replay and review on its deal with nothing played (dealStart)', () => {
    const actor = start();
    const entered = () => {
      const { value, context } = actor.getSnapshot();
      expect({ value, context }).toEqual(dealStart(context));
    };
    actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'] });
    entered();
    playToResults(bank, actor, (card) => card.key !== 'pm');
    actor.send({ type: 'game.replayMissed' });
    entered();
    playToResults(bank, actor);
    actor.send({ type: 'game.playAgain' });
    entered();
    actor.send({ type: 'game.home' });
    actor.send({ type: 'review.start', cardIds: ['a-pm', 'b-launch'] });
    entered();
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

  describe('asking how sure the learner is', () => {
    const answering = (flag?: boolean) => {
      const actor = start();
      actor.send({ type: 'game.start', scenarioIds: ['alpha'], ...(flag === undefined ? {} : { confidence: flag }) });
      actor.send({ type: 'round.start' });
      return actor;
    };

    it('asks by default: a role picked waits for how sure, and takes no confidence before it', () => {
      const actor = answering();
      const card = currentCard(bank, actor.getSnapshot().context)!;
      expect(actor.getSnapshot().context.confidence).toBe(true);
      expect(actor.getSnapshot().matches({ answering: 'picking' })).toBe(true);
      expect(actor.getSnapshot().can({ type: 'confidence.choose', confidence: 'high' })).toBe(false);
      expect(actor.getSnapshot().can({ type: 'pick.cancel' })).toBe(false);
      const odd = { type: 'role.pick', role: 'ceo' } as unknown as PlayEvent;
      expect(actor.getSnapshot().can(odd)).toBe(false);
      actor.send({ type: 'role.pick', role: 'pm' });
      expect(actor.getSnapshot().matches({ answering: 'confiding' })).toBe(true);
      expect(actor.getSnapshot().context).toMatchObject({ picked: 'pm', answers: {} });
      const very = { type: 'confidence.choose', confidence: 'very' } as unknown as PlayEvent;
      expect(actor.getSnapshot().can(very)).toBe(false);
      for (const confidence of ['low', 'medium', 'high'] as const)
        expect(actor.getSnapshot().can({ type: 'confidence.choose', confidence })).toBe(true);
      actor.send({ type: 'confidence.choose', confidence: 'high' });
      expect(actor.getSnapshot().matches('feedback')).toBe(true);
      expect(actor.getSnapshot().context.answers[card.id]).toEqual({ role: 'pm', confidence: 'high' });
      expect(actor.getSnapshot().context.picked).toBeNull();
    });

    it('takes another pick in place of the one waiting, and puts a pick back', () => {
      const actor = answering();
      actor.send({ type: 'role.pick', role: 'pm' });
      expect(actor.getSnapshot().can({ type: 'role.pick', role: 'both' })).toBe(true);
      actor.send({ type: 'role.pick', role: 'both' });
      expect(actor.getSnapshot().matches({ answering: 'confiding' })).toBe(true);
      expect(actor.getSnapshot().context.picked).toBe('both');
      actor.send({ type: 'pick.cancel' });
      expect(actor.getSnapshot().matches({ answering: 'picking' })).toBe(true);
      expect(actor.getSnapshot().context.picked).toBeNull();
      actor.send({ type: 'role.pick', role: 'pmm' });
      actor.send({ type: 'game.home' });
      expect(actor.getSnapshot().context.picked).toBeNull();
    });

    it('does not ask in a game started without it: a role picked is the answer', () => {
      const actor = answering(false);
      const card = currentCard(bank, actor.getSnapshot().context)!;
      expect(actor.getSnapshot().context.confidence).toBe(false);
      expect(actor.getSnapshot().can({ type: 'confidence.choose', confidence: 'high' })).toBe(false);
      actor.send({ type: 'role.pick', role: 'pm' });
      expect(actor.getSnapshot().matches('feedback')).toBe(true);
      expect(actor.getSnapshot().context.answers[card.id]).toEqual({ role: 'pm' });
      expect(actor.getSnapshot().context.picked).toBeNull();
    });

    it.each([true, false])('keeps the setting (%s) for a replay, a new deal, a review and the next game', (flag) => {
      const actor = start();
      actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence: flag });
      playToResults(bank, actor, (card) => card.key !== 'pm');
      actor.send({ type: 'game.replayMissed' });
      expect(actor.getSnapshot().context).toMatchObject({ mode: 'replay', confidence: flag });
      playToResults(bank, actor);
      actor.send({ type: 'game.playAgain' });
      expect(actor.getSnapshot().context).toMatchObject({ mode: 'play', confidence: flag });
      actor.send({ type: 'game.home' });
      actor.send({ type: 'review.start', cardIds: ['a-pm'] });
      expect(actor.getSnapshot().context).toMatchObject({ mode: 'review', confidence: flag });
      actor.send({ type: 'game.home' });
      actor.send({ type: 'review.start', cardIds: ['a-pm'], confidence: !flag });
      expect(actor.getSnapshot().context.confidence).toBe(!flag);
      actor.send({ type: 'game.home' });
      actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
      expect(actor.getSnapshot().context.confidence).toBe(true);
    });

    it('replays a game that asks exactly from its seed and answers, confidence and all', () => {
      const first = start(42);
      const events: PlayEvent[] = [];
      const send = first.send.bind(first);
      first.send = (event: PlayEvent) => (events.push(event), send(event));
      playThrough(first, (card) => card.key !== 'both');
      const replay = start(42);
      for (const event of events) replay.send(event);
      expect(replay.getSnapshot().context).toEqual(first.getSnapshot().context);
      expect(Object.values(replay.getSnapshot().context.answers).every((a) => a.confidence === 'medium')).toBe(true);
    });
  });

  const withAnswering = () => {
    const actor = start(5);
    actor.send({ type: 'game.start', scenarioIds: ['alpha'] });
    actor.send({ type: 'round.start' });
    return actor.getSnapshot();
  };

  describe('restoring a saved game', () => {
    /** Whether the game being reached asks for confidence; each test sets it. */
    let asks = true;
    beforeEach(() => void (asks = true));
    const give = (actor: PlayActor, role: Role) => answer(actor, role, 'high');
    const reach: Record<string, (actor: PlayActor) => void> = {
      // Left for the start screen from a task's feedback, kept to take up there.
      paused: (a) => (reach.feedback!(a), a.send({ type: 'game.leave' })),
      roundIntro: (a) => a.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence: asks }),
      'answering.picking': (a) => (reach.roundIntro!(a), a.send({ type: 'round.start' })),
      // Only a game that asks how sure holds a pick.
      'answering.confiding': (a) => (reach['answering.picking']!(a), a.send({ type: 'role.pick', role: 'pmm' })),
      feedback: (a) => (reach['answering.picking']!(a), give(a, 'both')),
      'overlap.choosing': (a) => {
        reach['answering.picking']!(a);
        while (currentCard(bank, a.getSnapshot().context)!.key !== 'both') {
          give(a, 'pm');
          a.send({ type: 'feedback.continue' });
        }
        give(a, 'both');
        a.send({ type: 'feedback.continue' });
      },
      'overlap.revealed': (a) => (reach['overlap.choosing']!(a), a.send({ type: 'overlap.choose', option: 0 })),
      summary: (a) => (
        reach.roundIntro!(a),
        finishRound(
          bank,
          a,
          () => false,
          () => 'high',
        )
      ),
      results: (a) => (
        reach.roundIntro!(a),
        playToResults(
          bank,
          a,
          (card) => card.key !== 'pmm',
          () => 'low',
        )
      ),
    };
    const cases = Object.keys(reach).flatMap((name) => [
      { name, asks: true },
      ...(name === 'answering.confiding' ? [] : [{ name, asks: false }]),
    ]);

    it.each(cases)('continues from $name (asking for confidence: $asks) after a JSON round trip', (test) => {
      asks = test.asks;
      const name = test.name;
      const actor = start(5);
      reach[name]!(actor);
      const saved = JSON.parse(JSON.stringify(toSavedGame(actor.getSnapshot())));
      expect(saved.state).toBe(name);
      expect(saved.context.confidence).toBe(asks);
      const answered = Object.values(saved.context.answers as Record<string, { confidence?: string }>);
      expect(answered.every((a) => (a.confidence !== undefined) === asks)).toBe(true);
      const restored = restoreGame(saved, machine, bank);
      if (!restored.ok) throw new Error(restored.error);
      const resumed = createActor(machine, { input: { seed: 1 }, snapshot: restored.value }).start();
      expect(resumed.getSnapshot().value).toEqual(actor.getSnapshot().value);
      expect(resumed.getSnapshot().context).toEqual(actor.getSnapshot().context);
      if (name === 'answering.confiding') {
        // The pick survives the round trip: the task still waits for how sure, of that role.
        expect(resumed.getSnapshot().context.picked).toBe('pmm');
        expect(resumed.getSnapshot().can({ type: 'confidence.choose', confidence: 'low' })).toBe(true);
        resumed.send({ type: 'confidence.choose', confidence: 'low' });
        expect(Object.values(resumed.getSnapshot().context.answers)).toEqual([{ role: 'pmm', confidence: 'low' }]);
        actor.send({ type: 'confidence.choose', confidence: 'low' });
      }
      if (name === 'answering.picking')
        expect(resumed.getSnapshot().can({ type: 'confidence.choose', confidence: 'low' }), 'no role picked').toBe(
          false,
        );
      if (name === 'results') {
        resumed.send({ type: 'game.playAgain' });
        expect(resumed.getSnapshot().matches('roundIntro')).toBe(true);
        expect(resumed.getSnapshot().context.confidence).toBe(asks);
      } else {
        // Both actors reach the same results from here.
        playToResults(bank, actor);
        playToResults(bank, resumed);
        expect(resumed.getSnapshot().context.answers).toEqual(actor.getSnapshot().context.answers);
      }
    });

    it('can save and restore every state the machine rests in, and no other', () => {
      expect(restingStates(machine)).toEqual(['intro', ...Object.keys(reach)]);
      const saved = { ...toSavedGame(withAnswering())!, state: 'nowhere' };
      expect(restoreGame(saved, machine, bank)).toEqual({
        ok: false,
        error: expect.stringMatching(/a screen this version does not have/),
      });
    });

    it('saves nothing on the intro', () => {
      expect(toSavedGame(start().getSnapshot())).toBeNull();
    });

    it.each([
      ['an unknown card', (g: SavedGame) => (g.context.rounds[0]!.cardIds[0] = 'gone'), /some of its tasks are gone/],
      [
        'feedback with no answer',
        (g: SavedGame) => ((g.state = 'feedback'), (g.context.answers = {})),
        /its screen does not follow from its answers/,
      ],
      [
        'a role picked on a task that waits for none',
        (g: SavedGame) => (g.context.picked = 'pm'),
        /its screen does not follow from its answers/,
      ],
      [
        'a split for a one-role card',
        (g: SavedGame) => (g.context.answers = { 'a-pm': { role: 'pm', overlap: 0 } }),
        /does not fit its task/,
      ],
      ['a round past the end', (g: SavedGame) => (g.context.roundIndex = 9), /its screen does not follow/],
    ])('refuses a saved game with %s', (_, spoil, problem) => {
      const actor = start(5);
      reach['answering.picking']!(actor);
      const saved = structuredClone(toSavedGame(actor.getSnapshot())!);
      spoil(saved);
      expect(restoreGame(saved, machine, bank)).toEqual({ ok: false, error: expect.stringMatching(problem) });
    });
  });
});
