import { correctSplit } from '../core/scoring.ts';
import { teamVote, type Vote } from '../core/workshop.ts';
import { MAX_PLAYERS, MAX_NAME } from '../core/limits.ts';
import { createHash, timingSafeEqual } from 'node:crypto';
import { CloseCode, matchMaker, Room, type Client } from '@colyseus/core';
import unhomoglyph from 'unhomoglyph';
import * as v from 'valibot';
import { bankWithPacks, type IndexedBank } from '../core/bank.ts';
import type { BankLanguage } from '../core/bankLanguages.ts';
import { ROLES, type Role } from '../core/schema.ts';
import type { Confidence } from '../core/scoring.ts';

import { checkRoomPacks } from '../core/pack.ts';
import {
  CLOSE_REMOVED,
  CLOSE_REPLACED,
  createOptionsSchema,
  hostMessages,
  joinOptionsSchema,
  newDoorCheck,
  newRoomCode,
  newSecret,
  phoneMessages,
  SPLIT_GRACE_SECONDS,
  type DoorSettings,
  type MinePart,
  type PhasePart,
  type RoomInfo,
  type RoomPhase,
  type RoomSettings,
  type StandingPart,
  type TeamAnswer,
} from '../room/protocol.ts';

import { cleanName } from '../core/names.ts';
import { KEEP_CODE_MS, secretHash, type CodeBook } from './codes.ts';
import { refusalError, refuse, type LineRefusal } from './refusals.ts';

/** A phone's seat: kept while the room lives, whether or not the phone is connected. */
interface Seat {
  id: string;
  name: string;
  /** The name folded for telling look-alikes apart ("Ann" and "Аnn", with a Cyrillic А, are one). */
  lookalike: string;
  team: number;
  removed: boolean;
  /** The connection on this seat now; null while the phone is away. */
  session: string | null;
}

interface Answer {
  role: Role;
  left: number | null;
  split: number | null;
  confidence: Confidence | null;
}

/** An answer as the room keeps it: with its place in the order of arrival, which breaks a team's ties. */
interface Kept extends Answer {
  order: number;
}

/** The seat for a phone's key: a hash, so the seat id can be shown without giving the key away. */
export function seatOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

/** A name as the duplicate check sees it: case, accents' forms and look-alike letters folded (Unicode's confusables). */
export function lookalikeKey(name: string): string {
  return unhomoglyph(unhomoglyph(name.normalize('NFD')).normalize('NFD').toLowerCase());
}

/**
 * A message handler that checks its payload first. The engine's own `validate` closes the
 * connection (4002, "with error") on a bad payload; a refusal tells the sender what went wrong
 * and keeps it in the room.
 */
