import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileCodeBook, secretHash } from '../../src/server/codes.ts';
import { addressKey, Budgets, doorOf, KnownCodes, originPolicy, socketOf } from '../../src/server/door.ts';
import { lookalikeKey } from '../../src/server/WorkshopRoom.ts';

describe('the doors of the room server', () => {
  it('names each way in, and closes the engine’s others', () => {
    expect(doorOf('GET', '/rooms/health')).toEqual({ kind: 'health' });
    expect(doorOf('GET', '/rooms/abc123?x=1')).toEqual({ kind: 'lookup', code: 'abc123' });
    expect(doorOf('POST', '/matchmake/create/workshop')).toEqual({ kind: 'create' });
    expect(doorOf('POST', '/matchmake/joinById/ABC234')).toEqual({ kind: 'join', code: 'ABC234' });
    expect(doorOf('POST', '/matchmake/reconnect/ABC234')).toEqual({ kind: 'reconnect', code: 'ABC234' });
    for (const [method, url] of [
      ['POST', '/matchmake/join/workshop'],
      ['POST', '/matchmake/joinOrCreate/workshop'],
      ['POST', '/matchmake/create/other'],
      ['GET', '/matchmake/joinById/ABC234'],
      ['POST', '/rooms/ABC234'],
      ['GET', '/rooms/a/b'],
      ['GET', '/__healthcheck'],
    ])
      expect(doorOf(method, url), `${method} ${url}`).toEqual({ kind: 'closed' });
    expect(doorOf('GET', '/assets/index.js')).toEqual({ kind: 'app' });
  });

  it('reads a socket’s room and seat from its address, and nothing else', () => {
    expect(socketOf('/p1/ABC234?sessionId=s1&reconnectionToken=t1')).toEqual({
      roomId: 'ABC234',
      sessionId: 's1',
      token: 't1',
    });
    expect(socketOf('/p1/ABC234')).toBeNull();
    expect(socketOf('/?sessionId=s1')).toBeNull();
  });
});

describe('who is knocking', () => {
  it('counts an IPv4 address whole and an IPv6 one by its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:0db8:0001:0002::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
  });

  it('believes X-Forwarded-For only as far as the proxies it was told of', () => {
    expect(addressKey('10.0.0.1', '1.2.3.4, 5.6.7.8')).toBe('10.0.0.1');
    expect(addressKey('10.0.0.1', '1.2.3.4, 5.6.7.8', 1)).toBe('5.6.7.8');
    expect(addressKey('10.0.0.1', '1.2.3.4, 5.6.7.8', 2)).toBe('1.2.3.4');
  });
});

describe('budgets', () => {
  it('spends a minute’s budget and refills it steadily', () => {
    let now = 0;
    const budgets = new Budgets(3, 100, () => now);
    expect([1, 2, 3, 4].map(() => budgets.take('a'))).toEqual([true, true, true, false]);
    expect(budgets.take('b')).toBe(true);
    now += 20_000;
    expect(budgets.take('a')).toBe(true);
    expect(budgets.take('a')).toBe(false);
  });

  it('forgets the address used longest ago when full, never every address at once', () => {
    const budgets = new Budgets(1, 3, () => 0);
    for (const key of ['a', 'b', 'c']) budgets.take(key);
    budgets.take('b');
    budgets.take('d');
    expect(budgets.size).toBe(3);
    // "a" was used longest ago: forgotten, with a full budget again. "b" and "d" stay spent.
    expect(budgets.left('b')).toBe(0);
    expect(budgets.left('d')).toBe(0);
    expect(budgets.left('a')).toBe(1);
  });

  it('keeps the codes each address found, bounded', () => {
    const known = new KnownCodes(2, 2);
    known.add('x', 'AAAAAA');
    known.add('x', 'BBBBBB');
    known.add('x', 'CCCCCC');
    expect([known.has('x', 'AAAAAA'), known.has('x', 'BBBBBB'), known.has('x', 'CCCCCC')]).toEqual([false, true, true]);
    known.add('y', 'AAAAAA');
    known.add('z', 'AAAAAA');
    expect(known.has('x', 'CCCCCC')).toBe(false);
    expect(known.has('z', 'AAAAAA')).toBe(true);
  });
});

describe('origins', () => {
  const policy = originPolicy({ port: 8080, allowedOrigins: ['https://app.example/'], hosts: ['192.168.1.5'] });

  it('lets in the server’s own pages under its own names, and the origins it is told of', () => {
    expect(policy.allows({ origin: 'http://192.168.1.5:8080', host: '192.168.1.5:8080' })).toBe(true);
    expect(policy.allows({ origin: 'http://localhost:8080', host: 'localhost:8080' })).toBe(true);
    expect(policy.allows({ origin: 'https://app.example', host: 'rooms.example' })).toBe(true);
    expect(policy.corsOrigin('https://app.example')).toBe('https://app.example');
    expect(policy.allows({ host: '192.168.1.5:8080', fetchSite: 'same-origin' })).toBe(true);
    expect(policy.allows({ host: '192.168.1.5:8080' })).toBe(true);
  });

  it('refuses other pages, rebound names, opaque origins and cross-site tags', () => {
    expect(policy.allows({ origin: 'https://evil.example', host: '192.168.1.5:8080' })).toBe(false);
    expect(policy.allows({ origin: 'http://evil.example:8080', host: 'evil.example:8080' })).toBe(false);
    expect(policy.allows({ origin: 'http://192.168.1.5:5173', host: '192.168.1.5:8080' })).toBe(false);
    expect(policy.allows({ origin: 'null', host: '192.168.1.5:8080' })).toBe(false);
    expect(policy.allows({ host: '192.168.1.5:8080', fetchSite: 'cross-site' })).toBe(false);
    expect(policy.corsOrigin('https://evil.example')).toBeUndefined();
    expect(policy.corsOrigin(undefined)).toBeUndefined();
  });
});

describe('the code book', () => {
  it('keeps each code’s owner across a restart, until it expires', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'role-call-codes-')), 'codes.json');
    let now = 1_000;
    const book = await fileCodeBook(path, () => now);
    await book.keep('ABC234', secretHash('secret'), 60_000);
    const again = await fileCodeBook(path, () => now);
    expect(await again.owner('ABC234')).toBe(secretHash('secret'));
    expect(await again.owner('ZZZ234')).toBeNull();
    now += 60_001;
    expect(await again.owner('ABC234')).toBeNull();
    expect(readFileSync(path, 'utf8')).not.toContain('secret');
  });

  it('starts an empty book from a file that does not read', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'role-call-codes-')), 'codes.json');
    writeFileSync(path, '{not json');
    const book = await fileCodeBook(path);
    expect(await book.owner('ABC234')).toBeNull();
  });
});

describe('look-alike names', () => {
  it('folds letters that look alike, case and accents’ forms, and keeps different names apart', () => {
    expect(lookalikeKey('Ann')).toBe(lookalikeKey('\u0410nn'));
    expect(lookalikeKey('ANN')).toBe(lookalikeKey('ann'));
    expect(lookalikeKey('Jose\u0301')).toBe(lookalikeKey('José'));
    expect(lookalikeKey('AI')).toBe(lookalikeKey('Al'));
    expect(lookalikeKey('Ann')).not.toBe(lookalikeKey('Anna'));
  });
});
