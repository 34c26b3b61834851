import type { SnapshotFrom } from 'xstate';
import { entriesOf, lookalikeOf, type IndexedBank } from '../../core/bank';
import { currentCard, currentScenario, isLastCard, isLastRound, reachedCardIds } from '../../core/cursor';
import { roleName } from '../../core/labels';
import { optionOrder } from '../../core/rounds';
import { ROLES, type Card, type Role, type Scenario, type Topic } from '../../core/schema';
import {
  breakdown,
  cardResults,
  cbmMark,
  cbmSummary,
  CONFIDENCES,
  isMissed,
  isOverlapCorrect,
  isRoleCorrect,
  percent,
  scoreCards,
  type Answer,
  type Breakdown,
  type CardResult,
  type CbmSummary,
  type Confidence,
  type Points,
  marksText,
} from '../../core/scoring';
import {
  missedCardIds,
  playedByScenario,
  roundCards,
  type PlayContext,
  type PlayEvent,
  type PlayMachine,
} from './playMachine';
import { statePath } from '../../platform/states';
import { m } from '../../i18n/paraglide/messages.js';

/**
 * What the self-paced screens show for a snapshot: every verdict, the way on and its label,
 * worked out here once. Screens, key maps and storage read this; none of them decides a rule.
 */

export type PlaySnapshot = SnapshotFrom<PlayMachine>;

/** The one step forward from a screen, and the words on its button. */
export interface NextStep {
  event: PlayEvent;
  label: string;
}

/** The verdict on a shared card's split, once chosen. */
export interface SplitView {
  /** Indexes into the card's options, in the order shown. */
  order: number[];
  chosen?: number;
  correct?: boolean;
}

export interface TaskView {
  screen: 'task';
  step: 'answering' | 'feedback' | 'choosing' | 'revealed';
  card: Card;
  /** The company the card comes from (in a review, each card's own). */
  scenario: Scenario;
  answer?: Answer;
  /** Whether the role given is right, once given. */
  correct?: boolean;
  split?: SplitView;
  /**
   * Whether the game asks how sure the learner is: while answering, a role picked waits for a
   * level of confidence (`role.pick`, then `confidence.choose`).
   */
  asksConfidence: boolean;
  /**
   * While answering, a role picked and waiting for how sure the learner is: the screen shows it
   * pressed, and asks how sure.
   */
  picked?: Role;
  /** Once answered in a game that asks: the confidence given and the certainty-based mark it earned. */
  cbm?: { confidence: Confidence; mark: number };
  /** Where the task sits: a review round mixes companies, so it has no company count. */
  progress: { round: number; rounds: number; card: number; cards: number; review: boolean };
  next?: NextStep;
  /** What a screen reader hears after the step. */
  announcement: string;
  /** Right roles in a row, up to and including this task (0 until it is answered right). */
  streak: number;
  /** A look-alike task with another answer, to compare with in the feedback. */
  compare?: { task: string; key: Role };
}

export type PlayView =
  | {
      screen: 'intro';
      state: string;
      /** The last game's confidence setting (on at a first visit), which a review keeps unless told. */
      confidence: boolean;
      /** A game left for the start screen, to take up again: its company and the step it was on. */
      resume?: { title: string; where: string };
    }
  | {
      screen: 'roundIntro';
      state: string;
      scenario?: Scenario;
      round: number;
      rounds: number;
      cards: number;
      mode: PlayContext['mode'];
      /** Whether a task of this round turns on a fact in the story, so the story is worth a close read. */
      storyMatters: boolean;
      next: NextStep;
    }
  | (TaskView & { state: string })
  | {
      screen: 'summary';
      state: string;
      scenario?: Scenario;
      results: CardResult[];
      score: Points;
      missed: Card[];
      /** The round's certainty-based marks, calibration and confident errors, in a game that asks. */
      cbm?: CbmSummary;
      next: NextStep;
    }
  | {
      screen: 'results';
      state: string;
      groups: Array<{ scenario: Scenario; cards: Card[] }>;
      answers: Record<string, Answer>;
      breakdown: Breakdown;
      /** The game's certainty-based marks, calibration and confident errors, in a game that asks. */
      cbm?: CbmSummary;
      mode: PlayContext['mode'];
      missed: number;
      canReplay: boolean;
      canPlayAgain: boolean;
      /** A line that fits the score. */
      message: string;
      /** The weakest topic, with the lesson of a task missed in it; none when nothing was missed. */
      revisit?: { topic: Topic; takeaway: string };
      /** A game of one round has no round summary: its results show each task and the ideas missed. */
      round?: { results: CardResult[]; missed: Card[] };
      /** The first action, which Enter and Space take. */
      next: NextStep;
    };

