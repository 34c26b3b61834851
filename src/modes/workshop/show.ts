import { correctSplit } from '../../core/scoring';
import type { Card, Role } from '../../core/schema';
import type { CardEntries } from '../../core/workshop';
import { m } from '../../i18n/paraglide/messages.js';
import { formatList } from '../../platform/ui/format';

/**
 * The workshop as a show: what the reveal, the scoreboard and the podium make of the standings
 * before and after a moment (who scored, who moved, the headline that names it, who stands
 * where on the podium). Plain functions of plain data, so every moment is tested without a page.
 */

/** What a team (or a phone) answered on a card, and whether it was right. */
export interface Pick {
  role: Role | null;
  right: boolean;
}

/** A team (or a phone) on a scoreboard: a stable key, its name, its points and its shared rank. */
export interface ScoreLine {
  key: string;
  name: string;
  points: number;
  /** 1 for first; lines on equal points share a rank. */
  rank: number;
  /** At a reveal: what it answered on the card, and whether that was right. */
  pick?: Pick;
}

/** One line of an animated scoreboard: where it stood before the moment, and where it stands now. */
export interface BoardRow extends ScoreLine {
  /** Its place in the list now, from 0. */
  index: number;
  /** Its place, points and rank before the moment; a newcomer to the list comes in from below it. */
  before: { index: number; points: number; rank: number };
  /** Points earned in the moment. */
  gained: number;
}

/** What a scoreboard counts: teams, or phones each playing for itself. */
export type BoardUnit = 'team' | 'phone';

/**
 * The scoreboard's lines now (the first `limit`), each with where it stood before: the data
 * a FLIP move needs (its old place, its new place) and the points that fly to it.
 */
export function boardRows(before: readonly ScoreLine[], after: readonly ScoreLine[], limit = Infinity): BoardRow[] {
  const shown = after.slice(0, limit);
  const previous = new Map(before.map((line, index) => [line.key, { line, index }]));
  return shown.map((line, index) => {
    const was = previous.get(line.key);
    const points = was?.line.points ?? 0;
    return {
      ...line,
      index,
      before: {
        index: Math.min(was?.index ?? shown.length, shown.length),
        points,
        rank: was?.line.rank ?? before.length + 1,
      },
      gained: line.points - points,
    };
  });
}

/** Names as a sentence in the interface's language: "Red", "Red and Blue", "Red, Blue and Green", or "4 teams". */
export function nameList(names: readonly string[], unit: BoardUnit = 'team'): string {
  return names.length > 3 ? m.show_count({ unit, count: names.length }) : formatList(names);
}

/** The lines in the lead: rank 1 with some points (nobody leads on nothing). */
function leaders(lines: readonly ScoreLine[]): ScoreLine[] {
  return lines.filter((line) => line.rank === 1 && line.points > 0);
}

const sameKeys = (a: readonly ScoreLine[], b: readonly ScoreLine[]) =>
  a.length === b.length && a.every((line) => b.some((other) => other.key === line.key));

/** The lead over the next line down: how far the leader is ahead (0 when the lead is shared). */
function margin(lines: readonly ScoreLine[]): number {
  const [first, second] = lines;
  return first && second ? first.points - second.points : (first?.points ?? 0);
}

/**
 * The headline of a moment (a card revealed, or a company played), from the standings before
 * and after it: a change at the top first ("Red takes the lead", "Blue and Green share the
 * lead"), then how the room did when it is told (`right` of `of` answers): "Everyone got it",
 * "A tough one: nobody got it"; else who holds the lead.
 */
export function revealHeadline(input: {
  before: readonly ScoreLine[];
  after: readonly ScoreLine[];
  /** How many teams (or phones) got the card right, of how many answered; absent for a company. */
  right?: number;
  of?: number;
  unit?: BoardUnit;
}): string {
  const { before, after, right, of, unit = 'team' } = input;
  if (of === 0) return m.show_headline_no_answers();
  if (right === 0) return m.show_headline_nobody();
  const top = leaders(after);
  const everyone = right !== undefined && right === of;
  // The first points of all, to every team alike: nobody leads, everyone got it.
  if (everyone && top.length === after.length && !leaders(before).length) return m.show_headline_everyone();
  const names = nameList(
    top.map((line) => line.name),
    unit,
  );
  if (top.length && !sameKeys(top, leaders(before)))
    return top.length === 1 ? m.show_headline_takes_lead({ names }) : m.show_headline_share_lead({ names });
  if (everyone) return m.show_headline_everyone();
  if (!top.length) return m.show_headline_no_score();
  if (top.length > 1) return m.show_headline_still_share_lead({ names });
  return margin(after) > margin(before)
    ? m.show_headline_pulls_ahead({ names })
    : m.show_headline_stays_ahead({ names });
}

