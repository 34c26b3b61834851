import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecret } from '../../src/room/protocol.ts';
import { hasProgram, startRedis, startRoomProcess, type Child } from '../../src/bench/roomProcesses.ts';
import { joinPhone, openRoom, teamSettings } from '../support/roomClients.ts';

/**
 * Two room-server processes sharing one Redis, as behind a load balancer: a phone that asks
 * either process for a room gets a seat in it, wherever it lives. The engine reserves the seat
 * on the process holding the room (over Redis pub/sub) and hands the phone that process's
 * public address to connect to.
 */
const canRun = hasProgram('redis-server');
if (!canRun && process.env.CI === 'true') throw new Error('redis-server is missing: CI must install it (.ci/run).');
if (!canRun) console.warn('Skipping the two-process room test: redis-server is not installed.');

describe.skipIf(!canRun)('rooms shared by two processes through Redis', () => {
  let redis: Child & { url: string };
  const servers: Child[] = [];
  const at = (child: Child) => `http://127.0.0.1:${child.port}`;

  beforeAll(async () => {
    redis = await startRedis();
    servers.push(...(await Promise.all([0, 1].map(() => startRoomProcess({ REDIS_URL: redis.url })))));
  }, 30_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
  });

  it('seats phones that matchmake through the other process in the room, and plays a task', async () => {
    const host = await openRoom(at(servers[0]!));
    const holder = servers.find((server) => host.room.connection.url?.includes(`:${server.port}/`))!;
    const other = servers.find((server) => server !== holder)!;
    expect(holder).toBeDefined();

    const lookup = await fetch(`${at(other)}/rooms/${host.code}`);
    expect(await lookup.json()).toEqual({
      code: host.code,
      phones: 'teams',
      teams: ['Red', 'Blue'],
      locked: false,
      check: false,
    });

    const ada = await joinPhone(at(other), host.code, { name: 'Ada', team: 1 });
    const bo = await joinPhone(at(other), host.code, { name: 'Ada' });
    expect(ada.room.connection.url).toContain(`127.0.0.1:${holder.port}/`);
    expect([ada.seat, bo.seat].map(({ name, team }) => ({ name, team }))).toEqual([
      { name: 'Ada', team: 1 },
      { name: 'Ada 2', team: 0 },
    ]);

    host.room.send('phase', {
      phase: 'question',
      cardId: 'mary-requirements',
      number: 1,
      of: 1,
      left: null,
      open: true,
    });
    await Promise.all([ada, bo].map((phone) => phone.until((view) => view.phase === 'question')));
    ada.room.send('answer', { role: 'pm' });
    bo.room.send('answer', { role: 'pmm' });
    // The host gets the room's answers gathered: one message or two, as they fell.
    const votes = (await host.take('votes')).votes;
    if (votes.length < 2) votes.push(...(await host.take('votes')).votes);
    expect(votes).toEqual(
      expect.arrayContaining([
        { id: ada.seat.id, cardId: 'mary-requirements', role: 'pm', left: null, split: null, confidence: null },
        { id: bo.seat.id, cardId: 'mary-requirements', role: 'pmm', left: null, split: null, confidence: null },
      ]),
    );
    host.room.send('phase', { phase: 'reveal', cardId: 'mary-requirements' });
    const [adaSees, boSees] = await Promise.all(
      [ada, bo].map((phone) => phone.until((view) => view.phase === 'reveal')),
    );
    expect(adaSees?.verdict).toMatchObject({ right: true, key: 'pm' });
    expect(boSees?.verdict).toMatchObject({ right: false, key: 'pm' });

    await Promise.all([host, ada, bo].map((who) => who.room.leave()));
  });

  it('gives a room’s code back, after its process restarts, to its own host only', async () => {
    const host = await openRoom(at(servers[0]!));
    const holder = servers.find((server) => host.room.connection.url?.includes(`:${server.port}/`))!;
    const other = servers.find((server) => server !== holder)!;
    await holder.stop();
    await host.left;
    servers.splice(servers.indexOf(holder), 1, await startRoomProcess({ REDIS_URL: redis.url }));
    const settings = teamSettings;
    for (const server of servers) {
      const stranger = new Client(at(server));
      await expect(
        stranger.create('workshop', { as: 'host', settings, code: host.code, token: newSecret() }),
      ).rejects.toThrow(/^code-taken: /);
    }
    expect((await fetch(`${at(other)}/rooms/${host.code}`)).status).toBe(404);
    const back = await openRoom(at(other), { code: host.code, token: host.token });
    expect(back.code).toBe(host.code);
    expect((await joinPhone(at(servers[0]!), host.code, { name: 'Cy' })).seat.name).toBe('Cy');
    await back.room.leave();
  });
});