function taskView(bank: IndexedBank, snapshot: PlaySnapshot, card: Card): TaskView {
  const context = snapshot.context;
  const answer = context.answers[card.id];
  const cards = roundCards(bank, context).length;
  const endLabel = !isLastCard(context)
    ? m.solo_next_task()
    : context.rounds.length === 1
      ? m.solo_see_results()
      : m.solo_see_summary();
  const progress = {
    round: context.roundIndex + 1,
    rounds: context.rounds.length,
    card: context.cardIndex + 1,
    cards,
    review: !currentScenario(bank, context),
  };
  const reached = entriesOf(bank, reachedCardIds(context)).map((entry) => entry.card);
  let streak = 0;
  while (
    streak < reached.length &&
    isRoleCorrect(reached.at(-1 - streak)!, context.answers[reached.at(-1 - streak)!.id])
  )
    streak++;
  const mark = cbmMark(card, answer);
  const compare = card.compare ? lookalikeOf(bank, card.compare) : undefined;
  const base = {
    screen: 'task' as const,
    card,
    scenario: bank.cards.get(card.id)!.scenario,
    answer,
    progress,
    streak,
    ...(compare ? { compare: { task: compare.task, key: compare.key } } : {}),
    asksConfidence: context.confidence,
    ...(mark !== undefined && answer?.confidence ? { cbm: { confidence: answer.confidence, mark } } : {}),
  };
  const split: SplitView | undefined =
    card.key === 'both'
      ? {
          order: optionOrder(card, context.seed),
          chosen: answer?.overlap,
          correct: answer?.overlap === undefined ? undefined : isOverlapCorrect(card, answer),
        }
      : undefined;
  if (snapshot.matches('answering')) {
    const picked = snapshot.matches({ answering: 'confiding' }) ? context.picked : null;
    return { ...base, step: 'answering', ...(picked ? { picked } : {}), split, announcement: '' };
  }
  const correct = isRoleCorrect(card, answer);
  if (snapshot.matches('feedback')) {
    return {
      ...base,
      step: 'feedback',
      correct,
      split,
      next: {
        event: { type: 'feedback.continue' },
        label: card.key === 'both' ? m.solo_next_split() : endLabel,
      },
      announcement: [
        (correct ? m.solo_announce_right : m.solo_announce_wrong)({ role: roleName(card.key) }),
        ...(base.cbm ? [m.solo_announce_marks({ marks: marksText(base.cbm.mark), level: base.cbm.confidence })] : []),
      ].join(' '),
    };
  }
  if (snapshot.matches({ overlap: 'choosing' })) return { ...base, step: 'choosing', correct, split, announcement: '' };
  return {
    ...base,
    step: 'revealed',
    correct,
    split,
    next: { event: { type: 'overlap.continue' }, label: endLabel },
    announcement: split?.correct ? m.solo_split_right() : m.solo_split_wrong(),
  };
}

/** The line the results screen opens with, by the share of points earned. */
export function resultMessage(percentEarned: number): string {
  if (percentEarned >= 90) return m.solo_result_outstanding();
  if (percentEarned >= 70) return m.solo_result_strong();
  if (percentEarned >= 50) return m.solo_result_good_start();
  return m.solo_result_lesson();
}

/** The words on the button that replays the tasks a game left points on. */
export function replayLabel(missed: number): string {
  return m.solo_replay({ count: missed });
}

/**
 * The way on that Enter or Space takes from a screen with one (the story, the feedback, the
 * split, the summary, the results), if the machine takes it now.
 */
export function continueEvent(key: string, snapshot: PlaySnapshot, view: PlayView): PlayEvent | undefined {
  if (key !== 'Enter' && key !== ' ') return undefined;
  const next = 'next' in view ? view.next : undefined;
  return next && snapshot.can(next.event) ? next.event : undefined;
}

/**
 * The home control's event: leave a game under way for the start screen, kept to take up again;
 * from the results, where the game is over, go home.
 */
export function homeEvent(snapshot: PlaySnapshot): PlayEvent {
  return snapshot.can({ type: 'game.leave' }) ? { type: 'game.leave' } : { type: 'game.home' };
}

