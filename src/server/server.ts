import { MAX_ROOM_PACK_BYTES } from '../core/limits.ts';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { matchMaker, Server, ServerError } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { WebSocketTransport } from '@colyseus/ws-transport';
import express from 'express';
import * as v from 'valibot';
import { indexBank } from '../core/bank.ts';

import { ROOM_NAME, normalizeCode, refusalSchema, roomCode, roomInfoSchema, type RoomInfo } from '../room/protocol.ts';
import { loadBanks } from '../core/loadBank.ts';
import { fileCodeBook, presenceCodeBook } from './codes.ts';
import { isOtherLanguage, withJoinFirst } from './joinFirst.ts';
import { refusalError, type LineRefusal } from './refusals.ts';
import { addressKey, Budgets, doorOf, KnownCodes, originPolicy, socketOf, type Door } from './door.ts';
import { ROOM_TIMES, roomConfig, WorkshopRoom } from './WorkshopRoom.ts';

/** The limits that keep guessing, flooding and memory bounded, each per minute unless it says otherwise. */
export interface RoomLimits {
  /** Per address: creations, and look-ups or joins of codes it has not found yet. */
  probesPerMinute: number;
  /** Per address: codes that led nowhere (no room, a gone seat, a refused socket). Past it, only codes it found get in. */
  missesPerMinute: number;
  /** Per process, every address together: past it, only codes an address found get in, however many addresses guess. */
  globalMissesPerMinute: number;
  /** Per room code: look-ups, joins and reconnections (a room of 500 phones needs about 1,000). */
  perCodePerMinute: number;
  /** Rooms one address may have open at once. */
  roomsPerAddress: number;
  /** Rooms open at once on all the processes. */
  maxRooms: number;
}

export const DEFAULT_LIMITS: RoomLimits = {
  probesPerMinute: 60,
  missesPerMinute: 20,
  globalMissesPerMinute: 600,
  perCodePerMinute: 3000,
  roomsPerAddress: 10,
  maxRooms: 500,
};

export interface RoomServerOptions {
  /** The port to listen on; 0 picks a free one. */
  port: number;
  host?: string;
  /** The question folder: the server checks answers against the same bank as the app. */
  questionsDir: string;
  /** The built app to serve beside the rooms (`npm start`); none in dev, where Vite serves it. */
  staticDir?: string;
  /** With Redis, several processes share rooms: any of them can seat a phone in a room another holds. */
  redisUrl?: string;
  /** This process's address as phones reach it, when it sits behind a load balancer with others. */
  publicAddress?: string;
  /** Pages of other origins that may use the rooms (an app built with VITE_ROOM_SERVER, the dev server). */
  allowedOrigins?: readonly string[];
  /** Where one process keeps which host owns which code, across restarts (with Redis, Redis keeps it). */
  codesFile?: string;
  /** How many proxies in front of this server add to X-Forwarded-For; 0 (the default) trusts none. */
  trustProxy?: number;
  /** How long a room with nobody connected stays open. */
  emptyRoomMs?: number;
  /** How long a room waits for its host to connect before it closes. */
  hostGraceMs?: number;
  /** How long a phone dropped by the network may take its seat back with its reconnection token. */
  reconnectSeconds?: number;
  /** How long a seat the matchmaker reserved waits for its phone's socket. */
  reservationSeconds?: number;
  /** How long phones' answers gather before the host is sent them together. */
  voteBatchMs?: number;
  /** The split's grace after answers close, in ms (SPLIT_GRACE_SECONDS unless set; a test sets it short). */
  splitGraceMs?: number;
  /**
   * How often the server pings each socket (ms); a socket that misses two pings in a row is
   * closed, and a phone's seat waits for it to reconnect. 3 s unless set (a test sets it short).
   */
  pingMs?: number;
  limits?: Partial<RoomLimits>;
  quiet?: boolean;
}

export interface RunningRoomServer {
  port: number;
  /** Where this machine can be reached from the local network (for phones in the same room). */
  lanAddresses: string[];
  close(): Promise<void>;
}

/** The most a message may be: over the WebSocket, and in a matchmaking request (join, reconnect). */
const MAX_MESSAGE_BYTES = 16 * 1024;
/** A room's creation carries the trainer packs it plays beside its seats (500 phones' worth on a re-opening). */
const MAX_CREATE_BYTES = MAX_ROOM_PACK_BYTES + 96 * 1024;
/** The header through which the door tells the engine's handlers who asked (whatever a client sent in it is replaced). */
const ADDRESS_HEADER = 'x-role-call-address';
/** What a busy server says: the phone waits and tries again on its own. */
const BUSY = refusalError({ reason: 'busy' });
const noRoom = (code: string) => refusalError({ reason: 'no-room', room: code });
/** What every file of the app is served with. */
const PAGE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "frame-ancestors 'none'",
};

