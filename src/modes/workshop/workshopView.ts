import { correctSplit } from '../../core/scoring';
import type { SnapshotFrom } from 'xstate';
import type { IndexedBank } from '../../core/bank';
import {
  currentCard,
  currentCardId,
  currentScenario,
  isLastCard,
  isLastRound,
  nextRoundScenarioId,
} from '../../core/cursor';
import { roleName } from '../../core/labels';
import type { Card, Role, Scenario } from '../../core/schema';
import {
  confidenceSpread,
  EMPTY_TALLY,
  maxCardPoints,
  playerStandings,
  roomChoice,
  roomPercent,
  roomShift,
  spread,
  standings,
  voteSpread,
  votesRight,
  voteShift,
  type CardEntries,
  type Player,
  type PlayerStanding,
  type Standing,
  type WorkshopSettings,
} from '../../core/workshop';
import type { RoomPhase } from '../../room/protocol';
import {
  boardRows,
  finalHeadline,
  podiumLayout,
  revealHeadline,
  roomHeadline,
  splitSpread,
  type BoardRow,
  type PodiumLayout,
  type ScoreLine,
  type SplitCount,
} from './show';
import {
  currentVote,
  isVotedTwice,
  playedCards,
  timeLeft,
  upcomingCard,
  type WorkshopEvent,
  type WorkshopMachine,
  EXTEND_STEP_SECONDS,
} from './workshopMachine';
import { m } from '../../i18n/paraglide/messages.js';
import { formatPercent } from '../../platform/ui/format';

/**
 * What the workshop screens show for a snapshot and the time: which screen, every verdict, the
 * next step and its label, the points available. Screens, the key map and the runtime read
 * this; none of them decides a rule.
 */

export type WorkshopSnapshot = SnapshotFrom<WorkshopMachine>;

/** The screen a workshop is on; `question` covers a running, paused or expired timer, in either vote of a task. */
export type WorkshopScreen =
  'setup' | 'lobby' | 'roundIntro' | 'question' | 'spread' | 'talk' | 'reveal' | 'scoreboard' | 'final';

/** A step the facilitator can take now, with the words on its button. */
export interface WorkshopStep {
  label: string;
  /** The event, stamped with the moment of the press. */
  event: (at: number) => WorkshopEvent;
}

/** Tasks on one page of the answers, so every row fits on the projector in full. */
const PER_PAGE = 5;

/** The answers in pages: one company's tasks at a time, at most PER_PAGE a page. */
function pagesOf(rows: AnswerRow[]): AnswerRow[][] {
  const pages: AnswerRow[][] = [];
  for (const row of rows) {
    const last = pages.at(-1);
    if (last && last.length < PER_PAGE && last[0]!.scenario.id === row.scenario.id) last.push(row);
    else pages.push([row]);
  }
  return pages;
}

/** The main way on from each screen, in the order they are tried. */
const NEXT_STEPS: Array<{ event: (at: number) => WorkshopEvent; label: (snapshot: WorkshopSnapshot) => string }> = [
  { event: () => ({ type: 'lobby.close' }), label: () => m.workshop_view_next_lobby() },
  { event: (at) => ({ type: 'round.start', at }), label: () => m.workshop_view_next_first() },
  {
    event: () => ({ type: 'card.reveal' }),
    label: (snapshot) =>
      snapshot.matches('question') && votesTwice(snapshot)
        ? m.workshop_view_next_spread()
        : m.workshop_view_next_reveal(),
  },
  { event: (at) => ({ type: 'talk.start', at }), label: () => m.workshop_view_next_talk() },
  { event: (at) => ({ type: 'vote.again', at }), label: () => m.workshop_view_next_again() },
  {
    event: (at) => ({ type: 'card.next', at }),
    label: ({ context }) =>
      !isLastCard(context)
        ? m.workshop_view_next_task()
        : isLastRound(context)
          ? m.workshop_view_next_final()
          : m.workshop_view_next_end_company(),
  },
  { event: () => ({ type: 'scoreboard.continue' }), label: () => m.workshop_view_next_company() },
];

