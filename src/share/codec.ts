import { deriveSeed } from '../core/random';
import { fail as failWith, ok, type Result } from '../core/result';
import { ID_LENGTH, ID_PATTERN, ROLES, type Role } from '../core/schema';
import { CONFIDENCES, type Answer } from '../core/scoring';
import { BitReader, BitWriter, fromBase64Url, toBase64Url } from './bits';
import { MAX_LINK_PLAYERS } from '../core/limits';
import { cleanName, cleanText } from '../core/names';
import { m } from '../i18n/paraglide/messages.js';

/**
 * The share link's format. Everything sits after `#`, so it never reaches a server. It is
 * packed as bits, then base64url:
 *
 *   version 4 | mode 2 | asks confidence 1 | speed bonus 1 | bank fingerprint 32 | seed 32 | day 16 | players-1 4 | cards 10
 *   packs 5 (the trainer packs whose tasks the result holds, MAX_LINK_PACKS at most)
 *   per pack:   pack fingerprint 32 | id length in bytes 6 | id bytes (ASCII; 40 at most)
 *               | title length in bytes 9 | title bytes (UTF-8; 80 characters at most fit)
 *   voted twice 1 (a workshop that voted some tasks twice: the first votes follow each card)
 *   per player: name length in bytes 8 | name bytes (UTF-8; 40 characters at most fit)
 *   per card:   card reference 24 | per player: role 2 (0 none, 1 pm, 2 pmm, 3 both) | split 3 (0 none, else option + 1)
 *               | confidence 2 (only when the game asks: 0 none, 1 low, 2 medium, 3 high)
 *               | fast 1 (only when a workshop gave the speed bonus: 1 when this answer earned it)
 *               then, with voted twice: this card voted twice 1 | if so, per player: first vote's role 2
 *   padding to a byte | check 16
 *
 * Version 1 had no confidence: its third header field was 0 2, and a card no confidence bits.
 * Links of version 1 still open, as results of games that did not ask for confidence.
 * Version 2 had no pack list: its links open as results of the bank alone.
 * Version 3 had no first votes: its links open as results of tasks voted once.
 *
 * A card reference hashes what scoring depends on (id, key, which option is right), so a
 * card that changed in a way that would change its score no longer matches. A pack's card
 * ids are namespaced ("pack/card"), so they never match the bank's. The pack list names each
 * pack with the fingerprint of the version played, and its title, so a browser without the
 * pack can say which one to ask for.
 */

export const FORMAT_VERSION = 4;
/** The versions this code reads: every version up to the current one. */
const READABLE = [1, 2, 3, 4];
export const PREFIX = 'r=';
export const MODES = ['play', 'replay', 'review', 'workshop'] as const;
export type ShareMode = (typeof MODES)[number];
export const MAX_CARDS = 1023;
/** The most packs a link names: as many as a device keeps (MAX_PACKS), so any game can be shared. */
export const MAX_LINK_PACKS = 20;
/** The longest pack title a link carries, in characters (a pack's title is at most 80). */
export const PACK_TITLE_MAX = 80;
/**
 * Longer fragments are refused before any decoding, so a huge one costs nothing. Version 2
 * allowed 8,000 characters; the pack list adds at most about 9,800 more (20 packs, each with a
 * 40-character id and an 80-character title in 4-byte characters), so a result that fit then
 * still fits with all its packs named.
 */
export const MAX_FRAGMENT = 18_000;

/** A trainer pack as a result link names it: the version played, and what to call it. */
export interface SharedPack {
  id: string;
  title: string;
  fingerprint: number;
}

/** A result as a link carries it. `answers` lines up with `cards`; null where none was given. */
export interface SharedResult {
  bank: number;
  mode: ShareMode;
  seed: number;
  /** Days since 1970-01-01 (UTC) on which the game was played. */
  day: number;
  /** Whether the game asked how sure the player was of each role; without it, answers carry no confidence. */
  confidence: boolean;
  cards: number[];
  players: Array<{
    name: string;
    answers: Array<Answer | null>;
    /** Which answers earned a workshop's speed bonus, in a link with `speedBonus`. */
    fast?: boolean[];
    /** The first vote on each task voted twice (see `twice`); null elsewhere or with no answer. */
    first?: Array<Role | null>;
  }>;
  /** Which tasks a workshop voted twice (vote, talk it over, vote again); the answers are the second votes. */
  twice?: boolean[];
  /** Whether a workshop gave 1 more point for a right answer entered fast; only workshops set it. */
  speedBonus?: true;
  /** The trainer packs whose tasks the result holds, in order of their first task; none when it holds only the bank's. */
  packs?: SharedPack[];
}

