import { cardRef } from '../../core/scoring';
import type { IndexedBank } from '../../core/bank';
import type { Card, Role } from '../../core/schema';
import {
  hasSpeedBonus,
  playerCardPoints,
  playerStandings,
  roomChoice,
  teamCardPoints,
  type Player,
} from '../../core/workshop';
import { playedCards, type WorkshopContext } from './workshopMachine';
import { MAX_LINK_PLAYERS } from '../../core/limits';
import { encodeResult, type SharedResult } from '../../share/codec';
import { DAY, packsOfCards } from '../../share/link';

/** One column of a workshop's result: a team, the room, or a phone. */
interface WorkshopRow {
  name: string;
  roleOn: (card: Card) => Role | null | undefined;
  /** The first vote on a task voted twice. */
  firstOn: (card: Card) => Role | null | undefined;
  /** Whether a right answer on the card earned the speed bonus. */
  fastOn: (card: Card) => boolean;
}

/** A phone's column: its own answers, first votes and speed bonuses. */
function phoneRow(context: WorkshopContext, { id, name }: Pick<Player, 'id' | 'name'>): WorkshopRow {
  const vote = (card: Card) => context.entries[card.id]?.votes?.[id];
  return {
    name,
    roleOn: (card) => vote(card)?.role,
    firstOn: (card) => context.entries[card.id]?.first?.votes?.[id]?.role,
    fastOn: (card) => playerCardPoints(card, vote(card), context.settings) > 1,
  };
}

/**
 * The shareable result of a workshop: every team's answers, or the room's most raised hand, or
 * with phones each on their own, the best phones' answers (a link carries at most 12).
 */
export function resultOfWorkshop(bank: IndexedBank, context: WorkshopContext, now: number): SharedResult {
  const cards = playedCards(bank, context).map((played) => played.card);
  const { teams, room, phones } = context.settings;
  let rows: WorkshopRow[];
  if (phones === 'solo') {
    const votes = Object.fromEntries(Object.entries(context.entries).map(([id, e]) => [id, e.votes]));
    rows = playerStandings(cards, votes, context.players, context.settings)
      .slice(0, MAX_LINK_PLAYERS)
      .map((player) => phoneRow(context, player));
  } else {
    rows = teams.map((name, team) => ({
      name,
      roleOn: (card) => {
        const entries = context.entries[card.id];
        return room ? entries && roomChoice(entries.tally) : entries?.picks[team];
      },
      firstOn: (card) => context.entries[card.id]?.first?.picks[team],
      fastOn: (card) => teamCardPoints(card, context.entries[card.id], team, context.settings) > 1,
    }));
  }
  return resultOfRows(bank, context, cards, rows, now);
}

/**
 * One phone's own result: its answers to every task played, scored for it alone by the result
 * page like any link (in teams too: what the player said, not what the team decided).
 */
export function resultOfPhone(
  bank: IndexedBank,
  context: WorkshopContext,
  player: Pick<Player, 'id' | 'name'>,
  now: number,
): SharedResult {
  const cards = playedCards(bank, context).map((played) => played.card);
  return resultOfRows(bank, context, cards, [phoneRow(context, player)], now);
}

/** Each seated phone's result link (the fragment, without `#`), by seat. */
export function phoneLinks(bank: IndexedBank, context: WorkshopContext, now: number): Map<string, string> {
  const links = new Map<string, string>();
  for (const player of context.players)
    if (!player.removed) links.set(player.id, encodeResult(resultOfPhone(bank, context, player, now)));
  return links;
}

function resultOfRows(
  bank: IndexedBank,
  context: WorkshopContext,
  cards: Card[],
  rows: WorkshopRow[],
  now: number,
): SharedResult {
  // A right answer entered fast enough earns the workshop's speed bonus: the link says which.
  const bonus = !context.settings.room && hasSpeedBonus(context.settings);
  // Tasks voted twice: the link carries both votes (the answers are the second, which scored).
  const twice = cards.map((card) => context.entries[card.id]?.first !== undefined);
  return {
    bank: bank.fingerprint,
    mode: 'workshop',
    seed: context.seed,
    day: Math.floor(now / DAY),
    // A workshop scores the room's roles only.
    confidence: false,
    cards: cards.map(cardRef),
    players: rows.map(({ name, roleOn, firstOn, fastOn }) => ({
      name,
      answers: cards.map((card) => {
        const role = roleOn(card);
        return role ? { role } : null;
      }),
      ...(bonus ? { fast: cards.map(fastOn) } : {}),
      ...(twice.some(Boolean) ? { first: cards.map((card) => firstOn(card) ?? null) } : {}),
    })),
    ...(bonus ? { speedBonus: true as const } : {}),
    ...(twice.some(Boolean) ? { twice } : {}),
    ...packsOfCards(bank, cards),
  };
}
