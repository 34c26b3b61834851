import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from '@colyseus/sdk';
import { newSecret } from '../room/protocol.ts';
import { loadBank } from '../core/loadBank.ts';
import { startRoomProcess, type Child } from './roomProcesses.ts';

/**
 * `npm run bench:rooms`: simulated phones (SDK clients in this process) against room servers in
 * child processes on the loopback interface. Prints Markdown tables and stops by itself (a hard
 * limit ends it after ten minutes).
 * - A join storm: 300 phones behind one address (the host at another), with the server's
 *   default limits: how many are seated, how many refused, and the time to the last seat.
 * - Answers: one room of 500, and 100 rooms of 30, each phone answering six tasks at a random
 *   moment (within 1 s for the big room, within 100 ms for the many rooms). The figures are the
 *   time from a phone's `send('answer')` to the host hearing of it, and the server's CPU per
 *   answer (all its work while the tasks run, broadcasts included, over the answers). Each runs
 *   against our server and against a bare Colyseus room on the same packages (`bareRoom.ts`:
 *   it checks nothing, and passes each answer on at once), BENCH_RUNS times each in turn
 *   (3 unless set), with the ratio of the median CPU per answer.
 * - A create flood: 2,000 room creations from one address; rooms opened, and the server's
 *   memory before and after.
 */
const HARD_LIMIT_MS = 10 * 60_000;
setTimeout(() => {
  console.error('benchRooms: gave up after ten minutes.');
  process.exit(1);
}, HARD_LIMIT_MS).unref();

/** Tasks each phone answers per run: the bank's first six, whatever they are. */
const CARDS = loadBank('questions')
  .scenarios[0]!.cards.slice(0, 6)
  .map((card) => card.id);
/** Runs of each server, taken in turn (bare, ours, bare, ours…); CPU per answer is their median. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROLES = ['pm', 'pmm', 'both'] as const;
const WAIT_MS = 30_000;
const codes = () => join(mkdtempSync(join(tmpdir(), 'role-call-bench-')), 'codes.json');
/** Limits out of the way, for the runs that measure the hot path (one address opens every room there). */
const ROOMY = {
  ROOM_PROBES_PER_MINUTE: '1000000',
  ROOM_PER_CODE_PER_MINUTE: '1000000',
  ROOM_ROOMS_PER_ADDRESS: '1000',
  ROOM_MAX_ROOMS: '1000',
};