/** The step the main button (and Space, Enter, N) takes, if any. */
export function nextStep(snapshot: WorkshopSnapshot): WorkshopStep | undefined {
  const step = NEXT_STEPS.find((candidate) => snapshot.can(candidate.event(0)));
  return step && { label: step.label(snapshot), event: step.event };
}

/** How one team did on the revealed card. */
export interface TeamVerdict {
  team: number;
  name: string;
  pick: Role | null;
  right: boolean;
}

/** One played task as the "every answer" pages show it. */
export interface AnswerRow {
  card: Card;
  scenario: Scenario;
  /** Each team's pick and whether it was right (teams mode). */
  picks: Array<{ pick: Role | null; right: boolean }>;
  /** The share of hands that were right (room mode). */
  roomPercent: number;
}

const votesTwice = (snapshot: WorkshopSnapshot) => isVotedTwice(snapshot.context, currentCardId(snapshot.context));

function screenOf(snapshot: WorkshopSnapshot): WorkshopScreen {
  if (snapshot.matches('question') || snapshot.matches('again')) return 'question';
  if (snapshot.matches('spread')) return 'spread';
  if (snapshot.matches('talk')) return 'talk';
  if (snapshot.matches('roundIntro')) return 'roundIntro';
  if (snapshot.matches('reveal')) return 'reveal';
  if (snapshot.matches('scoreboard')) return 'scoreboard';
  if (snapshot.matches('final')) return 'final';
  if (snapshot.matches('lobby')) return 'lobby';
  return 'setup';
}

/** How many phones the scoreboard and podium list when every phone plays for itself. */
const TOP_PHONES = 10;

/** The best phones as scoreboard rows. */
function topPhones(rows: PlayerStanding[]): Standing[] {
  return rows
    .slice(0, TOP_PHONES)
    .map((row, index) => ({ team: index, name: row.name, points: row.points, rank: row.rank }));
}

/** The room's first vote on a task voted twice, as the spread shows it: counts, what they are shares of, how sure. */
function firstVoteOf(first: NonNullable<CardEntries['first']>, settings: WorkshopSettings) {
  const solo = settings.phones === 'solo';
  const counts = solo ? voteSpread(first) : spread(first, settings);
  const answers = counts.pm + counts.pmm + counts.both;
  return {
    counts,
    total: solo ? answers : settings.teams.length,
    sure: settings.phones === 'off' ? undefined : confidenceSpread(first),
  };
}

/** What the room talks over between the two votes of a task that is not a shared one. */
export const TALK_QUESTION = m.workshop_view_talk_question();

/** Milliseconds left of the talk at `now`. */
function talkLeft(context: WorkshopSnapshot['context'], now: number): number {
  return Math.min(context.settings.talkSeconds * 1000, Math.max(0, (context.deadline ?? now) - now));
}

