import { MAX_NAME, MAX_PLAYERS, MAX_SPLIT_OPTIONS, MAX_TEAMS } from '../core/limits.ts';
import * as v from 'valibot';
import { ROLES } from '../core/schema.ts';
import { BANK_LANGUAGES } from '../core/bankLanguages.ts';
import { CONFIDENCES } from '../core/scoring.ts';
import { PHONES_MODES, TIMER_CHOICES } from '../core/workshop.ts';

/**
 * What the room server, the host (the facilitator's projector window) and the phones say to
 * each other. Every message is checked against these schemas where it arrives: the server
 * checks the host's and the phones', and the apps check the server's, so nothing malformed
 * gets past the door whichever side sent it.
 */

/** The room type on the room server. */
export const ROOM_NAME = 'workshop';

/**
 * Why the server closed a connection, where a phone must tell: the facilitator removed it, or
 * another tab or device took its seat. Clear of the engine's own codes (4000 to 4010).
 */
export const CLOSE_REMOVED = 4401;
export const CLOSE_REPLACED = 4402;

/** Room codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const CODE_LENGTH = 6;
export const roomCode = v.pipe(v.string(), v.regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`)));
/**
 * The door check: symbols shown on the big screen only, which a phone taps in order to get a
 * seat, so a code seen outside the room is not enough. Four of six shapes (1,296 sequences); a
 * room that is sent too many wrong ones draws new ones.
 */
export const CHECK_SYMBOLS = 6;
export const CHECK_LENGTH = 4;
export const doorCheck = v.pipe(v.string(), v.regex(new RegExp(`^[0-${CHECK_SYMBOLS - 1}]{${CHECK_LENGTH}}$`)));

/** A fresh door check (crypto randomness). */
export function newDoorCheck(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(CHECK_LENGTH)), (byte) => byte % CHECK_SYMBOLS).join('');
}

/** The host's secret and a phone's key: 128 bits or more, base64url. */
export const roomToken = v.pipe(v.string(), v.regex(/^[\w-]{22,64}$/));
/** A seat: a hash of the phone's key, so the server can give the seat back to that phone alone. */
export const seatId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
const cardId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const role = v.picklist(ROLES);
const left = v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(24 * 3600 * 1000)));
/** A name as a phone sends it: the server cleans it and cuts it to MAX_NAME (combining marks may take more characters). */
const name = v.pipe(v.string(), v.maxLength(MAX_NAME * 4));
const teamName = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NAME));
const team = v.pipe(v.number(), v.safeInteger(), v.minValue(-1), v.maxValue(MAX_TEAMS - 1));
const smallCount = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(100_000));
const confidence = v.picklist(CONFIDENCES);
/**
 * A team's answer at the reveal, from its phones' answers by the workshop's rule (`teamVote`):
 * the role (null when none of its phones answered), how many chose it of how many answered,
 * and whether another role had as many (the tie went to the role that got there first).
 */
const teamAnswer = v.object({ role: v.nullable(role), votes: smallCount, answered: smallCount, tie: v.boolean() });
export type TeamAnswer = v.InferOutput<typeof teamAnswer>;
/** Which split of the work a phone chose on a shared task: an option's place, from 0. */
const splitOption = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(MAX_SPLIT_OPTIONS - 1));

/** A count a refusal names: a number, or its digits as an HTTP error's line carries it. */
const refusalCount = v.union([smallCount, v.pipe(v.string(), v.regex(/^\d{1,6}$/), v.transform(Number), smallCount)]);

/**
 * Why the room server said no, as a code (with what its words need, such as the room code or a
 * limit): each phone and the facilitator's window put it in their own user's language
 * (`refusalText` in `words.ts`). A closed set, checked where it arrives like any message.
 */