export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((net) => (net && net.family === 'IPv4' && !net.internal ? [net.address] : []));
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * How much a matchmaking request may send: the engine reads any body whole, with no cap of its
 * own. Only a room's creation carries packs; a body must say its length, so it is refused unread.
 */
function bodyRefusal(req: IncomingMessage, door: Door): { status: number; text: string } | undefined {
  if (req.method !== 'POST') return undefined;
  const length = Number(req.headers['content-length'] ?? (req.headers['transfer-encoding'] ? NaN : 0));
  if (!Number.isSafeInteger(length)) return { status: 411, text: 'Say how long the request is' };
  const limit = door.kind === 'create' ? MAX_CREATE_BYTES : MAX_MESSAGE_BYTES;
  return length > limit ? { status: 413, text: `The request is over ${limit / 1024} KB` } : undefined;
}

/** A live workshop room's public facts, or null for a code with no room. */
async function roomInfo(code: string): Promise<RoomInfo | null> {
  if (!v.is(roomCode, code)) return null;
  const rooms = await matchMaker.query({ name: ROOM_NAME, roomId: code });
  const info = v.safeParse(roomInfoSchema, rooms[0]?.metadata);
  return info.success ? info.output : null;
}

/**
 * Starts the room server: Colyseus rooms over WebSockets, a look-up for phones (which teams a
 * room has), and, for `npm start`, the built app. Every way in is named in `door.ts` and
 * guarded here: the page's origin, the size of a request, budgets per address, per code and in
 * all (so guessing codes stays slow however many addresses guess), caps on rooms, and sockets
 * only for seats the matchmaker reserved. A workshop room is joined by its code alone.
 */
