import type { IndexedBank } from '../game/bank';
import { hasSpeedBonus, playerCardPoints, playerStandings, roomChoice, teamCardPoints } from '../game/workshop';
import { cardsOf, type PlayContext } from '../machines/playMachine';
import { playedCards, type WorkshopContext } from '../machines/workshopMachine';
import { bankFingerprint, cardRef, MAX_PLAYERS, type SharedResult } from './codec';

const DAY = 24 * 60 * 60 * 1000;

/** The shareable result of the game in a play context. */
export function resultOfGame(bank: IndexedBank, context: PlayContext, name: string, now: number): SharedResult {
  const cards = cardsOf(bank, context.rounds);
  return {
    bank: bankFingerprint(bank),
    mode: context.mode,
    seed: context.seed,
    day: Math.floor(now / DAY),
    confidence: context.confidence,
    cards: cards.map(cardRef),
    players: [{ name, answers: cards.map((card) => context.answers[card.id] ?? null) }],
  };
}

/**
 * The shareable result of a workshop: every team's answers, or the room's most raised hand, or
 * with phones each on their own, the best phones' answers (a link carries at most 12).
 */
export function resultOfWorkshop(bank: IndexedBank, context: WorkshopContext, now: number): SharedResult {
  if (context.settings.phones === 'solo') return resultOfSoloRoom(bank, context, now);
  const cards = playedCards(bank, context).map((played) => played.card);
  const { teams, room } = context.settings;
  const answerOf = (id: string, team: number) => {
    const entries = context.entries[id];
    const role = room ? entries && roomChoice(entries.tally) : entries?.picks[team];
    return role ? { role } : null;
  };
  // A right answer entered fast enough earns the workshop's speed bonus: the link says which.
  const bonus = !room && hasSpeedBonus(context.settings);
  const fastOf = (card: (typeof cards)[number], team: number) =>
    teamCardPoints(card, context.entries[card.id], team, context.settings) > 1;
  return {
    bank: bankFingerprint(bank),
    mode: 'workshop',
    seed: context.seed,
    day: Math.floor(now / DAY),
    // A workshop scores the room's roles only.
    confidence: false,
    cards: cards.map(cardRef),
    players: teams.map((name, team) => ({
      name,
      answers: cards.map((card) => answerOf(card.id, team)),
      ...(bonus ? { fast: cards.map((card) => fastOf(card, team)) } : {}),
    })),
    ...(bonus ? { speedBonus: true as const } : {}),
  };
}

function resultOfSoloRoom(bank: IndexedBank, context: WorkshopContext, now: number): SharedResult {
  const cards = playedCards(bank, context).map((played) => played.card);
  const votes = Object.fromEntries(Object.entries(context.entries).map(([id, e]) => [id, e.votes]));
  const best = playerStandings(cards, votes, context.players, context.settings).slice(0, MAX_PLAYERS);
  const bonus = hasSpeedBonus(context.settings);
  return {
    bank: bankFingerprint(bank),
    mode: 'workshop',
    seed: context.seed,
    day: Math.floor(now / DAY),
    confidence: false,
    cards: cards.map(cardRef),
    players: best.map(({ id, name }) => ({
      name,
      answers: cards.map((card) => {
        const vote = votes[card.id]?.[id];
        return vote ? { role: vote.role } : null;
      }),
      ...(bonus
        ? { fast: cards.map((card) => playerCardPoints(card, votes[card.id]?.[id], context.settings) > 1) }
        : {}),
    })),
    ...(bonus ? { speedBonus: true as const } : {}),
  };
}

/** The date a result was played on. */
export function dayToDate(day: number): Date {
  return new Date(day * DAY);
}

/** The full link: this page's address, without any query (a result opens on its own), and the fragment. */
export function shareUrl(fragment: string, href: string): string {
  const url = new URL(href);
  return `${url.origin}${url.pathname}#${fragment}`;
}
