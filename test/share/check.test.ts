import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { bankFingerprint, indexBank } from '../../src/game/bank';
import { cbmSummary, scoreCards } from '../../src/game/scoring';
import { cardsOf, createPlayMachine } from '../../src/machines/playMachine';
import { answersOf, cbmOf, checkResult, uncheckedNotice, workshopPoints } from '../../src/share/check';
import { decodeResult, encodeResult } from '../../src/share/codec';
import { resultOfGame } from '../../src/share/link';
import { resultOfWorkshop } from '../../src/share/workshopLink';
import { currentCard } from '../../src/game/cursor';
import { standings } from '../../src/game/workshop';
import { createWorkshopMachine, playedCards } from '../../src/machines/workshopMachine';
import { fixtureBank, workshopSettings } from '../fixtures';
import { playToResults } from '../play';

const bank = fixtureBank();
const machine = createPlayMachine(bank);

/** A finished game of both companies, asking for confidence unless told not to: sure of its wrong roles. */
function finishedGame(confidence = true) {
  const actor = createActor(machine, { input: { seed: 12 } }).start();
  actor.send({ type: 'game.start', scenarioIds: ['alpha', 'beta'], confidence });
  playToResults(
    bank,
    actor,
    (card) => card.id !== 'a-pm' && card.id !== 'b-launch',
    (card) => (card.id === 'a-pm' ? 'high' : 'low'),
  );
  return actor.getSnapshot().context;
}

/** Shares a game and opens the link against `openWith`. */
function shareAndOpen(openWith = bank, confidence = true) {
  const context = finishedGame(confidence);
  const decoded = decodeResult(encodeResult(resultOfGame(bank, context, 'Ana', Date.UTC(2026, 10, 22))));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return { context, checked: checkResult(decoded.value, openWith) };
}

describe('checking a shared result', () => {
  it('recomputes the same score, card by card, with the same bank', () => {
    const { context, checked } = shareAndOpen();
    expect(checked.sameBank).toBe(true);
    expect(checked.unchecked).toBe(0);
    expect(checked.result.players[0]!.name).toBe('Ana');
    expect(checked.rows.map((row) => row.card.id)).toEqual(cardsOf(bank, context.rounds).map((card) => card.id));
    const recomputed = scoreCards(
      checked.rows.map((row) => row.card),
      answersOf(checked, 0),
    );
    expect(recomputed).toEqual(scoreCards(cardsOf(bank, context.rounds), context.answers));
    expect(recomputed).toEqual({ points: 4, max: 7 });
  });

  it('leaves out cards whose key has changed since, and says the bank differs', () => {
    const changed = structuredClone({ sources: bank.sources, scenarios: bank.scenarios });
    const card = changed.scenarios[0]!.cards.find((c) => c.id === 'a-pm')!;
    Object.assign(card, { key: 'pmm' });
    const { checked } = shareAndOpen(indexBank(changed));
    expect(checked.sameBank).toBe(false);
    expect(checked.unchecked).toBe(1);
    expect(checked.rows.map((row) => row.card.id)).not.toContain('a-pm');
  });

  it('still checks every card when only wording changed', () => {
    const reworded = structuredClone({ sources: bank.sources, scenarios: bank.scenarios });
    reworded.scenarios[1]!.cards[0]!.explanation = 'Reworded.';
    const { checked } = shareAndOpen(indexBank(reworded));
    expect(checked.sameBank).toBe(false);
    expect(checked.unchecked).toBe(0);
  });

  it('leaves out cards that are gone', () => {
    const smaller = indexBank({ sources: bank.sources, scenarios: [bank.scenarios[0]!] });
    const { checked } = shareAndOpen(smaller);
    expect(checked.rows.map((row) => row.scenario.id)).toEqual(['alpha', 'alpha', 'alpha']);
    expect(checked.unchecked).toBe(2);
  });

  it('says nothing about a link fully checked against this bank', () => {
    expect(uncheckedNotice(shareAndOpen().checked)).toBeNull();
  });

  it("warns about a link with this bank's fingerprint whose tasks are unknown, and scores none of them", () => {
    const result = resultOfGame(bank, finishedGame(), 'Ana', Date.UTC(2026, 10, 22));
    const decoded = decodeResult(encodeResult({ ...result, cards: result.cards.map((_, index) => index + 1) }));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const checked = checkResult(decoded.value, bank);
    expect(decoded.value.bank).toBe(bankFingerprint(bank));
    expect(checked).toMatchObject({ sameBank: true, rows: [], unchecked: result.cards.length });
    expect(uncheckedNotice(checked)).toEqual({
      title: 'This link lists tasks that are not in this version of the questions.',
      detail: 'None of its tasks can be found, so no score is shown.',
    });
  });

  it('says how many tasks of another version it scored and left out', () => {
    const smaller = indexBank({ sources: bank.sources, scenarios: [bank.scenarios[0]!] });
    expect(uncheckedNotice(shareAndOpen(smaller).checked)).toEqual({
      title: 'This link was made with a different version of the questions.',
      detail: '3 of 5 tasks are unchanged and are scored below; the other 2 are left out.',
    });
  });

  it('recomputes the certainty-based marks of a game that asked, and has none for one that did not', () => {
    const { context, checked } = shareAndOpen();
    const cbm = cbmOf(checked, 0);
    expect(cbm).toEqual(cbmSummary(cardsOf(bank, context.rounds), context.answers));
    // a-pm wrong at high (-6), b-launch's role wrong at low (0), three right at low (+3).
    expect(cbm).toMatchObject({ score: { points: -3, max: 15 }, confidentErrors: [{ id: 'a-pm' }] });
    expect(cbmOf(shareAndOpen(bank, false).checked, 0)).toBeUndefined();
  });
});

describe('a workshop link', () => {
  it('counts each team as the podium did, speed bonus included', () => {
    const actor = createActor(createWorkshopMachine(bank), { input: { seed: 3 } }).start();
    actor.send({ type: 'setup.start', settings: workshopSettings({ speedBonus: true, scenarioIds: ['alpha'] }) });
    let at = Date.UTC(2026, 10, 23, 9);
    actor.send({ type: 'round.start', at });
    while (actor.getSnapshot().matches('question')) {
      const card = currentCard(bank, actor.getSnapshot().context)!;
      // Owls right and fast, Foxes right and slow, Hares wrong.
      actor.send({ type: 'answer.set', team: 0, role: card.key, at: at + 1000 });
      actor.send({ type: 'answer.set', team: 1, role: card.key, at: at + 50_000 });
      actor.send({ type: 'answer.set', team: 2, role: card.key === 'pm' ? 'pmm' : 'pm', at: at + 2000 });
      actor.send({ type: 'card.reveal' });
      at += 60_000;
      actor.send({ type: 'card.next', at });
    }
    const context = actor.getSnapshot().context;
    const podium = standings(
      playedCards(bank, context).map((played) => played.card),
      context.entries,
      context.settings,
    );
    const decoded = decodeResult(encodeResult(resultOfWorkshop(bank, context, at)));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const checked = checkResult(decoded.value, bank);
    const fromLink = [0, 1, 2].map((team) => workshopPoints(checked, team).points);
    expect(fromLink).toEqual([0, 1, 2].map((team) => podium.find((row) => row.team === team)!.points));
    expect(fromLink).toEqual([6, 3, 0]);
    expect(workshopPoints(checked, 0).max).toBe(6);
  });
});