/** Everything the workshop screens show, worked out from a snapshot and the time. */
export function workshopView(bank: IndexedBank, snapshot: WorkshopSnapshot, now: number) {
  const context = snapshot.context;
  const settings: WorkshopSettings = context.settings;
  const screen = screenOf(snapshot);
  const paused = snapshot.matches({ question: 'paused' }) || snapshot.matches({ again: 'paused' });
  const timeUp = snapshot.matches({ question: 'timeUp' }) || snapshot.matches({ again: 'timeUp' });
  const running = snapshot.matches({ question: 'timing' }) || snapshot.matches({ again: 'timing' });
  const scenario: Scenario | undefined = currentScenario(bank, context);
  const card: Card | undefined = screen === 'setup' ? undefined : currentCard(bank, context);
  const entries: CardEntries | undefined = card ? context.entries[card.id] : undefined;
  // On a round intro the cursor already points at the next company's first card, not yet played.
  const reached = playedCards(bank, context);
  const played = screen === 'setup' ? [] : screen === 'roundIntro' ? reached.slice(0, -1) : reached;
  const cardsPlayed = played.map((entry) => entry.card);
  const scored = scoredCards(screen, cardsPlayed);
  const roundSize = context.rounds[context.roundIndex]?.cardIds.length ?? 0;
  const teams: TeamVerdict[] = settings.room
    ? []
    : settings.teams.map((name, team) => {
        const pick = entries?.picks[team] ?? null;
        return { team, name, pick, right: card !== undefined && pick === card.key };
      });
  const split = card?.key === 'both' ? card.overlap.options[correctSplit(card)]?.text : undefined;
  const task = context.cardIndex + 1;
  const showing: Record<WorkshopScreen, () => string> = {
    setup: m.workshop_view_showing_setup,
    lobby: m.workshop_view_showing_lobby,
    roundIntro: () => m.workshop_view_showing_round({ company: scenario?.title ?? '' }),
    question: () =>
      m.workshop_view_showing_question({
        task,
        vote: currentVote(context) === 2 ? 'again' : 'first',
        timer: paused ? 'paused' : 'hidden',
      }),
    spread: () => m.workshop_view_showing_spread({ task }),
    talk: () => m.workshop_view_showing_talk({ task }),
    reveal: () => m.workshop_view_showing_reveal({ task }),
    scoreboard: m.workshop_view_showing_scoreboard,
    final: m.workshop_view_showing_final,
  };
  const nextId = nextRoundScenarioId(context);
  const solo = settings.phones === 'solo';
  const phoneRows = playerStandings(scored, votesByCard(context.entries), context.players, settings);
  return {
    screen,
    paused,
    settings,
    scenario,
    card,
    entries,
    /** Whether answers can be entered or corrected: a task is on screen. */
    entering: screen === 'question' || screen === 'reveal',
    round: { number: context.roundIndex + 1, of: context.rounds.length, cards: roundSize },
    position: { card: context.cardIndex + 1, cards: roundSize },
    /** Time left; once time is up it stays up, whatever the clock does. */
    left: screen !== 'question' ? null : timeUp ? 0 : timeLeft(context, now),
    total: settings.secondsPerCard * 1000,
    timer: (running ? 'running' : paused ? 'paused' : 'none') as 'running' | 'paused' | 'none',
    canUndo: snapshot.can({ type: 'entry.undo' }),
    /** Whether the clock takes more time now (a running, paused or run-out timer), and whether answers can close early. */
    canExtend: snapshot.can({ type: 'timer.extend', seconds: EXTEND_STEP_SECONDS, at: now }),
    canClose: snapshot.can({ type: 'answers.close' }),
    /** Which vote of the task this is (2 after the talk on a task voted twice), and whether it is voted twice. */
    vote: currentVote(context),
    votesTwice: votesTwice(snapshot),
    /** The presenter's switch for voting this task twice, while its first vote is open. */
    twiceToggle:
      card && snapshot.can({ type: 'card.twice', twice: !votesTwice(snapshot) }) ? !votesTwice(snapshot) : undefined,
    /** The room's first vote, as the spread shows it before the talk (no answer shown). */
    firstVote: entries?.first && firstVoteOf(entries.first, settings),
    /** The talk: its question, and its clock. */
    talk:
      screen === 'talk' && card
        ? {
            question: card.key === 'both' ? card.discuss : TALK_QUESTION,
            left: snapshot.matches({ talk: 'over' }) ? 0 : talkLeft(context, now),
            total: settings.talkSeconds * 1000,
          }
        : undefined,
    /** At the reveal of a task voted twice: the share right in each vote, and who changed to what. */
    shift: screen === 'reveal' && card && entries?.first ? voteShift(card, entries, settings) : undefined,
    /** The room's shift over the tasks it voted twice, and its normalised gain. */
    roomShift: screen === 'final' ? roomShift(cardsPlayed, context.entries, settings) : undefined,
    next: nextStep(snapshot),
    showing: showing[screen](),
    played,
    teams,
    /** The room's answer on the card: its most raised role, or none on a tie. */
    roomAnswer: settings.room && entries ? roomChoice(entries.tally) : null,
    split,
    /** Teams by points; with phones each on their own, the ten best phones. */
    standings: settings.phones === 'solo' ? topPhones(phoneRows) : standings(scored, context.entries, settings),
    /** The phones in the room: each one's seat, whether it answered the task on screen, and its points. */
    players: context.players
      .filter((player) => !player.removed)
      .map((player) => ({ ...player, answered: entries?.votes?.[player.id] !== undefined })),
    playerStandings: phoneRows,
    maxPoints: scored.length * maxCardPoints(settings),
    roomPercent: settings.room ? roomPercent(cardsPlayed, context.entries) : undefined,
    counts: solo ? voteSpread(entries) : spread(entries, settings),
    /** What the spread's bars are shares of: every team, or every hand raised or phone answered. */
    spreadTotal:
      settings.room || solo
        ? Object.values(solo ? voteSpread(entries) : spread(entries, settings)).reduce((sum, n) => sum + n, 0)
        : settings.teams.length,
    /** What the spread counts. */
    spreadUnit: (settings.room ? 'hand' : solo ? 'phone' : 'team') as 'team' | 'hand' | 'phone',
    /** With phones each on their own: the share of the phones that answered that got the task right. */
    phonesRight: solo && card ? votesRight(card, entries) : undefined,
    tally: entries?.tally ?? EMPTY_TALLY,
    upcoming: screen === 'question' || screen === 'reveal' ? upcomingCard(bank, context) : undefined,
    nextCompany: screen === 'scoreboard' && nextId ? bank.companies.get(nextId)?.title : undefined,
    /** Every played task with each team's verdict, in pages that fit the projector. */
    answerPages: pagesOf(
      screen === 'final'
        ? played.map(({ card: played, scenario: company }): AnswerRow => ({
            card: played,
            scenario: company,
            picks: settings.teams.map((_, team) => {
              const pick = context.entries[played.id]?.picks[team] ?? null;
              return { pick, right: pick === played.key };
            }),
            roomPercent: roomPercent([played], context.entries),
          }))
        : [],
    ),
    /** Which page of the final screens the room sees. */
    page: context.page,
    /** The show: the animated scoreboard, the headline that names the moment, the podium. */
    show: showOf({ screen, settings, card, entries, scored, context }),
    /** What a screen reader hears at the reveal. */
    announcement: screen === 'reveal' && card ? m.workshop_view_announcement({ role: roleName(card.key) }) : '',
  };
}

