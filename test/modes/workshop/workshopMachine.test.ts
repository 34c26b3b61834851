import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { roomPercent, standings, workshopCsv, type WorkshopSettings } from '../../../src/core/workshop';
import { restingStates } from '../../../src/platform/restingStates';
import {
  ADOPTABLE_STATES,
  createWorkshopMachine,
  playedCards,
  settingsProblem,
  timeLeft,
  upcomingCard,
} from '../../../src/modes/workshop/workshopMachine';
import { workshopView } from '../../../src/modes/workshop/workshopView';
import { restoreWorkshop, toSavedWorkshop } from '../../../src/modes/workshop/savedWorkshop';
import { currentCard } from '../../../src/core/cursor';
import { fixtureBank, workshopSettings } from '../../support/fixtures';

const bank = fixtureBank();
const machine = createWorkshopMachine(bank);
const T0 = Date.UTC(2026, 10, 23, 9);
const settings = workshopSettings;

function start(change?: Partial<WorkshopSettings>) {
  const actor = createActor(machine, { input: { seed: 8 } }).start();
  actor.send({ type: 'setup.start', settings: settings(change) });
  return actor;
}
type WorkshopActor = ReturnType<typeof start>;
const now = () => Date.now();

/** Plays from a round intro through every card: team 0 always right, team 1 always PM, team 2 silent. */
function playRound(actor: WorkshopActor) {
  actor.send({ type: 'round.start', at: now() });
  for (;;) {
    const card = currentCard(bank, actor.getSnapshot().context)!;
    actor.send({ type: 'answer.set', team: 0, role: card.key, at: now() });
    actor.send({ type: 'answer.set', team: 1, role: 'pm', at: now() });
    actor.send({ type: 'card.reveal' });
    expect(actor.getSnapshot().matches('reveal')).toBe(true);
    actor.send({ type: 'card.next', at: now() });
    if (!actor.getSnapshot().matches('question')) return;
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('workshop machine', () => {
  it('refuses settings it cannot run, saying why', () => {
    expect(settingsProblem(settings({ teams: ['Solo'] }), bank)).toBe('Name between 2 and 12 teams.');
    expect(settingsProblem(settings({ teams: ['A', ' '] }), bank)).toBe('Every team needs a name.');
    expect(settingsProblem(settings({ teams: ['A', 'a '] }), bank)).toBe('Give every team a different name.');
    expect(settingsProblem(settings({ scenarioIds: [] }), bank)).toBe('Pick at least one company.');
    expect(settingsProblem(settings({ room: true, teams: [] }), bank)).toBeUndefined();
    const actor = createActor(machine, { input: { seed: 1 } }).start();
    actor.send({ type: 'setup.start', settings: settings({ teams: ['Solo'] }) });
    expect(actor.getSnapshot().matches('setup')).toBe(true);
  });

  it('runs two companies with a scoreboard between them, then the podium', () => {
    const actor = start();
    expect(actor.getSnapshot().matches('roundIntro')).toBe(true);
    playRound(actor);
    expect(actor.getSnapshot().matches('scoreboard')).toBe(true);
    actor.send({ type: 'scoreboard.continue' });
    expect(actor.getSnapshot().context.roundIndex).toBe(1);
    playRound(actor);
    expect(actor.getSnapshot().matches('final')).toBe(true);
    const context = actor.getSnapshot().context;
    const cards = playedCards(bank, context).map((p) => p.card);
    expect(cards).toHaveLength(5);
    expect(standings(cards, context.entries, context.settings)).toEqual([
      { team: 0, name: 'Owls', points: 5, rank: 1 },
      { team: 1, name: 'Foxes', points: 2, rank: 2 },
      { team: 2, name: 'Hares', points: 0, rank: 3 },
    ]);
    actor.send({ type: 'workshop.restart' });
    expect(actor.getSnapshot().matches('setup')).toBe(true);
  });

  it('goes straight to the next company when the scoreboard waits for the end', () => {
    const actor = start({ scoreboard: 'end' });
    playRound(actor);
    expect(actor.getSnapshot().matches('roundIntro')).toBe(true);
    expect(actor.getSnapshot().context.roundIndex).toBe(1);
  });

  it('counts down from an absolute deadline, pauses, resumes and runs out', () => {
    const actor = start();
    actor.send({ type: 'round.start', at: now() });
    expect(actor.getSnapshot().matches({ question: 'timing' })).toBe(true);
    expect(timeLeft(actor.getSnapshot().context, now())).toBe(60_000);
    vi.advanceTimersByTime(20_000);
    actor.send({ type: 'timer.pause', at: now() });
    expect(actor.getSnapshot().matches({ question: 'paused' })).toBe(true);
    vi.advanceTimersByTime(300_000);
    expect(timeLeft(actor.getSnapshot().context, now())).toBe(40_000);
    actor.send({ type: 'timer.resume', at: now() });
    vi.advanceTimersByTime(39_999);
    actor.send({ type: 'timer.check', at: now() });
    expect(actor.getSnapshot().matches({ question: 'timing' })).toBe(true);
    vi.advanceTimersByTime(1);
    actor.send({ type: 'timer.check', at: now() });
    expect(actor.getSnapshot().matches({ question: 'timeUp' })).toBe(true);
    expect(timeLeft(actor.getSnapshot().context, now())).toBe(0);
    // Once time is up it stays up, even when the clock jumps back.
    expect(workshopView(bank, actor.getSnapshot(), now() - 30_000).left).toBe(0);
    actor.send({ type: 'timer.check', at: now() - 30_000 });
    expect(actor.getSnapshot().matches({ question: 'timeUp' })).toBe(true);
    actor.send({ type: 'answer.set', team: 2, role: 'both', at: now() });
    expect(actor.getSnapshot().context.entries[currentCard(bank, actor.getSnapshot().context)!.id]!.picks[2]).toBe(
      'both',
    );
  });

  it('has no clock when the timer is off', () => {
    const actor = start({ secondsPerCard: 0 });
    actor.send({ type: 'round.start', at: now() });
    expect(actor.getSnapshot().matches({ question: 'untimed' })).toBe(true);
    expect(timeLeft(actor.getSnapshot().context, now())).toBeNull();
  });

  it('gives the speed bonus to right answers entered with more than half the time left', () => {
    const actor = start({ speedBonus: true, scenarioIds: ['alpha'] });
    actor.send({ type: 'round.start', at: now() });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    vi.advanceTimersByTime(10_000);
    actor.send({ type: 'answer.set', team: 0, role: card.key, at: now() });
    vi.advanceTimersByTime(25_000);
    actor.send({ type: 'answer.set', team: 1, role: card.key, at: now() });
    const context = actor.getSnapshot().context;
    expect(standings([card], context.entries, context.settings).map((s) => [s.name, s.points])).toEqual([
      ['Owls', 2],
      ['Foxes', 1],
      ['Hares', 0],
    ]);
  });

  it('undoes the last entries of the current card, one at a time, and no further', () => {
    const actor = start();
    actor.send({ type: 'round.start', at: now() });
    const id = currentCard(bank, actor.getSnapshot().context)!.id;
    const picks = () => actor.getSnapshot().context.entries[id]?.picks;
    actor.send({ type: 'answer.set', team: 0, role: 'pm', at: now() });
    actor.send({ type: 'answer.set', team: 0, role: 'both', at: now() });
    actor.send({ type: 'entry.undo' });
    expect(picks()).toEqual(['pm', null, null]);
    actor.send({ type: 'card.reveal' });
    actor.send({ type: 'entry.undo' });
    expect(picks()).toEqual([null, null, null]);
    expect(actor.getSnapshot().can({ type: 'entry.undo' })).toBe(false);
    actor.send({ type: 'answer.set', team: 1, role: 'pmm', at: now() });
    expect(picks()).toEqual([null, null, null]);
    actor.send({ type: 'card.next', at: now() });
    expect(actor.getSnapshot().can({ type: 'entry.undo' })).toBe(false);
  });

  it('counts hands in room mode', () => {
    const actor = start({ room: true, teams: [] });
    expect(actor.getSnapshot().context.settings.teams).toEqual(['The room']);
    actor.send({ type: 'round.start', at: now() });
    const card = currentCard(bank, actor.getSnapshot().context)!;
    expect(actor.getSnapshot().can({ type: 'answer.set', team: 0, role: 'pm', at: now() })).toBe(false);
    actor.send({ type: 'tally.set', role: card.key, count: 12 });
    actor.send({ type: 'tally.set', role: card.key === 'pm' ? 'pmm' : 'pm', count: 4 });
    actor.send({ type: 'tally.set', role: 'both', count: -1 });
    expect(roomPercent([card], actor.getSnapshot().context.entries)).toBe(75);
    actor.send({ type: 'entry.undo' });
    expect(roomPercent([card], actor.getSnapshot().context.entries)).toBe(100);
  });

  it('tells what comes next and exports every answer as CSV', () => {
    const actor = start({ scenarioIds: ['alpha'] });
    actor.send({ type: 'round.start', at: now() });
    const second = actor.getSnapshot().context.rounds[0]!.cardIds[1];
    expect(upcomingCard(bank, actor.getSnapshot().context)?.card.id).toBe(second);
    playRound(actor);
    const context = actor.getSnapshot().context;
    const csv = workshopCsv(playedCards(bank, context), context.entries, context.settings).split('\r\n');
    expect(csv[0]).toBe(
      '"Company","Task","Answer","Owls answer","Owls points","Foxes answer","Foxes points","Hares answer","Hares points"',
    );
    // A header, three cards, the totals, and the empty line after the final line break.
    expect(csv).toHaveLength(6);
    expect(csv.at(-2)).toBe('"Total","","","",3,"",1,"",0');
    expect(csv.at(-1)).toBe('');
  });

  describe('restoring a saved workshop', () => {
    const reach: Record<string, (actor: WorkshopActor) => void> = {
      roundIntro: () => undefined,
      'question.timing': (a) => a.send({ type: 'round.start', at: now() }),
      'question.paused': (a) => (reach['question.timing']!(a), a.send({ type: 'timer.pause', at: now() })),
      'question.timeUp': (a) => (reach['question.timing']!(a), a.send({ type: 'timer.check', at: now() + 60_000 })),
      reveal: (a) => (
        reach['question.timing']!(a),
        a.send({ type: 'answer.set', team: 1, role: 'both', at: now() }),
        a.send({ type: 'card.reveal' })
      ),
      scoreboard: (a) => playRound(a),
      final: (a) => (playRound(a), a.send({ type: 'scoreboard.continue' }), playRound(a)),
    };

    it.each(Object.keys(reach))('continues from %s after a JSON round trip', (state) => {
      const actor = start();
      reach[state]!(actor);
      const saved = JSON.parse(JSON.stringify(toSavedWorkshop(actor.getSnapshot())));
      expect(saved.state).toBe(state);
      const restored = restoreWorkshop(saved, machine, bank);
      if (!restored.ok) throw new Error(restored.error);
      const resumed = createActor(machine, { input: { seed: 0 }, snapshot: restored.value }).start();
      expect(resumed.getSnapshot().value).toEqual(actor.getSnapshot().value);
      expect(resumed.getSnapshot().context).toEqual(actor.getSnapshot().context);
    });

    it.each(Object.keys(reach))('moves a running actor to %s when the other window says so', (state) => {
      const actor = start();
      reach[state]!(actor);
      const other = createActor(machine, { input: { seed: 3 } }).start();
      const saved = JSON.parse(JSON.stringify(toSavedWorkshop(actor.getSnapshot())));
      other.send({ type: 'sync.adopt', ...saved });
      expect(other.getSnapshot().value).toEqual(actor.getSnapshot().value);
      expect(other.getSnapshot().context).toEqual(actor.getSnapshot().context);
    });

    it('can save, restore and adopt every state the machine rests in, and no other', () => {
      expect(restingStates(machine)).toEqual([...ADOPTABLE_STATES]);
      // Setup is where a fresh actor starts; an untimed card is tested above, the lobby with phones.
      expect(ADOPTABLE_STATES.filter((state) => !(state in reach))).toEqual(['setup', 'lobby', 'question.untimed']);
      const saved = { ...toSavedWorkshop(start().getSnapshot()), state: 'question.starting' };
      expect(restoreWorkshop(saved, machine, bank)).toEqual({
        ok: false,
        error: expect.stringMatching(/another version/),
      });
    });

    it('runs out a restored timer when told the time', () => {
      const actor = start();
      actor.send({ type: 'round.start', at: now() });
      const saved = JSON.parse(JSON.stringify(toSavedWorkshop(actor.getSnapshot())));
      const restored = restoreWorkshop(saved, machine, bank);
      if (!restored.ok) throw new Error(restored.error);
      const resumed = createActor(machine, { input: { seed: 0 }, snapshot: restored.value }).start();
      resumed.send({ type: 'timer.check', at: now() + 59_000 });
      expect(resumed.getSnapshot().matches({ question: 'timing' })).toBe(true);
      resumed.send({ type: 'timer.check', at: now() + 60_000 });
      expect(resumed.getSnapshot().matches({ question: 'timeUp' })).toBe(true);
    });

    it('starts afresh from data made with other questions, saying why', () => {
      const actor = start();
      const saved = toSavedWorkshop(actor.getSnapshot());
      saved.context.rounds[0]!.cardIds[0] = 'gone';
      expect(restoreWorkshop(saved, machine, bank)).toEqual({
        ok: false,
        error: 'The saved workshop was made with other questions, so a new one starts.',
      });
    });
  });
});
