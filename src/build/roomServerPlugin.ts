import type { Plugin } from 'vite';
import { DEV_ROOM_PORT } from '../room/endpoint.ts';
import { withJoinFirst } from '../server/joinFirst.ts';

/**
 * `npm run dev` runs the room server beside Vite, in the same process, on port 2567 (the app
 * finds it there in dev), so phones on the same network can join the address Vite prints. As
 * `npm start` does, the dev server answers the short join path (`/join`) and puts the code
 * field first on its front page. ROOM_SERVER=off leaves all of it out.
 */
export function roomServerPlugin(questionsDir: string): Plugin {
  let rooms = false;
  return {
    name: 'role-call:room-server',
    apply: 'serve',
    async configureServer(server) {
      // A server in middleware mode (the build's prerender) serves no phones, and must exit.
      if (process.env.ROOM_SERVER === 'off' || process.env.VITEST || server.config.server.middlewareMode) return;
      const { lanAddresses, startRoomServer } = await import('../server/server.ts');
      // The app's pages come from Vite's port, a cross-origin neighbour of the room server's.
      const vitePort = server.config.server.port ?? 5173;
      const allowedOrigins = ['localhost', '127.0.0.1', ...lanAddresses()].map((host) => `http://${host}:${vitePort}`);
      const running = await startRoomServer({
        port: DEV_ROOM_PORT,
        host: '0.0.0.0',
        questionsDir,
        allowedOrigins,
        quiet: true,
      });
      rooms = true;
      server.httpServer?.once('close', () => void running.close());
      server.middlewares.use((req, res, next) => {
        const match = /^\/join(?:\/([\w-]{1,12}))?\/?$/.exec(req.url ?? '');
        if (!match) return next();
        res.writeHead(302, { location: match[1] ? `/?join=${match[1]}` : '/?join' }).end();
      });
      const lan = running.lanAddresses[0];
      server.config.logger.info(
        `  Room server on port ${running.port}${lan ? `: phones join at http://${lan}:${vitePort}/join` : ''}`,
      );
    },
    transformIndexHtml(html, context) {
      return rooms && !context.originalUrl?.includes('?') ? withJoinFirst(html) : html;
    },
  };
}
