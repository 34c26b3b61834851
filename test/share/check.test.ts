import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { bankFingerprint, indexBank, type IndexedBank } from '../../src/core/bank';
import { cbmSummary, scoreCards } from '../../src/core/scoring';
import { cardsOf, createPlayMachine } from '../../src/modes/solo/playMachine';
import { answersOf, cbmOf, checkResult, uncheckedNotices, workshopPoints } from '../../src/share/check';
import { decodeResult, encodeResult, type SharedResult } from '../../src/share/codec';
import { readPackText } from '../../src/packs/packFiles';
import { bankPackOf } from '../../src/progress/shelf';
import { resultOfGame } from '../../src/modes/solo/shareResult';
import { resultOfWorkshop } from '../../src/modes/workshop/shareResult';
import { currentCard } from '../../src/core/cursor';
import { standings } from '../../src/core/workshop';
import { createWorkshopMachine, playedCards } from '../../src/modes/workshop/workshopMachine';
import { fixtureBank, workshopSettings } from '../support/fixtures';
import { playToResults } from '../support/play';

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

  it('opens a link made with the same questions in another language as made with these, and scores it alike', () => {
    const translated = structuredClone({ sources: bank.sources, scenarios: bank.scenarios });
    for (const scenario of translated.scenarios)
      for (const card of scenario.cards) card.task = `Übersetzt: ${card.task}`;
    const { context, checked } = shareAndOpen(indexBank(translated, [bankFingerprint(bank)]));
    expect(checked.sameQuestions).toBe(true);
    expect(checked.sameBank).toBe(true);
    expect(uncheckedNotices(checked)).toEqual([]);
    expect(
      scoreCards(
        checked.rows.map((row) => row.card),
        answersOf(checked, 0),
      ),
    ).toEqual(scoreCards(cardsOf(bank, context.rounds), context.answers));
    // Without the translation named, the same link reads as one from another version of the questions.
    expect(shareAndOpen(indexBank(translated)).checked.sameQuestions).toBe(false);
  });

  it('leaves out cards that are gone', () => {
    const smaller = indexBank({ sources: bank.sources, scenarios: [bank.scenarios[0]!] });
    const { checked } = shareAndOpen(smaller);
    expect(checked.rows.map((row) => row.scenario.id)).toEqual(['alpha', 'alpha', 'alpha']);
    expect(checked.unchecked).toBe(2);
  });

  it('says nothing about a link fully checked against this bank', () => {
    expect(uncheckedNotices(shareAndOpen().checked)).toEqual([]);
  });

  it("warns about a link with this bank's fingerprint whose tasks are unknown, and scores none of them", () => {
    const result = resultOfGame(bank, finishedGame(), 'Ana', Date.UTC(2026, 10, 22));
    const decoded = decodeResult(encodeResult({ ...result, cards: result.cards.map((_, index) => index + 1) }));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const checked = checkResult(decoded.value, bank);
    expect(decoded.value.bank).toBe(bankFingerprint(bank));
    expect(checked).toMatchObject({ sameBank: true, rows: [], unchecked: result.cards.length });
    expect(uncheckedNotices(checked)).toEqual([
      {
        title: 'This link lists tasks that are not in this version of the questions.',
        detail: 'None of its tasks can be found, so no score is shown.',
      },
    ]);
  });

  it('says how many tasks of another version it scored and left out', () => {
    const smaller = indexBank({ sources: bank.sources, scenarios: [bank.scenarios[0]!] });
    expect(uncheckedNotices(shareAndOpen(smaller).checked)).toEqual([
      {
        title: 'This link was made with a different version of the questions.',
        detail: '3 of 5 tasks are unchanged and are scored below; the other 2 are left out.',
      },
    ]);
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

describe('a link with a trainer pack', () => {
  const template = readFileSync('public/packs/template.yaml', 'utf8');

  /** The fixture bank with the template pack in it, as `change` rewrites the pack's text. */
  function bankWithPack(change: (text: string) => string = (text) => text) {
    const read = readPackText(change(template));
    if (!read.ok) throw new Error(read.error[0]!.message);
    const indexed = fixtureBank();
    indexed.setPacks([bankPackOf(read.value)]);
    return indexed;
  }

  /** A game of alpha and the pack's company, every answer right, shared, and opened with `openWith`. */
  function sharePackGame(openWith: IndexedBank, change?: (result: SharedResult) => void) {
    const played = bankWithPack();
    const actor = createActor(createPlayMachine(played), { input: { seed: 5 } }).start();
    actor.send({ type: 'game.start', scenarioIds: ['alpha', 'my-pack/first-company'] });
    playToResults(played, actor);
    const result = resultOfGame(played, actor.getSnapshot().context, 'Ana', Date.UTC(2026, 10, 22));
    change?.(result);
    const decoded = decodeResult(encodeResult(result));
    if (!decoded.ok) throw new Error(decoded.error.message);
    return checkResult(decoded.value, openWith);
  }

  const named = { id: 'my-pack', title: 'My training pack', fingerprint: bankWithPack().packs[0]!.fingerprint };

  it('names the pack it was played with, and scores every task where the same pack is', () => {
    const checked = sharePackGame(bankWithPack());
    expect(checked.result.packs).toEqual([named]);
    expect(checked).toMatchObject({ sameBank: true, sameQuestions: true, unchecked: 0, packs: [{ here: 'same' }] });
    expect(checked.rows.map((row) => row.scenario.id)).toEqual([
      ...Array(3).fill('alpha'),
      ...Array(3).fill('my-pack/first-company'),
    ]);
    expect(
      scoreCards(
        checked.rows.map((row) => row.card),
        answersOf(checked, 0),
      ).points,
    ).toBe(8);
    expect(uncheckedNotices(checked)).toEqual([]);
  });

  it('leaves out the tasks of a pack this browser does not have, says which pack and how to get it', () => {
    const checked = sharePackGame(fixtureBank());
    expect(checked).toMatchObject({ sameBank: false, sameQuestions: true, unchecked: 3, packs: [{ here: 'missing' }] });
    expect(checked.rows.every((row) => row.scenario.id === 'alpha')).toBe(true);
    expect(uncheckedNotices(checked)).toEqual([
      {
        title:
          'This result was played with the trainer pack “My training pack” (my-pack), which this browser does not have.',
        detail:
          'Ask whoever sent you this link for the pack — a pack link or a file — add it under Packs, then open this link again. Until then its tasks are left out of the score.',
        pack: { id: 'my-pack', title: 'My training pack' },
      },
      {
        title: 'Only the tasks this browser can check are scored.',
        detail: '3 of 6 tasks are scored below; the other 3 are left out.',
      },
    ]);
  });

  it('checks another version of the pack card by card, as another version of the questions, and says so', () => {
    const changed = bankWithPack((text) =>
      text.replace('version: 1', 'version: 2').replace('key: pm # pm or pmm', 'key: pmm # pm or pmm'),
    );
    const checked = sharePackGame(changed);
    expect(checked).toMatchObject({ sameBank: false, sameQuestions: true, unchecked: 1 });
    expect(checked.packs).toEqual([{ ...named, here: 'other-version' }]);
    expect(checked.rows.map((row) => row.card.id)).not.toContain('my-pack/first-offline');
    expect(uncheckedNotices(checked)).toEqual([
      {
        title:
          'This result was played with another version of the trainer pack “My training pack” (my-pack) than the one in this browser.',
        detail:
          'Its tasks that changed since are left out of the score. To score them too, ask whoever sent you this link for the version they played, add it under Packs, then open this link again.',
        pack: { id: 'my-pack', title: 'My training pack' },
      },
      {
        title: 'Only the tasks this browser can check are scored.',
        detail: '5 of 6 tasks are scored below; the other 1 are left out.',
      },
    ]);
    const reworded = sharePackGame(bankWithPack((text) => text.replace('version: 1', 'version: 2')));
    expect(reworded).toMatchObject({ sameBank: false, unchecked: 0 });
    expect(uncheckedNotices(reworded).map((notice) => notice.title)).toEqual([
      expect.stringMatching(/^This result was played with another version of the trainer pack/),
    ]);
  });

  it('scores no pack task of a link that does not name its pack, as links before version 3 do not', () => {
    const checked = sharePackGame(bankWithPack(), (result) => delete result.packs);
    expect(checked.rows.map((row) => row.scenario.id)).toEqual(['alpha', 'alpha', 'alpha']);
    expect(checked.unchecked).toBe(3);
    expect(uncheckedNotices(checked)[0]!.title).toBe(
      'This link lists tasks that are not in this version of the questions.',
    );
  });

  it('says both when the questions and the pack differ, and counts the tasks once', () => {
    const checked = sharePackGame(fixtureBank(), (result) => void (result.bank ^= 1));
    expect(uncheckedNotices(checked)).toEqual([
      expect.objectContaining({ pack: { id: 'my-pack', title: 'My training pack' } }),
      {
        title: 'This link was made with a different version of the questions.',
        detail: '3 of 6 tasks are unchanged and are scored below; the other 3 are left out.',
      },
    ]);
  });
});
