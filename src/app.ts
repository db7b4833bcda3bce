import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { bearerToken, createTokenVerifier, type Viewer } from './common/auth';
import { systemClock, type Clock } from './common/clock';
import { createErrorFormatter } from './common/format-error';
import { createLogger, type Logger } from './common/logger';
import { createContext, type Context } from './context';
import { createDataSource, prepareConnection } from './db/data-source';
import { createTransactionRunner } from './db/transaction';
import { createMemoryEventBus, createRedisEventBus, type EventBus } from './realtime/event-bus';
import { StreamWriter } from './realtime/streams';
import { buildAppSchema } from './schema';
import { createServices, type Services } from './services';
import { serveWeb } from './web/static';

/** Largest request body accepted, in bytes (after decompression). */
export const MAX_BODY_BYTES = 100 * 1024;

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** Skip running migrations (tools that manage the schema themselves). */
  skipMigrations?: boolean;
}

/** A running opsgraph instance: HTTP and WebSocket on one port, path /graphql. */
export interface App {
  config: Config;
  dataSource: DataSource;
  services: Services;
  events: EventBus;
  logger: Logger;
  schema: GraphQLSchema;
  /** Starts listening; port 0 picks a free port. Resolves to the base URL, e.g. http://127.0.0.1:4000 */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops in one order: stop accepting, drain HTTP, close sockets, close the database. Idempotent. */
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `Request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/**
 * Wires the database, schema, services, HTTP (node:http + Apollo's executeHTTPGraphQLRequest) and
 * WebSocket (graphql-ws) into one app. Runs migrations on start-up. Does not listen until `listen()`.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  await prepareConnection(dataSource);
  if (!options.skipMigrations) await dataSource.runMigrations({ transaction: 'each' });

  const events = config.redisUrl ? createRedisEventBus(config.redisUrl, logger) : createMemoryEventBus();
  const streams = new StreamWriter(events, clock);
  const services = createServices({ config, dataSource, transaction: createTransactionRunner(dataSource), clock, events, streams, logger });
  services.alerts.start();
  const schema = await buildAppSchema();
  const verifier = createTokenVerifier(config.auth);
  const formatError = createErrorFormatter(logger, { production: config.env === 'production' });

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.env === 'production',
    formatError: (formatted, error) => formatError(formatted, error),
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  async function viewerFrom(header: string | undefined): Promise<Viewer | null> {
    if (!header) return null;
    const token = bearerToken(header);
    if (!token) throw new HttpError(401, 'Malformed Authorization header: expected "Bearer <token>"');
    return verifier.verify(token);
  }

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req);
      const contentType = headers.get('content-type') ?? '';
      if (/^application\/(graphql-response\+)?json/i.test(contentType)) {
        const charset = /charset=([^;]+)/i.exec(contentType)?.[1]?.trim().toLowerCase();
        if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, `Unsupported charset "${charset}": send UTF-8`);
        try {
          body = JSON.parse(raw);
        } catch {
          throw new HttpError(400, 'Request body is not valid JSON');
        }
      } else {
        body = raw;
      }
    }
    let viewer: Viewer | null = null;
    let authError: string | null = null;
    try {
      viewer = await viewerFrom(req.headers.authorization);
    } catch (error) {
      authError = (error as Error).message;
    }
    if (authError) {
      sendJson(res, 401, { errors: [{ message: authError, extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer' });
      return;
    }
    const httpRequest: HTTPGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: httpRequest,
      context: async () => createContext({ dataSource, services, config, viewer, requestId, now: clock.now() }),
    });
    const outHeaders: Record<string, string> = { 'x-request-id': requestId };
    for (const [key, value] of result.headers) outHeaders[key] = value;
    res.writeHead(result.status ?? 200, outHeaders);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  let draining = false;
  const server = http.createServer(async (req, res) => {
    const requestId = typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/graphql') return await handleGraphQL(req, res, url, requestId);
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        const ok = !draining && dataSource.isInitialized;
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', draining, database: dataSource.isInitialized });
      }
      if (serveWeb(req, res, url, config)) return;
      sendJson(res, 404, { error: 'Not found', paths: ['/graphql', '/healthz', '/readyz'] });
    } catch (error) {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
      else res.end();
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/graphql' || draining) {
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const wsServer = useServer<Record<string, unknown>, { viewer?: Viewer | null; expiryTimer?: NodeJS.Timeout }>(
    {
      schema,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        if (raw === undefined) {
          ctx.extra.viewer = null;
          return true;
        }
        try {
          const viewer = await viewerFrom(String(raw));
          ctx.extra.viewer = viewer;
          if (viewer?.expiresAt) {
            // Authorised for the whole life of the stream: close the socket the moment the token expires.
            const ms = Math.max(0, viewer.expiresAt * 1000 - Date.now());
            ctx.extra.expiryTimer = setTimeout(() => ctx.extra.socket.close(4403, 'Token expired'), Math.min(ms, 2 ** 31 - 1));
            ctx.extra.expiryTimer.unref();
          }
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onDisconnect: (ctx) => clearTimeout(ctx.extra.expiryTimer),
      onClose: (ctx) => clearTimeout(ctx.extra.expiryTimer),
      context: (ctx) =>
        createContext({
          dataSource,
          services,
          config,
          viewer: ctx.extra.viewer ?? null,
          now: clock.now(),
          socket: {
            close: (code, reason) => ctx.extra.socket.close(code, reason),
            get bufferedAmount() {
              return ctx.extra.socket.bufferedAmount;
            },
          },
        }),
      // graphql-ws does not run Apollo's formatError: apply the same masking here.
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
      },
      // onError carries parse/validation failures, which graphql-js leaves without a code.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((e) => formatError({ ...e.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...e.extensions } }, e)) as never,
    },
    wss,
  );

  let stopped: Promise<void> | null = null;
  return {
    config,
    dataSource,
    services,
    events,
    logger,
    schema,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          resolve(`http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`);
        });
      });
    },
    stop() {
      stopped ??= (async () => {
        draining = true;
        server.close();
        await wsServer.dispose();
        for (const client of wss.clients) client.terminate();
        server.closeIdleConnections();
        await apollo.stop();
        await services.alerts.stop();
        services.live.close();
        await events.close();
        server.closeAllConnections();
        if (dataSource.isInitialized) await dataSource.destroy();
      })();
      return stopped;
    },
  };
}
