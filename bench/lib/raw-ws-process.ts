/**
 * Baseline for scenarios 4–6: a raw `ws` WebSocketServer on 127.0.0.1 port 0 that broadcasts the
 * same bytes the app sends to each subscriber, with no GraphQL, auth or per-subscriber work.
 * Commands: `flood` (broadcast as fast as the sockets drain, for a duration), `rate` (broadcast
 * N messages per second for a duration), `clients`. In every broadcast, the 24-character ISO
 * timestamp placeholder in the template is replaced by the send time (same length, same bytes).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveChildRequests } from './child-protocol';

/** Above this many bytes queued across all sockets, the flood waits for them to drain. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

async function main() {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => undefined);
  });

  function broadcast(template: string, placeholder: string) {
    const text = template.replace(placeholder, new Date().toISOString());
    for (const socket of clients) socket.send(text);
  }

  function buffered() {
    let total = 0;
    for (const socket of clients) total += socket.bufferedAmount;
    return total;
  }

  serveChildRequests({
    clients: () => ({ count: clients.size }),
    async flood(request) {
      const { template, placeholder, durationMs } = request as unknown as { template: string; placeholder: string; durationMs: number };
      const end = performance.now() + durationMs;
      let sent = 0;
      while (performance.now() < end) {
        broadcast(template, placeholder);
        sent++;
        // Yield to the event loop so sockets flush; wait while the kernel buffers are full.
        await new Promise((resolve) => setImmediate(resolve));
        while (buffered() > MAX_BUFFERED_BYTES && performance.now() < end + 30_000) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return { sent };
    },
    async rate(request) {
      const { template, placeholder, durationMs, perSecond } = request as unknown as {
        template: string;
        placeholder: string;
        durationMs: number;
        perSecond: number;
      };
      const total = Math.round((durationMs / 1000) * perSecond);
      const started = performance.now();
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / perSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        broadcast(template, placeholder);
      }
      return { sent: total };
    },
    stop: async () => {
      for (const socket of clients) socket.terminate();
      wss.close();
      server.close();
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.({ type: 'ready', url: `ws://127.0.0.1:${port}/graphql` });
  });
}

main().catch((error) => {
  process.stderr.write(`raw-ws failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