/** The headline of a reveal in room mode, from the share of hands that were right. */
export function roomHeadline(percent: number, hands: number): string {
  if (!hands) return m.show_headline_no_hands();
  if (percent === 100) return m.show_headline_everyone();
  if (percent === 0) return m.show_headline_nobody();
  if (percent >= 75) return m.show_headline_most();
  if (percent >= 40) return m.show_headline_split();
  return m.show_headline_few();
}

/** The headline over the podium: who won, or who shares the win. */
export function finalHeadline(standings: readonly ScoreLine[], unit: BoardUnit = 'team'): string {
  const top = leaders(standings);
  if (!standings.length) return m.show_headline_thanks();
  if (!top.length) return m.show_headline_nobody_scored();
  const names = nameList(
    top.map((line) => line.name),
    unit,
  );
  if (top.length === 1) return m.show_headline_wins({ names });
  if (top.length === 3) return m.show_headline_three_way({ names });
  return m.show_headline_share_win({ names });
}

/** Where a line stands on the podium. */
export interface PodiumSpot {
  line: ScoreLine;
  /** Its grid column, from 1. */
  column: number;
  /** Its step's height, a share of the tallest (first place: 1). */
  height: number;
  /** Its step: 1 in the middle, 2 at left, 3 at right. */
  step: 1 | 2 | 3;
}

export interface PodiumLayout {
  /** Columns across the podium: the same on both sides of the middle step, so it is centred. */
  columns: number;
  spots: PodiumSpot[];
  /** Everyone below third, listed under the podium. */
  rest: ScoreLine[];
}

/** Each step's height, by rank. */
const STEP_HEIGHTS = { 1: 1, 2: 0.74, 3: 0.52 } as const;

/**
 * The podium for final standings, in the usual 2-1-3 order: first place in the middle, second
 * at left, third at right, each step as tall as its rank. Tied lines share a step side by side
 * at the same height, so a tie at the top stands in the middle together. A rank nobody holds
 * (after a tie) leaves its side empty, and the sides stay as wide as each other, so first place
 * stays in the middle of the screen.
 */
export function podiumLayout(standings: readonly ScoreLine[]): PodiumLayout {
  const on = (rank: 1 | 2 | 3) => standings.filter((line) => line.rank === rank);
  const [first, second, third] = [on(1), on(2), on(3)];
  const side = Math.max(second.length, third.length);
  const place = (lines: ScoreLine[], step: 1 | 2 | 3, start: number): PodiumSpot[] =>
    lines.map((line, index) => ({ line, column: start + index, height: STEP_HEIGHTS[step], step }));
  return {
    columns: side * 2 + first.length,
    // First place first, so a screen reader hears the podium from the top.
    spots: [
      ...place(first, 1, side + 1),
      ...place(second, 2, side - second.length + 1),
      ...place(third, 3, side + first.length + 1),
    ],
    rest: standings.filter((line) => line.rank > 3),
  };
}

/** How many phones chose each split of a shared task, and which split is right. */
export interface SplitCount {
  text: string;
  count: number;
  right: boolean;
}

/**
 * How the room split the work on a shared task: the phones that answered Both and chose a
 * split, counted per option (in the card's order), the right one marked. Undefined on a task
 * that is not shared.
 */
export function splitSpread(card: Card, entries: CardEntries | undefined): SplitCount[] | undefined {
  if (card.key !== 'both') return undefined;
  const counts = card.overlap.options.map(() => 0);
  for (const vote of Object.values(entries?.votes ?? {}))
    if (vote.role === 'both' && typeof vote.split === 'number' && vote.split in counts) counts[vote.split]!++;
  const right = correctSplit(card);
  return card.overlap.options.map((option, index) => ({
    text: option.text,
    count: counts[index]!,
    right: index === right,
  }));
}
