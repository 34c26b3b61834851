import { m } from '../i18n/paraglide/messages.js';
import type { IndexedBank } from './bank.ts';
import { MAX_ROOM_PACK_BYTES, MAX_ROOM_PACKS } from './limits.ts';
import type { Pack } from './schema.ts';

/**
 * Trainer packs in a room with phones. The host sends the room server the packs whose
 * companies the workshop plays, as they were checked on the host's device; the server checks
 * them again (`checkRoomPacks` in pack.ts: the host is a browser anyone can script) and scores
 * the phones against them. Nothing here loads the pack checks, so the host's room code stays small.
 */

/** The packs a workshop of these companies plays, as they were checked, in the bank's order. */
export function packsPlayed(bank: IndexedBank, scenarioIds: readonly string[]): Pack[] {
  const played = new Set(scenarioIds);
  return bank.packs
    .filter((part) => part.companies.some(({ scenario }) => played.has(scenario.id)))
    .map((part) => part.data);
}

/** Why a room cannot take these packs, before any is read: too many, or too big. */
export function roomPacksTooBig(packs: readonly unknown[]): string | undefined {
  if (packs.length > MAX_ROOM_PACKS) return m.core_room_packs_too_many({ count: packs.length, max: MAX_ROOM_PACKS });
  const bytes = new TextEncoder().encode(JSON.stringify(packs)).length;
  if (bytes > MAX_ROOM_PACK_BYTES)
    return m.core_room_packs_too_big({ size: Math.ceil(bytes / 1024), max: MAX_ROOM_PACK_BYTES / 1024 });
  return undefined;
}