export type WorkshopView = ReturnType<typeof workshopView>;

/**
 * The cards whose points count now: every card played, except the one on screen while its
 * answers are still coming in, so no score moves before the reveal.
 */
export function scoredCards<T>(screen: WorkshopScreen, played: readonly T[]): T[] {
  return screen === 'question' ? played.slice(0, -1) : [...played];
}

function votesByCard(entries: Readonly<Record<string, CardEntries>>) {
  return Object.fromEntries(Object.entries(entries).map(([id, e]) => [id, e.votes]));
}

/** What the show adds to a screen: the animated scoreboard, its headline, the podium, the room's split of the work. */
export interface ShowView {
  board: BoardRow[];
  headline: string;
  /** At a reveal: how many got it, in words. */
  verdict?: string;
  podium?: PodiumLayout;
  /** How the phones split the work on a shared task, at its reveal. */
  splits?: SplitCount[];
}

/** The show on the reveal, the scoreboard and the final screen, from the standings before and after the moment. */
function showOf(input: {
  screen: WorkshopScreen;
  settings: WorkshopSettings;
  card: Card | undefined;
  entries: CardEntries | undefined;
  scored: Card[];
  context: WorkshopSnapshot['context'];
}): ShowView {
  const { screen, settings, card, entries, scored, context } = input;
  const solo = settings.phones === 'solo';
  // What each line answered shows only at a reveal.
  const shown = screen === 'reveal' ? card : undefined;
  const lines = (cards: readonly Card[]): ScoreLine[] =>
    solo
      ? playerStandings(cards, votesByCard(context.entries), context.players, settings).map((row) => ({
          key: row.id,
          name: row.name,
          points: row.points,
          rank: row.rank,
          pick: shown && pickOf(shown, entries?.votes?.[row.id]?.role),
        }))
      : standings(cards, context.entries, settings).map((row) => ({
          key: `team-${row.team}`,
          name: row.name,
          points: row.points,
          rank: row.rank,
          pick: shown && pickOf(shown, entries?.picks[row.team]),
        }));
  const unit = solo ? 'phone' : 'team';
  if (screen === 'reveal' && card) {
    const splits = settings.phones !== 'off' ? splitSpread(card, entries) : undefined;
    if (settings.room) {
      const tally = entries?.tally ?? EMPTY_TALLY;
      const hands = tally.pm + tally.pmm + tally.both;
      const percent = roomPercent([card], context.entries);
      const verdict = m.workshop_view_verdict_hands({ percent: formatPercent(percent / 100) });
      return { board: [], headline: roomHeadline(percent, hands), verdict, splits };
    }
    const before = lines(scored.slice(0, -1));
    const after = lines(scored);
    const answers = solo
      ? Object.values(entries?.votes ?? {}).map((vote) => vote.role)
      : settings.teams.map((_, team) => entries?.picks[team] ?? null);
    const right = answers.filter((role) => role === card.key).length;
    return {
      board: boardRows(before, after, solo ? TOP_PHONES : Infinity),
      headline: revealHeadline({ before, after, right, of: answers.length, unit }),
      verdict: (unit === 'phone' ? m.workshop_view_verdict_phones : m.workshop_view_verdict_teams)({
        right,
        count: answers.length,
      }),
      splits,
    };
  }
  if (settings.room) return { board: [], headline: '' };
  if (screen === 'scoreboard') {
    const thisRound = new Set(context.rounds[context.roundIndex]?.cardIds);
    const before = lines(scored.filter((played) => !thisRound.has(played.id)));
    const after = lines(scored);
    return {
      board: boardRows(before, after, solo ? TOP_PHONES : Infinity),
      headline: revealHeadline({ before, after, unit }),
    };
  }
  if (screen === 'final') {
    const final = lines(scored).slice(0, solo ? TOP_PHONES : undefined);
    return { board: [], headline: finalHeadline(final, unit), podium: podiumLayout(final) };
  }
  return { board: [], headline: '' };
}

