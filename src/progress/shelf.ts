import { m } from '../i18n/paraglide/messages.js';
import { cardRef } from '../core/scoring';
import { type Pack } from '../core/schema';
import bankSources from 'virtual:question-sources';
import type { BankPack, IndexedBank } from '../core/bank';
import type { ReviewEntry } from '../core/review';

import { PROGRESS_KEY } from './label';
import { fail, ok, type Result } from '../core/result';
import { LIMITS } from '../platform/bounds';
import type { Progress, StoredPack } from './progress';
import { readProgress } from './progressFormat';
import { timed, type KeyValueStore } from '../platform/store';
import { packOf } from '../core/packIds';
import { checkPack, packPart } from '../core/pack';

/**
 * The packs on a device, against the bank this app ships. This module loads only when there
 * are packs (or the Packs page opens), so the start screen carries none of it; reading pack
 * files (YAML, spreadsheets, links) is in packFiles.ts, which only the Packs page loads.
 */

/** A pack as the bank takes it in. */
export const bankPackOf = (pack: Pack): BankPack => packPart(pack, bankSources);

/** How a problem with a stored pack is reported: which pack (by its title, else its place), and its first problem. */
function storedProblem(entry: StoredPack, index: number, problem: { damaged: string } | 'twice'): string {
  const title = (entry.pack as { pack?: { title?: unknown } }).pack?.title;
  const named = typeof title === 'string' ? { title: title.slice(0, 80) } : undefined;
  const number = index + 1;
  if (problem === 'twice')
    return named ? m.progress_shelf_named_twice(named) : m.progress_shelf_numbered_twice({ number });
  return named
    ? m.progress_shelf_named_damaged({ ...named, problem: problem.damaged })
    : m.progress_shelf_numbered_damaged({ number, problem: problem.damaged });
}

/**
 * Stored packs (a device's, or an imported file's) checked again as packs, since storage and
 * files can hold anything: those that pass, as the bank takes them, and what was wrong with the rest.
 */
export function checkStored(stored: readonly StoredPack[]): {
  kept: StoredPack[];
  parts: BankPack[];
  problems: string[];
} {
  const kept: StoredPack[] = [];
  const parts: BankPack[] = [];
  const problems: string[] = [];
  stored.forEach((entry, index) => {
    const checked = checkPack({ data: entry.pack }, bankSources);
    if (!checked.ok) return void problems.push(storedProblem(entry, index, { damaged: checked.error[0]!.message }));
    if (kept.some((other) => other.pack.pack.id === checked.value.pack.id))
      return void problems.push(storedProblem(entry, index, 'twice'));
    kept.push({ ...entry, pack: checked.value });
    parts.push(bankPackOf(checked.value));
  });
  return { kept, parts, problems };
}

/** A change to the packs kept in progress, as `Persistence.changePacks` makes it. */
export type PackChange = (progress: Progress, bank: IndexedBank, now: number) => Result<Progress>;

/**
 * The change that adds a pack, or puts a new version in the place of the one with its id, for
 * `Persistence.changePacks`: its companies join the bank at once, and the review deck drops
 * the tasks the new version changed or dropped.
 */
export function addPack(pack: Pack): PackChange {
  return (progress, bank, now) => {
    const packs = progress.packs ?? [];
    const at = packs.findIndex((entry) => entry.pack.pack.id === pack.pack.id);
    if (at < 0 && packs.length >= LIMITS.packs) return fail(m.progress_shelf_full({ max: LIMITS.packs }));
    const part = bankPackOf(pack);
    const entry = at < 0 ? { pack, addedAt: now } : { ...packs[at]!, pack, updatedAt: now };
    const review = reviewAfter(progress.review, bank, pack.pack.id, part);
    bank.setPacks(at < 0 ? [...bank.packs, part] : bank.packs.map((other) => (other.id === part.id ? part : other)));
    return ok({
      ...progress,
      review,
      packs: at < 0 ? [...packs, entry] : packs.map((old, i) => (i === at ? entry : old)),
    });
  };
}

/** The change that removes a pack: its companies leave the bank and its tasks the review deck; past games stay. */
export function removePack(packId: string): PackChange {
  return (progress, bank) => {
    const review = reviewAfter(progress.review, bank, packId);
    bank.setPacks(bank.packs.filter((part) => part.id !== packId));
    const packs = (progress.packs ?? []).filter((entry) => entry.pack.pack.id !== packId);
    return ok({ ...progress, review, packs });
  };
}

/**
 * The packs in the progress stored on this device, for a workshop window, which reads the
 * progress without owning it. Packs that do not check, or progress that cannot be read, give none.
 */
export async function devicePacks(store: KeyValueStore): Promise<BankPack[]> {
  const raw = await timed(() => store.getItem(PROGRESS_KEY)).catch(() => null);
  const read = raw ? readProgress(raw) : null;
  return read?.ok && read.value.packs?.length ? checkStored(read.value.packs).parts : [];
}

/**
 * The review deck after a pack changes: its tasks that the new version dropped, or changed in a
 * way that changes their answer, leave the deck; every other task keeps its place. Removing a
 * pack (`next` undefined) takes all of its tasks out.
 */
export function reviewAfter(review: ReviewEntry[], bank: IndexedBank, packId: string, next?: BankPack): ReviewEntry[] {
  const nextCards = new Map(next?.companies.flatMap((part) => part.scenario.cards.map((card) => [card.id, card])));
  return review.filter((entry) => {
    if (packOf(entry.cardId) !== packId) return true;
    const before = bank.cards.get(entry.cardId)?.card;
    const after = nextCards.get(entry.cardId);
    return before !== undefined && after !== undefined && cardRef(before) === cardRef(after);
  });
}
