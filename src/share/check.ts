import type { IndexedBank } from '../game/bank';
import type { Card, Scenario } from '../game/schema';
import type { Answer } from '../game/scoring';
import { bankFingerprint, cardRef, type SharedResult } from './codec';

/** A shared result checked against the bank this app ships. */
export interface CheckedResult {
  result: SharedResult;
  /** True when the link was made with exactly this bank. */
  sameBank: boolean;
  /** The cards that can still be scored the way they were played, in play order. */
  rows: Array<{ card: Card; scenario: Scenario; answers: Array<Answer | undefined> }>;
  /** Cards in the link that this bank no longer has, or has changed in a way that changes scoring. */
  unchecked: number;
}

/**
 * Matches a shared result's cards to this bank, so every score shown is recomputed from the
 * answers with the bank that ships here, never taken from the link.
 */
export function checkResult(result: SharedResult, bank: IndexedBank): CheckedResult {
  const byRef = new Map<number, { card: Card; scenario: Scenario }>();
  for (const entry of bank.cards.values()) byRef.set(cardRef(entry.card), entry);
  const rows: CheckedResult['rows'] = [];
  const seen = new Set<number>();
  result.cards.forEach((ref, index) => {
    const match = byRef.get(ref);
    // A card counts once, however often a (doctored) link lists it.
    if (!match || seen.has(ref)) return;
    seen.add(ref);
    rows.push({ ...match, answers: result.players.map((player) => player.answers[index] ?? undefined) });
  });
  return {
    result,
    sameBank: result.bank === bankFingerprint(bank),
    rows,
    unchecked: result.cards.length - rows.length,
  };
}

/** One player's answers by card id, for the scoring functions. */
export function answersOf(checked: CheckedResult, player: number): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const row of checked.rows) {
    const answer = row.answers[player];
    if (answer) answers[row.card.id] = answer;
  }
  return answers;
}