const ticks = 100; // USER_HZ on Linux
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticks; // utime, stime
}
function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`));
  return Number(line?.[1] ?? 0) / 1024;
}

function waitFor(check: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`Timed out waiting for ${what}`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ms = (value: number) => value.toFixed(1);

/** Which server a run drives, and how its host and phones speak to it. */
interface Kind {
  name: 'ours' | 'bare';
  start(env?: Record<string, string>): Promise<Child>;
  host(client: Client): Promise<{ room: Room; code: string }>;
  phone(client: Client, code: string): Promise<{ room: Room; id: () => string }>;
}

const ours: Kind = {
  name: 'ours',
  start: (env = {}) => startRoomProcess({ ROOM_CODES_FILE: codes(), ...env }),
  async host(client) {
    const settings = { phones: 'solo', teams: [], secondsPerCard: 0, speedBonus: false };
    const room = await client.create('workshop', { as: 'host', settings });
    let code = '';
    room.onMessage('opened', (message: { code: string }) => (code = message.code));
    room.onMessage('player', () => undefined);
    room.onMessage('door', () => undefined);
    room.send('hello');
    await waitFor(() => code !== '', 'the room code');
    return { room, code };
  },
  async phone(client, code) {
    const room = await client.joinById(code, { as: 'phone', key: newSecret(), name: 'Phone' });
    let id = '';
    room.onMessage('seat', (seat: { id: string }) => (id = seat.id));
    room.onMessage('refused', () => undefined);
    room.send('hello');
    await waitFor(() => id !== '', 'a seat');
    return { room, id: () => id };
  },
};

const bare: Kind = {
  name: 'bare',
  start: () => startRoomProcess({}, 'src/bench/bareRoom.ts'),
  async host(client) {
    const room = await client.create('workshop', {});
    return { room, code: room.roomId };
  },
  async phone(client, code) {
    const room = await client.joinById(code, {});
    return { room, id: () => room.sessionId };
  },
};

interface SimRoom {
  host: Room;
  phones: Array<{ room: Room; id: () => string; open: boolean }>;
  /** When each phone last sent its answer, by its id. */
  sent: Map<string, number>;
}

async function openSimRoom(kind: Kind, endpoint: string, players: number, latencies: number[], got: { n: number }) {
  const { room: host, code } = await kind.host(new Client(endpoint));
  const sim: SimRoom = { host, phones: [], sent: new Map() };
  host.onMessage('votes', (message: { votes: Array<{ id: string }> }) => {
    const now = performance.now();
    for (const vote of message.votes) {
      const at = sim.sent.get(vote.id);
      if (at === undefined) continue;
      latencies.push(now - at);
      sim.sent.delete(vote.id);
      got.n++;
    }
  });
  for (let start = 0; start < players; start += 25) {
    const batch = Array.from({ length: Math.min(25, players - start) }, async () => {
      const joined = await kind.phone(new Client(endpoint), code);
      const phone = { ...joined, open: false };
      joined.room.onMessage('phase', (phase: { open: boolean }) => (phone.open = phase.open));
      joined.room.onMessage('mine', () => undefined);
      sim.phones.push(phone);
    });
    await Promise.all(batch);
  }
  return sim;
}

/** Every phone of every room answers each task at a random moment within `spreadMs`. */
async function answers(kind: Kind, rooms: number, players: number, spreadMs: number) {
  const server = await kind.start(ROOMY);
  const endpoint = `http://127.0.0.1:${server.port}`;
  const latencies: number[] = [];
  const got = { n: 0 };
  let expected = 0;
  const joinStarted = performance.now();
  const sims: SimRoom[] = [];
  for (let start = 0; start < rooms; start += 10)
    sims.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, rooms - start) }, () => openSimRoom(kind, endpoint, players, latencies, got)),
      )),
    );
  const joinMs = performance.now() - joinStarted;
  const cpuBefore = cpuSeconds(server.pid);
  for (const [number, cardId] of CARDS.entries()) {
    for (const { host, phones } of sims) {
      for (const phone of phones) phone.open = false;
      host.send('phase', { phase: 'question', cardId, number: number + 1, of: CARDS.length, left: null, open: true });
    }
    await waitFor(() => sims.every((sim) => sim.phones.every((phone) => phone.open)), 'open answers');
    const sent = sims.flatMap((sim) =>
      sim.phones.map(
        (phone) =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              sim.sent.set(phone.id(), performance.now());
              phone.room.send('answer', { role: ROLES[Math.floor(Math.random() * ROLES.length)] });
              resolve();
            }, Math.random() * spreadMs),
          ),
      ),
    );
    await Promise.all(sent);
    expected += sent.length;
    await waitFor(() => got.n >= expected, 'every answer at the host').catch(() => undefined);
    for (const { host } of sims) host.send('phase', { phase: 'reveal', cardId });
  }
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  await Promise.all(sims.flatMap((sim) => [sim.host, ...sim.phones.map((p) => p.room)].map((r) => r.leave())));
  await server.stop();
  return { expected, lost: expected - got.n, latencies, joinMs, cpuPerAnswerMs: (cpu * 1000) / expected };
}

/** 300 phones behind one school address join one room at once, as a class does when told to. */
async function joinStorm(phones: number) {
  const server = await ours.start({ TRUST_PROXY: '1' });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const { room: host, code } = await ours.host(new Client(endpoint, { headers: { 'x-forwarded-for': '10.0.0.1' } }));
  const school = { headers: { 'x-forwarded-for': '10.0.0.2' } };
  const started = performance.now();
  let last = 0;
  const results = await Promise.all(
    Array.from({ length: phones }, async () => {
      try {
        const lookup = await fetch(`${endpoint}/rooms/${code}`, school);
        if (!lookup.ok) return { seated: false, room: null };
        const { room } = await ours.phone(new Client(endpoint, school), code);
        last = performance.now() - started;
        return { seated: true, room };
      } catch {
        return { seated: false, room: null };
      }
    }),
  );
  await Promise.all([host, ...results.flatMap((r) => r.room ?? [])].map((room) => room.leave()));
  await server.stop();
  const seated = results.filter((r) => r.seated).length;
  return { seated, refused: phones - seated, lastSeatMs: last };
}