/** Everything the self-paced screens show for a snapshot. */
export function playView(bank: IndexedBank, snapshot: PlaySnapshot): PlayView {
  const context = snapshot.context;
  const state = statePath(snapshot.value);
  const scenario = currentScenario(bank, context);
  if (snapshot.matches('intro')) return { screen: 'intro', state, confidence: context.confidence };
  if (snapshot.matches('paused')) {
    const where =
      context.resumeAt === 'roundIntro' ? m.solo_resume_story() : m.solo_resume_task({ number: context.cardIndex + 1 });
    return {
      screen: 'intro',
      state,
      confidence: context.confidence,
      ...(snapshot.can({ type: 'game.resume' })
        ? { resume: { title: scenario?.title ?? m.solo_review(), where } }
        : {}),
    };
  }
  if (snapshot.matches('roundIntro')) {
    return {
      screen: 'roundIntro',
      state,
      scenario,
      round: context.roundIndex + 1,
      rounds: context.rounds.length,
      cards: roundCards(bank, context).length,
      mode: context.mode,
      storyMatters: roundCards(bank, context).some((card) => card.storyFact !== undefined),
      next: { event: { type: 'round.start' }, label: m.solo_show_first_task() },
    };
  }
  if (snapshot.matches('summary')) {
    const cards = roundCards(bank, context);
    const results = cardResults(cards, context.answers);
    return {
      screen: 'summary',
      state,
      scenario,
      results,
      score: scoreCards(cards, context.answers),
      missed: results.filter((result) => result.points < result.max).map((result) => result.card),
      ...(context.confidence ? { cbm: cbmSummary(cards, context.answers) } : {}),
      next: {
        event: { type: 'round.continue' },
        label: isLastRound(context) ? m.solo_see_results() : m.solo_next_company(),
      },
    };
  }
  if (snapshot.matches('results')) {
    const groups = playedByScenario(bank, context);
    const scores = breakdown(groups, context.answers);
    const weakest = scores.topics[0];
    const lesson =
      weakest && weakest.points < weakest.max
        ? groups
            .flatMap((group) => group.cards)
            .find((card) => card.topics.includes(weakest.topic) && isMissed(card, context.answers[card.id]))
        : undefined;
    const canReplay = snapshot.can({ type: 'game.replayMissed' });
    const canPlayAgain = snapshot.can({ type: 'game.playAgain' });
    const missed = missedCardIds(bank, context).length;
    const onlyRound = context.rounds.length === 1 ? cardResults(roundCards(bank, context), context.answers) : undefined;
    return {
      screen: 'results',
      state,
      groups,
      answers: context.answers,
      breakdown: scores,
      ...(context.confidence
        ? {
            cbm: cbmSummary(
              groups.flatMap((group) => group.cards),
              context.answers,
            ),
          }
        : {}),
      mode: context.mode,
      missed,
      canReplay,
      canPlayAgain,
      ...(onlyRound
        ? {
            round: {
              results: onlyRound,
              missed: onlyRound.filter((result) => result.points < result.max).map((result) => result.card),
            },
          }
        : {}),
      next: canReplay
        ? { event: { type: 'game.replayMissed' }, label: replayLabel(missed) }
        : canPlayAgain
          ? { event: { type: 'game.playAgain' }, label: m.solo_play_again() }
          : {
              event: { type: 'game.home' },
              label: context.mode === 'review' ? m.solo_back_to_start() : m.solo_choose_other(),
            },
      message: resultMessage(percent(scores.total)),
      revisit: lesson && weakest ? { topic: weakest.topic, takeaway: lesson.takeaway } : undefined,
    };
  }
  const card = currentCard(bank, context)!;
  return { ...taskView(bank, snapshot, card), state };
}

/**
 * The event a key press stands for, if the machine takes it now: 1, 2, 3 pick a role on a
 * task, then, in a game that asks, give low, medium or high confidence in it; 1 to 4 pick a
 * split of the work in the order shown. Each key names candidate events and the snapshot says
 * which one it accepts (a confidence first, so that keys answer how sure once a role is picked).
 */
export function keyEvent(key: string, snapshot: PlaySnapshot, view: PlayView): PlayEvent | undefined {
  if (!/^[1-9]$/.test(key)) return undefined;
  const number = Number(key) - 1;
  const role = ROLES[number];
  const confidence = CONFIDENCES[number];
  const option = view.screen === 'task' ? view.split?.order[number] : undefined;
  const candidates: PlayEvent[] = [
    ...(confidence ? [{ type: 'confidence.choose' as const, confidence }] : []),
    ...(role ? [{ type: 'role.pick' as const, role }] : []),
    ...(option !== undefined ? [{ type: 'overlap.choose' as const, option }] : []),
  ];
  return candidates.find((event) => snapshot.can(event));
}