export const refusalSchema = v.variant('reason', [
  // Refused at the door, over HTTP or as the socket opens.
  /** The facilitator took this phone out of the room. */
  v.object({ reason: v.literal('removed') }),
  v.object({ reason: v.literal('locked') }),
  v.object({ reason: v.literal('full'), limit: refusalCount }),
  /** The door check's symbols were wrong, or missing. */
  v.object({ reason: v.literal('symbols') }),
  /** Joining as the host without the host's secret. */
  v.object({ reason: v.literal('not-host') }),
  v.object({ reason: v.literal('join-details') }),
  v.object({ reason: v.literal('busy') }),
  v.object({ reason: v.literal('no-room'), room: v.pipe(v.string(), v.maxLength(32)) }),
  /** A reconnection token the room does not know (any more). */
  v.object({ reason: v.literal('seat-gone') }),
  /** A page of another site asked. */
  v.object({ reason: v.literal('other-site') }),
  /** The server failed on its side. */
  v.object({ reason: v.literal('failed') }),
  // Refused when a room opens.
  /** The code a host asked for is not its own to open (again). */
  v.object({ reason: v.literal('code-taken') }),
  v.object({ reason: v.literal('settings') }),
  /** A trainer pack did not check on the server: what is wrong, in the core's words. */
  v.object({ reason: v.literal('packs'), problem: v.pipe(v.string(), v.maxLength(2000)) }),
  v.object({ reason: v.literal('rooms-per-network'), rooms: refusalCount }),
  v.object({ reason: v.literal('server-full') }),
  // Refused in the room, as a message.
  v.object({ reason: v.literal('unchecked') }),
  v.object({ reason: v.literal('unknown-message') }),
  /** A host's message from a phone. */
  v.object({ reason: v.literal('host-only') }),
  v.object({ reason: v.literal('no-seat') }),
  v.object({ reason: v.literal('answers-closed') }),
  v.object({ reason: v.literal('split-over') }),
  /** A split over an answer that is not Both, or on a task that is not shared. */
  v.object({ reason: v.literal('both-first') }),
]);
export type Refusal = v.InferOutput<typeof refusalSchema>;
export type RefusalReason = Refusal['reason'];

/**
 * A refusal as an HTTP error's one line of text (the engine sends its errors so): the code and
 * its parameters as a query, then English words for whoever reads the raw reply, as in
 * `full?limit=500: The room is full (500 phones).` The apps read the code (`readRefusal`).
 */
export function refusalLine(refusal: Refusal, english: string): string {
  const { reason, ...parameters } = refusal;
  const query = new URLSearchParams(Object.entries(parameters).map(([key, value]) => [key, String(value)])).toString();
  return `${reason}${query ? `?${query}` : ''}: ${english}`;
}

/** The refusal an HTTP error's line (`refusalLine`) names, or null for any other text. */
export function readRefusal(line: unknown): Refusal | null {
  const match = typeof line === 'string' ? /^([a-z-]{1,32})(?:\?([^\s:]*))?: /.exec(line) : null;
  if (!match) return null;
  const parsed = v.safeParse(refusalSchema, {
    ...Object.fromEntries(new URLSearchParams(match[2] ?? '')),
    reason: match[1],
  });
  return parsed.success ? parsed.output : null;
}

/** A code as a person types it: any case, spaces and dashes ignored. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** A fresh random code (crypto randomness; 29^6 ≈ 595 million codes). */
export function newRoomCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2));
  let code = '';
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (code.length === CODE_LENGTH) break;
    if (byte < 256 - (256 % CODE_ALPHABET.length)) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  }
  return code.length === CODE_LENGTH ? code : newRoomCode();
}

/** A fresh secret: 128 random bits, base64url. */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** The workshop settings the server needs to seat phones and score them. */
export const roomSettingsSchema = v.object({
  phones: v.picklist(PHONES_MODES.filter((mode) => mode !== 'off')),
  teams: v.pipe(v.array(teamName), v.maxLength(MAX_TEAMS)),
  secondsPerCard: v.picklist(TIMER_CHOICES),
  speedBonus: v.boolean(),
});
export type RoomSettings = v.InferOutput<typeof roomSettingsSchema>;

/** What the room sees now, as the host tells the server. */
export const roomPhaseSchema = v.variant('phase', [
  v.object({ phase: v.literal('lobby') }),
  v.object({ phase: v.literal('intro'), company: v.pipe(v.string(), v.maxLength(200)) }),
  v.object({
    phase: v.literal('question'),
    cardId,
    number: smallCount,
    of: smallCount,
    /** Time left (ms) when the host sent this; null with no timer or a paused one. */
    left,
    /** Whether answers are taken. */
    open: v.boolean(),
    /** Which vote of the task: 2 after the talk, on a task voted twice. */
    vote: v.optional(v.picklist([1, 2]), 1),
    /** Whether a phone says how sure it is too (the first vote of a task voted twice). */
    sure: v.optional(v.boolean(), false),
  }),
  /** A task voted twice, between its votes: the room sees how it voted (phones watch the big screen)… */
  v.object({ phase: v.literal('spread'), cardId }),
  /** …then talks it over, with a question to talk about and a clock. */
  v.object({
    phase: v.literal('talk'),
    cardId,
    left,
    question: v.pipe(v.string(), v.maxLength(300)),
  }),
  v.object({ phase: v.literal('reveal'), cardId }),
  v.object({ phase: v.literal('scoreboard') }),
  v.object({ phase: v.literal('final') }),
]);
export type RoomPhase = v.InferOutput<typeof roomPhaseSchema>;

/** How the facilitator keeps the door: locked (no new phones), and whether a phone must tap the symbols on the big screen. */
export const doorSchema = v.object({ locked: v.boolean(), check: v.boolean() });
export type DoorSettings = v.InferOutput<typeof doorSchema>;