function pickOf(card: Card, role: Role | null | undefined) {
  return { role: role ?? null, right: role === card.key };
}

const ROLE_KEYS: Record<string, Role> = { p: 'pm', m: 'pmm', b: 'both' };

/** Where a key press lands: what the facilitator has typed so far for a team number. */
export interface KeyInput {
  key: string;
  shift: boolean;
  /** Digits typed for a team number, waiting for a role key. */
  team: string;
}

/** What a key asks for: an event (stamped with the moment of the press), team digits, or a screen action. */
export interface KeyResult {
  event?: (at: number) => WorkshopEvent;
  /** The team digits after this key. */
  team?: string;
  ui?: 'help' | 'fullscreen';
}

/**
 * What a key does in workshop mode (Ctrl+Z arrives here as U): it names candidate events and
 * the snapshot says whether it takes them now. Plain, so it is tested without a page.
 */
export function workshopKey(input: KeyInput, snapshot: WorkshopSnapshot, view: WorkshopView): KeyResult {
  const lower = input.key.toLowerCase();
  const accepts = (event: (at: number) => WorkshopEvent) => snapshot.can(event(0));
  const first = (...events: Array<(at: number) => WorkshopEvent>) => events.find(accepts);
  if (input.key === '?') return { ui: 'help' };
  if (lower === 'f') return { ui: 'fullscreen' };
  if ([' ', 'enter', 'n', 'arrowright'].includes(lower)) return view.next ? { event: view.next.event, team: '' } : {};
  if (lower === 'r') {
    const event = first(() => ({ type: 'card.reveal' }));
    return event ? { event, team: '' } : {};
  }
  if (lower === 't') {
    const event = first(
      (at) => ({ type: 'timer.pause', at }),
      (at) => ({ type: 'timer.resume', at }),
    );
    return event ? { event } : {};
  }
  if (lower === 'u') {
    const event = first(() => ({ type: 'entry.undo' }));
    return event ? { event, team: '' } : {};
  }
  const role = ROLE_KEYS[lower];
  if (role && view.settings.room) {
    const count = Math.max(0, view.tally[role] + (input.shift ? -1 : 1));
    const event = first(() => ({ type: 'tally.set', role, count }));
    return event ? { event } : {};
  }
  if (/^[0-9]$/.test(input.key) && accepts((at) => ({ type: 'answer.set', team: 0, role: null, at }))) {
    const team = `${input.team}${input.key}`.slice(-2);
    const number = Number(team);
    return { team: number >= 1 && number <= view.settings.teams.length ? team : input.key };
  }
  if (input.team && (role || lower === 'x')) {
    const team = Number(input.team) - 1;
    const event = first((at) => ({ type: 'answer.set', team, role: role ?? null, at }));
    return event ? { event, team: '' } : {};
  }
  return {};
}

