import type { IndexedBank } from '../game/bank';
import { hasSpeedBonus, roomChoice, teamCardPoints } from '../game/workshop';
import { cardsOf, type PlayContext } from '../machines/playMachine';
import { playedCards, type WorkshopContext } from '../machines/workshopMachine';
import { bankFingerprint, cardRef, type SharedResult } from './codec';

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

/** The shareable result of a workshop: every team's answers, or the room's most raised hand. */
export function resultOfWorkshop(bank: IndexedBank, context: WorkshopContext, now: number): SharedResult {
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

/** The date a result was played on. */
export function dayToDate(day: number): Date {
  return new Date(day * DAY);
}

/** The full link: this page's address, without any query (a result opens on its own), and the fragment. */
export function shareUrl(fragment: string, href: string): string {
  const url = new URL(href);
  return `${url.origin}${url.pathname}#${fragment}`;
}
