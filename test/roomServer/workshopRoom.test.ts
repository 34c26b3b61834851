import { Client } from '@colyseus/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_REMOVED, CLOSE_REPLACED } from '../../src/room/protocol.ts';
import { startRoomServer, type RunningRoomServer } from '../../src/roomServer/server.ts';
import { newSecret } from '../../src/room/protocol.ts';
import { inbox, joinPhone, openRoom, settled, teamSettings, type Host, type Inbox } from './roomClients.ts';

/**
 * The workshop room as its clients meet it: our own server (started as `npm start` starts it,
 * rate limits and lookups included) on a free loopback port, and real SDK clients.
 * `@colyseus/testing`'s `boot()` is not used: given a built Server it listens on the fixed port
 * 2568 on every interface and skips what `startRoomServer` adds around the engine.
 */
const question = (cardId: string, left: number | null = null, open = true) => ({
  phase: 'question' as const,
  cardId,
  number: 1,
  of: 5,
  left,
  open,
});

let server: RunningRoomServer;
let url: string;
const open: Inbox[] = [];
const track = <T extends Inbox>(who: T): T => (open.push(who), who);

async function start(options: Partial<Parameters<typeof startRoomServer>[0]> = {}) {
  server = await startRoomServer({ port: 0, host: '127.0.0.1', questionsDir: 'questions', quiet: true, ...options });
  url = `http://127.0.0.1:${server.port}`;
}
const host = async (options?: Record<string, unknown>) => track(await openRoom(url, options));
const phone = async (code: string, options?: Parameters<typeof joinPhone>[2]) =>
  track(await joinPhone(url, code, options));
const lookup = (code: string) => fetch(`${url}/rooms/${code}`);

afterEach(async () => {
  await Promise.all(open.splice(0).map((who) => who.room.connection?.isOpen && who.room.leave().catch(() => 0)));
});

