import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { peerAddress, sendJson, type ClientAddress } from './http';

/** The error body of a refusal by the cap. */
function tooMany(max: number) {
  return {
    errors: [
      {
        message: `Too many open connections from this address (HTTP_MAX_CONNECTIONS_PER_IP is ${max}): reuse or close one`,
        extensions: { code: 'TOO_MANY_CONNECTIONS', max },
      },
    ],
  };
}

export interface ConnectionCapOptions {
  /** HTTP_MAX_CONNECTIONS_PER_IP: connections per client address that carry HTTP requests. */
  maxPerIp: number;
  /**
   * Connections per client address that have sent no request yet: room for HTTP_MAX_CONNECTIONS_PER_IP
   * plus WS_MAX_CONNECTIONS_PER_IP WebSocket handshakes. Past it a new connection is refused at once.
   */
  maxUnansweredPerIp: number;
  clientAddress: ClientAddress;
}

/**
 * The per-IP cap on HTTP connections (HTTP_MAX_CONNECTIONS_PER_IP).
 *
 * A connection straight from a client (its peer is not a trusted proxy) counts against the peer's
 * address from its first HTTP request until it closes; the first request of a connection past the
 * cap is answered 429 `TOO_MANY_CONNECTIONS` with `Connection: close`, so the client learns why
 * (the handler never sees it). A connection that upgrades to a WebSocket is not counted here
 * (WS_MAX_CONNECTIONS_PER_IP governs it), and one that has sent nothing yet is bounded by
 * HTTP_HEADERS_TIMEOUT_MS and by `maxUnansweredPerIp`: past that, a new connection is answered 429
 * before anything is read and closed.
 *
 * A connection from a trusted proxy (TRUST_PROXY) carries many clients, so it is not counted; each
 * forwarded client address may instead have at most HTTP_MAX_CONNECTIONS_PER_IP requests in flight,
 * and the next gets the same 429 (the proxy's connection stays open).
 */
export function createConnectionCap(options: ConnectionCapOptions) {
  const { maxPerIp, maxUnansweredPerIp, clientAddress } = options;
  /** Connections accepted and neither closed nor upgraded, per peer. */
  const accepted = new Map<string, number>();
  /** Connections that have carried an HTTP request, per peer. */
  const serving = new Map<string, number>();
  /** Requests in flight per forwarded client (connections from trusted proxies). */
  const forwarded = new Map<string, number>();
  const peers = new WeakMap<Socket, string>();
  const served = new WeakSet<Socket>();
  const refused = new WeakSet<Socket>();
  const body = JSON.stringify(tooMany(maxPerIp));
  const rawRefusal =
    'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 1\r\n' +
    `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

  const inc = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const dec = (map: Map<string, number>, key: string) => {
    const n = (map.get(key) ?? 1) - 1;
    if (n <= 0) map.delete(key);
    else map.set(key, n);
  };

  function release(socket: Socket): void {
    const peer = peers.get(socket);
    if (peer === undefined) return;
    peers.delete(socket);
    dec(accepted, peer);
    if (served.delete(socket)) dec(serving, peer);
  }

  return {
    /** The server's 'connection' listener: counts the socket, or refuses it past `maxUnansweredPerIp`. */
    onConnection(socket: Socket): void {
      const peer = peerAddress(socket);
      if (clientAddress.isTrustedProxy(peer)) return;
      if ((accepted.get(peer) ?? 0) >= maxUnansweredPerIp) {
        refused.add(socket);
        // Whatever else touches a refused socket (an upgrade handler writing to it) must not crash the process.
        socket.on('error', () => undefined);
        socket.end(rawRefusal);
        const timer = setTimeout(() => socket.destroy(), 1_000);
        timer.unref();
        socket.once('close', () => clearTimeout(timer));
        return;
      }
      inc(accepted, peer);
      peers.set(socket, peer);
      socket.once('close', () => release(socket));
    },

    /** The server's 'upgrade' listener: a WebSocket is counted by the WebSocket guard instead. */
    release,

    /**
     * Before a request is handled: false when it must not be (its connection was refused, is past
     * the cap, or its forwarded client already has HTTP_MAX_CONNECTIONS_PER_IP requests in flight;
     * the last two are answered 429 here).
     */
    admit(req: IncomingMessage, res: ServerResponse): boolean {
      const socket = req.socket;
      if (refused.has(socket)) return false;
      const peer = peers.get(socket);
      if (peer !== undefined) {
        if (served.has(socket)) return true;
        if ((serving.get(peer) ?? 0) >= maxPerIp) {
          sendJson(res, 429, tooMany(maxPerIp), { 'retry-after': '1', connection: 'close' });
          return false;
        }
        served.add(socket);
        inc(serving, peer);
        return true;
      }
      // From a trusted proxy: meter the forwarded client by its requests in flight.
      const client = clientAddress.of(req);
      if ((forwarded.get(client) ?? 0) >= maxPerIp) {
        sendJson(res, 429, tooMany(maxPerIp), { 'retry-after': '1' });
        return false;
      }
      inc(forwarded, client);
      res.once('close', () => dec(forwarded, client));
      return true;
    },
  };
}
