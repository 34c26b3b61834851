import { m } from '../i18n/paraglide/messages.js';
import { ROLE_DATA_NAMES } from './labels.ts';
import type { Card, Role, Scenario } from './schema.ts';
import { isRoleCorrect, ranked, type Confidence } from './scoring.ts';

/** How a facilitator sets up a workshop. */
export interface WorkshopSettings {
  /** Team names, in order; one entry with `room` for a show of hands. */
  teams: string[];
  /** One room voting by show of hands, counted per role, instead of teams. */
  room: boolean;
  scenarioIds: string[];
  /** Time per card in seconds; 0 for no timer. */
  secondsPerCard: 0 | 30 | 60 | 90;
  /** A right answer entered with more than half the time left earns one more point. */
  speedBonus: boolean;
  /** Show the scoreboard after each company, or only at the end. */
  scoreboard: 'between' | 'end';
  /**
   * How answers come in: the facilitator enters them (`off`), phones answer for their team
   * (`teams`: the team's answer is the majority of its phones), or every phone plays for
   * itself (`solo`). Phones need a room server.
   */
  phones: PhonesMode;
  /**
   * Vote, talk it over, vote again (peer instruction): every task is voted twice, with the
   * room's first vote shown (not the answer) and a talk in between; the second vote scores.
   * The presenter can also turn it on or off for one task.
   */
  voteTwice: boolean;
  /** How long the talk between the two votes runs, in seconds. */
  talkSeconds: (typeof TALK_CHOICES)[number];
}

export const TALK_CHOICES = [30, 60, 90, 120] as const;

export const PHONES_MODES = ['off', 'teams', 'solo'] as const;
export type PhonesMode = (typeof PHONES_MODES)[number];

/** A phone in the room: its seat, the name it gave and the team it plays for. */
export interface Player {
  /** The seat: derived from a secret only the phone holds, so only it can take the seat back. */
  id: string;
  name: string;
  /** Its team (teams mode); -1 when it plays for itself. */
  team: number;
  /** Taken out of the room by the facilitator: its answers stay, it cannot answer again. */
  removed: boolean;
}

/** A phone's answer to a card, with the time left when the room server took it. */
export interface Vote {
  role: Role;
  left: number | null;
  /** Its order of arrival on the card, from 0: ties between answers go by it. */
  order: number;
  /** On a shared task answered Both, the split of the work it chose (an option's place); not scored. */
  split?: number | null;
  /** How sure the phone said it was, when the room asked (a task's first vote, voted twice). */
  confidence?: Confidence | null;
}

export const TIMER_CHOICES = [0, 30, 60, 90] as const;

/** Hands raised for each role, in room mode. */
export type Tally = Record<Role, number>;
export const EMPTY_TALLY: Tally = { pm: 0, pmm: 0, both: 0 };

/** What the room answered for one card. */
export interface CardEntries {
  /** Each team's answer (null while none is entered). */
  picks: Array<Role | null>;
  /** Milliseconds left on the clock when each team's answer was entered; null without a timer. */
  left: Array<number | null>;
  tally: Tally;
  /** Each phone's answer, by seat (phones mode). */
  votes?: Record<string, Vote>;
  /** On a task voted twice: the first vote, kept when the second began (this entry is the second, which scores). */
  first?: Vote1;
}

/** A task's first vote, as the room gave it before the talk. */
export type Vote1 = Omit<CardEntries, 'first'>;

export function emptyEntries(teams: number): CardEntries {
  return { picks: Array(teams).fill(null), left: Array(teams).fill(null), tally: { ...EMPTY_TALLY } };
}

/**
 * A team's answer from its phones: the role most of them chose. A tie goes to the role that
 * reached the top count first, so a later phone can only take the lead, never share it. The
 * time left is that of the answer that settled it. Null when no phone of the team answered.
 */
