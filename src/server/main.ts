import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, startRoomServer, type RoomLimits } from './server.ts';

/**
 * `npm start`: the built app and the room server from one Node process, for a facilitator's
 * laptop or a small host. Settings, all optional:
 * - PORT (8080); HOST (0.0.0.0, so phones on the same network can reach it); ROOM_STATIC=none to
 *   serve no app.
 * - ALLOWED_ORIGINS: other origins whose pages may use the rooms, comma-separated (an app built
 *   with VITE_ROOM_SERVER and hosted elsewhere). The server's own pages always may.
 * - REDIS_URL to share rooms with other processes; PUBLIC_ADDRESS for this process behind a load
 *   balancer; TRUST_PROXY, how many proxies in front add to X-Forwarded-For (0).
 * - ROOM_CODES_FILE: where one process keeps which host owns which code across restarts.
 * - EMPTY_ROOM_MS: how long an empty room stays open; RECONNECT_SECONDS: how long a dropped
 *   phone may take its seat back with its token.
 * - ROOM_<LIMIT> for each limit in `RoomLimits`, in capitals with underscores
 *   (ROOM_PROBES_PER_MINUTE, ROOM_MISSES_PER_MINUTE, ROOM_GLOBAL_MISSES_PER_MINUTE,
 *   ROOM_PER_CODE_PER_MINUTE, ROOM_ROOMS_PER_ADDRESS, ROOM_MAX_ROOMS).
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const env = process.env;
const number = (name: string) => (env[name] ? Number(env[name]) : undefined);
const limits = Object.fromEntries(
  Object.keys(DEFAULT_LIMITS).flatMap((name) => {
    const value = number(`ROOM_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`);
    return value === undefined ? [] : [[name, value]];
  }),
) as Partial<RoomLimits>;
const running = await startRoomServer({
  port: Number(env.PORT ?? 8080),
  host: env.HOST ?? '0.0.0.0',
  questionsDir: here('../../questions'),
  staticDir: env.ROOM_STATIC === 'none' ? undefined : here('../../dist'),
  redisUrl: env.REDIS_URL,
  publicAddress: env.PUBLIC_ADDRESS,
  allowedOrigins: env.ALLOWED_ORIGINS?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
  codesFile: env.ROOM_CODES_FILE,
  trustProxy: number('TRUST_PROXY'),
  emptyRoomMs: number('EMPTY_ROOM_MS'),
  reconnectSeconds: number('RECONNECT_SECONDS'),
  limits,
  quiet: true,
});
const lan = running.lanAddresses.map((ip) => `http://${ip}:${running.port}/`);
console.log(`Role Call with its room server: open http://localhost:${running.port}/?mode=workshop to run a workshop.`);
if (lan.length) console.log(`On this network it is ${lan.join(' or ')}: the lobby shows phones where to join.`);
const stop = () => void running.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
