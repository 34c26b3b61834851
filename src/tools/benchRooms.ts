import { readFileSync } from 'node:fs';
import { Client, type Room } from '@colyseus/sdk';
import { newSecret } from '../room/protocol.ts';
import { startRoomProcess, type Child } from './roomProcesses.ts';

/**
 * `npm run bench:rooms`: simulated phones (SDK clients in this process) against a room server
 * in a child process on the loopback interface. For each scenario it plays a few tasks: every
 * phone answers at a random moment in the first second, and the figure is the time from a
 * phone's `send('answer')` to the host receiving the `votes` message for it. Lost answers are
 * answers sent that never reached the host. The server's CPU and memory come from /proc.
 * Prints a Markdown table; stops by itself (a hard limit ends it after two minutes).
 */
const CARDS = ['mary-requirements', 'mary-calendar-design', 'mary-morning-text'];
const ROLES = ['pm', 'pmm', 'both'] as const;
const SCENARIOS = [
  { name: 'one big room', rooms: 1, players: 200 },
  { name: 'many rooms', rooms: 20, players: 30 },
];
const WAIT_MS = 15_000;

setTimeout(() => {
  console.error('benchRooms: gave up after two minutes.');
  process.exit(1);
}, 120_000).unref();

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

interface SimRoom {
  host: Room;
  phones: Array<{ room: Room; id: string; open: boolean }>;
  /** When each seat last sent its answer, by seat id. */
  sent: Map<string, number>;
}

async function openSimRoom(endpoint: string, players: number, latencies: number[], received: { n: number }) {
  const host = await new Client(endpoint).create('workshop', {
    as: 'host',
    settings: { phones: 'solo', teams: [], secondsPerCard: 0, speedBonus: false },
  });
  const sim: SimRoom = { host, phones: [], sent: new Map() };
  let code = '';
  host.onMessage('opened', (message: { code: string }) => (code = message.code));
  host.onMessage('player', () => undefined);
  host.onMessage('votes', (message: { votes: Array<{ id: string }> }) => {
    const now = performance.now();
    for (const vote of message.votes) {
      const at = sim.sent.get(vote.id);
      if (at === undefined) continue;
      latencies.push(now - at);
      sim.sent.delete(vote.id);
      received.n++;
    }
  });
  host.send('hello');
  await waitFor(() => code !== '', 'the room code');
  for (let start = 0; start < players; start += 25) {
    const batch = Array.from({ length: Math.min(25, players - start) }, async () => {
      const room = await new Client(endpoint).joinById(code, { as: 'phone', key: newSecret(), name: 'Phone' });
      const phone = { room, id: '', open: false };
      room.onMessage('seat', (seat: { id: string }) => (phone.id = seat.id));
      room.onMessage('view', (view: { open: boolean }) => (phone.open = view.open));
      room.onMessage('refused', () => undefined);
      room.send('hello');
      sim.phones.push(phone);
    });
    await Promise.all(batch);
  }
  await waitFor(() => sim.phones.every((phone) => phone.id !== ''), 'every seat');
  return sim;
}

async function runScenario(scenario: (typeof SCENARIOS)[number]) {
  const server: Child = await startRoomProcess({ ROOM_REQUESTS_PER_MINUTE: '1000000', ROOM_MISSES_PER_MINUTE: '1000' });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const latencies: number[] = [];
  const received = { n: 0 };
  let expected = 0;
  const idleRss = memoryMb(server.pid, 'VmRSS');
  const joinStarted = performance.now();
  const rooms = await Promise.all(
    Array.from({ length: scenario.rooms }, () => openSimRoom(endpoint, scenario.players, latencies, received)),
  );
  const joinMs = performance.now() - joinStarted;
  const cpuBefore = cpuSeconds(server.pid);
  const started = performance.now();
  for (const [number, cardId] of CARDS.entries()) {
    for (const { host, phones } of rooms) {
      for (const phone of phones) phone.open = false;
      host.send('phase', { phase: 'question', cardId, number: number + 1, of: CARDS.length, left: null, open: true });
    }
    await waitFor(() => rooms.every((sim) => sim.phones.every((phone) => phone.open)), 'open answers');
    const answered = rooms.flatMap((sim) =>
      sim.phones.map(
        (phone) =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              sim.sent.set(phone.id, performance.now());
              phone.room.send('answer', { role: ROLES[Math.floor(Math.random() * ROLES.length)] });
              resolve();
            }, Math.random() * 1_000),
          ),
      ),
    );
    await Promise.all(answered);
    expected += answered.length;
    await waitFor(() => received.n >= expected, 'every answer at the host').catch(() => undefined);
    for (const { host } of rooms) host.send('phase', { phase: 'reveal', cardId });
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  const peakRss = memoryMb(server.pid, 'VmHWM');
  const rss = memoryMb(server.pid, 'VmRSS');
  await Promise.all(rooms.flatMap((sim) => [sim.host, ...sim.phones.map((p) => p.room)].map((r) => r.leave())));
  await server.stop();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { scenario, expected, received: received.n, pick, joinMs, seconds, cpu, idleRss, rss, peakRss };
}

const rows: string[] = [];
for (const scenario of SCENARIOS) {
  const r = await runScenario(scenario);
  const ms = (q: number) => r.pick(q).toFixed(1);
  rows.push(
    `| ${scenario.name} | ${scenario.rooms} × ${scenario.players} | ${CARDS.length} | ${r.expected} | ` +
      `${r.expected - r.received} | ${ms(0.5)} | ${ms(0.95)} | ${ms(0.99)} | ${ms(1)} | ` +
      `${(r.joinMs / 1000).toFixed(1)} | ${r.cpu.toFixed(2)} (${((100 * r.cpu) / r.seconds).toFixed(0)} %) | ` +
      `${r.idleRss.toFixed(0)} → ${r.rss.toFixed(0)} (peak ${r.peakRss.toFixed(0)}) |`,
  );
}
console.log(`\nRoom server, loopback, Node ${process.version}; answers spread over 1 s per task.\n`);
console.log(
  '| scenario | rooms × players | tasks | answers | lost | p50 ms | p95 ms | p99 ms | max ms | joins s | server CPU s (avg) | server RSS MB idle → end |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
process.exit(0);
