import type { SnapshotFrom } from 'xstate';
import { roomPercent, spread, standings, type WorkshopSettings } from '../../game/workshop';
import {
  playedCards,
  timeLeft,
  upcomingCard,
  workshopCard,
  workshopRound,
  workshopScenario,
  type workshopMachine,
} from '../../machines/workshopMachine';
import type { KeyContext } from './keys';

type WorkshopSnapshot = SnapshotFrom<typeof workshopMachine>;

const PRIMARY: Partial<Record<KeyContext['state'], string>> = {
  roundIntro: 'Show the first task',
  question: 'Reveal the answer',
  paused: 'Reveal the answer',
  scoreboard: 'Next company',
};

/** Everything the workshop screens show, worked out from a snapshot and the time. */
export function workshopView(snapshot: WorkshopSnapshot, now: number) {
  const context = snapshot.context;
  const settings: WorkshopSettings = context.settings;
  const state: KeyContext['state'] = snapshot.matches('setup')
    ? 'setup'
    : snapshot.matches('roundIntro')
      ? 'roundIntro'
      : snapshot.matches({ question: 'paused' })
        ? 'paused'
        : snapshot.matches('question')
          ? 'question'
          : snapshot.matches('reveal')
            ? 'reveal'
            : snapshot.matches('scoreboard')
              ? 'scoreboard'
              : 'final';
  const scenario = workshopScenario(context);
  const card = state === 'setup' ? undefined : workshopCard(context);
  const entries = card ? context.entries[card.id] : undefined;
  const round = workshopRound(context);
  const played = state === 'setup' || state === 'roundIntro' ? playedCards(context).slice(0, -1) : playedCards(context);
  const isLastCard = context.cardIndex >= (round?.cardIds.length ?? 0) - 1;
  const upcoming = upcomingCard(context);
  const cardsPlayed = played.map((p) => p.card);
  const primary =
    state === 'reveal'
      ? isLastCard
        ? context.roundIndex >= context.rounds.length - 1
          ? 'Show the final scores'
          : 'End of this company'
        : 'Next task'
      : PRIMARY[state];
  const showing = {
    setup: 'the workshop being set up',
    roundIntro: `the story of ${scenario?.title}`,
    question: `task ${context.cardIndex + 1}, answers hidden`,
    paused: `task ${context.cardIndex + 1}, timer paused`,
    reveal: `the answer to task ${context.cardIndex + 1}`,
    scoreboard: 'the scoreboard',
    final: 'the final scores',
  }[state];
  return {
    state,
    settings,
    scenario,
    card,
    entries,
    round: { number: context.roundIndex + 1, of: context.rounds.length, cards: round?.cardIds.length ?? 0 },
    position: { card: context.cardIndex + 1, cards: round?.cardIds.length ?? 0 },
    left: state === 'question' || state === 'paused' ? timeLeft(context, now) : null,
    total: settings.secondsPerCard * 1000,
    timer: (snapshot.matches({ question: 'timing' }) ? 'running' : state === 'paused' ? 'paused' : 'none') as
      'running' | 'paused' | 'none',
    canUndo: snapshot.can({ type: 'entry.undo' }),
    primary,
    showing,
    played,
    standings: standings(cardsPlayed, context.entries, settings),
    maxPoints: cardsPlayed.length * (settings.speedBonus && settings.secondsPerCard ? 2 : 1),
    roomPercent: settings.room ? roomPercent(cardsPlayed, context.entries) : undefined,
    counts: spread(entries, settings),
    next: state === 'reveal' || state === 'question' || state === 'paused' ? upcoming : undefined,
    nextCompany:
      state === 'scoreboard'
        ? context.bank.scenarios.find((s) => s.id === context.rounds[context.roundIndex + 1]?.scenarioId)?.title
        : undefined,
  };
}