const seatedPlayer = v.object({ id: seatId, name: teamName, team, removed: v.boolean() });
export type SeatedPlayer = v.InferOutput<typeof seatedPlayer>;

/** A room the host opens, or opens again after the server restarted. */
export const createOptionsSchema = v.object({
  as: v.literal('host'),
  settings: roomSettingsSchema,
  door: v.optional(doorSchema, { locked: false, check: false }),
  /** The language of the host's question bank: the room's tasks are in it (English when not said). */
  language: v.optional(v.picklist(BANK_LANGUAGES)),
  /** Who opened it, as the server's door counts addresses (set by the server, whatever a client sends). */
  creator: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** Re-opening: the room's code and the host's secret from before. */
  code: v.optional(roomCode),
  token: v.optional(roomToken),
  /**
   * The trainer packs whose companies the workshop plays, as the host checked them. Any data
   * here: the server checks each again as a pack (src/core/roomPacks.ts) and says what is wrong.
   */
  packs: v.optional(v.array(v.unknown())),
  /** Re-opening: the seats and what the room sees, from the host's saved workshop. */
  restore: v.optional(
    v.object({
      players: v.pipe(v.array(seatedPlayer), v.maxLength(MAX_PLAYERS)),
      phase: roomPhaseSchema,
      votes: v.pipe(
        v.array(
          v.object({
            id: seatId,
            role,
            left,
            split: v.optional(v.nullable(splitOption), null),
            confidence: v.optional(v.nullable(confidence), null),
          }),
        ),
        v.maxLength(MAX_PLAYERS),
      ),
    }),
  ),
});
export type CreateOptions = v.InferOutput<typeof createOptionsSchema>;

/** Joining a room that exists: the host with its secret, or a phone with its key. */
export const joinOptionsSchema = v.variant('as', [
  v.object({ as: v.literal('host'), token: roomToken }),
  v.object({
    as: v.literal('phone'),
    key: roomToken,
    name: v.optional(name, ''),
    team: v.optional(team, -1),
    /** The symbols on the big screen, as tapped, when the room asks for them. */
    check: v.optional(v.pipe(v.string(), v.maxLength(CHECK_LENGTH * 2))),
  }),
]);
export type JoinOptions = v.InferOutput<typeof joinOptionsSchema>;

/**
 * The split's own few seconds: a phone that answered Both in time on a shared task may still
 * choose who does which part for this long after answers close, while the room is on that task.
 */
export const SPLIT_GRACE_SECONDS = 10;

/** The most phones' standings in one message. */
export const STANDINGS_PART = 100;
/**
 * The most a part of the standings weighs, as JSON: well under the server's 16 KB message
 * limit, so rows that carry result links (at the end) go in smaller parts.
 */
export const STANDINGS_PART_BYTES = 12 * 1024;
/**
 * The longest result link a phone is sent (the fragment after `#`): a phone's answers to a
 * long workshop with five trainer packs named fit; a longer one is not sent.
 */
export const MAX_PHONE_LINK = 4000;
/** A result link as the share codec writes it (`r=` and base64url), short enough to send. */
const phoneLink = v.pipe(v.string(), v.maxLength(MAX_PHONE_LINK), v.regex(/^r=[\w-]+$/));

/**
 * Standings rows in parts for the server: at most STANDINGS_PART rows and about
 * STANDINGS_PART_BYTES a part; always one part, even with no rows (it carries the totals).
 */
export function standingsParts<Row>(rows: readonly Row[]): Row[][] {
  const parts: Row[][] = [[]];
  let bytes = 0;
  for (const row of rows) {
    const size = JSON.stringify(row).length + 1;
    const part = parts.at(-1)!;
    if (part.length && (part.length >= STANDINGS_PART || bytes + size > STANDINGS_PART_BYTES)) {
      parts.push([row]);
      bytes = size;
    } else {
      part.push(row);
      bytes += size;
    }
  }
  return parts;
}

/** Messages the host sends. */
export const hostMessages = {
  phase: roomPhaseSchema,
  /**
   * Phones' standings, sent at the scoreboard and the end, a part at a time (at most
   * STANDINGS_PART rows a message, so a room of 500 fits the message limit).
   */
  standings: v.object({
    rows: v.pipe(
      v.array(
        v.object({
          id: seatId,
          rank: smallCount,
          points: smallCount,
          team: v.optional(v.object({ name: teamName, rank: smallCount, points: smallCount })),
          /** At the end: the phone's own result link (sent on to that phone alone). */
          link: v.optional(phoneLink),
        }),
      ),
      v.maxLength(STANDINGS_PART),
    ),
    players: smallCount,
    max: smallCount,
  }),
  remove: v.object({ id: seatId }),
  door: doorSchema,
};