/**
 * What the room server should show the phones for a snapshot: the screen, and on a task its
 * card, the time left and whether answers are taken. The server counts the time down on its
 * own clock from `left`.
 */
export function roomPhase(bank: IndexedBank, snapshot: WorkshopSnapshot, now: number): RoomPhase {
  const view = workshopView(bank, snapshot, now);
  if (view.screen === 'roundIntro') return { phase: 'intro', company: view.scenario?.title ?? '' };
  if (view.screen === 'question' && view.card) {
    const open = !snapshot.matches({ question: 'timeUp' }) && !snapshot.matches({ again: 'timeUp' });
    return {
      phase: 'question',
      cardId: view.card.id,
      number: view.position.card,
      of: view.position.cards,
      left: open && view.timer === 'running' ? view.left : null,
      open,
      vote: view.vote,
      // The first vote of a task voted twice asks each phone how sure it is too.
      sure: view.vote === 1 && view.votesTwice,
    };
  }
  if (view.screen === 'spread' && view.card) return { phase: 'spread', cardId: view.card.id };
  if (view.screen === 'talk' && view.card && view.talk)
    return { phase: 'talk', cardId: view.card.id, left: view.talk.left, question: view.talk.question };
  if (view.screen === 'reveal' && view.card) return { phase: 'reveal', cardId: view.card.id };
  if (view.screen === 'scoreboard') return { phase: 'scoreboard' };
  if (view.screen === 'final') return { phase: 'final' };
  return { phase: 'lobby' };
}

/** Each phone's standing as the host sends it to the room server at a scoreboard. */
export function roomStandings(view: WorkshopView, players: readonly Player[]) {
  const teams = new Map(view.settings.phones === 'teams' ? view.standings.map((row) => [row.team, row]) : []);
  return {
    rows: view.playerStandings.map((row) => {
      const team = teams.get(row.team);
      return {
        id: row.id,
        rank: row.rank,
        points: row.points,
        team: team && { name: team.name, rank: team.rank, points: team.points },
      };
    }),
    players: players.filter((p) => !p.removed).length,
    max: view.maxPoints,
  };
}