export function teamVote(votes: readonly Vote[]): { role: Role; left: number | null } | null {
  const counts = { ...EMPTY_TALLY };
  let lead: Vote | null = null;
  for (const vote of [...votes].sort((a, b) => a.order - b.order)) {
    counts[vote.role]++;
    if (!lead || (vote.role !== lead.role && counts[vote.role] > counts[lead.role])) lead = vote;
  }
  return lead && { role: lead.role, left: lead.left };
}

/** Points a phone earns on one card: the team rule, for one player. */
export function playerCardPoints(
  card: Card,
  vote: Pick<Vote, 'role' | 'left'> | undefined,
  settings: Pick<WorkshopSettings, 'speedBonus' | 'secondsPerCard'>,
): number {
  return vote ? teamCardPoints(card, { picks: [vote.role], left: [vote.left], tally: EMPTY_TALLY }, 0, settings) : 0;
}

export interface PlayerStanding {
  id: string;
  name: string;
  team: number;
  points: number;
  rank: number;
}

/** Every phone by points, best first, with shared ranks for ties (removed phones left out). */
export function playerStandings(
  cards: readonly Card[],
  votes: Readonly<Record<string, Readonly<Record<string, Vote>> | undefined>>,
  players: readonly Player[],
  settings: Pick<WorkshopSettings, 'speedBonus' | 'secondsPerCard'>,
): PlayerStanding[] {
  const rows = players
    .filter((player) => !player.removed)
    .map(({ id, name, team }) => ({
      id,
      name,
      team,
      points: cards.reduce((sum, card) => sum + playerCardPoints(card, votes[card.id]?.[id], settings), 0),
    }));
  return ranked(rows);
}

/** The scoring rule of a workshop, in words: its setup's, or a shared result's (`bonus` given). */
export function workshopRules(
  settings: Pick<WorkshopSettings, 'room'> &
    Partial<Pick<WorkshopSettings, 'phones' | 'speedBonus' | 'secondsPerCard'>> & { bonus?: boolean },
): string[] {
  if (settings.room) return [m.core_workshop_rule_room(), m.core_workshop_rule_no_split()];
  const bonus = settings.bonus ?? hasSpeedBonus({ speedBonus: false, secondsPerCard: 0, ...settings });
  return [
    settings.phones === 'solo' ? m.core_workshop_rule_player() : m.core_workshop_rule_team(),
    ...(bonus ? [m.core_workshop_rule_speed()] : []),
    m.core_workshop_rule_no_split(),
  ];
}

/** Whether a workshop gives the speed bonus: it needs a timer to measure speed against. */
export function hasSpeedBonus(settings: Pick<WorkshopSettings, 'speedBonus' | 'secondsPerCard'>): boolean {
  return settings.speedBonus && settings.secondsPerCard > 0;
}

/** Whether an answer given with `left` ms on the clock earns the speed bonus: more than half the time left. */
export function isFast(left: number | null | undefined, settings: Pick<WorkshopSettings, 'secondsPerCard'>): boolean {
  return left !== null && left !== undefined && left > (settings.secondsPerCard * 1000) / 2;
}

/**
 * The workshop's points for one answer to one card, the one rule every count of them uses (the
 * scoreboard, the podium, each phone, a shared result): 1 for the right role, 1 more when it
 * was fast and the workshop gives the speed bonus. The split of the work scores nothing.
 */
export function answerPoints(right: boolean, fast: boolean, bonus: boolean): number {
  return right ? (bonus && fast ? 2 : 1) : 0;
}

/** The most a team can earn on one card. */
export function maxCardPoints(settings: Pick<WorkshopSettings, 'speedBonus' | 'secondsPerCard'>): number {
  return answerPoints(true, true, hasSpeedBonus(settings));
}