export async function startRoomServer(options: RoomServerOptions): Promise<RunningRoomServer> {
  const times = Object.fromEntries(
    Object.entries(ROOM_TIMES).map(([name, value]) => [name, options[name as keyof typeof ROOM_TIMES] ?? value]),
  ) as typeof ROOM_TIMES;
  const banks = Object.entries(loadBanks(options.questionsDir)).map(([language, bank]) => [language, indexBank(bank)]);
  Object.assign(roomConfig, times, { banks: Object.fromEntries(banks) });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const probes = new Budgets(limits.probesPerMinute);
  const misses = new Budgets(limits.missesPerMinute);
  const allMisses = new Budgets(limits.globalMissesPerMinute, 1);
  const perCode = new Budgets(limits.perCodePerMinute);
  const known = new KnownCodes();

  const transport = new WebSocketTransport({ maxPayload: MAX_MESSAGE_BYTES, pingInterval: options.pingMs ?? 3000 });
  const redis = options.redisUrl;
  const presence = redis ? new RedisPresence(redis) : undefined;
  const server = new Server({
    transport,
    greet: false,
    gracefullyShutdown: false,
    ...(redis ? { presence, driver: new RedisDriver(redis) } : {}),
    ...(options.publicAddress ? { publicAddress: options.publicAddress } : {}),
    express: (app) => {
      app.disable('x-powered-by');
      app.get('/rooms/health', (_req, res) => void res.json({ ok: true, lan: lanAddresses() }));
      // The short address the projector shows: typed by hand, it opens the phone's join screen.
      app.get(['/join', '/join/:code'], (req, res) => {
        const code = normalizeCode(String(req.params.code ?? ''));
        res.redirect(302, v.is(roomCode, code) ? `/?join=${code}` : '/?join');
      });
      if (options.staticDir) {
        const staticDir = options.staticDir;
        // The front page, asked for plainly (not a workshop, not a join link), leads with the code
        // field: in English at the root, in each other language in its build's folder.
        app.get(['/', '/index.html', '/:language/', '/:language/index.html'], (req, res, next) => {
          const { language } = req.params as { language?: string };
          const page = language === undefined || (isOtherLanguage(language) && req.path !== `/${language}`);
          if (Object.keys(req.query).length || !page) return next();
          readFile(join(staticDir, language ?? '', 'index.html'), 'utf8').then(
            (html) =>
              void res
                .set(PAGE_HEADERS)
                .set('cache-control', 'no-cache')
                .type('html')
                .send(withJoinFirst(html, language)),
            next,
          );
        });
        app.use(
          express.static(staticDir, {
            setHeaders: (res) => {
              for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
            },
          }),
        );
      }
    },
  });
  roomConfig.codes = presence
    ? presenceCodeBook(presence)
    : await fileCodeBook(options.codesFile ?? join(tmpdir(), `role-call-room-codes-${options.port}.json`));
  // The engine grants CORS to any origin, with credentials; ours only to the origins allowed.
  let policy = originPolicy({ port: options.port });
  (matchMaker.controller as { DEFAULT_CORS_HEADERS: Record<string, string> }).DEFAULT_CORS_HEADERS = {
    'Access-Control-Allow-Headers': 'Content-Type, Accept',
    'Access-Control-Allow-Methods': 'GET, POST',
    'Access-Control-Max-Age': '600',
  };
  matchMaker.controller.getCorsHeaders = (headers: Headers) =>
    corsHeaders(policy.corsOrigin(headers.get('origin') ?? undefined));
  guardMatchmaking(limits, (from, code) => known.add(from, code));
  server.define(ROOM_NAME, WorkshopRoom);
  await server.listen(options.port, options.host ?? '127.0.0.1');

  const http = (transport as unknown as { server: HttpServer }).server;
  // A request that trickles in holds a socket: headers within 10 s, the whole request within 30.
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  policy = originPolicy({
    port,
    allowedOrigins: options.allowedOrigins,
    hosts: [...lanAddresses(), hostname(), `${hostname()}.local`, ...publicHost(options.publicAddress)],
  });
  const allowed = (req: IncomingMessage) => {
    const site = req.headers['sec-fetch-site'];
    return policy.allows({
      origin: req.headers.origin,
      host: req.headers.host,
      fetchSite: typeof site === 'string' ? site : undefined,
    });
  };

  const who = (req: IncomingMessage) =>
    addressKey(req.socket.remoteAddress, req.headers['x-forwarded-for'], options.trustProxy);
  const miss = (from: string) => {
    misses.take(from);
    allMisses.take('all');
  };
  /** Whether a code may be tried from this address now: a code it found always may, within the code's own budget. */
  const mayTry = (from: string, code: string) =>
    known.has(from, code)
      ? perCode.take(code)
      : misses.left(from) >= 1 && allMisses.left('all') >= 1 && probes.take(from) && perCode.take(code);

  const handlers = http.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void door(req, res).catch((error: unknown) => {
      console.error('Role Call room server: a request failed', error);
      if (!res.headersSent) reply(res, 500, { code: 500, error: refusalError({ reason: 'failed' }) });
    });
  });
  const pass = (req: IncomingMessage, res: ServerResponse) => {
    for (const run of handlers) run(req, res);
  };

  async function door(req: IncomingMessage, res: ServerResponse) {
    const door = doorOf(req.method, req.url);
    delete req.headers[ADDRESS_HEADER];
    if (door.kind === 'app')
      return options.staticDir ? pass(req, res) : reply(res, 404, { code: 404, error: 'Not found' });
    if (!allowed(req)) return reply(res, 403, { code: 403, error: refusalError({ reason: 'other-site' }) });
    const cors = corsHeaders(policy.corsOrigin(req.headers.origin));
    if (req.method === 'OPTIONS')
      return void res.writeHead(204, { ...matchMaker.controller.DEFAULT_CORS_HEADERS, ...cors }).end();
    if (door.kind === 'closed') return reply(res, 404, { code: 404, error: 'Not found' }, cors);
    if (door.kind === 'health') return pass(req, res);
    const refusal = bodyRefusal(req, door);
    if (refusal) return void res.writeHead(refusal.status, { connection: 'close', ...cors }).end(refusal.text);
    const from = who(req);
    req.headers[ADDRESS_HEADER] = from;
    const busy = () => reply(res, 429, { code: 429, error: BUSY }, { 'retry-after': '5', ...cors });
    if (door.kind === 'create') return probes.take(from) ? pass(req, res) : busy();

    const code = normalizeCode(door.code);
    const found = known.has(from, code);
    if (!mayTry(from, code)) return busy();
    if (door.kind === 'lookup') {
      const info = await roomInfo(code);
      if (info) {
        known.add(from, code);
        return reply(res, 200, info, cors);
      }
      miss(from);
      return reply(res, 404, { code: 404, error: noRoom(code) }, cors);
    }
    // A join or reconnection: the engine answers, through the guard below; a refusal counts as a miss.
    res.once('finish', () => {
      if (res.statusCode === 200 && door.kind === 'join') known.add(from, code);
      else if (res.statusCode >= 400 && res.statusCode !== 429 && !found) miss(from);
    });
    pass(req, res);
  }

  // A socket opens only on a seat the matchmaker reserved (or a connection it may take back):
  // anything else is refused before the handshake, and counts as a miss.
  const upgrades = http.listeners('upgrade') as Array<(req: IncomingMessage, socket: Duplex, head: Buffer) => void>;
  http.removeAllListeners('upgrade');
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = socketOf(req.url);
    const room = target && matchMaker.getLocalRoomById(target.roomId);
    const fromPage = allowed(req);
    if (!fromPage || !target || !room?.hasReservedSeat(target.sessionId, target.token ?? undefined)) {
      miss(who(req));
      socket.end(`HTTP/1.1 ${fromPage ? 404 : 403} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    for (const run of upgrades) run(req, socket, head);
  });

  if (!options.quiet) console.log(`Role Call room server on port ${port}${redis ? ' (with Redis)' : ''}`);
  return {
    port,
    lanAddresses: lanAddresses(),
    close: () => server.gracefullyShutdown(false),
  };
}

function publicHost(address: string | undefined): string[] {
  if (!address) return [];
  try {
    return [new URL(`http://${address}`).hostname];
  } catch {
    return [];
  }
}

