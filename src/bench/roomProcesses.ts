import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * Room servers and Redis as child processes on the loopback interface, for the cross-process
 * test and the room benchmark. Each child is killed by its `stop()`, and on this process's exit.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function track(child: ChildProcess, port: number): Child {
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
      running.delete(child);
    },
  };
}

async function until(ready: () => Promise<boolean>, what: string, child: ChildProcess, ms = 20_000) {
  const started = Date.now();
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  while (Date.now() - started < ms) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${output}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${what} did not start within ${ms} ms: ${output}`);
}

/** Whether a program is on PATH. */
export function hasProgram(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** A throwaway Redis: no snapshots, no append-only file, loopback only. */
export async function startRedis(): Promise<Child & { url: string }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  await until(async () => output.includes('Ready to accept connections'), 'redis-server', child);
  return { ...track(child, port), url: `redis://127.0.0.1:${port}` };
}

/**
 * `src/server/main.ts` (or another server `script`) in its own process, without the app,
 * on a free loopback port, giving that address as its public one: where another process sends a
 * phone for a room held here.
 */
export async function startRoomProcess(
  env: Record<string, string> = {},
  script = 'src/server/main.ts',
): Promise<Child> {
  const port = await freePort();
  // Node itself with tsx's loader, not the tsx command: one process, whose pid is the server's.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      ROOM_STATIC: 'none',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const health = async () => (await fetch(`http://127.0.0.1:${port}/rooms/health`)).ok;
  await until(health, `room server on port ${port}`, child);
  return track(child, port);
}