/** Points a team earns on one card. */
export function teamCardPoints(
  card: Card,
  entries: CardEntries | undefined,
  team: number,
  settings: Pick<WorkshopSettings, 'speedBonus' | 'secondsPerCard'>,
): number {
  const pick = entries?.picks[team];
  const right = isRoleCorrect(card, pick ? { role: pick } : undefined);
  return answerPoints(right, isFast(entries?.left[team], settings), hasSpeedBonus(settings));
}

export interface Standing {
  team: number;
  name: string;
  points: number;
  /** 1 for first; teams on equal points share a rank. */
  rank: number;
}

/** Teams by points, best first, with shared ranks for ties. */
export function standings(
  cards: readonly Card[],
  entries: Readonly<Record<string, CardEntries>>,
  settings: WorkshopSettings,
): Standing[] {
  const rows = settings.teams.map((name, team) => ({
    team,
    name,
    points: cards.reduce((sum, card) => sum + teamCardPoints(card, entries[card.id], team, settings), 0),
  }));
  return ranked(rows);
}

/** How many teams (or hands) chose each role on a card. */
export function spread(entries: CardEntries | undefined, settings: Pick<WorkshopSettings, 'room'>): Tally {
  if (!entries) return { ...EMPTY_TALLY };
  if (settings.room) return { ...entries.tally };
  const counts = { ...EMPTY_TALLY };
  for (const pick of entries.picks) if (pick) counts[pick]++;
  return counts;
}

/** How many phones chose each role on a card. */
export function voteSpread(entries: CardEntries | undefined): Tally {
  const counts = { ...EMPTY_TALLY };
  for (const vote of Object.values(entries?.votes ?? {})) counts[vote.role]++;
  return counts;
}

/** The share of the phones that answered a card that got it right, 0 to 100. */
export function votesRight(card: Card, entries: CardEntries | undefined): number {
  const votes = Object.values(entries?.votes ?? {});
  return votes.length ? Math.round((100 * votes.filter((vote) => vote.role === card.key).length) / votes.length) : 0;
}

/** The share of hands (room mode) that picked the right role over some cards, 0 to 100. */
export function roomPercent(cards: readonly Card[], entries: Readonly<Record<string, CardEntries>>): number {
  let right = 0;
  let all = 0;
  for (const card of cards) {
    const tally = entries[card.id]?.tally ?? EMPTY_TALLY;
    right += tally[card.key];
    all += tally.pm + tally.pmm + tally.both;
  }
  return all ? Math.round((right / all) * 100) : 0;
}

/** The room's most raised role on a card; null when nobody voted or the top is tied. */
export function roomChoice(tally: Tally): Role | null {
  const ranked = (Object.entries(tally) as Array<[Role, number]>).sort((a, b) => b[1] - a[1]);
  return ranked[0]![1] > 0 && ranked[0]![1] !== ranked[1]![1] ? ranked[0]![0] : null;
}

/**
 * The share of the room that got a task right in one vote, 0 to 1; null when nobody answered:
 * of the phones that answered (phones each on their own), of the hands raised (a show of
 * hands), or of the teams that answered.
 */
export function shareRight(
  card: Card,
  vote: Vote1 | undefined,
  settings: Pick<WorkshopSettings, 'room' | 'phones'>,
): number | null {
  if (!vote) return null;
  const counts = settings.phones === 'solo' ? voteSpread(vote) : spread(vote, settings);
  const all = counts.pm + counts.pmm + counts.both;
  return all ? counts[card.key] / all : null;
}

/**
 * How a task voted twice moved: the share right in each vote, and who changed to what (for
 * phones, each phone that answered both times; for teams, each team).
 */
