import type { IndexedBank } from '../game/bank';
import type { Card, Scenario } from '../game/schema';
import { cbmSummary, isRoleCorrect, type Answer, type CbmSummary, type Points } from '../game/scoring';
import { cardRef, type SharedResult } from './codec';

/** A shared result checked against the bank this app ships. */
export interface CheckedResult {
  result: SharedResult;
  /** True when the link was made with exactly this bank. */
  sameBank: boolean;
  /** The cards that can still be scored the way they were played, in play order. */
  rows: Array<{ card: Card; scenario: Scenario; answers: Array<Answer | undefined>; fast: boolean[] }>;
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
    rows.push({
      ...match,
      answers: result.players.map((player) => player.answers[index] ?? undefined),
      fast: result.players.map((player) => player.fast?.[index] === true),
    });
  });
  return {
    result,
    sameBank: result.bank === bank.fingerprint,
    rows,
    unchecked: result.cards.length - rows.length,
  };
}

/** What the share page says about the cards in a link that it could not score. */
export interface UncheckedNotice {
  title: string;
  detail: string;
}

/**
 * The notice for a link this bank cannot fully check, or null when every card was checked
 * against this very bank. A link with the right fingerprint but cards this bank does not
 * have is damaged or doctored, and says so as plainly as a link from another version does.
 */
export function uncheckedNotice(checked: CheckedResult): UncheckedNotice | null {
  const total = checked.result.cards.length;
  const scored = checked.rows.length;
  if (checked.sameBank) {
    if (checked.unchecked === 0) return null;
    return {
      title: 'This link lists tasks that are not in this version of the questions.',
      detail: scored
        ? `${scored} of ${total} tasks are found and are scored below; the other ${checked.unchecked} are left out.`
        : 'None of its tasks can be found, so no score is shown.',
    };
  }
  return {
    title: 'This link was made with a different version of the questions.',
    detail: scored
      ? `${scored} of ${total} tasks are unchanged and are scored below; the other ${checked.unchecked} are left out.`
      : 'None of its tasks can be checked against this version, so no score is shown.',
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

/**
 * One player's certainty-based marks, calibration and confident errors, recomputed over the
 * cards this bank checked; undefined for a result whose game did not ask for confidence.
 */
export function cbmOf(checked: CheckedResult, player: number): CbmSummary | undefined {
  if (!checked.result.confidence) return undefined;
  return cbmSummary(
    checked.rows.map((row) => row.card),
    answersOf(checked, player),
  );
}

/**
 * A team's points from a workshop link, as the podium counted them: 1 for each right role,
 * and 1 more for each right answer that earned the speed bonus, when the workshop gave it.
 */
export function workshopPoints(checked: CheckedResult, player: number): Points {
  const right = checked.rows.filter((row) => isRoleCorrect(row.card, row.answers[player]));
  const fast = checked.result.speedBonus ? right.filter((row) => row.fast[player]).length : 0;
  return { points: right.length + fast, max: checked.rows.length * (checked.result.speedBonus ? 2 : 1) };
}
