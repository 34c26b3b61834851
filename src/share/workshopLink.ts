import type { IndexedBank } from '../game/bank';
import { hasSpeedBonus, roomChoice, teamCardPoints } from '../game/workshop';
import { playedCards, type WorkshopContext } from '../machines/workshopMachine';
import { cardRef, type SharedResult } from './codec';
import { DAY } from './link';

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
    bank: bank.fingerprint,
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