export function voteShift(
  card: Card,
  entries: CardEntries | undefined,
  settings: Pick<WorkshopSettings, 'room' | 'phones' | 'teams'>,
): { before: number | null; after: number | null; changes: Array<{ from: Role; to: Role; count: number }> } {
  const first = entries?.first;
  const moves = new Map<string, number>();
  const move = (from: Role | null | undefined, to: Role | null | undefined) => {
    if (from && to && from !== to) moves.set(`${from}>${to}`, (moves.get(`${from}>${to}`) ?? 0) + 1);
  };
  if (settings.phones === 'solo')
    for (const [seat, vote] of Object.entries(entries?.votes ?? {})) move(first?.votes?.[seat]?.role, vote.role);
  else if (!settings.room) settings.teams.forEach((_, team) => move(first?.picks[team], entries?.picks[team]));
  const changes = [...moves].map(([key, count]) => {
    const [from, to] = key.split('>') as [Role, Role];
    return { from, to, count };
  });
  return {
    before: shareRight(card, first, settings),
    after: first ? shareRight(card, entries, settings) : null,
    changes: changes.sort((a, b) => b.count - a.count),
  };
}

/**
 * The normalised gain of a vote again: the part of what was left to learn that the talk won,
 * (after − before) / (1 − before); null when everyone was right already, or nothing was voted.
 */
export function normalisedGain(before: number | null, after: number | null): number | null {
  if (before === null || after === null || before >= 1) return null;
  return (after - before) / (1 - before);
}

/** The room's shift over every task it voted twice: the share right before and after the talks, and the gain. */
export function roomShift(
  cards: readonly Card[],
  entries: Readonly<Record<string, CardEntries>>,
  settings: Pick<WorkshopSettings, 'room' | 'phones' | 'teams'>,
): { tasks: number; before: number | null; after: number | null; gain: number | null } {
  const shifts = cards
    .filter((card) => entries[card.id]?.first)
    .map((card) => voteShift(card, entries[card.id], settings))
    .filter((shift) => shift.before !== null && shift.after !== null);
  if (!shifts.length) return { tasks: 0, before: null, after: null, gain: null };
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const before = mean(shifts.map((shift) => shift.before!));
  const after = mean(shifts.map((shift) => shift.after!));
  return { tasks: shifts.length, before, after, gain: normalisedGain(before, after) };
}

/** How sure the phones were of each role in a vote: a count per role and confidence. */
export function confidenceSpread(vote: Vote1 | undefined): Record<Role, Record<Confidence, number>> {
  const counts = {
    pm: { low: 0, medium: 0, high: 0 },
    pmm: { low: 0, medium: 0, high: 0 },
    both: { low: 0, medium: 0, high: 0 },
  };
  for (const answer of Object.values(vote?.votes ?? {}))
    if (answer.confidence) counts[answer.role][answer.confidence]++;
  return counts;
}

