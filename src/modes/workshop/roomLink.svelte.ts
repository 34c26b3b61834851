import type { Room } from '@colyseus/sdk';
import * as v from 'valibot';
import type { IndexedBank } from '../../core/bank';
import type { RoomTicket, WorkshopEvent } from './workshopMachine';
import { roomPhase, roomStandings, workshopView, type WorkshopSnapshot } from './workshopView';
import { packsPlayed, roomPacksTooBig } from '../../core/roomPacks';
import { phoneLinks } from './shareResult';
import { roomEndpoint, roomServerUp } from '../../room/endpoint';
import { errorText } from '../../room/words';
import { m } from '../../i18n/paraglide/messages.js';
import {
  readRefusal,
  ROOM_NAME,
  standingsParts,
  toHost,
  MAX_PHONE_LINK,
  type CreateOptions,
  type RoomPhase,
} from '../../room/protocol';

const RETRY_MS = 2000;

/**
 * The projector window's line to the room server, while a workshop uses phones. It opens the
 * room (or opens it again, with the same code and seats, after the server restarted), passes
 * on what the server reports as workshop events, and tells the server what the room sees
 * whenever the workshop moves on (from this window or the presenter's).
 */
export class RoomLink {
  status = $state<'connecting' | 'open' | 'reconnecting' | 'unavailable'>('connecting');
  problem = $state<string | null>(null);
  /** Which seats have a phone connected now. */
  connected = $state.raw<Record<string, boolean>>({});
  readonly endpoint = roomEndpoint();