function corsHeaders(origin: string | undefined): Record<string, string> {
  // The SDK sends its requests with credentials: a granted origin is named, never "*".
  return origin
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }
    : {};
}

/**
 * The engine's matchmaking, narrowed to what a workshop uses: a room is created (within the
 * caps on rooms), joined by its code after the room admits the caller (the engine would seat
 * anyone first and ask at the socket), and rejoined by a reconnection token. A dead code and
 * a refused one answer alike; so do a gone room and a wrong token.
 */
function guardMatchmaking(limits: RoomLimits, created: (from: string, code: string) => void) {
  /** Creations under way per address, not yet in the matchmaker's listing. */
  const creating = new Map<string, number>();
  const controller = matchMaker.controller;
  controller.exposedMethods = ['create', 'joinById', 'reconnect'];
  controller.invokeMethod = async (method, roomName, clientOptions = {}, auth) => {
    const from = auth?.headers.get(ADDRESS_HEADER) ?? 'unknown';
    if (method === 'create') {
      if (roomName !== ROOM_NAME) throw new ServerError(404, 'Not found');
      const open = (await matchMaker.query({ name: ROOM_NAME })).map((room) => room.metadata?.creator);
      const mine = open.filter((creator) => creator === from).length + (creating.get(from) ?? 0);
      if (mine >= limits.roomsPerAddress)
        throw new ServerError(429, refusalError({ reason: 'rooms-per-network', rooms: mine }));
      if (open.length >= limits.maxRooms) throw new ServerError(503, refusalError({ reason: 'server-full' }));
      creating.set(from, (creating.get(from) ?? 0) + 1);
      try {
        const reservation = await matchMaker.create(ROOM_NAME, { ...clientOptions, creator: from }, auth);
        created(from, reservation.roomId);
        return reservation;
      } catch (error) {
        throw new ServerError(400, (error as Error).message);
      } finally {
        const left = (creating.get(from) ?? 1) - 1;
        if (left > 0) creating.set(from, left);
        else creating.delete(from);
      }
    }
    const code = normalizeCode(roomName);
    if (method === 'joinById') {
      const listing = v.is(roomCode, code) ? await matchMaker.getRoomById(code) : undefined;
      if (!listing || listing.name !== ROOM_NAME) throw new ServerError(404, noRoom(code));
      const busy: LineRefusal = { reason: 'busy' };
      const refusal: unknown = await matchMaker.remoteRoomCall(code, 'admission', [clientOptions]).catch(() => busy);
      if (v.is(refusalSchema, refusal))
        throw new ServerError(refusal.reason === 'busy' ? 429 : 403, refusalError(refusal as LineRefusal));
      return matchMaker.joinById(code, clientOptions, auth);
    }
    if (method === 'reconnect') {
      try {
        return await matchMaker.reconnect(code, clientOptions);
      } catch {
        throw new ServerError(404, refusalError({ reason: 'seat-gone' }));
      }
    }
    throw new ServerError(404, 'Not found');
  };
}
