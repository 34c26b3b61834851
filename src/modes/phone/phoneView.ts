import type { SnapshotFrom } from 'xstate';
import { roleName } from '../../core/labels';
import type { Role } from '../../core/schema';
import type { Confidence } from '../../core/scoring';
import { m } from '../../i18n/paraglide/messages.js';
import { CODE_LENGTH, SPLIT_GRACE_SECONDS, type RoomInfo, type StandingPart } from '../../room/protocol';
import { roomView, type RoomView } from '../../room/projection';
import { refusalText } from '../../room/words';
import type { PhoneEvent, PhoneMachine, PhoneProblem } from './phoneMachine';
import { timeLeft } from './phoneSeat';

/**
 * What a phone's screen shows for a snapshot of its machine and the time: which screen, its
 * words, and the buttons it offers, each only when the machine takes its event now
 * (`snapshot.can`). `PhoneApp.svelte` renders this and sends the events; it decides nothing.
 */

export type PhoneSnapshot = SnapshotFrom<PhoneMachine>;

/** A button that takes the phone somewhere, with its words. */
export interface PhoneAction {
  label: string;
  event: PhoneEvent;
}

export type PhoneScreen =
  | {
      name: 'code';
      /** The code so far (from the link, or typed before). */
      code: string;
      error: string | null;
      /** Looking the code up: the button waits. */
      looking: boolean;
      /** The room server is busy and the phone waits to ask again. */
      waiting: boolean;
    }
  | { name: 'join'; info: RoomInfo; error: string | null; joining: boolean; waiting: boolean }
  | { name: 'notice'; title: string; text: string; action?: PhoneAction; other?: PhoneAction }
  | { name: 'lobby'; player: string; team: string | null }
  | { name: 'intro'; company: string }
  | {
      name: 'question';
      task: string;
      number: number;
      of: number;
      answer: Role | null;
      /** Whether a tap is taken now (answers are open, online or held until the phone is back). */
      open: boolean;
      /** Milliseconds left on this phone's clock; null without a timer. */
      left: number | null;
      total: number | null;
      refusal: string | null;
      /** An answer tapped while the connection was away, waiting to be sent. */
      pending: Role | null;
      /** The second vote of a task voted twice, after the talk. */
      again: boolean;
      /** The room asks how sure the phone is with its role; what it said so far. */
      sure: boolean;
      confidence: Confidence | null;
    }
  | {
      /** A shared task answered Both: the split of the work, a step of its own. */
      name: 'split';
      task: string;
      number: number;
      of: number;
      splits: string[];
      split: number | null;
      /** Whether a tap goes now (answers open, or the split's grace; not while the connection is away). */
      open: boolean;
      /** Answers are closed: the split's own few seconds run. */
      grace: boolean;
      /** Milliseconds left: of the task while answers are open, of the grace after; null without a timer. */
      left: number | null;
      total: number | null;
      /** Whether the player may go back to change the answer (answers are open). */
      canChange: boolean;
      refusal: string | null;
      again: boolean;
      /** The room asks how sure the phone is of its Both (the first vote of a task voted twice); what it said so far. */
      sure: boolean;
      confidence: Confidence | null;
    }
  | {
      name: 'talk';
      task: string;
      question: string;
      left: number | null;
      total: number | null;
      /** This phone's first vote, and how sure it said it was: what it argues for. */
      answer: Role | null;
      confidence: Confidence | null;
    }
  | {
      name: 'reveal';
      verdict: NonNullable<RoomView['verdict']>;
      answer: Role | null;
      /** Whether the player, or its team, scored, in words. */
      words: RevealWords;
    }
  | {
      name: 'standing';
      standing?: StandingPart;
      final: boolean;
      teams: number;
      /** At the end: the player's own result link (the fragment after `#`), when the room sent one. */
      results: string | null;
    };

export interface PhoneView {
  screen: PhoneScreen;
  /** Changes when another screen (or another task) shows, so its heading takes focus. */
  key: string;
  /** The header's line: the player's name while in the room, or that the phone is getting back in. */
  status: { kind: 'online'; name: string } | { kind: 'reconnecting' } | null;
  /** What the live region says: at a reveal, the verdict, read out whatever has focus. */
  announcement: string;
}

/** A problem in words for the player. */
export function problemText(problem: PhoneProblem, code: string): string {
  switch (problem.kind) {
    case 'badCode':
      return m.phone_problem_bad_code({ length: CODE_LENGTH });
    case 'noRoom':
      return refusalText({ reason: 'no-room', room: code });
    case 'unreachable':
      return m.phone_problem_unreachable();
    case 'busy':
      return m.phone_problem_busy();
    case 'removed':
      return refusalText({ reason: 'removed' });
    case 'refused':
      return refusalText(problem.refusal);
  }
}