describe('a room on one server', () => {
  beforeAll(() => start());
  afterAll(() => server.close());

  describe('joining', () => {
    it('seats a phone on the team it chose, and one that chose none on the smallest team', async () => {
      const room = await host();
      const blue = await phone(room.code, { name: 'Bo', team: 1 });
      const anyTeam = await phone(room.code, { name: 'Cy' });
      expect(blue.seat.team).toBe(1);
      expect(anyTeam.seat.team).toBe(0);
      expect(await room.take('player', (p) => p.name === 'Bo')).toMatchObject({ team: 1, connected: true });
    });

    it('gives solo phones no team, whatever they ask for', async () => {
      const room = await host({ settings: { phones: 'solo', teams: [], secondsPerCard: 0, speedBonus: false } });
      expect((await phone(room.code, { name: 'Di', team: 3 })).seat.team).toBe(-1);
    });

    it('cleans names and makes them unique in the room', async () => {
      const room = await host();
      const first = await phone(room.code, { name: '  Ada\u202e   Lovelace \u0007' });
      const second = await phone(room.code, { name: 'ada lovelace' });
      const nameless = await phone(room.code, { name: ' \u200b ' });
      expect(first.seat.name).toBe('Ada Lovelace');
      expect(second.seat.name).toBe('ada lovelace 2');
      expect(nameless.seat.name).toMatch(/^Player \d+$/);
    });

    it('tells a phone about the room before it joins, and says when a code has no room', async () => {
      const room = await host();
      expect(await (await lookup(room.code.toLowerCase())).json()).toEqual({
        code: room.code,
        phones: 'teams',
        teams: ['Red', 'Blue'],
      });
      expect((await lookup('ZZZZZZ')).status).toBe(404);
    });
  });

  describe('answers', () => {
    it('counts a phone’s answer for its own seat only, whatever id it claims', async () => {
      const room = await host();
      const ada = await phone(room.code, { name: 'Ada' });
      const bo = await phone(room.code, { name: 'Bo' });
      room.room.send('phase', question('mary-requirements'));
      await ada.take('view', (v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pmm', id: bo.seat.id });
      const { votes } = await room.take('votes');
      expect(votes).toEqual([{ id: ada.seat.id, cardId: 'mary-requirements', role: 'pmm', left: null, split: null }]);
      expect((await bo.take('view', () => true, 300).catch(() => null))?.answer ?? null).toBeNull();
    });

    it('takes the split of the work on a shared task answered Both, and shows the right one at the reveal', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-shadowing'));
      await ada.take('view', (v) => v.phase === 'question');
      ada.room.send('split', { option: 0 });
      expect((await ada.take('refused')).reason).toMatch(/Choose Both first/);
      ada.room.send('answer', { role: 'both' });
      const view = await ada.take('view', (v) => v.answer === 'both');
      expect(view.card?.splits?.length).toBeGreaterThanOrEqual(3);
      ada.room.send('split', { option: 1 });
      expect((await ada.take('view', (v) => v.split === 1)).answer).toBe('both');
      expect((await room.take('votes', (m) => m.votes[0]?.split === 1)).votes[0]).toMatchObject({ role: 'both' });
      room.room.send('phase', { phase: 'reveal', cardId: 'mary-shadowing' });
      const reveal = await ada.take('view', (v) => v.phase === 'reveal');
      expect(reveal.verdict).toMatchObject({ right: true, split: { text: expect.any(String) } });
    });

    it('refuses a split on a task that is not shared', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-requirements'));
      await ada.take('view', (v) => v.phase === 'question');
      ada.room.send('answer', { role: 'both' });
      await ada.take('view', (v) => v.answer === 'both');
      ada.room.send('split', { option: 0 });
      expect((await ada.take('refused')).reason).toMatch(/Choose Both first/);
    });

    it('keeps one answer per phone per task, changeable while answers are open', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-requirements'));
      await ada.take('view', (v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pm' });
      ada.room.send('answer', { role: 'both' });
      expect(await ada.take('view', (v) => v.answer === 'both')).toMatchObject({ open: true });
      const fresh = track(inbox(await new Client(url).joinById(room.code, { as: 'host', token: room.token })));
      fresh.room.send('hello');
      expect((await fresh.take('votes')).votes).toEqual([
        { id: ada.seat.id, cardId: 'mary-requirements', role: 'both', left: null, split: null },
      ]);
    });

    it('shows each phone its verdict on the reveal, from the server’s own bank', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-requirements'));
      await ada.take('view', (v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pm' });
      await room.take('votes');
      room.room.send('phase', { phase: 'reveal', cardId: 'mary-requirements' });
      expect((await ada.take('view', (v) => v.phase === 'reveal')).verdict).toMatchObject({
        right: true,
        key: 'pm',
        answered: true,
      });
    });

    it('starts each task with no answers', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-requirements'));
      await ada.take('view', (v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pm' });
      await ada.take('view', (v) => v.answer === 'pm');
      room.room.send('phase', question('mary-calendar-design'));
      expect(await ada.take('view', (v) => v.phase === 'question' && !v.answer)).toMatchObject({ answer: null });
    });

    it('refuses an answer before any task, while answers are closed, and after the deadline', async () => {
      const room = await host();
      const ada = await phone(room.code);
      ada.room.send('answer', { role: 'pm' });
      expect(await ada.take('refused')).toEqual({ reason: 'Answers are closed.' });

      room.room.send('phase', question('mary-requirements', null, false));
      await ada.take('view', (v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pm' });
      expect(await ada.take('refused')).toEqual({ reason: 'Answers are closed.' });

      room.room.send('phase', question('mary-calendar-design', 150));
      const view = await ada.take('view', (v) => v.open);
      expect((view.deadline ?? 0) - view.now).toBeLessThanOrEqual(150);
      ada.room.send('answer', { role: 'pmm' });
      expect((await room.take('votes')).votes[0]).toMatchObject({ role: 'pmm', left: expect.any(Number) });
      await new Promise((resolve) => setTimeout(resolve, 200));
      ada.room.send('answer', { role: 'pm' });
      expect(await ada.take('refused')).toEqual({ reason: 'Answers are closed.' });
      await settled(room);
      // The host's hello lists the room's answers again: still the one given in time.
      expect(room.heard('votes').at(-1)?.votes).toEqual([expect.objectContaining({ id: ada.seat.id, role: 'pmm' })]);
    });

    it('ignores a task the bank does not have', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('no-such-card'));
      await settled(ada);
      ada.room.send('answer', { role: 'pm' });
      expect(await ada.take('refused')).toEqual({ reason: 'Answers are closed.' });
    });
  });

  describe('the host', () => {
    it('refuses host messages from a phone, and they change nothing', async () => {
      const room = await host();
      const ada = await phone(room.code);
      const bo = await phone(room.code);
      ada.room.send('phase', question('mary-requirements'));
      ada.room.send('remove', { id: bo.seat.id });
      ada.room.send('standings', { rows: [], players: 2, max: 10 });
      expect(await ada.take('refused')).toEqual({ reason: 'Only the facilitator can do that.' });
      await ada.take('refused');
      await ada.take('refused');
      await settled(ada);
      expect(ada.heard('view').map((view) => view.phase)).toEqual(['lobby', 'lobby']);
      bo.room.send('answer', { role: 'pm' });
      expect(await bo.take('refused')).toEqual({ reason: 'Answers are closed.' });
      expect(bo.room.connection.isOpen).toBe(true);
    });

    it('lets the host back in with its secret and keeps anyone without it out', async () => {
      const room = await host();
      const client = new Client(url);
      await expect(client.joinById(room.code, { as: 'host', token: newSecret() })).rejects.toThrow(
        'Only the facilitator can run this room.',
      );
      await expect(client.joinById(room.code, { as: 'host' })).rejects.toThrow('Those join details do not check.');
      const again = track(inbox(await client.joinById(room.code, { as: 'host', token: room.token })));
      expect(await room.left).toBe(CLOSE_REPLACED);
      again.room.send('hello');
      expect(await again.take('opened')).toEqual({ code: room.code, token: room.token });
    });

    it('does not make a second host of someone who joins with a room’s settings', async () => {
      const room = await host();
      const client = new Client(url);
      const settings = { phones: 'teams', teams: ['Red'], secondsPerCard: 0, speedBonus: false };
      await expect(client.joinById(room.code, { as: 'host', settings })).rejects.toThrow(
        'Those join details do not check.',
      );
    });

    it('takes a removed phone out for good: closed, refused on rejoin and on reconnect', async () => {
      const room = await host();
      const ada = await phone(room.code, { name: 'Ada' });
      room.room.send('phase', question('mary-requirements'));
      await ada.take('view', (v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pm' });
      await room.take('votes');
      room.room.send('remove', { id: ada.seat.id });
      expect(await ada.left).toBe(CLOSE_REMOVED);
      const client = new Client(url);
      await expect(client.joinById(room.code, { as: 'phone', key: ada.key, name: 'Ada' })).rejects.toThrow(
        'The facilitator took this phone out of the room.',
      );
      await expect(client.reconnect(ada.room.reconnectionToken)).rejects.toThrow();
      const fresh = track(inbox(await client.joinById(room.code, { as: 'host', token: room.token })));
      fresh.room.send('hello');
      await fresh.take('opened');
      expect(fresh.all.some((m) => m.type === 'player' || m.type === 'votes')).toBe(false);
    });
  });

  describe('coming back', () => {
    it('gives a phone that joins again with its key the same seat and its answer', async () => {
      const room = await host();
      const ada = await phone(room.code, { name: 'Ada', team: 1 });
      room.room.send('phase', question('mary-requirements'));
      await ada.take('view', (v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pmm' });
      await room.take('votes');
      const again = await phone(room.code, { key: ada.key, name: 'Someone else', team: 0 });
      expect(again.seat).toMatchObject({ id: ada.seat.id, name: 'Ada', team: 1 });
      expect(again.heard('view')[0]).toMatchObject({ phase: 'question', answer: 'pmm' });
      expect(await ada.left).toBe(CLOSE_REPLACED);
    });

    it('lets a dropped phone reconnect with its token, and the host sees it go and come back', async () => {
      const room = await host();
      const ada = await phone(room.code, { name: 'Ada' });
      await room.take('player', (p) => p.connected);
      room.room.send('phase', question('mary-requirements'));
      await ada.take('view', (v) => v.phase === 'question');
      ada.room.send('answer', { role: 'both' });
      await room.take('votes');
      ada.room.connection.close();
      expect(await room.take('player', (p) => !p.connected)).toMatchObject({ id: ada.seat.id });
      const back = track(inbox(await new Client(url).reconnect(ada.room.reconnectionToken)));
      expect(back.room.sessionId).toBe(ada.room.sessionId);
      expect(await back.take('view')).toMatchObject({ phase: 'question', answer: 'both' });
      expect(await room.take('player', (p) => p.connected)).toMatchObject({ id: ada.seat.id });
      back.room.send('answer', { role: 'pm' });
      expect((await room.take('votes')).votes[0]).toMatchObject({ id: ada.seat.id, role: 'pm' });
    });
  });

  describe('bad input', () => {
    it('refuses garbage join and create options with a reason', async () => {
      const room = await host();
      const client = new Client(url);
      for (const options of [
        {},
        { as: 'phone', key: 'short' },
        { as: 'phone', key: newSecret(), name: 42 },
        { as: 'phone', key: newSecret(), team: 99 },
        { as: 'admin' },
        { as: 'phone', key: newSecret(), name: 'x'.repeat(10_000) },
      ])
        await expect(client.joinById(room.code, options)).rejects.toThrow('Those join details do not check.');
      await expect(client.create('workshop', { as: 'host', settings: { phones: 'everyone' } })).rejects.toThrow(
        'The room could not open: its settings do not check.',
      );
      await expect(client.create('workshop', { as: 'host', settings: teamSettings, code: room.code })).rejects.toThrow(
        'That room code is in use.',
      );
      await expect(client.joinById('NOSUCH', { as: 'phone', key: newSecret() })).rejects.toThrow();
    });

    it('refuses malformed and unknown messages and keeps the phone and the room going', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-requirements'));
      await ada.take('view', (v) => v.phase === 'question');
      for (const payload of [{ role: 'ceo' }, { role: 1 }, 'pm', null, { role: 'pm'.repeat(3000) }]) {
        ada.room.send('answer', payload);
        expect(await ada.take('refused')).toEqual({ reason: 'That message does not check.' });
      }
      ada.room.send('teleport', { to: 'final' });
      expect(await ada.take('refused')).toEqual({ reason: 'The room does not know that message.' });
      room.room.send('phase', { phase: 'scorebored' });
      room.room.send('phase', { phase: 'question', cardId: 'mary-requirements', left: -5, open: true });
      expect(await room.take('refused')).toEqual({ reason: 'That message does not check.' });
      expect(await room.take('refused')).toEqual({ reason: 'That message does not check.' });
      ada.room.send('answer', { role: 'pm' });
      expect((await room.take('votes')).votes[0]).toMatchObject({ id: ada.seat.id, role: 'pm' });
    });

    it('closes a connection that sends more than 16 KB, and the server keeps serving', async () => {
      const room = await host();
      const ada = await phone(room.code);
      ada.room.send('answer', { role: 'x'.repeat(20_000) });
      expect(await ada.left).toBe(1009);
      const bo = await phone(room.code);
      expect(await room.take('player', (p) => p.id === bo.seat.id)).toMatchObject({ connected: true });
    });

    it('closes a connection that floods messages, and the server keeps serving', async () => {
      const room = await host();
      const ada = await phone(room.code);
      for (let i = 0; i < 40; i++) ada.room.send('hello');
      expect(await ada.left).toBeGreaterThanOrEqual(4000);
      const bo = await phone(room.code);
      expect(bo.seat.id).not.toBe(ada.seat.id);
    });
  });
});

describe('a room restored on a new server', () => {
  it('brings the same seats, task and answers back under the same code and secret', async () => {
    await start();
    const first = await openRoom(url);
    const ada = await joinPhone(url, first.code, { name: 'Ada', team: 1 });
    const bo = await joinPhone(url, first.code, { name: 'Bo' });
    const phase = question('mary-requirements');
    first.room.send('phase', phase);
    await ada.take('view', (v) => v.phase === 'question');
    ada.room.send('answer', { role: 'pmm' });
    const { votes } = await first.take('votes');
    const players = [ada, bo].map(({ seat: { id, name, team } }) => ({ id, name, team, removed: false }));
    await server.close();

    await start();
    const restore = { players, phase, votes: votes.map(({ id, role, left }) => ({ id, role, left })) };
    const host: Host = track(await openRoom(url, { code: first.code, token: first.token, restore }));
    expect(host.code).toBe(first.code);
    const adaAgain = track(await joinPhone(url, first.code, { key: ada.key, name: 'Other' }));
    expect(adaAgain.seat).toEqual(ada.seat);
    expect(adaAgain.heard('view')[0]).toMatchObject({ phase: 'question', answer: 'pmm' });
    const boAgain = track(await joinPhone(url, first.code, { key: bo.key }));
    expect(boAgain.seat).toEqual(bo.seat);
    expect(host.heard('votes')[0]?.votes).toEqual(votes);
    await server.close();
  });
});

describe('limits', () => {
  afterEach(() => server.close());

  it('closes a room nobody is connected to after the empty-room time', async () => {
    await start({ emptyRoomMs: 200 });
    const room = await openRoom(url);
    expect((await lookup(room.code)).status).toBe(200);
    await room.room.leave();
    let status = 200;
    for (let tries = 0; tries < 40 && status === 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await lookup(room.code)).status;
    }
    expect(status).toBe(404);
    await expect(new Client(url).joinById(room.code, { as: 'host', token: room.token })).rejects.toThrow();
  });

  it('slows down guessing codes but still finds a room that exists', async () => {
    await start({ missesPerMinute: 3, emptyRoomMs: 60_000 });
    const room = track(await openRoom(url));
    const misses = [];
    for (let i = 0; i < 4; i++) misses.push((await lookup('ZZZZZZ')).status);
    expect(misses).toEqual([404, 404, 404, 429]);
    expect((await lookup(room.code)).status).toBe(200);
  });

  it('counts joins to codes that do not exist as misses too', async () => {
    await start({ missesPerMinute: 2, emptyRoomMs: 60_000 });
    const room = track(await openRoom(url));
    const key = 'guesser-key-0123456789ab';
    for (let i = 0; i < 2; i++)
      await expect(new Client(url).joinById('ZZZZZZ', { as: 'phone', key })).rejects.toThrow();
    // Guessing is over for a minute, even for the right code.
    await expect(new Client(url).joinById(room.code, { as: 'phone', key })).rejects.toThrow();
  });

  it('refuses requests and connections past the per-minute limit', async () => {
    await start({ requestsPerMinute: 4 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${url}/rooms/health`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    await expect(new Client(url).create('workshop', { as: 'host', settings: {} })).rejects.toThrow();
  });
});