/** Messages a phone sends. */
export const phoneMessages = {
  /** A role; with how sure the phone is, when the room asks (a later answer may add it). */
  answer: v.object({ role, confidence: v.optional(confidence) }),
  /** On a shared task answered Both: who does which part (not scored; the reveal shows the right one). */
  split: v.object({ option: splitOption }),
};

/** A room as a phone sees it before joining: which teams it can join. */
export const roomInfoSchema = v.object({
  code: roomCode,
  phones: roomSettingsSchema.entries.phones,
  teams: v.pipe(v.array(teamName), v.maxLength(MAX_TEAMS)),
  /** No new phones are let in. */
  locked: v.optional(v.boolean(), false),
  /** A new phone taps the symbols on the big screen to get in. */
  check: v.optional(v.boolean(), false),
});
export type RoomInfo = v.InferOutput<typeof roomInfoSchema>;

/**
 * What the server tells a phone. What every phone sees of a step (`phase`) is one message
 * for all, encoded once; what is a phone's own (`mine`: its answer, `standing`) comes apart.
 */
export const toPhone = {
  seat: v.object({ id: seatId, name: teamName, team, teams: v.array(teamName), phones: roomInfoSchema.entries.phones }),
  phase: v.object({
    phase: v.picklist(['lobby', 'intro', 'question', 'spread', 'talk', 'reveal', 'scoreboard', 'final']),
    /** Which vote of which task this is, counted in the room: a phone's answer belongs to one. */
    ask: smallCount,
    /** The second vote of a task voted twice. */
    again: v.optional(v.boolean()),
    /** Whether the room asks how sure the phone is, with its role. */
    sure: v.optional(v.boolean()),
    /** Between the votes: what the room talks over. */
    talk: v.optional(v.object({ question: v.string() })),
    company: v.optional(v.string()),
    card: v.optional(v.object({ task: v.string(), number: smallCount, of: smallCount })),
    /** When answers close, on the server's clock (epoch ms); null with no running timer. */
    deadline: v.nullable(v.number()),
    /** The server's clock when it sent this, so a phone can count down on its own clock. */
    now: v.number(),
    open: v.boolean(),
    /**
     * Until when a phone that answered Both in time may choose its split (server clock, epoch
     * ms): answers' close plus SPLIT_GRACE_SECONDS. Absent outside a question, and while
     * answers are open with no timer (the split is open as long as they are).
     */
    splitUntil: v.optional(v.number()),
    /**
     * At the reveal: the right role, the takeaway, on a shared task the right split and its
     * place, and with teams each team's answer (by team number), so each phone says whether its team scored.
     */
    reveal: v.optional(
      v.object({
        key: role,
        takeaway: v.string(),
        split: v.optional(v.object({ text: v.string(), option: splitOption })),
        teams: v.optional(v.pipe(v.array(teamAnswer), v.maxLength(MAX_TEAMS))),
      }),
    ),
  }),
  /** This phone's answer to task `ask`: the acknowledgement of each answer, and again after a reconnection. */
  mine: v.object({
    ask: smallCount,
    answer: v.nullable(role),
    confidence: v.optional(v.nullable(confidence)),
    split: v.nullable(splitOption),
    /** On a shared task answered Both: the splits of the work to choose from. */
    splits: v.optional(v.array(v.string())),
  }),
  standing: v.object({
    rank: smallCount,
    points: smallCount,
    players: smallCount,
    max: smallCount,
    team: v.optional(v.object({ name: teamName, rank: smallCount, points: smallCount })),
    /** At the end: this phone's own result link (the fragment after `#`), made by the host from its answers. */
    link: v.optional(phoneLink),
  }),
  refused: refusalSchema,
};
export type PhasePart = v.InferOutput<typeof toPhone.phase>;
export type MinePart = v.InferOutput<typeof toPhone.mine>;
export type StandingPart = v.InferOutput<typeof toPhone.standing>;

/** What the server tells the host. */
export const toHost = {
  opened: v.object({ code: roomCode, token: roomToken }),
  /** The door as the server keeps it, with the symbols to show while the room asks for them. */
  door: v.object({ locked: v.boolean(), check: v.nullable(doorCheck) }),
  player: v.object({ id: seatId, name: teamName, team, connected: v.boolean() }),
  votes: v.object({
    votes: v.array(
      v.object({
        id: seatId,
        cardId,
        role,
        left,
        split: v.optional(v.nullable(splitOption), null),
        confidence: v.optional(v.nullable(confidence), null),
      }),
    ),
  }),
};

/**
 * The door check's symbols, by their digit: a shape and a colour each, so neither alone must be
 * told apart (red triangle, blue diamond, yellow circle, green square, purple star, orange
 * cross; their names in words are `doorSymbolName` in `words.ts`).
 */
export const DOOR_SYMBOLS = ['triangle', 'diamond', 'circle', 'square', 'star', 'cross'] as const;
export type DoorShape = (typeof DOOR_SYMBOLS)[number];
