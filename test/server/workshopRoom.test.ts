import { type Pack } from '../../src/core/schema.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { readPack } from '../../src/packs/packFiles.ts';
import { CLOSE_REMOVED, CLOSE_REPLACED, readRefusal, STANDINGS_PART } from '../../src/room/protocol.ts';
import { roomConfig } from '../../src/server/WorkshopRoom.ts';
import { startRoomServer, type RunningRoomServer } from '../../src/server/server.ts';
import { loadBank } from '../../src/core/loadBank.ts';
import { newSecret } from '../../src/room/protocol.ts';
import {
  inbox,
  joinPhone,
  openRoom,
  phoneSees,
  settled,
  teamSettings,
  type Host,
  type Inbox,
  type Phone,
} from '../support/roomClients.ts';
import { roomView } from '../../src/room/projection.ts';

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

/** The template pack, as a host's device checked it: its tasks are "my-pack/first-offline" and so on. */
const read = readPack(readFileSync('public/packs/template.yaml', 'utf8'), loadBank('questions').sources);
if (!read.ok) throw new Error('the template must be a valid pack');
const templatePack: Pack = read.value;
/** The template with a change a hand (or a script) made after the host's device checked it. */
function doctored(change: (pack: Pack & Record<string, unknown>) => void): unknown {
  const copy = structuredClone(templatePack) as Pack & Record<string, unknown>;
  change(copy);
  return copy;
}

let server: RunningRoomServer;
let url: string;
const open: Inbox[] = [];
const track = <T extends Inbox>(who: T): T => (open.push(who), who);

/** Where the servers of this file keep room codes across restarts. */
const codesFile = join(mkdtempSync(join(tmpdir(), 'role-call-codes-')), 'codes.json');

async function start(options: Partial<Parameters<typeof startRoomServer>[0]> = {}) {
  server = await startRoomServer({
    port: 0,
    host: '127.0.0.1',
    questionsDir: 'questions',
    codesFile,
    quiet: true,
    ...options,
  });
  url = `http://127.0.0.1:${server.port}`;
}
const host = async (options?: Record<string, unknown>) => track(await openRoom(url, options));
const phone = async (code: string, options?: Parameters<typeof joinPhone>[2]) =>
  track(await joinPhone(url, code, options));
const lookup = (code: string) => fetch(`${url}/rooms/${code}`);

afterEach(async () => {
  await Promise.all(open.splice(0).map((who) => who.room.connection?.isOpen && who.room.leave().catch(() => 0)));
});

/** Limits out of the way, for tests about something else (one address opens every room here). */
const roomy = { limits: { roomsPerAddress: 1000, probesPerMinute: 100_000, perCodePerMinute: 100_000 } };