/** 2,000 creations from one address, one after another: the caps on rooms keep memory flat. */
async function createFlood(attempts: number) {
  const server = await ours.start();
  const endpoint = `http://127.0.0.1:${server.port}`;
  const before = memoryMb(server.pid, 'VmRSS');
  const settings = { phones: 'teams', teams: ['Red', 'Blue'], secondsPerCard: 0, speedBonus: false };
  let opened = 0;
  const started = performance.now();
  for (let i = 0; i < attempts; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${endpoint}/matchmake/create/workshop`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ as: 'host', settings }),
        }).then((response) => response.ok),
      ),
    );
    opened += batch.filter(Boolean).length;
  }
  const seconds = (performance.now() - started) / 1000;
  const after = memoryMb(server.pid, 'VmRSS');
  const peak = memoryMb(server.pid, 'VmHWM');
  await server.stop();
  return { attempts, opened, seconds, before, after, peak };
}

console.log(`\nRoom server, loopback, Node ${process.version}, one machine for the server and every client.\n`);

const storm = await joinStorm(300);
console.log('| join storm | seated | refused | time to the last seat |');
console.log('|---|---|---|---|');
console.log(
  `| 300 phones behind one address | ${storm.seated} | ${storm.refused} | ${(storm.lastSeatMs / 1000).toFixed(1)} s |\n`,
);

console.log(
  '| answers | server | answers | lost | p50 ms | p95 ms | p99 ms | max ms | joins s | CPU per answer ms (median, range) | ratio to bare |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const scenario of [
  { name: 'one room of 500, within 1 s', rooms: 1, players: 500, spreadMs: 1000 },
  { name: '100 rooms × 30, within 100 ms', rooms: 100, players: 30, spreadMs: 100 },
]) {
  const runs: Record<Kind['name'], Array<Awaited<ReturnType<typeof answers>>>> = { bare: [], ours: [] };
  for (let run = 0; run < RUNS; run++)
    for (const kind of [bare, ours])
      runs[kind.name].push(await answers(kind, scenario.rooms, scenario.players, scenario.spreadMs));
  const cpu = (name: Kind['name']) => median(runs[name].map((r) => r.cpuPerAnswerMs));
  for (const name of ['bare', 'ours'] as const) {
    const all = runs[name];
    const l = all.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const each = all.map((r) => r.cpuPerAnswerMs);
    const ratio = name === 'ours' ? `${(cpu('ours') / cpu('bare')).toFixed(2)}×` : '1×';
    console.log(
      `| ${scenario.name} | ${name} | ${all.reduce((sum, r) => sum + r.expected, 0)} | ` +
        `${all.reduce((sum, r) => sum + r.lost, 0)} | ${ms(quantile(l, 0.5))} | ${ms(quantile(l, 0.95))} | ` +
        `${ms(quantile(l, 0.99))} | ${ms(l.at(-1) ?? NaN)} | ${(median(all.map((r) => r.joinMs)) / 1000).toFixed(1)} | ` +
        `${cpu(name).toFixed(3)} (${Math.min(...each).toFixed(3)}–${Math.max(...each).toFixed(3)}) | ${ratio} |`,
    );
  }
}

const flood = await createFlood(2000);
console.log('\n| create flood | rooms opened | seconds | server RSS MB before → after (peak) |');
console.log('|---|---|---|---|');
console.log(
  `| ${flood.attempts} creations from one address | ${flood.opened} | ${flood.seconds.toFixed(1)} | ` +
    `${flood.before.toFixed(0)} → ${flood.after.toFixed(0)} (${flood.peak.toFixed(0)}) |`,
);
process.exit(0);
