import type { PlayContext } from '../machines/playMachine';
import { cardsOf } from '../machines/playMachine';
import { bankFingerprint, cardRef, PREFIX, type SharedResult } from './codec';

const DAY = 24 * 60 * 60 * 1000;

/** The shareable result of the game in a play context. */
export function resultOfGame(context: PlayContext, name: string, now: number): SharedResult {
  const cards = cardsOf(context);
  return {
    bank: bankFingerprint(context.bank),
    mode: context.mode,
    seed: context.seed,
    day: Math.floor(now / DAY),
    cards: cards.map(cardRef),
    players: [{ name, answers: cards.map((card) => context.answers[card.id] ?? null) }],
  };
}

/** The date a result was played on. */
export function dayToDate(day: number): Date {
  return new Date(day * DAY);
}

/** True when a location hash is meant as a shared result (chat apps may percent-encode its `=`). */
export function isShareHash(hash: string): boolean {
  return /^#r(=|%3D)/i.test(hash);
}

/** The full link: this page's address with the fragment after `#`. */
export function shareUrl(fragment: string, href: string): string {
  return `${href.split('#')[0]}#${fragment}`;
}