describe('a room on one server', () => {
  beforeAll(() => start(roomy));
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

    it('tells look-alike names apart: a Cyrillic А is not a second Ann', async () => {
      const room = await host();
      const ann = await phone(room.code, { name: 'Ann' });
      const copy = await phone(room.code, { name: '\u0410nn' });
      const wide = await phone(room.code, { name: 'ＡＮＮ' });
      expect([ann.seat.name, copy.seat.name, wide.seat.name]).toEqual(['Ann', '\u0410nn 2', 'ＡＮＮ 3']);
    });

    it('tells a phone about the room before it joins, and says when a code has no room', async () => {
      const room = await host();
      expect(await (await lookup(room.code.toLowerCase())).json()).toEqual({
        code: room.code,
        phones: 'teams',
        teams: ['Red', 'Blue'],
        locked: false,
        check: false,
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
      await ada.until((v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pmm', id: bo.seat.id });
      const { votes } = await room.take('votes');
      expect(votes).toEqual([
        { id: ada.seat.id, cardId: 'mary-requirements', role: 'pmm', left: null, split: null, confidence: null },
      ]);
      await settled(bo);
      expect(bo.view().answer).toBeNull();
    });

    it('takes the split of the work on a shared task answered Both, and shows the right one at the reveal', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-shadowing'));
      await ada.until((v) => v.phase === 'question');
      ada.room.send('split', { option: 0 });
      expect(await ada.take('refused')).toEqual({ reason: 'both-first' });
      ada.room.send('answer', { role: 'both' });
      const view = await ada.until((v) => v.answer === 'both');
      expect(view.card?.splits?.length).toBeGreaterThanOrEqual(3);
      ada.room.send('split', { option: 1 });
      expect((await ada.until((v) => v.split === 1)).answer).toBe('both');
      expect((await room.take('votes', (m) => m.votes[0]?.split === 1)).votes[0]).toMatchObject({ role: 'both' });
      room.room.send('phase', { phase: 'reveal', cardId: 'mary-shadowing' });
      const reveal = await ada.until((v) => v.phase === 'reveal');
      expect(reveal.verdict).toMatchObject({ right: true, split: { text: expect.any(String) } });
    });

    it('refuses a split on a task that is not shared', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-requirements'));
      await ada.until((v) => v.phase === 'question');
      ada.room.send('answer', { role: 'both' });
      await ada.until((v) => v.answer === 'both');
      ada.room.send('split', { option: 0 });
      expect(await ada.take('refused')).toEqual({ reason: 'both-first' });
    });

    it('keeps one answer per phone per task, changeable while answers are open', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-requirements'));
      await ada.until((v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pm' });
      ada.room.send('answer', { role: 'both' });
      expect(await ada.until((v) => v.answer === 'both')).toMatchObject({ open: true });
      const fresh = track(inbox(await new Client(url).joinById(room.code, { as: 'host', token: room.token })));
      fresh.room.send('hello');
      expect((await fresh.take('votes')).votes).toEqual([
        { id: ada.seat.id, cardId: 'mary-requirements', role: 'both', left: null, split: null, confidence: null },
      ]);
    });

    it('asks how sure in the first vote of a task voted twice, and starts the second with no answers', async () => {
      const room = await host();
      const ada = await phone(room.code, { name: 'Ada' });
      room.room.send('phase', { ...question('mary-requirements'), sure: true });
      await ada.until((v) => v.phase === 'question' && v.sure === true);
      ada.room.send('answer', { role: 'pmm', confidence: 'high' });
      expect(await ada.until((v) => v.answer === 'pmm')).toMatchObject({ confidence: 'high' });
      expect((await room.take('votes')).votes).toEqual([
        { id: ada.seat.id, cardId: 'mary-requirements', role: 'pmm', left: null, split: null, confidence: 'high' },
      ]);
      // The talk: no answers, a question on the phone and the clock.
      room.room.send('phase', { phase: 'talk', cardId: 'mary-requirements', left: 60_000, question: 'Who owns it?' });
      const talk = await ada.until((v) => v.phase === 'talk');
      // The phone keeps its first vote to argue for.
      expect(talk).toMatchObject({
        talk: { question: 'Who owns it?' },
        open: false,
        answer: 'pmm',
        confidence: 'high',
      });
      // The clock is read as the phase is set and again as it is sent: a busy server may let a ms pass.
      expect(talk.deadline! - talk.now).toBeLessThanOrEqual(60_000);
      expect(talk.deadline! - talk.now).toBeGreaterThan(59_000);
      ada.room.send('answer', { role: 'pm' });
      expect(await ada.take('refused')).toEqual({ reason: 'answers-closed' });
      // A phone that reloads between the votes comes back to the talk, then votes again afresh.
      const back = await phone(room.code, { key: ada.key });
      expect(back.view()).toMatchObject({ phase: 'talk', answer: 'pmm', confidence: 'high' });
      room.room.send('phase', { ...question('mary-requirements'), vote: 2 });
      expect(await back.until((v) => v.phase === 'question')).toMatchObject({ again: true, answer: null });
      expect(back.view().sure).toBeUndefined();
      // How sure is asked of the first vote only.
      back.room.send('answer', { role: 'pm', confidence: 'low' });
      expect((await room.take('votes', (m) => m.votes[0]?.role === 'pm')).votes).toEqual([
        { id: ada.seat.id, cardId: 'mary-requirements', role: 'pm', left: null, split: null, confidence: null },
      ]);
    });

    it('shows each phone its verdict on the reveal, from the server’s own bank', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-requirements'));
      await ada.until((v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pm' });
      await room.take('votes');
      room.room.send('phase', { phase: 'reveal', cardId: 'mary-requirements' });
      expect((await ada.until((v) => v.phase === 'reveal')).verdict).toMatchObject({
        right: true,
        key: 'pm',
        answered: true,
      });
    });

    it("tells every phone each team's answer at the reveal, by the host's rule: the most chosen, a tie to the first", async () => {
      const room = await host();
      const red = await Promise.all(['Ada', 'Bo', 'Cy'].map((name) => phone(room.code, { name, team: 0 })));
      const blue = await Promise.all(['Di', 'Ed'].map((name) => phone(room.code, { name, team: 1 })));
      const [ada, bo, cy] = red as [Phone, Phone, Phone];
      const [di, ed] = blue as [Phone, Phone];
      room.room.send('phase', question('mary-requirements'));
      await Promise.all([...red, ...blue].map((p) => p.until((v) => v.open)));
      const answer = async (who: Phone, role: 'pm' | 'pmm' | 'both') => {
        who.room.send('answer', { role });
        await who.until((v) => v.answer === role);
      };
      await answer(ada, 'pmm');
      await answer(bo, 'pm');
      await answer(cy, 'pm');
      await answer(di, 'pm');
      await answer(ed, 'pmm');
      // Di changes her mind: her new answer goes behind Ed's, so Blue's tie is now Ed's to break.
      await answer(di, 'both');
      room.room.send('phase', { phase: 'reveal', cardId: 'mary-requirements' });
      const reveal = await ada.take('phase', (p) => p.phase === 'reveal');
      expect(reveal.reveal?.teams).toEqual([
        { role: 'pm', votes: 2, answered: 3, tie: false },
        { role: 'pmm', votes: 1, answered: 2, tie: true },
      ]);
      // As a phone shows it, with its own team.
      expect(roomView(reveal, ada.heard('mine').at(-1)!, null, { index: 0, name: 'Red' }).verdict).toMatchObject({
        right: false,
        team: { name: 'Red', role: 'pm', scored: true },
      });
    });

    it('says nobody answered for a team with no answers, and gives no team answers to phones on their own', async () => {
      const room = await host();
      const ada = await phone(room.code, { team: 0 });
      room.room.send('phase', question('mary-requirements'));
      await ada.until((v) => v.open);
      room.room.send('phase', { phase: 'reveal', cardId: 'mary-requirements' });
      expect((await ada.take('phase', (p) => p.phase === 'reveal')).reveal?.teams).toEqual([
        { role: null, votes: 0, answered: 0, tie: false },
        { role: null, votes: 0, answered: 0, tie: false },
      ]);
      const solo = await host({ settings: { phones: 'solo', teams: [], secondsPerCard: 0, speedBonus: false } });
      const bo = await phone(solo.code);
      solo.room.send('phase', { phase: 'reveal', cardId: 'mary-requirements' });
      expect((await bo.take('phase', (p) => p.phase === 'reveal')).reveal).not.toHaveProperty('teams');
    });

    it('sends one small frame back per answer, and the host the room’s answers gathered', async () => {
      const room = await host({ settings: { phones: 'solo', teams: [], secondsPerCard: 0, speedBonus: false } });
      const phones = await Promise.all(Array.from({ length: 30 }, () => phone(room.code)));
      room.room.send('phase', question('mary-requirements'));
      await Promise.all(phones.map((p) => p.until((v) => v.open)));
      const before = phones.map((p) => p.all.length);
      for (const p of phones) p.room.send('answer', { role: 'pm' });
      const votes: unknown[] = [];
      while (votes.length < 30) votes.push(...(await room.take('votes')).votes);
      await Promise.all(phones.map(settled));
      // Each phone heard one message for its answer (and the `seat` answering its own hello).
      expect(phones.map((p, i) => p.all.slice(before[i], before[i]! + 2).map((m) => m.type))).toEqual(
        Array(30).fill(['mine', 'seat']),
      );
      expect(JSON.stringify(phones[0]!.heard('mine').at(-1)).length).toBeLessThan(60);
      // Thirty answers inside one gathering reach the host in a message or two, not thirty.
      expect(room.heard('votes').length).toBeLessThanOrEqual(3);
    });

    it('starts each task with no answers', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-requirements'));
      await ada.until((v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pm' });
      await ada.until((v) => v.answer === 'pm');
      room.room.send('phase', question('mary-calendar-design'));
      expect(await ada.until((v) => v.phase === 'question' && !v.answer)).toMatchObject({ answer: null });
    });

    it('refuses an answer before any task, while answers are closed, and after the deadline', async () => {
      const room = await host();
      const ada = await phone(room.code);
      ada.room.send('answer', { role: 'pm' });
      expect(await ada.take('refused')).toEqual({ reason: 'answers-closed' });

      room.room.send('phase', question('mary-requirements', null, false));
      await ada.until((v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pm' });
      expect(await ada.take('refused')).toEqual({ reason: 'answers-closed' });

      room.room.send('phase', question('mary-calendar-design', 150));
      const view = await ada.until((v) => v.open);
      expect((view.deadline ?? 0) - view.now).toBeLessThanOrEqual(150);
      ada.room.send('answer', { role: 'pmm' });
      expect((await room.take('votes')).votes[0]).toMatchObject({ role: 'pmm', left: expect.any(Number) });
      await new Promise((resolve) => setTimeout(resolve, 200));
      ada.room.send('answer', { role: 'pm' });
      expect(await ada.take('refused')).toEqual({ reason: 'answers-closed' });
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
      expect(await ada.take('refused')).toEqual({ reason: 'answers-closed' });
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
      expect(await ada.take('refused')).toEqual({ reason: 'host-only' });
      await ada.take('refused');
      await ada.take('refused');
      await settled(ada);
      expect(ada.heard('phase').map((view) => view.phase)).toEqual(['lobby', 'lobby']);
      bo.room.send('answer', { role: 'pm' });
      expect(await bo.take('refused')).toEqual({ reason: 'answers-closed' });
      expect(bo.room.connection.isOpen).toBe(true);
    });

    it('passes on the standings of a room of 500 a part at a time, each phone its own', async () => {
      const room = await host();
      const ada = await phone(room.code, { name: 'Ada' });
      room.room.send('phase', { phase: 'scoreboard' });
      await ada.until((v) => v.phase === 'scoreboard');
      const rows = Array.from({ length: 499 }, (_, i) => ({
        id: `seat-${i}`,
        rank: i + 2,
        points: 1,
        team: { name: 'Red', rank: 1, points: 300 },
      }));
      rows.push({ id: ada.seat.id, rank: 1, points: 9, team: { name: 'Red', rank: 1, points: 300 } });
      for (let start = 0; start < rows.length; start += STANDINGS_PART)
        room.room.send('standings', { rows: rows.slice(start, start + STANDINGS_PART), players: 500, max: 10 });
      expect((await ada.until((v) => v.standing !== undefined)).standing).toEqual({
        rank: 1,
        points: 9,
        players: 500,
        max: 10,
        team: { name: 'Red', rank: 1, points: 300 },
      });
      expect(room.room.connection.isOpen).toBe(true);
    });

    it('gives each phone at the end its own result link, to it alone, and refuses what is not a link', async () => {
      const room = await host();
      const ada = await phone(room.code, { name: 'Ada' });
      const bo = await phone(room.code, { name: 'Bo' });
      room.room.send('phase', { phase: 'final' });
      await Promise.all([ada, bo].map((p) => p.until((v) => v.phase === 'final')));
      room.room.send('standings', {
        rows: [
          { id: ada.seat.id, rank: 1, points: 2, link: 'r=QURB' },
          { id: bo.seat.id, rank: 2, points: 1, link: 'r=Qk8' },
        ],
        players: 2,
        max: 2,
      });
      expect((await ada.until((v) => v.standing !== undefined)).standing?.link).toBe('r=QURB');
      expect((await bo.until((v) => v.standing !== undefined)).standing?.link).toBe('r=Qk8');
      expect(JSON.stringify(ada.all)).not.toContain('r=Qk8');
      for (const link of ['javascript:alert(1)', `r=${'A'.repeat(4000)}`]) {
        room.room.send('standings', { rows: [{ id: ada.seat.id, rank: 1, points: 2, link }], players: 2, max: 2 });
        expect(await room.take('refused')).toEqual({ reason: 'unchecked' });
      }
      await settled(ada);
      // Its hello brings its standing again: still its own link, never the refused ones.
      expect(new Set(ada.heard('standing').map((s) => s.link))).toEqual(new Set(['r=QURB']));
    });

    it('lets the host back in with its secret and keeps anyone without it out', async () => {
      const room = await host();
      const client = new Client(url);
      await expect(client.joinById(room.code, { as: 'host', token: newSecret() })).rejects.toThrow(
        /^not-host: Only the facilitator can run this room\.$/,
      );
      await expect(client.joinById(room.code, { as: 'host' })).rejects.toThrow(/^join-details: /);
      const again = track(inbox(await client.joinById(room.code, { as: 'host', token: room.token })));
      expect(await room.left).toBe(CLOSE_REPLACED);
      again.room.send('hello');
      expect(await again.take('opened')).toEqual({ code: room.code, token: room.token });
    });

    it('does not make a second host of someone who joins with a room’s settings', async () => {
      const room = await host();
      const client = new Client(url);
      const settings = { phones: 'teams', teams: ['Red'], secondsPerCard: 0, speedBonus: false };
      await expect(client.joinById(room.code, { as: 'host', settings })).rejects.toThrow(/^join-details: /);
    });

    it('takes a removed phone out for good: closed, refused on rejoin and on reconnect', async () => {
      const room = await host();
      const ada = await phone(room.code, { name: 'Ada' });
      room.room.send('phase', question('mary-requirements'));
      await ada.until((v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pm' });
      await room.take('votes');
      room.room.send('remove', { id: ada.seat.id });
      expect(await ada.left).toBe(CLOSE_REMOVED);
      const client = new Client(url);
      await expect(client.joinById(room.code, { as: 'phone', key: ada.key, name: 'Ada' })).rejects.toThrow(
        /^removed: The facilitator took this phone out of the room\.$/,
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
      await ada.until((v) => v.phase === 'question');
      ada.room.send('answer', { role: 'pmm' });
      await room.take('votes');
      const again = await phone(room.code, { key: ada.key, name: 'Someone else', team: 0 });
      expect(again.seat).toMatchObject({ id: ada.seat.id, name: 'Ada', team: 1 });
      expect(again.view()).toMatchObject({ phase: 'question', answer: 'pmm' });
      expect(await ada.left).toBe(CLOSE_REPLACED);
    });

    it('lets a dropped phone reconnect with its token, and the host sees it go and come back', async () => {
      const room = await host();
      const ada = await phone(room.code, { name: 'Ada' });
      await room.take('player', (p) => p.connected);
      room.room.send('phase', question('mary-requirements'));
      await ada.until((v) => v.phase === 'question');
      ada.room.send('answer', { role: 'both' });
      await room.take('votes');
      ada.room.connection.close();
      expect(await room.take('player', (p) => !p.connected)).toMatchObject({ id: ada.seat.id });
      const back = track(inbox(await new Client(url).reconnect(ada.room.reconnectionToken)));
      expect(back.room.sessionId).toBe(ada.room.sessionId);
      await back.take('mine');
      expect(phoneSees(back)).toMatchObject({ phase: 'question', answer: 'both' });
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
        await expect(client.joinById(room.code, options)).rejects.toThrow(/^join-details: /);
      await expect(client.create('workshop', { as: 'host', settings: { phones: 'everyone' } })).rejects.toThrow(
        /^settings: The room could not open: its settings do not check\.$/,
      );
      await expect(client.create('workshop', { as: 'host', settings: teamSettings, code: room.code })).rejects.toThrow(
        /^code-taken: The room could not open with that code\.$/,
      );
      await expect(
        client.create('workshop', { as: 'host', settings: teamSettings, code: room.code, token: room.token }),
      ).rejects.toThrow(/^code-taken: /);
      await expect(client.joinById('NOSUCH', { as: 'phone', key: newSecret() })).rejects.toThrow();
    });

    it('refuses malformed and unknown messages and keeps the phone and the room going', async () => {
      const room = await host();
      const ada = await phone(room.code);
      room.room.send('phase', question('mary-requirements'));
      await ada.until((v) => v.phase === 'question');
      for (const payload of [{ role: 'ceo' }, { role: 1 }, 'pm', null, { role: 'pm'.repeat(3000) }]) {
        ada.room.send('answer', payload);
        expect(await ada.take('refused')).toEqual({ reason: 'unchecked' });
      }
      ada.room.send('teleport', { to: 'final' });
      expect(await ada.take('refused')).toEqual({ reason: 'unknown-message' });
      room.room.send('phase', { phase: 'scorebored' });
      room.room.send('phase', { phase: 'question', cardId: 'mary-requirements', left: -5, open: true });
      expect(await room.take('refused')).toEqual({ reason: 'unchecked' });
      expect(await room.take('refused')).toEqual({ reason: 'unchecked' });
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
  describe('trainer packs', () => {
    const create = (packs: unknown[]) =>
      new Client(url).create('workshop', { as: 'host', settings: teamSettings, packs });

    it('scores a phone’s answer on a pack task as on any task, from the pack the host sent', async () => {
      const room = await host({ packs: [templatePack] });
      const ada = await phone(room.code);
      room.room.send('phase', question('my-pack/first-battlecard'));
      const asked = await ada.until((v) => v.phase === 'question');
      expect(asked).toMatchObject({ company: 'The first launch', card: { task: expect.stringMatching(/sales team/) } });
      ada.room.send('answer', { role: 'pmm' });
      expect((await room.take('votes')).votes).toEqual([
        { id: ada.seat.id, cardId: 'my-pack/first-battlecard', role: 'pmm', left: null, split: null, confidence: null },
      ]);
      room.room.send('phase', { phase: 'reveal', cardId: 'my-pack/first-battlecard' });
      expect((await ada.until((v) => v.phase === 'reveal')).verdict).toEqual({
        right: true,
        key: 'pmm',
        takeaway: 'Competitive material for sales comes from product marketing.',
        answered: true,
      });
    });

    it('opens a pack room again at a pack task, after the server restarted', async () => {
      const restore = { players: [], phase: question('my-pack/first-launch-plan'), votes: [] };
      const room = await host({ packs: [templatePack], restore });
      const ada = await phone(room.code);
      expect(ada.view()).toMatchObject({
        phase: 'question',
        card: { task: expect.stringMatching(/launch date/) },
      });
      ada.room.send('answer', { role: 'both' });
      expect((await ada.until((v) => v.answer === 'both')).card?.splits).toHaveLength(3);
    });

    it('refuses a doctored pack, saying which pack and what is wrong', async () => {
      const refusals: Array<[unknown[], RegExp]> = [
        [
          [doctored((pack) => void Object.assign(pack.companies[0]!.cards[1]!, { key: 'sales' }))],
          /^packs\?problem=\S+: The room could not open: the pack "My training pack" does not check: company 1 "first-company", card 2 "first-battlecard", field "key": key must be one of/,
        ],
        [
          [doctored((pack) => void Object.assign(pack.pack, { colour: 'blue' }))],
          /field "pack.colour": is not a known field/,
        ],
        [[doctored((pack) => void (pack.companies[0]!.cards[1]!.sources = ['S3', 'P9']))], /unknown source "P9"/],
        [
          [JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(templatePack).slice(1)}`)],
          /field "__proto__": is not a known field/,
        ],
        [['a pack'], /^packs\?problem=\S+: The room could not open: pack 1 does not check: must be fields/],
        [[templatePack, templatePack], /the pack "My training pack" is sent twice/],
        [Array(6).fill(templatePack), /plays 6 trainer packs; a room with phones takes at most 5/],
        [
          [doctored((pack) => void (pack.padding = 'x'.repeat(270_000)))],
          /trainer packs are 26\d KB together; a room with phones takes at most 256 KB/,
        ],
      ];
      for (const [packs, reason] of refusals) await expect(create(packs)).rejects.toThrow(reason);
      // The facilitator's window reads the code, and what is wrong, from the line.
      const refused = await create([templatePack, templatePack]).catch((error: Error) => error.message);
      expect(readRefusal(refused)).toEqual({ reason: 'packs', problem: 'the pack "My training pack" is sent twice' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses a creation past 320 KB unread, and keeps serving', async () => {
      await expect(create([doctored((pack) => void (pack.padding = 'x'.repeat(400_000)))])).rejects.toMatchObject({
        code: 413,
      });
      const join = await fetch(`${url}/matchmake/joinById/ZZZZZZ`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as: 'phone', key: newSecret(), name: 'x'.repeat(20_000) }),
      });
      expect(join.status).toBe(413);
      const room = await host({ packs: [templatePack] });
      expect((await lookup(room.code)).status).toBe(200);
    });

    it('gives each room its own bank: another room, and the shared bank, never see a pack', async () => {
      const shared = roomConfig.banks.en!;
      const companies = shared.index.length;
      const packRoom = await host({ packs: [templatePack] });
      const plain = await host();
      const bo = await phone(plain.code);
      plain.room.send('phase', question('my-pack/first-battlecard'));
      await settled(bo);
      bo.room.send('answer', { role: 'pmm' });
      expect(await bo.take('refused')).toEqual({ reason: 'answers-closed' });
      expect(shared.index).toHaveLength(companies);
      expect(shared.cards.has('my-pack/first-battlecard')).toBe(false);
      // The pack room plays the bank's own tasks too.
      const ada = await phone(packRoom.code);
      packRoom.room.send('phase', question('mary-requirements'));
      expect((await ada.until((v) => v.phase === 'question')).card?.task).toEqual(
        shared.cards.get('mary-requirements')?.card.task,
      );
    });
  });
});

describe('a room in its host’s language', () => {
  beforeAll(() => start(roomy));
  afterAll(() => server.close());

  it('shows the phones the tasks of the bank in the language the host plays, English when it does not say', async () => {
    const german = await host({ language: 'de' });
    const english = await host();
    const [ada, bo] = [await phone(german.code), await phone(english.code)];
    for (const room of [german, english]) room.room.send('phase', question('mary-requirements'));
    const task = async (who: typeof ada) => (await who.until((v) => v.phase === 'question')).card?.task;
    expect(await task(ada)).toBe(roomConfig.banks.de!.cards.get('mary-requirements')?.card.task);
    expect(await task(bo)).toBe(roomConfig.banks.en!.cards.get('mary-requirements')?.card.task);
    expect(await task(ada)).not.toBe(await task(bo));
  });

  it('refuses a language it does not know', async () => {
    await expect(host({ language: 'xx' })).rejects.toThrow();
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
    await ada.until((v) => v.phase === 'question');
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
    expect(adaAgain.view()).toMatchObject({ phase: 'question', answer: 'pmm' });
    const boAgain = track(await joinPhone(url, first.code, { key: bo.key }));
    expect(boAgain.seat).toEqual(bo.seat);
    expect(host.heard('votes')[0]?.votes).toEqual(votes);
    await server.close();
  });
});

describe("the split's grace", () => {
  /** Short, so a test sees it run out; the room's own is SPLIT_GRACE_SECONDS. */
  const GRACE = 1500;
  beforeAll(() => start({ ...roomy, splitGraceMs: GRACE }));
  afterAll(() => server.close());
  /** Until a moment on the server's clock (the same machine's): an absolute deadline, not a guess at a duration. */
  const until = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now()) + 20));

  it('takes the split of a phone that answered Both in time after answers close, until the grace runs out', async () => {
    const room = await host();
    const ada = await phone(room.code, { name: 'Ada' });
    room.room.send('phase', question('mary-shadowing', 60_000));
    await ada.until((v) => v.open);
    ada.room.send('answer', { role: 'both' });
    await ada.until((v) => v.answer === 'both');
    room.room.send('phase', question('mary-shadowing', null, false));
    const closed = await ada.take('phase', (p) => p.phase === 'question' && !p.open);
    // The grace runs from when answers closed, on the server's clock, and every phone is told when it ends.
    expect(closed.splitUntil! - closed.now).toBeGreaterThan(GRACE - 200);
    expect(closed.splitUntil! - closed.now).toBeLessThanOrEqual(GRACE);
    ada.room.send('answer', { role: 'pm' });
    expect(await ada.take('refused')).toEqual({ reason: 'answers-closed' });
    ada.room.send('split', { option: 2 });
    expect(await ada.until((v) => v.split === 2)).toMatchObject({ answer: 'both', open: false });
    expect((await room.take('votes', (m) => m.votes[0]?.split === 2)).votes[0]).toMatchObject({
      id: ada.seat.id,
      role: 'both',
    });
    await until(closed.splitUntil!);
    ada.room.send('split', { option: 0 });
    expect(await ada.take('refused')).toEqual({ reason: 'split-over' });
    expect(ada.view().split).toBe(2);
  });

  it('counts the grace from the deadline when the timer runs out before the host closes answers', async () => {
    const room = await host();
    const ada = await phone(room.code);
    room.room.send('phase', question('mary-shadowing', 300));
    const open = await ada.take('phase', (p) => p.phase === 'question' && p.open);
    expect(open.splitUntil).toBe(open.deadline! + GRACE);
    ada.room.send('answer', { role: 'both' });
    await ada.until((v) => v.answer === 'both');
    await until(open.deadline!);
    ada.room.send('answer', { role: 'pmm' });
    expect(await ada.take('refused')).toEqual({ reason: 'answers-closed' });
    ada.room.send('split', { option: 1 });
    expect((await ada.until((v) => v.split === 1)).answer).toBe('both');
    // The host closing answers late does not stretch the grace.
    room.room.send('phase', question('mary-shadowing', null, false));
    expect((await ada.take('phase', (p) => p.phase === 'question' && !p.open)).splitUntil).toBe(open.deadline! + GRACE);
  });

  it('gives no grace to a phone that answered another role, answered late, or to anyone after the reveal', async () => {
    const room = await host();
    const [pm, late, both] = await Promise.all([phone(room.code), phone(room.code), phone(room.code)]);
    room.room.send('phase', question('mary-shadowing', 60_000));
    await Promise.all([pm, late, both].map((p) => p.until((v) => v.open)));
    pm.room.send('answer', { role: 'pm' });
    both.room.send('answer', { role: 'both' });
    await pm.until((v) => v.answer === 'pm');
    await both.until((v) => v.answer === 'both');
    room.room.send('phase', question('mary-shadowing', null, false));
    await Promise.all([pm, late, both].map((p) => p.until((v) => !v.open)));

    pm.room.send('split', { option: 0 });
    expect(await pm.take('refused')).toEqual({ reason: 'both-first' });
    late.room.send('answer', { role: 'both' });
    expect(await late.take('refused')).toEqual({ reason: 'answers-closed' });
    late.room.send('split', { option: 0 });
    expect(await late.take('refused')).toEqual({ reason: 'both-first' });
    both.room.send('split', { option: 9 });
    expect(await both.take('refused')).toEqual({ reason: 'unchecked' });

    room.room.send('phase', { phase: 'reveal', cardId: 'mary-shadowing' });
    await both.until((v) => v.phase === 'reveal');
    both.room.send('split', { option: 0 });
    expect(await both.take('refused')).toEqual({ reason: 'split-over' });
    await settled(room);
    expect(room.heard('votes').flatMap((m) => m.votes.filter((vote) => vote.split !== null))).toEqual([]);
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
});
