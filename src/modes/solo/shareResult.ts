import type { IndexedBank } from '../../core/bank';
import { cardRef } from '../../core/scoring';
import type { SharedResult } from '../../share/codec';
import { DAY, packsOfCards } from '../../share/link';
import { cardsOf, type PlayContext } from './playMachine';

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
    ...packsOfCards(bank, cards),
  };
}
