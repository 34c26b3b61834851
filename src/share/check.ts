import { answerPoints, normalisedGain } from '../core/workshop';
import type { IndexedBank } from '../core/bank';
import type { Card, Role, Scenario } from '../core/schema';
import { cbmSummary, isRoleCorrect, type Answer, type CbmSummary, type Points, cardRef } from '../core/scoring';
import { packOf } from '../core/packIds';
import { type SharedPack, type SharedResult } from './codec';
import { m } from '../i18n/paraglide/messages.js';

/** Whether this browser has a pack a link names: the version played, another version, or none. */
export type PackHere = 'same' | 'other-version' | 'missing';

/** A shared result checked against the bank this app ships and the packs this browser has. */
export interface CheckedResult {
  result: SharedResult;
  /** True when the link was made with exactly these questions (in any of their languages) and these versions of its packs. */
  sameBank: boolean;
  /**
   * True when the link was made with exactly the questions this app ships, in this language or
   * another (a translation keeps every id, key and split), whatever its packs.
   */
  sameQuestions: boolean;
  /** The cards that can still be scored the way they were played, in play order. */
  rows: Array<{
    card: Card;
    scenario: Scenario;
    answers: Array<Answer | undefined>;
    fast: boolean[];
    /** On a task a workshop voted twice: each player's first vote (the answers are the second). */
    first?: Array<Role | null>;
  }>;
  /** Cards in the link that this bank no longer has, or has changed in a way that changes scoring. */
  unchecked: number;
  /** The packs the link names, each with whether this browser has it. */
  packs: Array<SharedPack & { here: PackHere }>;
}

/**
 * Matches a shared result's cards to this bank, so every score shown is recomputed from the
 * answers with the bank that ships here, never taken from the link. A pack's card counts only
 * when the link names its pack and this browser has that pack: another version of it is
 * checked card by card as another version of the bank is, since a card's reference changes
 * with anything that changes its score.
 */
export function checkResult(result: SharedResult, bank: IndexedBank): CheckedResult {
  const packs = (result.packs ?? []).map((shared) => {
    const here = bank.packs.find((pack) => pack.id === shared.id);
    const status: PackHere = !here ? 'missing' : here.fingerprint === shared.fingerprint ? 'same' : 'other-version';
    return { ...shared, here: status };
  });
  const named = new Set(packs.map((pack) => pack.id));
  const byRef = new Map<number, { card: Card; scenario: Scenario }>();
  for (const entry of bank.cards.values()) {
    const pack = packOf(entry.card.id);
    if (pack === undefined || named.has(pack)) byRef.set(cardRef(entry.card), entry);
  }
  const sameQuestions = result.bank === bank.fingerprint || bank.translations.includes(result.bank);
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
      ...(result.twice?.[index] ? { first: result.players.map((player) => player.first?.[index] ?? null) } : {}),
    });
  });
  return {
    result,
    sameBank: sameQuestions && packs.every((pack) => pack.here === 'same'),
    sameQuestions,
    rows,
    unchecked: result.cards.length - rows.length,
    packs,
  };
}

/** The Packs page, where a pack is added from a link or a file. */
export const PACKS_HREF = '#packs';

/** What the share page says about what in a link it could not score. */
export interface UncheckedNotice {
  title: string;
  detail: string;
  /** The pack this notice is about: the page offers the way to the Packs page. */
  pack?: { id: string; title: string };
}

/**
 * The notices for a link this browser cannot fully check, none when every card was checked
 * against this very bank and these very packs: one for each pack it names that this browser
 * lacks or has in another version, saying how to get it, then how much was scored. A link
 * with the right fingerprints but cards this bank does not have is damaged or doctored, and
 * says so as plainly as a link from another version does.
 */
export function uncheckedNotices(checked: CheckedResult): UncheckedNotice[] {
  const counts = { scored: checked.rows.length, total: checked.result.cards.length, left: checked.unchecked };
  const notices: UncheckedNotice[] = [];
  for (const pack of checked.packs) {
    const about = { id: pack.id, title: pack.title };
    if (pack.here === 'missing')
      notices.push({
        title: m.share_check_pack_missing_title(about),
        detail: m.share_check_pack_missing_detail(),
        pack: about,
      });
    if (pack.here === 'other-version')
      notices.push({
        title: m.share_check_pack_other_title(about),
        detail: m.share_check_pack_other_detail(),
        pack: about,
      });
  }
  if (!checked.sameQuestions) {
    notices.push({
      title: m.share_check_questions_title(),
      detail: counts.scored ? m.share_check_questions_scored(counts) : m.share_check_questions_none(),
    });
  } else if (notices.length) {
    if (checked.unchecked)
      notices.push({
        title: m.share_check_partly_title(),
        detail: counts.scored ? m.share_check_partly_scored(counts) : m.share_check_partly_none(),
      });
  } else if (checked.unchecked) {
    notices.push({
      title: m.share_check_unknown_title(),
      detail: counts.scored ? m.share_check_unknown_scored(counts) : m.share_check_unknown_none(),
    });
  }
  return notices;
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
  const bonus = checked.result.speedBonus === true;
  const points = checked.rows.reduce(
    (sum, row) => sum + answerPoints(isRoleCorrect(row.card, row.answers[player]), row.fast[player] === true, bonus),
    0,
  );
  return { points, max: checked.rows.length * answerPoints(true, true, bonus) };
}

/**
 * A shared workshop's shift on the tasks it voted twice: the share of answers right in the
 * first votes and in the second, over those tasks, and the normalised gain.
 */
export function linkShift(checked: CheckedResult): {
  tasks: number;
  before: number | null;
  after: number | null;
  gain: number | null;
} {
  const twice = checked.rows.filter((row) => row.first);
  const share = (roles: Array<Role | null | undefined>, card: Card) => {
    const given = roles.filter((role): role is Role => Boolean(role));
    return given.length ? given.filter((role) => role === card.key).length / given.length : null;
  };
  const pairs = twice
    .map(
      (row) =>
        [
          share(row.first!, row.card),
          share(
            row.answers.map((answer) => answer?.role),
            row.card,
          ),
        ] as const,
    )
    .filter((pair): pair is readonly [number, number] => pair[0] !== null && pair[1] !== null);
  if (!pairs.length) return { tasks: 0, before: null, after: null, gain: null };
  const before = pairs.reduce((sum, pair) => sum + pair[0], 0) / pairs.length;
  const after = pairs.reduce((sum, pair) => sum + pair[1], 0) / pairs.length;
  return { tasks: pairs.length, before, after, gain: normalisedGain(before, after) };
}
