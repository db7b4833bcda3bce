import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Config } from '../config';
import { createConnectionCap } from '../security/http-connections';
import { createClientAddress } from '../security/http';

/**
 * The node:http server with its timeouts and the per-IP connection cap (issue 13, "fail closed"):
 *
 * - `HTTP_HEADERS_TIMEOUT_MS`: a connection that has not sent a request's headers in time (a new
 *   one that sends nothing, too) gets 408 and is closed;
 * - `HTTP_REQUEST_TIMEOUT_MS`: a request whose body has not fully arrived in time gets 408 and is
 *   closed (node writes the 408; the body reader sees the close and gives up);
 * - `HTTP_KEEP_ALIVE_TIMEOUT_MS`: an idle keep-alive connection is closed;
 * - `HTTP_MAX_CONNECTIONS_PER_IP`: see `createConnectionCap`.
 *
 * Node checks the first two on a timer (`connectionsCheckingInterval`, 30 s by default); it runs
 * here at a quarter of the shorter timeout (between 100 ms and 5 s), so a timeout fires close to
 * its setting. The handler runs only for requests the cap admits.
 */
export function createHttpServer(config: Config, handler: (req: IncomingMessage, res: ServerResponse) => unknown): http.Server {
  const settings = config.hardening.http;
  const cap = createConnectionCap({
    maxPerIp: settings.maxConnectionsPerIp,
    maxUnansweredPerIp: settings.maxConnectionsPerIp + config.hardening.ws.maxConnectionsPerIp,
    clientAddress: createClientAddress(config.hardening.trustProxy),
  });
  const server = http.createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(
        100,
        Math.min(5_000, Math.floor(Math.min(settings.headersTimeoutMs, settings.requestTimeoutMs) / 4)),
      ),
    },
    (req, res) => {
      if (cap.admit(req, res)) void handler(req, res);
    },
  );
  server.headersTimeout = settings.headersTimeoutMs;
  server.requestTimeout = settings.requestTimeoutMs;
  server.keepAliveTimeout = settings.keepAliveTimeoutMs;
  server.on('connection', cap.onConnection);
  server.on('upgrade', (_req: IncomingMessage, socket) => cap.release(socket as Socket));
  return server;
}
