import type { IndexedBank } from '../game/bank';
import { cardsOf, type PlayContext } from '../machines/playMachine';
import { cardRef, type SharedResult } from './codec';

/** A day in ms: links carry the UTC day a result was played on. */
export const DAY = 24 * 60 * 60 * 1000;

/** The shareable result of the game in a play context. */
export function resultOfGame(bank: IndexedBank, context: PlayContext, name: string, now: number): SharedResult {
  const cards = cardsOf(bank, context.rounds);
  return {
    bank: bank.fingerprint,
    mode: context.mode,
    seed: context.seed,
    day: Math.floor(now / DAY),
    confidence: context.confidence,
    cards: cards.map(cardRef),
    players: [{ name, answers: cards.map((card) => context.answers[card.id] ?? null) }],
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
