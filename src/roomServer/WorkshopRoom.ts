import { createHash, timingSafeEqual } from 'node:crypto';
import { CloseCode, matchMaker, Room, type Client } from '@colyseus/core';
import * as v from 'valibot';
import { bankWithPacks, type IndexedBank } from '../game/bank.ts';
import { isRoleCorrect } from '../game/scoring.ts';
import type { Role } from '../game/schema.ts';
import { MAX_PLAYERS } from '../game/workshop.ts';
import { checkRoomPacks } from '../packs/pack.ts';
import {
  CLOSE_REMOVED,
  CLOSE_REPLACED,
  createOptionsSchema,
  hostMessages,
  joinOptionsSchema,
  newRoomCode,
  newSecret,
  phoneMessages,
  type PhoneView,
  type RoomInfo,
  type RoomPhase,
  type RoomSettings,
} from '../room/protocol.ts';
import { cleanName } from '../share/names.ts';

/** A phone's seat: kept while the room lives, whether or not the phone is connected. */
interface Seat {
  id: string;
  name: string;
  team: number;
  removed: boolean;
  /** The connection on this seat now; null while the phone is away. */
  session: string | null;
}

interface Standing {
  rank: number;
  points: number;
  team?: { name: string; rank: number; points: number };
}

/** The seat for a phone's key: a hash, so the seat id can be shown without giving the key away. */
export function seatOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

/**
 * A message handler that checks its payload first. The engine's own `validate` closes the
 * connection (4002, "with error") on a bad payload; a refusal tells the sender what went wrong
 * and keeps it in the room.
 */
