import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { matchMaker, Server } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { WebSocketTransport } from '@colyseus/ws-transport';
import express from 'express';
import * as v from 'valibot';
import { indexBank } from '../game/bank.ts';
import { MAX_ROOM_PACK_BYTES } from '../packs/roomPacks.ts';
import { ROOM_NAME, roomCode, roomInfoSchema, normalizeCode } from '../room/protocol.ts';
import { loadBank } from '../tools/loadBank.ts';
import { roomConfig, WorkshopRoom } from './WorkshopRoom.ts';

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
  /** How long a room with nobody connected stays open. */
  emptyRoomMs?: number;
  /** Requests (joins, lookups) one address may make per minute, and lookups of codes that do not exist. */
  requestsPerMinute?: number;
  missesPerMinute?: number;
  quiet?: boolean;
}

export interface RunningRoomServer {
  port: number;
  /** Where this machine can be reached from the local network (for phones in the same room). */
  lanAddresses: string[];
  close(): Promise<void>;
}

/** Counts events per address over a sliding minute: `take` counts one unless the limit is reached. */
function rateLimiter(perMinute: number) {
  const seen = new Map<string, number[]>();
  const recent = (address: string) => {
    const now = Date.now();
    if (seen.size > 10_000) seen.clear();
    const kept = (seen.get(address) ?? []).filter((at) => now - at < 60_000);
    seen.set(address, kept);
    return kept;
  };
  return {
    blocked: (address: string): boolean => recent(address).length >= perMinute,
    take(address: string): boolean {
      const events = recent(address);
      if (events.length >= perMinute) return false;
      events.push(Date.now());
      return true;
    },
  };
}

const addressOf = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';

/** The most a message may be: over the WebSocket, and in a matchmaking request (join, look up). */
const MAX_MESSAGE_BYTES = 16 * 1024;
/** A room's creation carries the trainer packs it plays beside its seats (250 phones' worth on a re-opening). */
const MAX_CREATE_BYTES = MAX_ROOM_PACK_BYTES + 64 * 1024;

/**
 * How much a matchmaking request may send: the engine reads any body whole, with no cap of its
 * own. Only a room's creation carries packs; a body must say its length, so it is refused unread.
 */
function bodyRefusal(req: IncomingMessage): { status: number; text: string } | undefined {
  if (req.method !== 'POST' || !req.url?.startsWith('/matchmake/')) return undefined;
  const length = Number(req.headers['content-length'] ?? (req.headers['transfer-encoding'] ? NaN : 0));
  if (!Number.isSafeInteger(length)) return { status: 411, text: 'Say how long the request is' };
  const limit = req.url.startsWith(`/matchmake/create/`) ? MAX_CREATE_BYTES : MAX_MESSAGE_BYTES;
  return length > limit ? { status: 413, text: `The request is over ${limit / 1024} KB` } : undefined;
}

export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((net) => (net && net.family === 'IPv4' && !net.internal ? [net.address] : []));
}

/**
 * Starts the room server: Colyseus rooms over WebSockets, a lookup for phones (which teams a
 * room has), and, for `npm start`, the built app. Limits: each address may make
 * `requestsPerMinute` HTTP requests and WebSocket connections, and look up or try to join
 * `missesPerMinute` codes that do not exist, so guessing codes is slow; a message is at most 16 KB, and
 * so is a matchmaking request, but for a room's creation, which carries its trainer packs (320 KB).
 */
export async function startRoomServer(options: RoomServerOptions): Promise<RunningRoomServer> {
  roomConfig.bank = indexBank(loadBank(options.questionsDir));
  if (options.emptyRoomMs !== undefined) roomConfig.emptyRoomMs = options.emptyRoomMs;
  const requests = rateLimiter(options.requestsPerMinute ?? 600);
  const misses = rateLimiter(options.missesPerMinute ?? 20);
  const transport = new WebSocketTransport({
    maxPayload: MAX_MESSAGE_BYTES,
    beforeUpgrade: (_request, context) =>
      requests.take(context.ip ?? 'unknown') ? undefined : new Response('Too many connections', { status: 429 }),
  });
  const redis = options.redisUrl;
  const server = new Server({
    transport,
    greet: false,
    gracefullyShutdown: false,
    ...(redis ? { presence: new RedisPresence(redis), driver: new RedisDriver(redis) } : {}),
    ...(options.publicAddress ? { publicAddress: options.publicAddress } : {}),
    express: (app) => {
      app.disable('x-powered-by');
      app.get('/rooms/health', (_req, res) => void res.json({ ok: true, lan: lanAddresses() }));
      app.get('/rooms/:code', async (req, res) => {
        const code = normalizeCode(String(req.params.code));
        const rooms = v.is(roomCode, code) ? await matchMaker.query({ name: ROOM_NAME, roomId: code }) : [];
        const info = v.safeParse(roomInfoSchema, rooms[0]?.metadata);
        if (info.success) return void res.json(info.output);
        if (!misses.take(addressOf(req))) return void res.status(429).json({ error: 'Too many tries. Wait a minute.' });
        res.status(404).json({ error: `There is no room ${code}. Check the code on the big screen.` });
      });
      if (options.staticDir) {
        app.use(
          express.static(options.staticDir, {
            setHeaders: (res) => {
              res.setHeader('X-Content-Type-Options', 'nosniff');
              res.setHeader('Referrer-Policy', 'no-referrer');
              res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
            },
          }),
        );
      }
    },
  });
  server.define(ROOM_NAME, WorkshopRoom);
  await server.listen(options.port, options.host ?? '127.0.0.1');
  const http = (transport as unknown as { server: HttpServer }).server;
  // Every request to the rooms counts against its address, matchmaking included, before any
  // handler runs; a join that finds no room counts as a miss, as a lookup of a missing code
  // does. The app's own files do not count: a class behind one school address loads them on
  // every phone.
  const handlers = http.listeners('request') as Array<(...args: unknown[]) => void>;
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const address = addressOf(req);
    const joining = req.url?.startsWith('/matchmake/joinById');
    const rooms = /^\/(matchmake|rooms)(\/|$)/.test(req.url ?? '');
    if ((rooms && !requests.take(address)) || (joining && misses.blocked(address)))
      return void res.writeHead(429).end('Too many requests');
    const refusal = bodyRefusal(req);
    if (refusal) return void res.writeHead(refusal.status, { connection: 'close' }).end(refusal.text);
    if (joining) res.once('finish', () => res.statusCode >= 400 && misses.take(address));
    for (const handler of handlers) handler(req, res);
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  if (!options.quiet) console.log(`Role Call room server on port ${port}${redis ? ' (with Redis)' : ''}`);
  return {
    port,
    lanAddresses: lanAddresses(),
    close: () => server.gracefullyShutdown(false),
  };
}