function csvCell(value: string | number): string {
  const text = String(value);
  // Quote every text cell; neutralise leading characters spreadsheets treat as formulas.
  return typeof value === 'number'
    ? text
    : `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
}

/**
 * The whole workshop as CSV: one row per card, a column per team (or per role), then with
 * phones a column pair per phone, and totals.
 */
export function workshopCsv(
  played: Array<{ scenario: Scenario; card: Card }>,
  entries: Readonly<Record<string, CardEntries>>,
  settings: WorkshopSettings,
  players: readonly Player[] = [],
): string {
  const header = ['Company', 'Task', 'Answer'];
  const table = teamsCsv(played, entries, settings, header);
  if (players.length) {
    for (const player of players)
      header.push(`${player.name}${player.removed ? ' (removed)' : ''} answer`, `${player.name} points`);
    played.forEach(({ card }, index) => {
      for (const player of players) {
        const vote = entries[card.id]?.votes?.[player.id];
        const split = typeof vote?.split === 'number' ? ` (split ${'ABCDEFGHIJKL'[vote.split]})` : '';
        table[index]!.push(vote ? `${ROLE_DATA_NAMES[vote.role]}${split}` : '', playerCardPoints(card, vote, settings));
      }
    });
    const totals = table.at(-1)!;
    for (const player of players)
      totals.push(
        '',
        played.reduce(
          (sum, { card }) => sum + playerCardPoints(card, entries[card.id]?.votes?.[player.id], settings),
          0,
        ),
      );
  }
  firstVoteCsv(played, entries, settings, players, header, table);
  return `${[header, ...table].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * On a workshop that voted a task twice: the first votes, in columns after the rest (the
 * answers and points before them are the second vote's, which scores), with how sure each
 * phone said it was.
 */
function firstVoteCsv(
  played: Array<{ card: Card }>,
  entries: Readonly<Record<string, CardEntries>>,
  settings: WorkshopSettings,
  players: readonly Player[],
  header: string[],
  table: Array<Array<string | number>>,
) {
  if (!played.some(({ card }) => entries[card.id]?.first)) return;
  const teams = settings.room || settings.phones === 'solo' ? [] : settings.teams;
  header.push(...teams.map((team) => `${team} first vote`), ...players.map((player) => `${player.name} first vote`));
  played.forEach(({ card }, index) => {
    const first = entries[card.id]?.first;
    const pickOf = (team: number) => first?.picks[team];
    const voteOf = (seat: string) => first?.votes?.[seat];
    table[index]!.push(
      ...teams.map((_, team) => (pickOf(team) ? ROLE_DATA_NAMES[pickOf(team)!] : '')),
      ...players.map((player) => {
        const vote = voteOf(player.id);
        return vote ? `${ROLE_DATA_NAMES[vote.role]}${vote.confidence ? ` (${vote.confidence})` : ''}` : '';
      }),
    );
  });
  table.at(-1)!.push(...teams.map(() => ''), ...players.map(() => ''));
}

/**
 * The workshop as JSON, for a facilitator's own records: its settings, the standings, every
 * phone and its standing, and each task played with what the room answered (as the CSV does).
 */
export function workshopJson(
  played: Array<{ scenario: Scenario; card: Card }>,
  entries: Readonly<Record<string, CardEntries>>,
  settings: WorkshopSettings,
  players: readonly Player[],
  results: { standings: readonly Standing[]; playerStandings: readonly PlayerStanding[] },
): string {
  const cards = played.map(({ card, scenario }) => ({
    company: scenario.title,
    id: card.id,
    task: card.task,
    key: card.key,
    ...entries[card.id],
  }));
  const json = { settings, standings: results.standings, players, playerStandings: results.playerStandings, cards };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** The rows for the teams (or the room's hands), a total row last; the header gets their columns. */
function teamsCsv(
  played: Array<{ scenario: Scenario; card: Card }>,
  entries: Readonly<Record<string, CardEntries>>,
  settings: WorkshopSettings,
  header: string[],
): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  if (settings.room) {
    header.push('Product management hands', 'Product marketing hands', 'Both hands', 'Right %');
    for (const { scenario, card } of played) {
      const tally = entries[card.id]?.tally ?? EMPTY_TALLY;
      rows.push([
        scenario.title,
        card.task,
        ROLE_DATA_NAMES[card.key],
        tally.pm,
        tally.pmm,
        tally.both,
        roomPercent([card], entries),
      ]);
    }
    rows.push([
      'Total',
      '',
      '',
      '',
      '',
      '',
      roomPercent(
        played.map((p) => p.card),
        entries,
      ),
    ]);
  } else {
    for (const team of settings.teams) header.push(`${team} answer`, `${team} points`);
    for (const { scenario, card } of played) {
      const row: Array<string | number> = [scenario.title, card.task, ROLE_DATA_NAMES[card.key]];
      settings.teams.forEach((_, team) => {
        const pick = entries[card.id]?.picks[team];
        row.push(pick ? ROLE_DATA_NAMES[pick] : '', teamCardPoints(card, entries[card.id], team, settings));
      });
      rows.push(row);
    }
    const totals = standings(
      played.map((p) => p.card),
      entries,
      settings,
    ).sort((a, b) => a.team - b.team);
    rows.push(['Total', '', '', ...totals.flatMap((t) => ['', t.points])]);
  }
  return rows;
}