function checked<S extends v.GenericSchema>(schema: S, handler: (client: Client, message: v.InferOutput<S>) => void) {
  return (client: Client, message: unknown) => {
    const parsed = v.safeParse(schema, message);
    if (!parsed.success) return client.send('refused', { reason: 'That message does not check.' });
    handler(client, parsed.output);
  };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Settings the room server is started with (the question bank, how long an empty room lives). */
export const roomConfig: { bank: IndexedBank | null; emptyRoomMs: number; reconnectSeconds: number } = {
  bank: null,
  emptyRoomMs: 15 * 60 * 1000,
  reconnectSeconds: 60,
};

/**
 * One workshop's room. The server is the authority on what a phone may do: a phone answers
 * only for its own seat (the seat comes from its connection, never from a message), only while
 * answers are open and before the deadline on the server's clock; it may change its answer until
 * then. Only the host, who proves itself with the secret issued when the room opened, can move
 * the room on, reveal or remove a phone. The flow itself (which task, when to reveal) is the
 * host's workshop machine's: the host sends what the room sees and the server follows.
 */
export class WorkshopRoom extends Room {
  override maxClients = MAX_PLAYERS + 8;
  override maxMessagesPerSecond = 20;
  override autoDispose = false;

  #settings!: RoomSettings;
  /** The shared bank, or one of the room's own with the packs its host sent. */
  #bank: IndexedBank | null = null;
  #token = '';
  #creatorPending = true;
  #host: string | null = null;
  readonly #seats = new Map<string, Seat>();
  readonly #bySession = new Map<string, string>();
  #phase: RoomPhase = { phase: 'lobby' };
  /** When answers close on this server's clock; null with no running timer. */
  #deadline: number | null = null;
  #answers = new Map<string, { role: Role; left: number | null; split: number | null }>();
  readonly #standings = new Map<string, Standing>();
  #standingTotals = { players: 0, max: 0 };
  #emptySince = Date.now();

  override messages = {
    /** A client says it is listening: it gets everything it needs to show the room now. */
    hello: (client: Client) => this.#welcome(client),
    answer: checked(phoneMessages.answer, (client, message) => this.#answer(client, message.role)),
    split: checked(phoneMessages.split, (client, message) => this.#split(client, message.option)),
    phase: checked(hostMessages.phase, (client, message) => this.#asHost(client, () => this.#setPhase(message))),
    standings: checked(hostMessages.standings, (client, message) =>
      this.#asHost(client, () => this.#setStandings(message)),
    ),
    remove: checked(hostMessages.remove, (client, message) => this.#asHost(client, () => this.#remove(message.id))),
    /** Any other type: without this the engine closes the connection with an error. */
    _: (client: Client) => client.send('refused', { reason: 'The room does not know that message.' }),
  };

  override async onCreate(options: unknown) {
    const parsed = v.safeParse(createOptionsSchema, options);
    if (!parsed.success) throw new Error('The room could not open: its settings do not check.');
    const { settings, code, token, restore, packs = [] } = parsed.output;
    const shared = roomConfig.bank;
    if (packs.length && shared) {
      const parts = checkRoomPacks(packs, shared.sources);
      if (!parts.ok) throw new Error(`The room could not open: ${parts.error}.`);
      this.#bank = bankWithPacks(shared, parts.value);
    } else this.#bank = shared;
    this.#settings = settings;
    this.#token = token ?? newSecret();
    this.roomId = code ?? (await this.#freeCode());
    if (code && (await matchMaker.query({ roomId: code })).length > 0) throw new Error('That room code is in use.');
    const info: RoomInfo = { code: this.roomId, phones: settings.phones, teams: settings.teams };
    await this.setMetadata(info);
    if (restore) {
      for (const player of restore.players)
        this.#seats.set(player.id, { ...player, team: this.#validTeam(player.team), session: null });
      this.#setPhase(restore.phase);
      for (const { id, ...vote } of restore.votes) if (this.#seats.has(id)) this.#answers.set(id, vote);
    }
    this.clock.setInterval(() => this.#closeIfEmpty(), Math.min(5_000, roomConfig.emptyRoomMs));
  }

  override onAuth(_client: Client, options: unknown) {
    if (this.#creatorPending && v.is(createOptionsSchema, options)) {
      this.#creatorPending = false;
      return { as: 'host' as const };
    }
    const parsed = v.safeParse(joinOptionsSchema, options);
    if (!parsed.success) throw new Error('Those join details do not check.');
    const join = parsed.output;
    if (join.as === 'host') {
      if (!sameSecret(join.token, this.#token)) throw new Error('Only the facilitator can run this room.');
      return join;
    }
    const seat = this.#seats.get(seatOf(join.key));
    if (seat?.removed) throw new Error('The facilitator took this phone out of the room.');
    if (!seat && this.#seats.size >= MAX_PLAYERS) throw new Error('The room is full.');
    return join;
  }

  override onJoin(client: Client, _options: unknown, auth: v.InferOutput<typeof joinOptionsSchema> | { as: 'host' }) {
    if (auth.as === 'host') {
      if (this.#host) this.clients.getById(this.#host)?.leave(CLOSE_REPLACED);
      this.#host = client.sessionId;
      return;
    }
    const id = seatOf(auth.key);
    let seat = this.#seats.get(id);
    if (seat?.session) {
      this.#bySession.delete(seat.session);
      this.clients.getById(seat.session)?.leave(CLOSE_REPLACED);
    }
    if (!seat) {
      seat = { id, name: this.#uniqueName(auth.name), team: this.#teamFor(auth.team), removed: false, session: null };
      this.#seats.set(id, seat);
    }
    seat.session = client.sessionId;
    this.#bySession.set(client.sessionId, id);
    this.#tellHost(seat);
  }

  #welcome(client: Client) {
    if (client.sessionId === this.#host) {
      client.send('opened', { code: this.roomId, token: this.#token });
      for (const seat of this.#seats.values()) this.#tellHost(seat);
      const cardId = this.#cardId();
      const votes = [...this.#answers].map(([id, answer]) => ({ id, cardId, ...answer }));
      if (cardId && votes.length) client.send('votes', { votes });
      return;
    }
    const seat = this.#seatOf(client);
    if (!seat) return;
    const { id, name, team } = seat;
    client.send('seat', { id, name, team, teams: this.#settings.teams, phones: this.#settings.phones });
    client.send('view', this.#viewFor(seat));
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
    client.send('view', this.#viewFor(seat));
  }

  override onLeave(client: Client) {
    this.#connection(client, false);
    this.#bySession.delete(client.sessionId);
    if (this.#host === client.sessionId) this.#host = null;
  }

  override onUncaughtException(error: unknown, method: string) {
    console.error(`Room ${this.roomId}: ${method} failed`, error);
  }

  async #freeCode(): Promise<string> {
    for (;;) {
      const code = newRoomCode();
      if ((await matchMaker.query({ roomId: code })).length === 0) return code;
    }
  }

  #asHost(client: Client, run: () => void) {
    if (client.sessionId !== this.#host) return client.send('refused', { reason: 'Only the facilitator can do that.' });
    run();
  }

  #seatOf(client: Client): Seat | undefined {
    const id = this.#bySession.get(client.sessionId);
    return id ? this.#seats.get(id) : undefined;
  }

  #cardId(): string | undefined {
    return this.#phase.phase === 'question' || this.#phase.phase === 'reveal' ? this.#phase.cardId : undefined;
  }

  #validTeam(team: number): number {
    const named = this.#settings.phones === 'teams';
    return named ? Math.min(Math.max(team, 0), this.#settings.teams.length - 1) : -1;
  }

  /** A team the phone chose, or else the team with fewest phones (solo phones have none). */
  #teamFor(chosen: number): number {
    if (this.#settings.phones !== 'teams') return -1;
    if (chosen >= 0 && chosen < this.#settings.teams.length) return chosen;
    const sizes = this.#settings.teams.map(
      (_, team) => [...this.#seats.values()].filter((s) => s.team === team).length,
    );
    return sizes.indexOf(Math.min(...sizes));
  }

  #uniqueName(wanted: string): string {
    const base = cleanName(wanted).slice(0, 30) || `Player ${this.#seats.size + 1}`;
    const taken = new Set([...this.#seats.values()].map((seat) => seat.name.toLowerCase()));
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    return name;
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

  /** The phone's seat and the open task, or a refusal sent to the phone. */
  #openTask(client: Client): { seat: Seat; cardId: string; now: number } | undefined {
    const seat = this.#seatOf(client);
    const now = Date.now();
    const phase = this.#phase;
    if (!seat || seat.removed) return void client.send('refused', { reason: 'This phone has no seat in the room.' });
    if (phase.phase !== 'question' || !phase.open || (this.#deadline !== null && now >= this.#deadline))
      return void client.send('refused', { reason: 'Answers are closed.' });
    return { seat, cardId: phase.cardId, now };
  }

  #answer(client: Client, role: Role) {
    const task = this.#openTask(client);
    if (!task) return;
    const before = this.#answers.get(task.seat.id);
    const left = this.#deadline === null ? null : this.#deadline - task.now;
    this.#record(client, task, { role, left, split: role === 'both' ? (before?.split ?? null) : null });
  }

  #split(client: Client, option: number) {
    const task = this.#openTask(client);
    if (!task) return;
    const card = this.#bank?.cards.get(task.cardId)?.card;
    const answer = this.#answers.get(task.seat.id);
    if (card?.key !== 'both' || answer?.role !== 'both' || option >= card.overlap.options.length)
      return client.send('refused', { reason: 'Choose Both first, then who does which part.' });
    this.#record(client, task, { ...answer, split: option });
  }

  #record(
    client: Client,
    task: { seat: Seat; cardId: string },
    answer: { role: Role; left: number | null; split: number | null },
  ) {
    this.#answers.set(task.seat.id, answer);
    client.send('view', this.#viewFor(task.seat));
    this.clients
      .getById(this.#host ?? '')
      ?.send('votes', { votes: [{ id: task.seat.id, cardId: task.cardId, ...answer }] });
  }

  #setPhase(phase: RoomPhase) {
    const bank = this.#bank;
    if ((phase.phase === 'question' || phase.phase === 'reveal') && !bank?.cards.has(phase.cardId)) return;
    if (phase.phase === 'question' && this.#cardId() !== phase.cardId) this.#answers = new Map();
    this.#phase = phase;
    this.#deadline = phase.phase === 'question' && phase.open && phase.left !== null ? Date.now() + phase.left : null;
    if (phase.phase === 'intro' || phase.phase === 'question') this.#standings.clear();
    this.#broadcastViews();
  }

  #setStandings(message: v.InferOutput<typeof hostMessages.standings>) {
    this.#standings.clear();
    for (const row of message.rows) this.#standings.set(row.id, row);
    this.#standingTotals = { players: message.players, max: message.max };
    this.#broadcastViews();
  }

  #remove(id: string) {
    const seat = this.#seats.get(id);
    if (!seat) return;
    seat.removed = true;
    this.#answers.delete(id);
    if (seat.session) this.clients.getById(seat.session)?.leave(CLOSE_REMOVED);
  }

  #broadcastViews() {
    for (const seat of this.#seats.values())
      if (seat.session && !seat.removed) this.clients.getById(seat.session)?.send('view', this.#viewFor(seat));
  }

  /** What one phone shows now. */
  #viewFor(seat: Seat): PhoneView {
    const phase = this.#phase;
    const mine = this.#answers.get(seat.id);
    const answer = mine?.role ?? null;
    const found =
      phase.phase === 'question' || phase.phase === 'reveal' ? this.#bank?.cards.get(phase.cardId) : undefined;
    const view: PhoneView = {
      phase: phase.phase,
      deadline: this.#deadline,
      now: Date.now(),
      open: phase.phase === 'question' && phase.open && (this.#deadline === null || Date.now() < this.#deadline),
      answer,
      split: mine?.split ?? null,
    };
    if (phase.phase === 'intro') view.company = phase.company;
    if (found) {
      view.company = found.scenario.title;
      const shared = found.card.key === 'both' ? found.card.overlap.options : undefined;
      if (phase.phase === 'question') {
        view.card = { task: found.card.task, number: phase.number, of: phase.of };
        if (shared && answer === 'both') view.card.splits = shared.map((option) => option.text);
      } else {
        const right = shared?.findIndex((option) => option.correct) ?? -1;
        view.verdict = {
          right: answer !== null && isRoleCorrect(found.card, { role: answer }),
          key: found.card.key,
          takeaway: found.card.takeaway,
          answered: answer !== null,
          ...(shared ? { split: { text: shared[right]!.text, right: mine?.split === right } } : {}),
        };
      }
      if (phase.phase === 'reveal') view.card = { task: found.card.task, number: 0, of: 0 };
    }
    const standing = this.#standings.get(seat.id);
    if (standing && (phase.phase === 'scoreboard' || phase.phase === 'final'))
      view.standing = { ...standing, ...this.#standingTotals };
    return view;
  }

  #closeIfEmpty() {
    if (this.clients.length > 0) this.#emptySince = Date.now();
    else if (Date.now() - this.#emptySince >= roomConfig.emptyRoomMs) void this.disconnect();
  }
}
