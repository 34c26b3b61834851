import type { IndexedBank } from '../core/bank';
import type { Card } from '../core/schema';
import { packOf } from '../core/packIds';
import type { SharedPack } from './codec';

/** A day in ms: links carry the UTC day a result was played on. */
export const DAY = 24 * 60 * 60 * 1000;

/**
 * The trainer packs that some of these cards come from, in order of their first card, as a
 * link names them: the browser that opens it scores their tasks only if it has them too.
 */
export function packsOfCards(bank: IndexedBank, cards: readonly Card[]): { packs?: SharedPack[] } {
  const ids = new Set(cards.flatMap((card) => packOf(card.id) ?? []));
  const packs = [...ids].flatMap((id) => {
    const pack = bank.packs.find((p) => p.id === id);
    return pack ? [{ id: pack.id, title: pack.title, fingerprint: pack.fingerprint }] : [];
  });
  return packs.length ? { packs } : {};
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
