import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_REMOVED, newSecret, readRefusal } from '../../src/room/protocol.ts';
import { startRoomServer, type RoomServerOptions, type RunningRoomServer } from '../../src/server/server.ts';
import { inbox, joinPhone, openRoom, settled, teamSettings, type Inbox } from '../support/roomClients.ts';

/**
 * The room server tried from outside, as a stranger, another website or a crowd would: raw
 * HTTP and WebSocket requests beside real SDK clients. Each block is one way the room failed
 * its people before; the server here is `startRoomServer` as `npm start` runs it, on loopback.
 * Several addresses are played through X-Forwarded-For, with the server told it sits behind
 * one proxy (`trustProxy: 1`), as it would behind a load balancer.
 */
let server: RunningRoomServer | null = null;
let url = '';
const open: Inbox[] = [];
const track = <T extends Inbox>(who: T): T => (open.push(who), who);

async function start(options: Partial<RoomServerOptions> = {}) {
  server = await startRoomServer({
    port: 0,
    host: '127.0.0.1',
    questionsDir: 'questions',
    codesFile: join(mkdtempSync(join(tmpdir(), 'role-call-codes-')), 'codes.json'),
    quiet: true,
    ...options,
  });
  url = `http://127.0.0.1:${server.port}`;
  return server;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((who) => who.room.connection?.isOpen && who.room.leave().catch(() => 0)));
  await server?.close();
  server = null;
});

