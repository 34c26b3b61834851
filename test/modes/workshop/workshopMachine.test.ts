import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { roomPercent, standings, workshopCsv, workshopJson, type WorkshopSettings } from '../../../src/core/workshop';
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
    // The JSON beside it carries the same tasks, answers and standings.
    const view = workshopView(bank, actor.getSnapshot(), now());
    const json = JSON.parse(workshopJson(view.played, context.entries, context.settings, context.players, view));
    expect(json.cards.map((card: { id: string }) => card.id)).toEqual(view.played.map(({ card }) => card.id));
    expect(json.cards[0].picks).toEqual(context.entries[view.played[0]!.card.id]!.picks);
    expect(json.standings.map((row: { points: number }) => row.points)).toEqual([3, 1, 0]);
  });

  describe('a task voted twice', () => {
    /** Starts the first task, voted twice by the setting, with the talk `talkSeconds` long. */
    function twice(change?: Partial<WorkshopSettings>) {
      const actor = start({ voteTwice: true, talkSeconds: 30, ...change });
      actor.send({ type: 'round.start', at: now() });
      return actor;
    }
    const card = (actor: WorkshopActor) => currentCard(bank, actor.getSnapshot().context)!;
    const entries = (actor: WorkshopActor) => actor.getSnapshot().context.entries[card(actor).id]!;

    it('votes, shows the room its vote, talks on a clock, votes again on a fresh clock, then reveals', () => {
      const actor = twice();
      const key = card(actor).key;
      const wrong = key === 'pm' ? 'pmm' : 'pm';
      actor.send({ type: 'answer.set', team: 0, role: wrong, at: now() });
      actor.send({ type: 'answer.set', team: 1, role: key, at: now() });
      // Revealing the first vote shows the room how it voted, not the answer.
      actor.send({ type: 'card.reveal' });
      expect(actor.getSnapshot().value).toBe('spread');
      expect(entries(actor).first?.picks).toEqual([wrong, key, null]);
      expect(entries(actor).picks).toEqual([null, null, null]);
      expect(actor.getSnapshot().context.deadline).toBeNull();
      // Nothing is entered while the room looks at itself.
      expect(actor.getSnapshot().can({ type: 'answer.set', team: 2, role: 'pm', at: now() })).toBe(false);
      expect(actor.getSnapshot().can({ type: 'vote.again', at: now() })).toBe(false);

      actor.send({ type: 'talk.start', at: now() });
      expect(actor.getSnapshot().matches({ talk: 'talking' })).toBe(true);
      expect(timeLeft(actor.getSnapshot().context, now())).toBe(30_000);
      actor.send({ type: 'timer.check', at: now() + 29_999 });
      expect(actor.getSnapshot().matches({ talk: 'talking' })).toBe(true);
      actor.send({ type: 'timer.check', at: now() + 30_000 });
      expect(actor.getSnapshot().matches({ talk: 'over' })).toBe(true);
      // More time to talk, even after it ran out; no answers meanwhile.
      actor.send({ type: 'timer.extend', seconds: 15, at: now() + 40_000 });
      expect(actor.getSnapshot().matches({ talk: 'talking' })).toBe(true);
      expect(actor.getSnapshot().context.deadline).toBe(now() + 55_000);
      expect(actor.getSnapshot().can({ type: 'card.reveal' })).toBe(false);

      // The second vote starts on the task's own clock, whether the talk ran out or not.
      actor.send({ type: 'vote.again', at: now() + 50_000 });
      expect(actor.getSnapshot().matches({ again: 'timing' })).toBe(true);
      expect(actor.getSnapshot().context.deadline).toBe(now() + 110_000);
      expect(actor.getSnapshot().can({ type: 'card.twice', twice: false })).toBe(false);
      actor.send({ type: 'answer.set', team: 0, role: key, at: now() + 60_000 });
      actor.send({ type: 'timer.check', at: now() + 110_000 });
      expect(actor.getSnapshot().matches({ again: 'timeUp' })).toBe(true);
      actor.send({ type: 'card.reveal' });
      expect(actor.getSnapshot().value).toBe('reveal');
      // The second vote scores; the first is kept beside it.
      expect(entries(actor).picks).toEqual([key, null, null]);
      expect(entries(actor).first?.picks).toEqual([wrong, key, null]);
      const context = actor.getSnapshot().context;
      expect(standings([card(actor)], context.entries, context.settings).map((row) => row.points)).toEqual([1, 0, 0]);
    });

    it('undoes entries in either vote, but not across the talk', () => {
      const actor = twice();
      actor.send({ type: 'answer.set', team: 0, role: 'pm', at: now() });
      actor.send({ type: 'answer.set', team: 0, role: 'both', at: now() });
      actor.send({ type: 'entry.undo' });
      expect(entries(actor).picks).toEqual(['pm', null, null]);
      actor.send({ type: 'card.reveal' });
      expect(actor.getSnapshot().can({ type: 'entry.undo' })).toBe(false);
      actor.send({ type: 'talk.start', at: now() });
      actor.send({ type: 'vote.again', at: now() });
      // The first vote's entries cannot be undone from the second.
      expect(actor.getSnapshot().can({ type: 'entry.undo' })).toBe(false);
      actor.send({ type: 'answer.set', team: 1, role: 'pmm', at: now() });
      actor.send({ type: 'answer.set', team: 2, role: 'pm', at: now() });
      actor.send({ type: 'entry.undo' });
      expect(entries(actor).picks).toEqual([null, 'pmm', null]);
      actor.send({ type: 'card.reveal' });
      actor.send({ type: 'entry.undo' });
      expect(entries(actor).picks).toEqual([null, null, null]);
      expect(entries(actor).first?.picks).toEqual(['pm', null, null]);
      expect(actor.getSnapshot().can({ type: 'entry.undo' })).toBe(false);
    });

    it('lets the presenter vote one task twice, or once, while its first vote is open', () => {
      const actor = start({ scenarioIds: ['alpha'] });
      actor.send({ type: 'round.start', at: now() });
      actor.send({ type: 'card.twice', twice: true });
      actor.send({ type: 'card.reveal' });
      expect(actor.getSnapshot().value).toBe('spread');
      expect(actor.getSnapshot().can({ type: 'card.twice', twice: false })).toBe(false);
      actor.send({ type: 'talk.start', at: now() });
      actor.send({ type: 'vote.again', at: now() });
      actor.send({ type: 'card.reveal' });
      // The next task follows the setting again: voted once.
      actor.send({ type: 'card.next', at: now() });
      actor.send({ type: 'card.reveal' });
      expect(actor.getSnapshot().value).toBe('reveal');
      // With the setting on, one task can be voted once.
      const on = twice();
      on.send({ type: 'card.twice', twice: false });
      on.send({ type: 'card.reveal' });
      expect(on.getSnapshot().value).toBe('reveal');
      expect(on.getSnapshot().context.entries[card(on).id]?.first).toBeUndefined();
    });

    it('votes each task once in room mode, where one count stands for the room', () => {
      const actor = twice({ room: true, teams: [] });
      expect(actor.getSnapshot().can({ type: 'card.twice', twice: true })).toBe(false);
      actor.send({ type: 'card.reveal' });
      expect(actor.getSnapshot().value).toBe('reveal');
    });

    it('votes again with no clock when the timer is off, and closes answers on demand', () => {
      const actor = twice({ secondsPerCard: 0 });
      actor.send({ type: 'card.reveal' });
      actor.send({ type: 'talk.start', at: now() });
      actor.send({ type: 'vote.again', at: now() });
      expect(actor.getSnapshot().matches({ again: 'untimed' })).toBe(true);
      actor.send({ type: 'answers.close' });
      expect(actor.getSnapshot().matches({ again: 'timeUp' })).toBe(true);
    });

    it('adopts and restores the talk with its clock', () => {
      const actor = twice();
      actor.send({ type: 'card.reveal' });
      actor.send({ type: 'talk.start', at: now() });
      const saved = JSON.parse(JSON.stringify(toSavedWorkshop(actor.getSnapshot())));
      const restored = restoreWorkshop(saved, machine, bank);
      if (!restored.ok) throw new Error(restored.error);
      const resumed = createActor(machine, { input: { seed: 0 }, snapshot: restored.value }).start();
      expect(timeLeft(resumed.getSnapshot().context, now() + 10_000)).toBe(20_000);
      resumed.send({ type: 'timer.check', at: now() + 30_000 });
      expect(resumed.getSnapshot().matches({ talk: 'over' })).toBe(true);
    });

    it('puts both votes in the CSV and the JSON', () => {
      const actor = twice({ scenarioIds: ['alpha'] });
      const first = card(actor);
      actor.send({ type: 'answer.set', team: 0, role: 'pm', at: now() });
      actor.send({ type: 'card.reveal' });
      actor.send({ type: 'talk.start', at: now() });
      actor.send({ type: 'vote.again', at: now() });
      actor.send({ type: 'answer.set', team: 0, role: 'pmm', at: now() });
      actor.send({ type: 'card.reveal' });
      const context = actor.getSnapshot().context;
      const csv = workshopCsv(playedCards(bank, context), context.entries, context.settings).split('\r\n');
      expect(csv[0]).toMatch(/"Hares points","Owls first vote","Foxes first vote","Hares first vote"$/);
      expect(csv[1]).toContain(`"${first.task}"`);
      expect(csv[1]).toMatch(/"Product marketing",\d,"",0,"",0,"Product management","",""$/);
      const view = workshopView(bank, actor.getSnapshot(), now());
      const json = JSON.parse(workshopJson(view.played, context.entries, context.settings, context.players, view));
      expect(json.cards[0].picks[0]).toBe('pmm');
      expect(json.cards[0].first.picks[0]).toBe('pm');
    });
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
      spread: (a) => (
        reach['question.timing']!(a),
        a.send({ type: 'card.twice', twice: true }),
        a.send({ type: 'answer.set', team: 0, role: 'pm', at: now() }),
        a.send({ type: 'card.reveal' })
      ),
      'talk.talking': (a) => (reach.spread!(a), a.send({ type: 'talk.start', at: now() })),
      'talk.over': (a) => (reach['talk.talking']!(a), a.send({ type: 'timer.check', at: now() + 60_000 })),
      'again.timing': (a) => (reach['talk.over']!(a), a.send({ type: 'vote.again', at: now() })),
      'again.paused': (a) => (reach['again.timing']!(a), a.send({ type: 'timer.pause', at: now() })),
      'again.timeUp': (a) => (reach['again.timing']!(a), a.send({ type: 'answers.close' })),
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
      expect(ADOPTABLE_STATES.filter((state) => !(state in reach))).toEqual([
        'setup',
        'lobby',
        'question.untimed',
        'again.untimed',
      ]);
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