/** A task's eyebrow, its parts joined by dots: "Task 2 of 9 · vote again · Both". */
export function taskEyebrow(number: number, of: number, again: boolean, ...more: string[]): string {
  const task = number > 0 && of > 0 ? m.phone_task_of({ number, of }) : m.phone_task();
  return [task, ...(again ? [m.phone_task_again()] : []), ...more].join(' · ');
}

/** The buttons of a notice the machine takes now. */
function allowed(snapshot: PhoneSnapshot, ...actions: PhoneAction[]): { action?: PhoneAction; other?: PhoneAction } {
  const [action, other] = actions.filter((candidate) => snapshot.can(candidate.event));
  return { ...(action ? { action } : {}), ...(other ? { other } : {}) };
}

function notice(title: string, text: string, buttons: { action?: PhoneAction; other?: PhoneAction } = {}): PhoneScreen {
  return { name: 'notice', title, text, ...buttons };
}

const otherCode = (): PhoneAction => ({ label: m.phone_other_code(), event: { type: 'code.change' } });
const retry = (label: string): PhoneAction => ({ label, event: { type: 'seat.retry' } });

/** The reveal in words: whether the player, or else its team, scored, and why. */
export interface RevealWords {
  title: string;
  /** How it went: right (the player), team (a teammate's answer scored for the team), wrong, or no answer. */
  tone: 'right' | 'team' | 'wrong' | 'none';
  lines: string[];
}

/**
 * The reveal in words. With teams, the team's answer says whether the team scored and why (how
 * many chose it, a tie broken by the first answer); a player whose team scored through a
 * teammate's answer is told so, never "Not this time".
 */
export function revealWords(verdict: NonNullable<RoomView['verdict']>, answer: Role | null): RevealWords {
  const { team, key } = verdict;
  const went =
    team?.role &&
    (team.tie ? m.phone_reveal_went_tie : m.phone_reveal_went)({
      team: team.name,
      role: roleName(team.role),
      votes: team.votes,
      answered: team.answered,
    });
  const teamLine = !team
    ? []
    : !went
      ? [m.phone_reveal_team_silent({ team: team.name })]
      : team.scored
        ? [m.phone_reveal_team_scored({ went })]
        : [m.phone_reveal_team_missed({ went, key: roleName(key) })];
  if (verdict.right) return { title: m.phone_reveal_right(), tone: 'right', lines: teamLine };
  if (team?.scored && went)
    return {
      title: m.phone_reveal_team(),
      tone: 'team',
      lines: [
        answer ? m.phone_reveal_carried({ role: roleName(answer), went }) : m.phone_reveal_carried_silent({ went }),
      ],
    };
  return answer
    ? {
        title: m.phone_reveal_wrong(),
        tone: 'wrong',
        lines: [m.phone_reveal_said({ role: roleName(answer) }), ...teamLine],
      }
    : { title: m.phone_reveal_none(), tone: 'none', lines: teamLine };
}

/** The screen of a phone in the room, from what the room last said. */
function roomScreen(snapshot: PhoneSnapshot, now: number): PhoneScreen {
  const { context } = snapshot;
  const { player, phase } = context;
  if (!phase || !player) return notice(m.phone_getting_in_title({ code: context.code }), m.phone_getting_in_text());
  const team =
    player.phones === 'teams' && player.team >= 0
      ? {
          index: player.team,
          name: player.teams[player.team] ?? m.phone_team_numbered({ number: player.team + 1 }),
        }
      : null;
  const room = roomView(phase, context.mine, context.standing, team);
  if (room.phase === 'lobby') {
    const team = player.phones === 'teams' ? (player.teams[player.team] ?? null) : null;
    return { name: 'lobby', player: player.name, team };
  }
  if (room.phase === 'intro') return { name: 'intro', company: room.company ?? m.phone_intro_fallback() };
  if (room.phase === 'question' && room.card) {
    const pending = context.pending?.ask === phase.ask ? context.pending.role : null;
    const answersLeft = timeLeft(room.deadline, context.offset, now);
    const { splits } = room.card;
    if (splits && pending === null && context.changing !== phase.ask) {
      const answersOpen = room.open && answersLeft !== 0;
      const graceLeft = timeLeft(phase.splitUntil ?? null, context.offset, now);
      // The split is a step of its own, until the grace after answers close runs out.
      if (answersOpen || (graceLeft ?? 0) > 0)
        return {
          name: 'split',
          task: room.card.task,
          number: room.card.number,
          of: room.card.of,
          splits,
          split: room.split,
          open: snapshot.can({ type: 'split.choose', option: 0, at: now }),
          grace: !answersOpen,
          left: answersOpen ? answersLeft : graceLeft,
          total: answersOpen ? context.total : SPLIT_GRACE_SECONDS * 1000,
          canChange: snapshot.can({ type: 'answer.change' }),
          refusal: context.refusal && refusalText(context.refusal),
          again: room.again === true,
          sure: room.sure === true && answersOpen,
          confidence: room.confidence,
        };
    }
    return {
      name: 'question',
      task: room.card.task,
      number: room.card.number,
      of: room.card.of,
      answer: room.answer,
      open: room.open && snapshot.can({ type: 'answer.choose', role: 'both' }),
      left: answersLeft,
      total: context.total,
      refusal: context.refusal && refusalText(context.refusal),
      pending,
      again: room.again === true,
      sure: room.sure === true,
      confidence: room.confidence,
    };
  }
  if (room.phase === 'spread') return notice(m.phone_spread_title(), m.phone_spread_text());
  if (room.phase === 'talk' && room.talk)
    return {
      name: 'talk',
      task: room.card?.task ?? '',
      question: room.talk.question,
      left: timeLeft(room.deadline, context.offset, now),
      total: context.total,
      answer: room.answer,
      confidence: room.confidence,
    };
  if (room.phase === 'reveal' && room.verdict)
    return {
      name: 'reveal',
      verdict: room.verdict,
      answer: room.answer,
      words: revealWords(room.verdict, room.answer),
    };
  if (room.phase === 'scoreboard' || room.phase === 'final')
    return {
      name: 'standing',
      ...(room.standing ? { standing: room.standing } : {}),
      final: room.phase === 'final',
      teams: player.teams.length,
      results: room.phase === 'final' ? (room.standing?.link ?? null) : null,
    };
  return notice(m.phone_wait_title(), m.phone_wait_text());
}