/** A raw request, as any program (or page) could send it. */
async function raw(path: string, init: RequestInit & { from?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.from) headers.set('x-forwarded-for', init.from);
  const response = await fetch(`${url}${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers };
}
const post = (path: string, body: unknown, init: RequestInit & { from?: string } = {}) =>
  raw(path, {
    ...init,
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...init.headers },
  });

/** A raw WebSocket handshake: the status the server answers it with (101 when it opens). */
function upgrade(path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from(newSecret()).toString('base64').slice(0, 24),
        ...headers,
      },
    });
    req.on('upgrade', (response, socket) => (socket.destroy(), resolve(response.statusCode ?? 0)));
    req.on('response', (response) => (response.resume(), resolve(response.statusCode ?? 0)));
    req.on('error', reject);
    req.end();
  });
}

const phoneJoin = (extra: Record<string, unknown> = {}) => ({ as: 'phone', key: newSecret(), name: 'Eve', ...extra });

describe('only the code seats', () => {
  it('closes the engine’s join-any-room routes: a stranger without the code gets no seat', async () => {
    await start();
    const room = track(await openRoom(url));
    for (const method of ['join', 'joinOrCreate'])
      expect((await post(`/matchmake/${method}/workshop`, phoneJoin())).status).toBe(404);
    await expect(new Client(url).join('workshop', phoneJoin())).rejects.toThrow();
    await expect(new Client(url).joinOrCreate('workshop', phoneJoin())).rejects.toThrow();
    await settled(room);
    expect(room.heard('player')).toEqual([]);
  });

  it('closes the engine’s other doors: its banner, health check, and sockets without a seat', async () => {
    await start();
    const room = track(await openRoom(url));
    expect((await raw('/')).status).toBe(404);
    expect((await raw('/__healthcheck')).status).toBe(404);
    expect((await raw('/matchmake/joinById/ABCDEF')).status).toBe(404);
    expect(await upgrade('/')).not.toBe(101);
    expect(await upgrade(`/someprocess/${room.code}?sessionId=made-up`)).not.toBe(101);
    // A real seat's socket still opens.
    expect((await joinPhone(url, room.code)).seat.id).toMatch(/^[\w-]+$/);
  });
});

describe('only our pages talk to the server', () => {
  const evil = 'https://evil.example';

  it('refuses another origin’s page, HTTP and WebSocket, and grants it no CORS', async () => {
    await start();
    const room = track(await openRoom(url));
    const headers = { origin: evil };
    const lookup = await raw(`/rooms/${room.code}`, { headers });
    expect(lookup.status).toBe(403);
    // A code the app puts in its user's language, and an English line for anyone else.
    expect(JSON.parse(lookup.text)).toEqual({
      code: 403,
      error: 'other-site: This room server takes requests from Role Call’s own pages only.',
    });
    expect(lookup.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await raw('/matchmake/create/workshop', {
      method: 'OPTIONS',
      headers: { ...headers, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect((await post('/matchmake/create/workshop', { as: 'host', settings: teamSettings }, { headers })).status).toBe(
      403,
    );
    expect((await post(`/matchmake/joinById/${room.code}`, phoneJoin(), { headers })).status).toBe(403);
    expect(await upgrade(`/any/${room.code}?sessionId=x`, headers)).toBe(403);
    // A page that reaches the server under its own name (DNS rebinding) is another origin too.
    const rebound = { origin: 'http://evil.example', host: 'evil.example' };
    expect((await raw(`/rooms/${room.code}`, { headers: rebound })).status).toBe(403);
    expect((await raw(`/rooms/${room.code}`, { headers: { origin: 'null' } })).status).toBe(403);
    // The browser says a tag on another site asked (no Origin on a plain GET).
    expect((await raw(`/rooms/${room.code}`, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });

  it('serves its own pages, and an origin it is told to allow, by name', async () => {
    const app = 'https://rolecall.example';
    const running = await start({ allowedOrigins: [app] });
    const room = track(await openRoom(url));
    const own = await raw(`/rooms/${room.code}`, { headers: { origin: url, 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await raw(`/rooms/${room.code}`, { headers: { origin: app } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(app);
    const preflight = await raw('/matchmake/joinById/ABCDEF', {
      method: 'OPTIONS',
      headers: { origin: app, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(app);
    expect(running.port).toBeGreaterThan(0);
  });
});

describe('a code survives a restart for its owner only', () => {
  it('refuses a stranger the code of a room that was open before the restart, and gives it back to its host', async () => {
    const codesFile = join(mkdtempSync(join(tmpdir(), 'role-call-codes-')), 'codes.json');
    await start({ codesFile });
    const first = await openRoom(url);
    const ada = await joinPhone(url, first.code, { name: 'Ada' });
    await server!.close();
    await start({ codesFile });
    const stranger = new Client(url);
    const squat = { as: 'host', settings: teamSettings, code: first.code, token: newSecret() };
    await expect(stranger.create('workshop', squat)).rejects.toThrow(/^code-taken: /);
    await expect(stranger.create('workshop', { ...squat, token: undefined })).rejects.toThrow(/^code-taken: /);
    expect((await raw(`/rooms/${first.code}`)).status).toBe(404);
    // No fresh room ever takes an owned code: the host gets it back.
    const players = [{ ...ada.seat, removed: false }];
    const restore = { players, phase: { phase: 'lobby' }, votes: [] };
    const host = track(await openRoom(url, { code: first.code, token: first.token, restore }));
    expect(host.code).toBe(first.code);
    const back = track(await joinPhone(url, first.code, { key: ada.key }));
    expect(back.seat.name).toBe('Ada');
  });
});

describe('guessing stays bounded', () => {
  const school = '10.0.0.2';
  const guesser = '10.9.9.9';

  it('answers a live code and a dead one alike once an address is out of misses, however it asks', async () => {
    await start({ trustProxy: 1, limits: { missesPerMinute: 3 } });
    const room = track(await openRoom(url));
    const misses = [];
    for (let i = 0; i < 4; i++) misses.push(await raw('/rooms/ZZZZZZ', { from: guesser }));
    expect(misses.map((miss) => miss.status)).toEqual([404, 404, 404, 429]);
    expect(JSON.parse(misses[0]!.text)).toEqual({
      code: 404,
      error: 'no-room?room=ZZZZZZ: There is no room ZZZZZZ. Check the code on the big screen.',
    });
    expect(readRefusal(JSON.parse(misses[3]!.text).error)).toEqual({ reason: 'busy' });
    const live = await raw(`/rooms/${room.code}`, { from: guesser });
    const dead = await raw('/rooms/YYYYYY', { from: guesser });
    expect([live.status, live.text]).toEqual([dead.status, dead.text]);
    const joinLive = await post(`/matchmake/joinById/${room.code}`, phoneJoin(), { from: guesser });
    const joinDead = await post('/matchmake/joinById/YYYYYY', phoneJoin(), { from: guesser });
    expect([joinLive.status, joinLive.text]).toEqual([429, joinDead.text]);
    const again = await post(`/matchmake/reconnect/${room.code}`, { reconnectionToken: 'x' }, { from: guesser });
    expect(again.status).toBe(429);
  });

  it('answers a gone room and a wrong reconnection token alike, and counts both', async () => {
    await start({ trustProxy: 1, limits: { missesPerMinute: 2 } });
    const room = track(await openRoom(url));
    const wrongToken = await post(`/matchmake/reconnect/${room.code}`, { reconnectionToken: 'abc' }, { from: guesser });
    const goneRoom = await post('/matchmake/reconnect/ZZZZZZ', { reconnectionToken: 'abc' }, { from: guesser });
    expect(wrongToken.status).toBe(404);
    expect([wrongToken.status, wrongToken.text.replace(room.code, '')]).toEqual([
      goneRoom.status,
      goneRoom.text.replace('ZZZZZZ', ''),
    ]);
    // Two misses: the third try of anything it has not found waits.
    expect((await raw(`/rooms/${room.code}`, { from: guesser })).status).toBe(429);
  });

  it('keeps a budget for every address together, however many addresses guess', async () => {
    await start({ trustProxy: 1, limits: { globalMissesPerMinute: 30 } });
    const room = track(await openRoom(url));
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => raw('/rooms/ZZZZZZ', { from: `10.1.${i}.1` }).then((r) => r.status)),
    );
    expect(statuses.filter((status) => status === 404)).toHaveLength(30);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    // A fresh address guessing now waits too, for a live code as for a dead one.
    expect((await raw(`/rooms/${room.code}`, { from: '10.2.0.1' })).status).toBe(429);
  });

  it('counts one address whatever X-Forwarded-For says, unless told it sits behind a proxy', async () => {
    await start({ limits: { missesPerMinute: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await raw('/rooms/ZZZZZZ', { from: `10.3.${i}.1` })).status);
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('never locks a room’s own phones out: an address that found its room gets in after any number of typos', async () => {
    await start({ trustProxy: 1, limits: { missesPerMinute: 5 } });
    const room = track(await openRoom(url, {}, { 'x-forwarded-for': '10.0.0.1' }));
    // The first phone of the class finds the room…
    expect((await raw(`/rooms/${room.code}`, { from: school })).status).toBe(200);
    // …then the class mistypes the code 20 times.
    for (let i = 0; i < 20; i++) await raw(`/rooms/ZZZZZ${'ABCDEFGHJKMNPQRSTWXYZ'[i]}`, { from: school });
    expect((await raw(`/rooms/${room.code}`, { from: school })).status).toBe(200);
    const joined = await post(`/matchmake/joinById/${room.code}`, phoneJoin(), { from: school });
    expect(joined.status).toBe(200);
    // The same address guessing another code waits.
    expect((await raw('/rooms/QQQQQQ', { from: school })).status).toBe(429);
  });
});

describe('the facilitator controls the door', () => {
  it('keeps a removed phone out while the room is locked, under its old key and any new one', async () => {
    await start();
    const room = track(await openRoom(url));
    const ada = await joinPhone(url, room.code, { name: 'Ada' });
    const bo = track(await joinPhone(url, room.code, { name: 'Bo' }));
    room.room.send('door', { locked: true, check: false });
    room.room.send('remove', { id: ada.seat.id });
    expect(await ada.left).toBe(CLOSE_REMOVED);
    await expect(new Client(url).joinById(room.code, phoneJoin({ key: ada.key }))).rejects.toThrow(
      /^removed: The facilitator took this phone out/,
    );
    await expect(new Client(url).joinById(room.code, phoneJoin({ name: 'Ada' }))).rejects.toThrow(/^locked: /);
    expect(await (await fetch(`${url}/rooms/${room.code}`)).json()).toMatchObject({ locked: true });
    // A phone already seated comes back through a locked door.
    await bo.room.leave();
    expect((await joinPhone(url, room.code, { key: bo.key })).seat).toEqual(bo.seat);
    room.room.send('door', { locked: false, check: false });
    await settled(room);
    expect((await joinPhone(url, room.code, { name: 'Cy' })).seat.name).toBe('Cy');
  });

  it('asks new phones for the symbols on the big screen, and draws new ones after too many wrong', async () => {
    await start();
    const room = track(await openRoom(url, { door: { locked: false, check: true } }));
    const { check } = await room.take('door', (door) => door.check !== null);
    expect(check).toMatch(/^[0-5]{4}$/);
    await expect(new Client(url).joinById(room.code, phoneJoin())).rejects.toThrow(
      /^symbols: Those are not the symbols on the big screen/,
    );
    const wrong = check!.replace(/./, (d) => String((Number(d) + 1) % 6));
    await expect(new Client(url).joinById(room.code, phoneJoin({ check: wrong }))).rejects.toThrow(/^symbols: /);
    const ada = track(await joinPhone(url, room.code, { name: 'Ada', check: check! }));
    expect(ada.seat.name).toBe('Ada');
    for (let i = 0; i < 20; i++) await post(`/matchmake/joinById/${room.code}`, phoneJoin({ check: wrong }));
    const fresh = await room.take('door', (door) => door.check !== check);
    expect(fresh.check).toMatch(/^[0-5]{4}$/);
    await expect(new Client(url).joinById(room.code, phoneJoin({ check: check! }))).rejects.toThrow(/^symbols: /);
    // A seated phone comes back without them.
    await ada.room.leave();
    expect((await joinPhone(url, room.code, { key: ada.key })).seat).toEqual(ada.seat);
  });
});

describe('caps that hold', () => {
  it('opens at most so many rooms per address and in all', async () => {
    await start({ trustProxy: 1, limits: { roomsPerAddress: 2, maxRooms: 3 } });
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    const create = (address: string) =>
      post('/matchmake/create/workshop', { as: 'host', settings: teamSettings }, from(address));
    expect((await create('10.0.0.1')).status).toBe(200);
    expect((await create('10.0.0.1')).status).toBe(200);
    const third = await create('10.0.0.1');
    expect(third.status).toBe(429);
    expect(JSON.parse(third.text)).toEqual({
      code: 429,
      error: 'rooms-per-network?rooms=2: This network has 2 rooms open already: close one first.',
    });
    expect((await create('10.0.0.2')).status).toBe(200);
    const full = await create('10.0.0.3');
    expect(full.status).toBe(503);
    expect(readRefusal(JSON.parse(full.text).error)).toEqual({ reason: 'server-full' });
  });

  it('closes a room whose host never connects', async () => {
    await start({ hostGraceMs: 300 });
    const created = await post('/matchmake/create/workshop', { as: 'host', settings: teamSettings });
    const { roomId } = JSON.parse(created.text) as { roomId: string };
    expect((await raw(`/rooms/${roomId}`)).status).toBe(200);
    await expect.poll(async () => (await raw(`/rooms/${roomId}`)).status, { interval: 100 }).toBe(404);
  });

  it('lets a reservation that never connects neither fill the room nor outlive a few seconds', async () => {
    await start({ reservationSeconds: 1 });
    const room = track(await openRoom(url));
    const reservations = await Promise.all(
      Array.from({ length: 600 }, () => post(`/matchmake/joinById/${room.code}`, phoneJoin())),
    );
    expect(reservations.map((r) => r.status)).toEqual(Array(600).fill(200));
    // 600 reserved seats, none connected: a real phone still gets one.
    expect((await joinPhone(url, room.code, { name: 'Real' })).seat.name).toBe('Real');
    // A second later the reservations are gone: a socket on one is refused.
    const { sessionId, processId } = JSON.parse(reservations[0]!.text) as { sessionId: string; processId: string };
    await expect.poll(() => upgrade(`/${processId}/${room.code}?sessionId=${sessionId}`), { interval: 200 }).toBe(404);
  });

  it('serves the app’s files to a crowd behind one address without counting them', async () => {
    await start({ staticDir: 'public', limits: { probesPerMinute: 2 } });
    const files = await Promise.all(Array.from({ length: 50 }, () => fetch(`${url}/favicon.svg`)));
    expect(files.map((file) => file.status)).toEqual(Array(50).fill(200));
    expect((await raw('/rooms/health')).status).toBe(200);
  });
});

describe('capacity for a real class', () => {
  it('seats 300 phones behind one address within 10 s, none refused', async () => {
    await start({ trustProxy: 1 });
    const room = track(await openRoom(url, {}, { 'x-forwarded-for': '10.0.0.1' }));
    const started = Date.now();
    const school = { headers: { 'x-forwarded-for': '10.0.0.2' } };
    const seated = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const lookup = await fetch(`${url}/rooms/${room.code}`, school);
        if (!lookup.ok) return `lookup ${lookup.status}`;
        const phone = await new Client(url, school).joinById(room.code, phoneJoin({ name: `P${i}` }));
        open.push(inbox(phone));
        return 'seated';
      }),
    );
    const ms = Date.now() - started;
    expect(seated.filter((result) => result !== 'seated')).toEqual([]);
    expect(ms).toBeLessThan(10_000);
  }, 30_000);
});