export type ShareErrorKind = 'empty' | 'not-a-link' | 'too-long' | 'damaged' | 'newer-version' | 'invalid';

export interface ShareError {
  kind: ShareErrorKind;
  message: string;
}

const MESSAGES: Record<ShareErrorKind, () => string> = {
  empty: m.share_link_empty,
  'not-a-link': m.share_link_not_a_link,
  'too-long': m.share_link_too_long,
  damaged: m.share_link_damaged,
  'newer-version': m.share_link_newer_version,
  invalid: m.share_link_invalid,
};

const fail = (kind: ShareErrorKind) => failWith({ kind, message: MESSAGES[kind]() });

function checksum(bytes: Uint8Array): number {
  return deriveSeed(0, String.fromCharCode(...bytes)) & 0xffff;
}

/** Writes text as its UTF-8 bytes after their count in `width` bits. */
function writeText(writer: BitWriter, text: string, width: number): void {
  const bytes = new TextEncoder().encode(text);
  writer.write(bytes.length, width);
  for (const byte of bytes) writer.write(byte, 8);
}

/** Reads text written by `writeText`; undefined when the data ends first or is not UTF-8. */
function readText(reader: BitReader, width: number): string | undefined {
  const length = reader.read(width);
  if (length === undefined) return undefined;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const byte = reader.read(8);
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Reads the pack list of a version 3 link; undefined when it is damaged or names a pack twice. */
function readPacks(reader: BitReader): SharedPack[] | undefined {
  const count = reader.read(5);
  if (count === undefined || count > MAX_LINK_PACKS) return undefined;
  const packs: SharedPack[] = [];
  for (let i = 0; i < count; i++) {
    const fingerprint = reader.read(32);
    const id = readText(reader, 6);
    const title = readText(reader, 9);
    if (fingerprint === undefined || id === undefined || title === undefined) return undefined;
    if (id.length > ID_LENGTH || !ID_PATTERN.test(id) || packs.some((pack) => pack.id === id)) return undefined;
    const shown = cleanText(title, PACK_TITLE_MAX);
    if (!shown) return undefined;
    packs.push({ id, title: shown, fingerprint });
  }
  return packs;
}

/** The fragment (without `#`) for a result. Names are cleaned; the result must fit the format. */
export function encodeResult(result: SharedResult): string {
  const writer = new BitWriter()
    .write(FORMAT_VERSION, 4)
    .write(MODES.indexOf(result.mode), 2)
    .write(result.confidence ? 1 : 0, 1)
    .write(result.speedBonus ? 1 : 0, 1)
    .write(result.bank >>> 0, 32)
    .write(result.seed >>> 0, 32)
    .write(result.day, 16)
    .write(result.players.length - 1, 4)
    .write(result.cards.length, 10);
  const packs = result.packs ?? [];
  if (packs.length > MAX_LINK_PACKS) throw new RangeError(`a link names at most ${MAX_LINK_PACKS} packs`);
  writer.write(packs.length, 5);
  for (const pack of packs) {
    if (pack.id.length > ID_LENGTH || !ID_PATTERN.test(pack.id)) throw new RangeError(`"${pack.id}" is not a pack id`);
    const title = cleanText(pack.title, PACK_TITLE_MAX);
    if (!title) throw new RangeError(`the pack "${pack.id}" has no title`);
    writer.write(pack.fingerprint >>> 0, 32);
    writeText(writer, pack.id, 6);
    writeText(writer, title, 9);
  }
  const twice = result.twice?.some(Boolean) ?? false;
  writer.write(twice ? 1 : 0, 1);
  for (const player of result.players) writeText(writer, cleanName(player.name), 8);
  result.cards.forEach((ref, index) => {
    writer.write(ref, 24);
    for (const player of result.players) {
      const answer = player.answers[index];
      writer.write(answer ? ROLES.indexOf(answer.role) + 1 : 0, 2);
      writer.write(answer?.overlap === undefined ? 0 : answer.overlap + 1, 3);
      if (result.confidence)
        writer.write(answer?.confidence === undefined ? 0 : CONFIDENCES.indexOf(answer.confidence) + 1, 2);
      if (result.speedBonus) writer.write(answer && player.fast?.[index] ? 1 : 0, 1);
    }
    if (!twice) return;
    const votedTwice = result.twice?.[index] === true;
    writer.write(votedTwice ? 1 : 0, 1);
    if (votedTwice)
      for (const player of result.players) {
        const role = player.first?.[index];
        writer.write(role ? ROLES.indexOf(role) + 1 : 0, 2);
      }
  });
  const body = writer.bytes();
  const bytes = new Uint8Array(body.length + 2);
  bytes.set(body);
  const check = checksum(body);
  bytes[body.length] = check >> 8;
  bytes[body.length + 1] = check & 0xff;
  return `${PREFIX}${toBase64Url(bytes)}`;
}

/** Reads a fragment (with or without `#`). Never throws: a bad fragment gives a typed error. */
export function decodeResult(fragment: string): Result<SharedResult, ShareError> {
  if (fragment.length > MAX_FRAGMENT) return fail('too-long');
  let text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  try {
    text = decodeURIComponent(text);
  } catch {
    return fail('damaged');
  }
  if (text === '' || text === PREFIX) return fail('empty');
  if (!text.startsWith(PREFIX)) return fail('not-a-link');
  const bytes = fromBase64Url(text.slice(PREFIX.length));
  if (!bytes) return fail('damaged');
  if (bytes.length < 3) return fail('damaged');
  const body = bytes.subarray(0, -2);
  if (checksum(body) !== ((bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]!)) return fail('damaged');

  const reader = new BitReader(body);
  const version = reader.read(4);
  if (version === undefined) return fail('invalid');
  if (!READABLE.includes(version)) return fail(version > FORMAT_VERSION ? 'newer-version' : 'invalid');
  const mode = MODES[reader.read(2) ?? -1];
  // Version 1 kept these two bits at zero; version 2 says whether confidence was asked and
  // whether a workshop gave the speed bonus.
  const confidence = version >= 2 ? reader.read(1) === 1 : false;
  const speedBonus = version >= 2 ? reader.read(1) === 1 : false;
  const reserved = version >= 2 ? 0 : reader.read(2);
  const bank = reader.read(32);
  const seed = reader.read(32);
  const day = reader.read(16);
  const playerCount = (reader.read(4) ?? -1) + 1;
  const cardCount = reader.read(10);
  if (
    !mode ||
    reserved !== 0 ||
    bank === undefined ||
    seed === undefined ||
    day === undefined ||
    cardCount === undefined ||
    playerCount < 1
  ) {
    return fail('invalid');
  }
  if (playerCount > MAX_LINK_PLAYERS || cardCount === 0) return fail('invalid');
  // Links before version 3 name no packs: they hold the bank's tasks alone.
  const packs = version >= 3 ? readPacks(reader) : [];
  if (!packs) return fail('invalid');
  // Links before version 4 carry no first votes.
  const hasTwice = version >= 4 ? reader.read(1) : 0;
  if (hasTwice === undefined) return fail('invalid');
  const twice: boolean[] = [];

  const players: SharedResult['players'] = [];
  for (let p = 0; p < playerCount; p++) {
    const name = readText(reader, 8);
    if (name === undefined) return fail('invalid');
    players.push({ name: cleanName(name), answers: [] });
  }

  const cards: number[] = [];
  for (let c = 0; c < cardCount; c++) {
    const ref = reader.read(24);
    if (ref === undefined) return fail('invalid');
    cards.push(ref);
    for (const player of players) {
      const role = reader.read(2);
      const split = reader.read(3);
      const sure = confidence ? reader.read(2) : 0;
      const fast = speedBonus ? reader.read(1) : 0;
      if (role === undefined || split === undefined || sure === undefined || fast === undefined) return fail('invalid');
      if (role === 0 && (split !== 0 || sure !== 0 || fast !== 0)) return fail('invalid');
      if (speedBonus) (player.fast ??= []).push(fast === 1);
      player.answers.push(
        role === 0
          ? null
          : {
              role: ROLES[role - 1]!,
              ...(split ? { overlap: split - 1 } : {}),
              ...(sure ? { confidence: CONFIDENCES[sure - 1]! } : {}),
            },
      );
    }
    if (!hasTwice) continue;
    const votedTwice = reader.read(1);
    if (votedTwice === undefined) return fail('invalid');
    twice.push(votedTwice === 1);
    for (const player of players) {
      const role = votedTwice ? reader.read(2) : 0;
      if (role === undefined) return fail('invalid');
      (player.first ??= []).push(role ? ROLES[role - 1]! : null);
    }
  }
  // Only the zero padding to a whole byte may follow.
  if (reader.remaining >= 8 || reader.read(reader.remaining) !== 0) return fail('invalid');
  if ((speedBonus || hasTwice) && mode !== 'workshop') return fail('invalid');
  return ok({
    bank,
    mode,
    seed,
    day,
    confidence,
    cards,
    players,
    ...(speedBonus ? { speedBonus: true as const } : {}),
    ...(packs.length ? { packs } : {}),
    ...(hasTwice ? { twice } : {}),
  });
}