function screenOf(snapshot: PhoneSnapshot, now: number): PhoneScreen {
  const { context } = snapshot;
  const error = context.problem && problemText(context.problem, context.code);
  if (snapshot.matches('joinForm') || snapshot.matches('joining')) {
    if (context.info)
      return {
        name: 'join',
        info: context.info,
        error,
        joining: !snapshot.can({ type: 'join.submit', name: '', team: -1 }),
        waiting: snapshot.matches({ joining: 'waiting' }),
      };
  }
  if (snapshot.matches('removed'))
    return notice(
      m.phone_removed_title(),
      error ?? refusalText({ reason: 'removed' }),
      allowed(snapshot, { label: m.phone_removed_action(), event: { type: 'code.change' } }),
    );
  if (snapshot.matches('replaced'))
    return notice(
      m.phone_replaced_title(),
      m.phone_replaced_text({ code: context.code }),
      allowed(snapshot, retry(m.phone_replaced_action())),
    );
  if (snapshot.matches({ room: 'lost' }))
    return notice(
      m.phone_lost_title(),
      m.phone_lost_text({ code: context.code }),
      allowed(snapshot, retry(m.phone_lost_retry()), otherCode()),
    );
  if (snapshot.matches('room')) return roomScreen(snapshot, now);
  return {
    name: 'code',
    code: context.code,
    error,
    looking: !snapshot.can({ type: 'code.submit', code: context.code }),
    waiting: snapshot.matches({ looking: 'waiting' }),
  };
}

/** Which screen it is, for focus: in the room, each step and each task is a new screen. */
function keyOf(snapshot: PhoneSnapshot, screen: PhoneScreen): string {
  const { phase } = snapshot.context;
  if (snapshot.matches('room') && phase && screen.name !== 'notice')
    return `${screen.name}:${phase.phase}:${phase.ask}:${phase.card?.number ?? ''}:${phase.card?.task ?? ''}`;
  return screen.name === 'notice' ? `notice:${screen.title}` : screen.name;
}

/** Whether a countdown is running on this phone, so its clock must tick. */
export function countsDown(snapshot: PhoneSnapshot): boolean {
  const { phase } = snapshot.context;
  // After answers close, the split's grace still counts down.
  return (
    snapshot.matches('room') &&
    !snapshot.matches({ room: 'lost' }) &&
    (phase?.deadline != null || phase?.splitUntil !== undefined)
  );
}

/** Everything a phone's screen shows, from its machine's snapshot and the time on this phone. */
export function phoneView(snapshot: PhoneSnapshot, now: number): PhoneView {
  const screen = screenOf(snapshot, now);
  const { context } = snapshot;
  const inRoom = snapshot.matches('room') && !snapshot.matches({ room: 'lost' });
  const status: PhoneView['status'] = !inRoom
    ? null
    : snapshot.matches({ room: 'online' })
      ? context.player && { kind: 'online', name: context.player.name }
      : { kind: 'reconnecting' };
  const announcement =
    screen.name === 'reveal'
      ? [
          screen.words.title.endsWith('!') ? screen.words.title : `${screen.words.title}.`,
          ...screen.words.lines,
          m.phone_reveal_answer_said({ role: roleName(screen.verdict.key) }),
        ].join(' ')
      : '';
  return {
    screen,
    key: keyOf(snapshot, screen),
    status,
    announcement,
  };
}