  #room: Room | null = null;
  #sentPhase = '';
  #sentStandings = '';
  #sentDoor = '';
  /** Seats the server has been told to remove (not shown, so plain data). */
  #removed: Record<string, true> = {};
  #stopped = false;
  #madeLinks: { entries: object; players: object; links: Map<string, string> } | null = null;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly bank: IndexedBank,
    readonly snapshot: () => WorkshopSnapshot,
    readonly send: (event: WorkshopEvent) => void,
    /** Told each time a phone connects or drops (the runtime passes it on to the presenter window). */
    readonly onphones?: (connected: Record<string, boolean>) => void,
  ) {}

  async open(): Promise<void> {
    clearTimeout(this.#retry);
    if (this.#stopped) return;
    const packs = packsPlayed(this.bank, this.snapshot().context.settings.scenarioIds);
    const tooBig = roomPacksTooBig(packs);
    // No server would take these packs, however often asked: the facilitator picks fewer companies.
    if (tooBig) {
      this.status = 'unavailable';
      this.problem = m.workshop_room_cannot_open({ reason: tooBig });
      return;
    }
    const server = await roomServerUp(this.endpoint);
    if (!server.up) return this.#fail('unavailable', m.room_no_server());
    try {
      const { Client } = await import('@colyseus/sdk');
      const client = new Client(this.endpoint);
      const ticket = this.snapshot().context.room;
      const room = ticket ? await this.#rejoin(client, ticket) : await client.create(ROOM_NAME, this.#createOptions());
      this.#attach(room);
    } catch (error) {
      this.#fail('reconnecting', m.workshop_room_refused({ reason: errorText(error) }));
    }
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    void this.#room?.leave(true);
  }

  /** Tells the server what the room sees now, if that changed since it was last told. */
  sync(snapshot: WorkshopSnapshot): void {
    const room = this.#room;
    if (!room || this.status !== 'open') return;
    const phase = roomPhase(this.bank, snapshot, Date.now());
    // The time left changes every moment: only a new screen, task or open/closed is news.
    const key = JSON.stringify({ ...phase, left: phase.phase === 'question' && phase.left !== null });
    const extended = phase.phase === 'question' && snapshot.context.deadline;
    if (key + extended !== this.#sentPhase) {
      this.#sentPhase = key + extended;
      room.send('phase', phase);
    }
    for (const player of snapshot.context.players)
      if (player.removed && !this.#removed[player.id]) {
        this.#removed[player.id] = true;
        room.send('remove', { id: player.id });
      }
    const door = JSON.stringify(snapshot.context.door);
    if (door !== this.#sentDoor) {
      this.#sentDoor = door;
      room.send('door', snapshot.context.door);
    }
    if (phase.phase === 'scoreboard' || phase.phase === 'final') {
      const now = Date.now();
      const { rows, ...totals } = roomStandings(workshopView(this.bank, snapshot, now), snapshot.context.players);
      // At the end each phone gets its own result link, made from its answers as every link is.
      const links = phase.phase === 'final' ? this.#links(snapshot, now) : null;
      const sent = rows.map((row) => {
        const link = links?.get(row.id);
        return link && link.length <= MAX_PHONE_LINK ? { ...row, link } : row;
      });
      const text = JSON.stringify({ sent, ...totals });
      if (text !== this.#sentStandings) {
        this.#sentStandings = text;
        // A part at a time: a room of 500 phones' standings is over the server's message limit.
        for (const part of standingsParts(sent)) room.send('standings', { rows: part, ...totals });
      }
    }
  }

  /** The phones' result links, made once for the answers the workshop ended with (the final screen's pages do not change them). */
  #links(snapshot: WorkshopSnapshot, now: number): Map<string, string> {
    const { entries, players } = snapshot.context;
    if (this.#madeLinks?.entries !== entries || this.#madeLinks.players !== players)
      this.#madeLinks = { entries, players, links: phoneLinks(this.bank, snapshot.context, now) };
    return this.#madeLinks.links;
  }

  async #rejoin(client: InstanceType<typeof import('@colyseus/sdk').Client>, ticket: RoomTicket): Promise<Room> {
    try {
      return await client.joinById(ticket.code, { as: 'host', token: ticket.token });
    } catch (error) {
      // Busy, or unreachable: try again later. Only a room that is gone is opened again.
      if ((error as { code?: unknown }).code !== 404) throw error;
    }
    try {
      // The server restarted: open the room again with the same code, seats and task.
      return await client.create(ROOM_NAME, this.#createOptions(ticket));
    } catch (error) {
      if (readRefusal((error as Error).message)?.reason !== 'code-taken') throw error;
    }
    // The server no longer keeps this code for this host: the same seats and task under a new code.
    const { code: _code, token: _token, ...fresh } = this.#createOptions(ticket);
    return client.create(ROOM_NAME, fresh);
  }

  #createOptions(ticket?: RoomTicket): CreateOptions {
    const snapshot = this.snapshot();
    const { settings, players, entries } = snapshot.context;
    const roomSettings = {
      phones: settings.phones === 'solo' ? ('solo' as const) : ('teams' as const),
      teams: settings.teams,
      secondsPerCard: settings.secondsPerCard,
      speedBonus: settings.speedBonus,
    };
    // The server scores pack tasks only against the packs it is sent, and checks them again.
    const packs = packsPlayed(this.bank, settings.scenarioIds);
    const opening = {
      as: 'host' as const,
      settings: roomSettings,
      door: snapshot.context.door,
      ...(this.bank.language ? { language: this.bank.language } : {}),
      ...(packs.length ? { packs } : {}),
    };
    if (!ticket) return opening;
    const phase: RoomPhase = roomPhase(this.bank, snapshot, Date.now());
    // A room that restarts at the reveal still owes each phone its verdict.
    const cardId = phase.phase === 'question' || phase.phase === 'reveal' ? phase.cardId : undefined;
    // In their order of arrival: the server breaks a team's ties by it, as this window does.
    const votes = cardId
      ? Object.entries(entries[cardId]?.votes ?? {})
          .sort(([, a], [, b]) => a.order - b.order)
          .map(([id, vote]) => ({
            id,
            role: vote.role,
            left: vote.left,
            split: vote.split ?? null,
            confidence: vote.confidence ?? null,
          }))
      : [];
    return {
      ...opening,
      code: ticket.code,
      token: ticket.token,
      restore: { players, phase, votes },
    };
  }

  #attach(room: Room) {
    this.#room = room;
    this.#sentPhase = '';
    this.#sentStandings = '';
    this.#sentDoor = JSON.stringify(this.snapshot().context.door);
    this.#removed = Object.fromEntries(
      this.snapshot()
        .context.players.filter((p) => p.removed)
        .map((p) => [p.id, true as const]),
    );
    room.onMessage('opened', (message: unknown) => {
      const ticket = v.safeParse(toHost.opened, message);
      if (!ticket.success) return;
      this.send({ type: 'room.open', room: ticket.output });
      this.status = 'open';
      this.problem = null;
      this.sync(this.snapshot());
    });
    room.onMessage('player', (message: unknown) => {
      const player = v.safeParse(toHost.player, message);
      if (!player.success) return;
      const { id, name, team, connected } = player.output;
      this.connected = { ...this.connected, [id]: connected };
      this.onphones?.(this.connected);
      if (!this.snapshot().context.players.some((p) => p.id === id))
        this.send({ type: 'player.join', player: { id, name, team } });
    });
    room.onMessage('door', (message: unknown) => {
      const door = v.safeParse(toHost.door, message);
      if (door.success) this.send({ type: 'room.symbols', check: door.output.check });
    });
    room.onMessage('votes', (message: unknown) => {
      const votes = v.safeParse(toHost.votes, message);
      if (votes.success) this.send({ type: 'votes.add', votes: votes.output.votes });
    });
    room.onMessage('refused', (message: unknown) => console.warn('The room server refused a step.', message));
    room.onDrop(() => (this.status = 'reconnecting'));
    room.onReconnect(() => room.send('hello'));
    room.onLeave(() => {
      if (this.#room !== room) return;
      this.#room = null;
      this.#fail('reconnecting', m.workshop_room_lost());
    });
    room.send('hello');
  }

  #fail(status: 'unavailable' | 'reconnecting', problem: string) {
    this.status = status;
    this.problem = problem;
    if (!this.#stopped) this.#retry = setTimeout(() => void this.open(), RETRY_MS);
  }
}
