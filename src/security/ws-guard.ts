import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { WebSocketLimitsConfig } from '../config';
import { CloseCode } from '../realtime/close-codes';

/** True when a browser Origin is the server's own (its /graphiql and /dashboard pages): same host and port. */
export function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return origin === `http://${h}` || origin === `https://${h}`;
}

/** Why an upgrade was refused (HTTP status and text), or null to accept it. */
export type UpgradeRefusal = { status: number; text: string; reason: 'origin' | 'connections-per-ip' | 'draining' | 'path' } | null;

/**
 * Transport limits of the WebSocket path that graphql-ws does not have: Origin allow-list and
 * per-IP cap at upgrade, per-principal cap at connection_init, and a per-socket message rate.
 */
export function createWsGuard(config: WebSocketLimitsConfig) {
  const perIp = new Map<string, number>();
  const perPrincipal = new Map<string, number>();
  const allowed = new Set(config.allowedOrigins.map((o) => o.toLowerCase()));
  const anyOrigin = allowed.has('*');

  const dec = (map: Map<string, number>, key: string) => {
    const n = (map.get(key) ?? 1) - 1;
    if (n <= 0) map.delete(key);
    else map.set(key, n);
  };

  return {
    /**
     * At upgrade: refuses a browser Origin that is neither listed (WS_ALLOWED_ORIGINS, `*` for any)
     * nor this server's own (403), and an IP over its socket cap (429). Requests without Origin
     * (non-browser clients) pass.
     */
    checkUpgrade(req: IncomingMessage, ip: string): UpgradeRefusal {
      const origin = req.headers.origin?.toLowerCase();
      if (origin !== undefined && !anyOrigin && !allowed.has(origin) && !isSameOrigin(origin, req.headers.host)) {
        return { status: 403, text: 'Forbidden', reason: 'origin' };
      }
      if ((perIp.get(ip) ?? 0) >= config.maxConnectionsPerIp)
        return { status: 429, text: 'Too Many Requests', reason: 'connections-per-ip' };
      return null;
    },

    /**
     * Counts an accepted socket against its IP and meters its messages: a token bucket of
     * `maxMessagesPerSecond` (burst of the same size); the socket that overflows it is closed with 4029.
     * Register before graphql-ws sees the socket.
     */
    attach(ws: WebSocket, ip: string): void {
      perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
      let tokens = config.maxMessagesPerSecond;
      let at = Date.now();
      ws.on('message', () => {
        const now = Date.now();
        tokens = Math.min(config.maxMessagesPerSecond, tokens + ((now - at) * config.maxMessagesPerSecond) / 1000);
        at = now;
        tokens -= 1;
        if (tokens < 0 && ws.readyState === ws.OPEN) ws.close(CloseCode.TooManyMessages, 'Too many messages');
      });
      ws.once('close', () => dec(perIp, ip));
    },

    /** At connection_init: counts the socket against its principal; false (and the socket closed with 4030) over the cap. */
    admitPrincipal(ws: WebSocket, principal: string): boolean {
      if ((perPrincipal.get(principal) ?? 0) >= config.maxConnectionsPerPrincipal) {
        ws.close(CloseCode.TooManyConnections, 'Too many connections for this principal');
        return false;
      }
      perPrincipal.set(principal, (perPrincipal.get(principal) ?? 0) + 1);
      ws.once('close', () => dec(perPrincipal, principal));
      return true;
    },

    /** True when a socket already runs its maximum of operations (`running` includes the new one). */
    tooManyOperations(running: number): boolean {
      return running > config.maxSubscriptionsPerSocket;
    },
  };
}

export type WsGuard = ReturnType<typeof createWsGuard>;
