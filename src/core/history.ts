import { m } from '../i18n/paraglide/messages.js';
import type { Card } from './schema';
import { cbmScore, scoreCards, type Answer, type Points } from './scoring';

/** The kinds of game a learner can play on their own. */
export type PlayMode = 'play' | 'replay' | 'review';

const MODE_NAMES: Record<PlayMode, () => string> = {
  play: m.core_mode_play,
  replay: m.core_mode_replay,
  review: m.core_mode_review,
};
/** The kind of a game, as the history and a shared result name it: "Game", "Replay of missed tasks", "Review". */
export const playModeName = (mode: PlayMode): string => MODE_NAMES[mode]();

/** @deprecated Call `playModeName`; kept until every area does. */
export const MODE_LABELS: Readonly<Record<PlayMode, string>> = {
  get play() {
    return playModeName('play');
  },
  get replay() {
    return playModeName('replay');
  },
  get review() {
    return playModeName('review');
  },
};

/** One finished game, as the history list shows it. */
export interface HistoryEntry extends Points {
  /** The game's seed: unique per game, so a game is listed once however often it is saved. */
  id: number;
  finishedAt: number;
  mode: PlayMode;
  scenarioIds: string[];
  /** The certainty-based marks, for a game that asked how sure the learner was. */
  cbm?: Points;
}

/** How many finished games the device keeps. */
export const HISTORY_LIMIT = 100;

/** The history with a finished game added (or left as is when it is already listed), newest first. */
export function addToHistory(
  history: readonly HistoryEntry[],
  game: {
    id: number;
    mode: PlayMode;
    scenarioIds: string[];
    cards: Card[];
    answers: Record<string, Answer>;
    /** Whether the game asked for confidence, so has certainty-based marks to keep. */
    confidence?: boolean;
  },
  now: number,
): HistoryEntry[] {
  if (history.some((entry) => entry.id === game.id)) return [...history];
  const entry: HistoryEntry = {
    id: game.id,
    finishedAt: now,
    mode: game.mode,
    scenarioIds: game.scenarioIds,
    ...scoreCards(game.cards, game.answers),
    ...(game.confidence ? { cbm: cbmScore(game.cards, game.answers) } : {}),
  };
  return [entry, ...history].slice(0, HISTORY_LIMIT);
}

/** The company a quick start offers: the first one no past game has played, else the first. */
export function suggestCompany(scenarioIds: readonly string[], history: readonly HistoryEntry[]): string | undefined {
  const played = new Set(history.flatMap((entry) => entry.scenarioIds));
  return scenarioIds.find((id) => !played.has(id)) ?? scenarioIds[0];
}