function checked<S extends v.GenericSchema>(schema: S, handler: (client: Client, message: v.InferOutput<S>) => void) {
  return (client: Client, message: unknown) => {
    const parsed = v.safeParse(schema, message);
    if (!parsed.success) return refuse(client, { reason: 'unchecked' });
    handler(client, parsed.output);
  };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** How long things last in a room, unless the server is started with other times. */
export const ROOM_TIMES = {
  /** How long a room with nobody connected stays open. */
  emptyRoomMs: 15 * 60 * 1000,
  /** How long a new room waits for its host to connect. */
  hostGraceMs: 30_000,
  /** How long a dropped phone may take its seat back with its reconnection token. */
  reconnectSeconds: 60,
  /** How long a seat reserved by the matchmaker waits for its phone's socket. */
  reservationSeconds: 8,
  /** How long phones' answers gather before the host is sent them together. */
  voteBatchMs: 50,
  /** How long a phone that answered Both in time may still choose its split after answers close. */
  splitGraceMs: SPLIT_GRACE_SECONDS * 1000,
};

/**
 * Settings the room server is started with: the question bank in each language it has (a
 * room plays its host's), who owns which code, and the times above.
 */
export const roomConfig: typeof ROOM_TIMES & {
  banks: Partial<Record<BankLanguage, IndexedBank>>;
  codes: CodeBook | null;
} = {
  ...ROOM_TIMES,
  banks: {},
  codes: null,
};

/** Wrong door checks a room takes before it draws new symbols (the projector shows them at once). */
const WRONG_CHECKS = 20;

/**
 * One workshop's room. The server is the authority on what a phone may do: a phone answers
 * only for its own seat (the seat comes from its connection, never from a message), only while
 * answers are open and before the deadline on the server's clock; it may change its answer until
 * then. Only the host, who proves itself with the secret issued when the room opened, can move
 * the room on, reveal, remove a phone or keep the door. The flow itself (which task, when to
 * reveal) is the host's workshop machine's: the host sends what the room sees and the server
 * follows.
 *
 * The hot path sends as little as it can: an answer is acknowledged to its phone alone
 * (`mine`), and the host gets the room's answers gathered every `voteBatchMs`; what every phone
 * sees of a step is encoded once and sent to all.
 */
export class WorkshopRoom extends Room {
  // The engine counts seats it has reserved but not yet seen connect towards this; the room's
  // own cap is on seats (`admission`), so reservations that never connect cannot fill it.
  override maxClients = MAX_PLAYERS * 4;
  override maxMessagesPerSecond = 20;
  override autoDispose = false;

  #settings!: RoomSettings;
  /** What a look-up tells a phone (and, for the server's door, who opened the room). */
  #info!: RoomInfo & { creator?: string };
  /** The shared bank, or one of the room's own with the packs its host sent. */
  #bank: IndexedBank | null = null;
  #token = '';
  #creatorPending = true;
  #host: string | null = null;
  #hostSeen = false;
  readonly #seats = new Map<string, Seat>();
  /** Every seated name, folded as the duplicate check sees it, and the next number to try after each. */
  readonly #lookalikes = new Set<string>();
  readonly #nextNumber = new Map<string, number>();
  readonly #bySession = new Map<string, string>();
  #door: DoorSettings = { locked: false, check: false };
  #check = newDoorCheck();
  #wrongChecks = 0;
  #phase: RoomPhase = { phase: 'lobby' };
  /** Votes asked so far (a task voted twice is asked twice): a phone's answer names the one it answers. */
  #ask = 0;
  #asked: string | undefined;
  /** When answers close on this server's clock; null with no running timer. */
  #deadline: number | null = null;
  /** When answers to the task asked now closed (server clock): the split's grace runs from it. Null while they are open. */
  #closedAt: number | null = null;
  #answers = new Map<string, Kept>();
  /** Answers (or changes of role) taken on the task asked now: the next one's place. */
  #arrivals = 0;
  /** Answers not yet sent to the host. */
  #unsent: Array<Answer & { id: string; cardId: string }> = [];
  #flush: ReturnType<typeof setTimeout> | undefined;
  readonly #standings = new Map<string, Omit<StandingPart, 'players' | 'max'>>();
  #standingTotals = { players: 0, max: 0 };
  #emptySince = Date.now();

  override messages = {
    /** A client says it is listening: it gets everything it needs to show the room now. */
    hello: (client: Client) => this.#welcome(client),
    answer: checked(phoneMessages.answer, (client, message) => this.#answer(client, message.role, message.confidence)),
    split: checked(phoneMessages.split, (client, message) => this.#split(client, message.option)),
    phase: checked(hostMessages.phase, (client, message) => this.#asHost(client, () => this.#setPhase(message))),
    standings: checked(hostMessages.standings, (client, message) =>
      this.#asHost(client, () => this.#setStandings(message)),
    ),
    remove: checked(hostMessages.remove, (client, message) => this.#asHost(client, () => this.#remove(message.id))),
    door: checked(hostMessages.door, (client, message) => this.#asHost(client, () => this.#keepDoor(message))),
    /** Any other type: without this the engine closes the connection with an error. */
    _: (client: Client) => refuse(client, { reason: 'unknown-message' }),
  };

  override async onCreate(options: unknown) {
    const parsed = v.safeParse(createOptionsSchema, options);
    if (!parsed.success) throw new Error(refusalError({ reason: 'settings' }));
    const { settings, code, token, restore, packs = [], door, creator, language = 'en' } = parsed.output;
    const shared = roomConfig.banks[language] ?? roomConfig.banks.en ?? null;
    if (packs.length && shared) {
      const parts = checkRoomPacks(packs, shared.sources);
      if (!parts.ok) throw new Error(refusalError({ reason: 'packs', problem: parts.error }));
      this.#bank = bankWithPacks(shared, parts.value);
    } else this.#bank = shared;
    this.#settings = settings;
    this.#door = door;
    this.seatReservationTimeout = roomConfig.reservationSeconds;
    // A code asked for is a room opened again: only with its owner's secret.
    const again = code !== undefined || token !== undefined;
    this.#token = again ? (token ?? '') : newSecret();
    this.roomId = again ? await this.#reclaim(code ?? '', this.#token) : await this.#freeCode();
    await roomConfig.codes?.keep(this.roomId, secretHash(this.#token), KEEP_CODE_MS);
    this.#info = {
      code: this.roomId,
      phones: settings.phones,
      teams: settings.teams,
      locked: door.locked,
      check: door.check,
      ...(creator ? { creator } : {}),
    };
    await this.setMetadata(this.#info);
    // Found by its code alone: never by the engine's "join any room" matchmaking.
    await this.setPrivate(true);
    if (restore) {
      for (const player of restore.players)
        this.#seat({
          ...player,
          lookalike: lookalikeKey(player.name),
          team: this.#validTeam(player.team),
          session: null,
        });
      this.#setPhase(restore.phase);
      // The host lists them in their order of arrival.
      for (const { id, ...vote } of restore.votes)
        if (this.#seats.has(id)) this.#answers.set(id, { ...vote, order: this.#arrivals++ });
    }
    this.clock.setInterval(() => this.#closeIfEmpty(), Math.min(5_000, roomConfig.emptyRoomMs));
    // A room its host never comes to is someone's flood, or a tab closed at once: it goes.
    this.clock.setTimeout(() => this.#hostSeen || void this.disconnect(), roomConfig.hostGraceMs);
  }

  /**
   * Whether a caller may take a seat (or the host's place), asked by the matchmaker before it
   * reserves one, and again when the socket opens: the refusal, or null.
   */
  admission(options: unknown): LineRefusal | null {
    const parsed = v.safeParse(joinOptionsSchema, options);
    if (!parsed.success) return { reason: 'join-details' };
    const join = parsed.output;
    if (join.as === 'host') return sameSecret(join.token, this.#token) ? null : { reason: 'not-host' };
    const seat = this.#seats.get(seatOf(join.key));
    if (seat) return seat.removed ? { reason: 'removed' } : null;
    if (this.#door.locked) return { reason: 'locked' };
    if (this.#seats.size >= MAX_PLAYERS) return { reason: 'full', limit: MAX_PLAYERS };
    if (this.#door.check && !sameSecret(join.check ?? '', this.#check)) {
      if (++this.#wrongChecks >= WRONG_CHECKS) this.#newCheck();
      return { reason: 'symbols' };
    }
    return null;
  }

  override onAuth(_client: Client, options: unknown) {
    if (this.#creatorPending && v.is(createOptionsSchema, options)) {
      this.#creatorPending = false;
      return { as: 'host' as const };
    }
    const refusal = this.admission(options);
    if (refusal) throw new Error(refusalError(refusal));
    return v.parse(joinOptionsSchema, options);
  }

  override onJoin(client: Client, _options: unknown, auth: v.InferOutput<typeof joinOptionsSchema> | { as: 'host' }) {
    if (auth.as === 'host') {
      if (this.#host) this.clients.getById(this.#host)?.leave(CLOSE_REPLACED);
      this.#host = client.sessionId;
      this.#hostSeen = true;
      // The code stays this host's for a day after it was last here.
      void roomConfig.codes?.keep(this.roomId, secretHash(this.#token), KEEP_CODE_MS);
      return;
    }
    const id = seatOf(auth.key);
    let seat = this.#seats.get(id);
    if (seat?.session) {
      this.#bySession.delete(seat.session);
      this.clients.getById(seat.session)?.leave(CLOSE_REPLACED);
    }
    if (!seat) {
      const name = this.#uniqueName(auth.name);
      seat = { id, name, lookalike: lookalikeKey(name), team: this.#teamFor(auth.team), removed: false, session: null };
      this.#seat(seat);
    }
    seat.session = client.sessionId;
    this.#bySession.set(client.sessionId, id);
    this.#tellHost(seat);
  }

  #welcome(client: Client) {
    if (client.sessionId === this.#host) {
      client.send('opened', { code: this.roomId, token: this.#token });
      this.#tellHostDoor();
      for (const seat of this.#seats.values()) this.#tellHost(seat);
      const cardId = this.#cardId();
      const votes = [...this.#answers].map(([id, { order: _order, ...answer }]) => ({ id, cardId, ...answer }));
      if (cardId && votes.length) client.send('votes', { votes });
      return;
    }
    const seat = this.#seatOf(client);
    if (!seat) return;
    const { id, name, team } = seat;
    client.send('seat', { id, name, team, teams: this.#settings.teams, phones: this.#settings.phones });
    this.#sendOwn(client, seat);
  }

  /** Everything of the room that is this phone's own, after it (re)connects: the step, its answer, its standing. */
  #sendOwn(client: Client, seat: Seat) {
    client.send('phase', this.#shared());
    client.send('mine', this.#mine(seat));
    const standing = this.#standings.get(seat.id);
    if (standing && this.#showsStandings()) client.send('standing', { ...standing, ...this.#standingTotals });
  }

  /**
   * A dropped connection may come back with its reconnection token, unless the host removed the
   * phone, another device took its seat (or the host's place), or the engine closed it for
   * misbehaving. Not awaited: the engine keeps the socket open until onDrop settles.
   */
  override onDrop(client: Client, code?: number) {
    const seat = this.#seatOf(client);
    const holds =
      client.sessionId === this.#host || (seat !== undefined && !seat.removed && seat.session === client.sessionId);
    this.#connection(client, false);
    if (!holds || code === CloseCode.WITH_ERROR) return;
    this.allowReconnection(client, roomConfig.reconnectSeconds).catch(() => undefined);
  }

  override onReconnect(client: Client) {
    const seat = this.#seatOf(client);
    if (!seat) return;
    // Another device joined with this phone's key while it was away: that one keeps the seat.
    if (seat.removed || (seat.session !== null && seat.session !== client.sessionId))
      return client.leave(CLOSE_REPLACED);
    this.#connection(client, true);
    this.#sendOwn(client, seat);
  }

  override onLeave(client: Client, code?: number) {
    this.#connection(client, false);
    this.#bySession.delete(client.sessionId);
    if (this.#host !== client.sessionId) return;
    this.#host = null;
    // The facilitator closed the room (back to setup, a new workshop): it goes now, not in 15 minutes.
    if (code === CloseCode.CONSENTED) void this.disconnect();
  }

  override onDispose() {
    clearTimeout(this.#flush);
  }

  /** The server is going down: answers not yet passed on reach the host first, so the room it opens again has them. */
  override onBeforeShutdown() {
    this.#flushVotes();
    return super.onBeforeShutdown();
  }

  override onUncaughtException(error: unknown, method: string) {
    console.error(`Room ${this.roomId}: ${method} failed`, error);
  }

  /** A code its owner opens again (after a restart): only with the secret the code book has for it, and never twice. */
  async #reclaim(code: string, token: string): Promise<string> {
    const owner = await roomConfig.codes?.owner(code);
    if (!owner || !sameSecret(owner, secretHash(token))) throw new Error(refusalError({ reason: 'code-taken' }));
    if ((await matchMaker.query({ roomId: code })).length > 0) throw new Error(refusalError({ reason: 'code-taken' }));
    return code;
  }

  /** A code no room has now and nobody owns. */
  async #freeCode(): Promise<string> {
    for (;;) {
      const code = newRoomCode();
      if ((await matchMaker.query({ roomId: code })).length === 0 && !(await roomConfig.codes?.owner(code)))
        return code;
    }
  }

  #asHost(client: Client, run: () => void) {
    if (client.sessionId !== this.#host) return refuse(client, { reason: 'host-only' });
    run();
  }

  #seatOf(client: Client): Seat | undefined {
    const id = this.#bySession.get(client.sessionId);
    return id ? this.#seats.get(id) : undefined;
  }

  #cardId(): string | undefined {
    return 'cardId' in this.#phase ? this.#phase.cardId : undefined;
  }

  /** The task and vote whose answers the room holds: a new one clears them. */
  #askedFor(phase: RoomPhase): string | undefined {
    return phase.phase === 'question' ? `${phase.cardId}#${phase.vote}` : undefined;
  }

  #validTeam(team: number): number {
    const named = this.#settings.phones === 'teams';
    return named ? Math.min(Math.max(team, 0), this.#settings.teams.length - 1) : -1;
  }

  /** A team the phone chose, or else the team with fewest phones (solo phones have none). */
  #teamFor(chosen: number): number {
    if (this.#settings.phones !== 'teams') return -1;
    if (chosen >= 0 && chosen < this.#settings.teams.length) return chosen;
    const sizes = this.#settings.teams.map(() => 0);
    for (const seat of this.#seats.values()) if (seat.team >= 0) sizes[seat.team]!++;
    return sizes.indexOf(Math.min(...sizes));
  }

  /**
   * The name a phone asked for, cleaned, with a number after it when a seated name looks the
   * same. Each look-alike base remembers the next number to try, so a room where every phone
   * is called "Phone" costs no more to seat than one with 500 names.
   */
  #uniqueName(wanted: string): string {
    const base = cleanName(wanted).slice(0, MAX_NAME).trim() || `Player ${this.#seats.size + 1}`;
    const key = lookalikeKey(base);
    let name = base;
    for (let n = this.#nextNumber.get(key) ?? 2; this.#lookalikes.has(lookalikeKey(name)); n++) {
      name = `${base} ${n}`;
      this.#nextNumber.set(key, n + 1);
    }
    return name;
  }

  #seat(seat: Seat) {
    this.#seats.set(seat.id, seat);
    this.#lookalikes.add(seat.lookalike);
  }

  #keepDoor(door: DoorSettings) {
    if (door.check && !this.#door.check) this.#newCheck();
    this.#door = door;
    this.#info = { ...this.#info, locked: door.locked, check: door.check };
    void this.setMetadata(this.#info);
    this.#tellHostDoor();
  }

  #newCheck() {
    this.#check = newDoorCheck();
    this.#wrongChecks = 0;
    this.#tellHostDoor();
  }

  #tellHostDoor() {
    const check = this.#door.check ? this.#check : null;
    this.clients.getById(this.#host ?? '')?.send('door', { locked: this.#door.locked, check });
  }

  #connection(client: Client, connected: boolean) {
    if (client.sessionId === this.#host) return;
    const seat = this.#seatOf(client);
    if (!seat) return;
    // Only the connection holding the seat changes it: a replaced one leaving must not empty it.
    if (connected ? seat.session !== null && seat.session !== client.sessionId : seat.session !== client.sessionId)
      return;
    seat.session = connected ? client.sessionId : null;
    this.#tellHost(seat);
  }

  #tellHost(seat: Seat) {
    if (!this.#host || seat.removed) return;
    const { id, name, team } = seat;
    this.clients.getById(this.#host)?.send('player', { id, name, team, connected: seat.session !== null });
  }

  /** Whether the room takes answers at `now` (server clock): a task is asked, open, and its deadline not passed. */
  #answersOpen(now: number): boolean {
    const phase = this.#phase;
    return phase.phase === 'question' && phase.open && (this.#deadline === null || now < this.#deadline);
  }

  /** Until when a split is taken (server clock): the split's grace after answers close; null while open with no timer. */
  #splitUntil(): number | null {
    if (this.#phase.phase !== 'question') return null;
    const closed = this.#closedAt ?? this.#deadline;
    return closed === null ? null : closed + roomConfig.splitGraceMs;
  }

  /** Whether the room takes a split at `now`: answers are open, or the split's grace has not run out. */
  #splitOpen(now: number): boolean {
    if (this.#answersOpen(now)) return true;
    const until = this.#splitUntil();
    return until !== null && now < until;
  }

  /** The phone's seat and the open task, or a refusal sent to the phone. */
  #openTask(client: Client): { seat: Seat; cardId: string; now: number } | undefined {
    const seat = this.#seatOf(client);
    const now = Date.now();
    const phase = this.#phase;
    if (!seat || seat.removed) return void refuse(client, { reason: 'no-seat' });
    if (phase.phase !== 'question' || !this.#answersOpen(now)) return void refuse(client, { reason: 'answers-closed' });
    return { seat, cardId: phase.cardId, now };
  }

  #answer(client: Client, role: Role, confidence: Confidence | undefined) {
    const task = this.#openTask(client);
    if (!task) return;
    const before = this.#answers.get(task.seat.id);
    // The same role again keeps the time it was first given, as the host counts it.
    const left = before?.role === role ? before.left : this.#deadline === null ? null : this.#deadline - task.now;
    // How sure is asked of the first vote of a task voted twice; the same role again may add it.
    const sure = this.#phase.phase === 'question' && this.#phase.sure ? (confidence ?? null) : null;
    this.#record(client, task, {
      role,
      left,
      // The same role again keeps its place in the team's tie-break; another role goes to the back.
      order: before?.role === role ? before.order : this.#arrivals++,
      split: role === 'both' ? (before?.split ?? null) : null,
      confidence: sure ?? (before?.role === role ? before.confidence : null),
    });
  }

  /**
   * A split: while answers are open, or in the split's grace after they close (the room still on
   * that vote of that task), and only over an answer of Both the server took in time.
   */
  #split(client: Client, option: number) {
    const seat = this.#seatOf(client);
    const now = Date.now();
    const phase = this.#phase;
    if (!seat || seat.removed) return refuse(client, { reason: 'no-seat' });
    if (phase.phase !== 'question' || !this.#splitOpen(now)) return refuse(client, { reason: 'split-over' });
    const task = { seat, cardId: phase.cardId, now };
    const card = this.#bank?.cards.get(task.cardId)?.card;
    const answer = this.#answers.get(task.seat.id);
    if (card?.key !== 'both' || answer?.role !== 'both' || option >= card.overlap.options.length)
      return refuse(client, { reason: 'both-first' });
    this.#record(client, task, { ...answer, split: option });
  }

  #record(client: Client, task: { seat: Seat; cardId: string }, kept: Kept) {
    this.#answers.set(task.seat.id, kept);
    client.send('mine', this.#mine(task.seat));
    const { order: _order, ...answer } = kept;
    this.#unsent.push({ id: task.seat.id, cardId: task.cardId, ...answer });
    // A timer of its own: the room's clock only moves at its patch ticks, which would add up to one more tick.
    this.#flush ??= setTimeout(() => this.#flushVotes(), roomConfig.voteBatchMs);
  }

  /** Sends the host the answers gathered since the last time, each seat's latest only. */
  #flushVotes() {
    clearTimeout(this.#flush);
    this.#flush = undefined;
    if (!this.#unsent.length) return;
    const latest = new Map(this.#unsent.map((vote) => [vote.id, vote]));
    this.#unsent = [];
    this.clients.getById(this.#host ?? '')?.send('votes', { votes: [...latest.values()] });
  }

  #setPhase(phase: RoomPhase) {
    const bank = this.#bank;
    if ('cardId' in phase && !bank?.cards.has(phase.cardId)) return;
    // Answers already taken reach the host before the room moves on.
    this.#flushVotes();
    const now = Date.now();
    const asked = this.#askedFor(phase);
    if (asked && asked !== this.#asked) {
      this.#answers = new Map();
      this.#arrivals = 0;
      this.#ask++;
      this.#asked = asked;
      this.#closedAt = null;
    }
    // Answers closed: at the deadline if it passed first, else now. Opened again (more time): no grace yet.
    if (phase.phase === 'question')
      this.#closedAt = phase.open ? null : (this.#closedAt ?? Math.min(now, this.#deadline ?? now));
    this.#phase = phase;
    const timed = (phase.phase === 'question' && phase.open) || phase.phase === 'talk';
    this.#deadline = timed && phase.left !== null ? now + phase.left : null;
    if (phase.phase === 'intro' || phase.phase === 'question') this.#standings.clear();
    const host = this.clients.getById(this.#host ?? '');
    this.broadcast('phase', this.#shared(), host ? { except: host } : {});
  }

  #setStandings(message: v.InferOutput<typeof hostMessages.standings>) {
    this.#standingTotals = { players: message.players, max: message.max };
    const show = this.#showsStandings();
    for (const { id, ...row } of message.rows) {
      this.#standings.set(id, row);
      const seat = this.#seats.get(id);
      if (show && seat?.session && !seat.removed)
        this.clients.getById(seat.session)?.send('standing', { ...row, ...this.#standingTotals });
    }
  }

  #showsStandings(): boolean {
    return this.#phase.phase === 'scoreboard' || this.#phase.phase === 'final';
  }

  #remove(id: string) {
    const seat = this.#seats.get(id);
    if (!seat) return;
    seat.removed = true;
    this.#answers.delete(id);
    if (seat.session) this.clients.getById(seat.session)?.leave(CLOSE_REMOVED);
  }

  /** What every phone sees of the room now: the same for all, so it is encoded once. */
  #shared(): PhasePart {
    const phase = this.#phase;
    const now = Date.now();
    const found = 'cardId' in phase ? this.#bank?.cards.get(phase.cardId) : undefined;
    const shared: PhasePart = {
      phase: phase.phase,
      ask: this.#ask,
      deadline: this.#deadline,
      now,
      open: this.#answersOpen(now),
    };
    if (phase.phase === 'intro') shared.company = phase.company;
    if (phase.phase === 'question' && phase.vote === 2) shared.again = true;
    if (phase.phase === 'question' && phase.sure) shared.sure = true;
    const splitUntil = this.#splitUntil();
    if (splitUntil !== null) shared.splitUntil = splitUntil;
    if (phase.phase === 'talk') shared.talk = { question: phase.question };
    if (found) {
      shared.company = found.scenario.title;
      const { card } = found;
      shared.card =
        phase.phase === 'question'
          ? { task: card.task, number: phase.number, of: phase.of }
          : { task: card.task, number: 0, of: 0 };
      if (phase.phase === 'reveal') {
        const option = card.key === 'both' ? correctSplit(card) : -1;
        shared.reveal = {
          key: card.key,
          takeaway: card.takeaway,
          ...(card.key === 'both' && option >= 0
            ? { split: { text: card.overlap.options[option]!.text, option } }
            : {}),
          ...(this.#settings.phones === 'teams' ? { teams: this.#teamAnswers() } : {}),
        };
      }
    }
    return shared;
  }

  /**
   * Each team's answer to the task asked, by the workshop's own rule (`teamVote`, as the host
   * decides it), from its seated phones' answers, with how many chose it and whether it was a tie.
   */
  #teamAnswers(): TeamAnswer[] {
    const votes: Vote[][] = this.#settings.teams.map(() => []);
    for (const seat of this.#seats.values()) {
      const answer = this.#answers.get(seat.id);
      if (answer && !seat.removed && seat.team >= 0) votes[seat.team]?.push(answer);
    }
    return votes.map((team) => {
      const decided = teamVote(team);
      if (!decided) return { role: null, votes: 0, answered: 0, tie: false };
      const count = (role: Role) => team.filter((vote) => vote.role === role).length;
      const top = count(decided.role);
      return {
        role: decided.role,
        votes: top,
        answered: team.length,
        tie: ROLES.some((role) => role !== decided.role && count(role) === top),
      };
    });
  }

  /** This phone's answer to the task on screen; on a shared task answered Both, the splits to choose from. */
  #mine(seat: Seat): MinePart {
    const answer = this.#answers.get(seat.id);
    const found = this.#phase.phase === 'question' ? this.#bank?.cards.get(this.#phase.cardId) : undefined;
    const mine: MinePart = {
      ask: this.#ask,
      answer: answer?.role ?? null,
      split: answer?.split ?? null,
      ...(answer?.confidence ? { confidence: answer.confidence } : {}),
    };
    if (found?.card.key === 'both' && answer?.role === 'both')
      mine.splits = found.card.overlap.options.map((option) => option.text);
    return mine;
  }

  #closeIfEmpty() {
    if (this.clients.length > 0) this.#emptySince = Date.now();
    else if (Date.now() - this.#emptySince >= roomConfig.emptyRoomMs) void this.disconnect();
  }
}
