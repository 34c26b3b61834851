import type { Plugin } from 'vite';
import { DEV_ROOM_PORT } from '../room/endpoint.ts';

/**
 * `npm run dev` runs the room server beside Vite, in the same process, on port 2567 (the app
 * finds it there in dev), so phones on the same network can join the address Vite prints.
 * ROOM_SERVER=off leaves it out.
 */
export function roomServerPlugin(questionsDir: string): Plugin {
  return {
    name: 'role-call:room-server',
    apply: 'serve',
    async configureServer(server) {
      // A server in middleware mode (the build's prerender) serves no phones, and must exit.
      if (process.env.ROOM_SERVER === 'off' || process.env.VITEST || server.config.server.middlewareMode) return;
      const { startRoomServer } = await import('../roomServer/server.ts');
      const running = await startRoomServer({ port: DEV_ROOM_PORT, host: '0.0.0.0', questionsDir, quiet: true });
      server.httpServer?.once('close', () => void running.close());
      const lan = running.lanAddresses[0];
      server.config.logger.info(
        `  Room server on port ${running.port}${lan ? `: phones join at http://${lan}:${server.config.server.port ?? 5173}/?join` : ''}`,
      );
    },
  };
}
