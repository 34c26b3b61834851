import { Room, Server, type Client } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';

/**
 * The bench's yardstick: a bare Colyseus room on the same packages as the room server, doing
 * the least a workshop's hot path could (`npm run bench:rooms` runs it beside ours). The first
 * to join is the host; whatever the host sends as `phase` goes to every phone; each answer is
 * acknowledged to its phone and passed to the host at once, one message each, checking nothing.
 */
class BareRoom extends Room {
  override maxClients = 4000;
  #host: Client | null = null;
  override messages = {
    hello: () => undefined,
    phase: (client: Client, phase: unknown) => {
      if (client === this.#host) this.broadcast('phase', phase, { except: client });
    },
    answer: (client: Client, answer: { role: string }) => {
      client.send('mine', { answer: answer.role });
      this.#host?.send('votes', { votes: [{ id: client.sessionId, role: answer.role }] });
    },
  };
  override onJoin(client: Client) {
    this.#host ??= client;
  }
}

const port = Number(process.env.PORT ?? 2568);
const transport = new WebSocketTransport({ maxPayload: 16 * 1024 });
const server = new Server({
  transport,
  greet: false,
  ...(process.env.PUBLIC_ADDRESS ? { publicAddress: process.env.PUBLIC_ADDRESS } : {}),
  express: (app) => void app.get('/rooms/health', (_req, res) => void res.json({ ok: true })),
});
server.define('workshop', BareRoom);
await server.listen(port, '127.0.0.1');
