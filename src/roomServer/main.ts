import { fileURLToPath } from 'node:url';
import { startRoomServer } from './server.ts';

/**
 * `npm start`: the built app and the room server from one Node process, for a facilitator's
 * laptop or a small host. PORT (default 8080), HOST (default 0.0.0.0, so phones on the same
 * network can reach it), REDIS_URL to share rooms with other processes, PUBLIC_ADDRESS for this
 * process behind a load balancer, ROOM_STATIC=none to serve no app, EMPTY_ROOM_MS for how long an
 * empty room stays open, ROOM_REQUESTS_PER_MINUTE and ROOM_MISSES_PER_MINUTE for the per-address
 * limits (a load test from one address needs more than a room of phones behind one router).
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const env = process.env;
const running = await startRoomServer({
  port: Number(env.PORT ?? 8080),
  host: env.HOST ?? '0.0.0.0',
  questionsDir: here('../../questions'),
  staticDir: env.ROOM_STATIC === 'none' ? undefined : here('../../dist'),
  redisUrl: env.REDIS_URL,
  publicAddress: env.PUBLIC_ADDRESS,
  emptyRoomMs: env.EMPTY_ROOM_MS ? Number(env.EMPTY_ROOM_MS) : undefined,
  requestsPerMinute: env.ROOM_REQUESTS_PER_MINUTE ? Number(env.ROOM_REQUESTS_PER_MINUTE) : undefined,
  missesPerMinute: env.ROOM_MISSES_PER_MINUTE ? Number(env.ROOM_MISSES_PER_MINUTE) : undefined,
  quiet: true,
});
const lan = running.lanAddresses.map((ip) => `http://${ip}:${running.port}/`);
console.log(`Role Call with its room server: open http://localhost:${running.port}/?mode=workshop to run a workshop.`);
if (lan.length) console.log(`On this network it is ${lan.join(' or ')}: the lobby shows phones where to join.`);
const stop = () => void running.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
