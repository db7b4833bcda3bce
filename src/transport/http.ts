import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import type { Config } from '../config';
import { bearerToken, type TokenVerifier, type Viewer } from '../common/auth';
import { DeadlineExceededError, OperationCancelledError, operationSignal } from '../common/abort';
import type { Logger } from '../common/logger';
import type { Context } from '../context';
import type { DatabaseState } from '../db/connect';
import type { createHealth } from '../observability/health';
import { metricsAccess, type Metrics } from '../observability/metrics';
import { HttpError, createClientAddress, readBody, sendHttpError, sendJson } from '../security/http';
import { serveWeb } from '../web/static';

export interface HttpDeps {
  config: Config;
  apollo: ApolloServer<Context>;
  logger: Logger;
  metrics: Metrics;
  health: ReturnType<typeof createHealth>;
  database: () => DatabaseState | null;
  draining: () => boolean;
  /** Verifies a bearer header; HttpError 401 for a malformed header, UNAUTHENTICATED GraphQLError for a bad token. */
  viewerFrom: (header: string | undefined) => Promise<Viewer | null>;
  /** `signal` aborts at the request's deadline or when its client goes away (Context.signal). */
  createContext: (viewer: Viewer | null, requestId: string, clientIp: string, signal: AbortSignal) => Context;
}

const KNOWN_PATHS = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);

/** Request headers a browser app may send cross-origin: auth, content type, Apollo's CSRF headers, client names, request id. */
const CORS_ALLOW_HEADERS =
  'authorization, content-type, accept, apollo-require-preflight, x-apollo-operation-name, apollographql-client-name, apollographql-client-version, x-request-id';
/** Response headers a cross-origin app may read: where its budget stands and the id to quote in a bug report. */
const CORS_EXPOSE_HEADERS = 'ratelimit, ratelimit-policy, retry-after, x-request-id';

/**
 * CORS for /graphql. `check(origin)` is the Access-Control-Allow-Origin value to send for a listed
 * origin (or `*`), null for any other: a page on another origin then cannot read responses, and its
 * preflight fails, so it cannot send the non-simple requests (JSON bodies, tokens) the API needs.
 */
function createCors(origins: readonly string[]) {
  const listed = new Set(origins);
  const any = listed.has('*');
  return {
    allowOrigin(origin: string | undefined): string | null {
      if (!origin) return null;
      if (any) return '*';
      return listed.has(origin.toLowerCase()) ? origin : null;
    },
  };
}

/** The path of a request target, without the query string (what routing and metrics use). */
function pathOf(target: string | undefined): string {
  if (!target) return '/';
  const q = target.indexOf('?');
  const raw = q === -1 ? target : target.slice(0, q);
  // Anything unusual (encoded characters, dot segments, absolute form) goes through URL's normalisation.
  return /^\/[\w/-]*$/.test(raw) && !raw.includes('//') ? raw : new URL(target, 'http://localhost').pathname;
}

/** The query string of a request target, with its "?" (Apollo reads GET operations from it). */
function searchOf(target: string | undefined): string {
  const q = target?.indexOf('?') ?? -1;
  return q === -1 || q === target!.length - 1 ? '' : target!.slice(q);
}

/**
 * Request deadlines on one shared timer instead of a timer and a Promise.race per request:
 * `track` returns the function that settles the deadline early.
 */
function createDeadlines(ms: number) {
  const pending = new Set<{ at: number; expire: () => void }>();
  const every = Math.max(5, Math.min(250, Math.floor(ms / 10)));
  let timer: NodeJS.Timeout | null = null;
  function sweep() {
    const now = performance.now();
    for (const entry of pending) {
      if (entry.at > now) continue;
      pending.delete(entry);
      entry.expire();
    }
    if (pending.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  }
  return {
    track(expire: () => void): () => void {
      const entry = { at: performance.now() + ms, expire };
      pending.add(entry);
      if (!timer) {
        timer = setInterval(sweep, every);
        timer.unref();
      }
      return () => pending.delete(entry);
    },
  };
}

/** Reads "Bearer <token>" into a viewer; shared by HTTP and WebSocket. */
export function createViewerReader(verifier: TokenVerifier) {
  return async (header: string | undefined): Promise<Viewer | null> => {
    if (!header) return null;
    const token = bearerToken(header);
    if (!token) throw new HttpError(401, 'Malformed Authorization header: expected "Bearer <token>"', 'UNAUTHENTICATED');
    return verifier.verify(token);
  };
}

/**
 * The HTTP side: /graphql through Apollo's executeHTTPGraphQLRequest, /healthz, /readyz, /metrics and
 * the web pages. Every response carries x-request-id; every /graphql request is logged with it (no
 * headers, so no token, are ever logged). Tracks requests in flight so shutdown can wait for them.
 */
export function createHttpHandler(deps: HttpDeps) {
  const { config, apollo, logger, metrics } = deps;
  const limits = config.hardening;
  const deadlines = createDeadlines(limits.operationTimeoutMs);
  const cors = createCors(limits.corsOrigins);
  const clientAddress = createClientAddress(limits.trustProxy);

  /**
   * Adds the CORS response headers for an allowed Origin; answers a preflight (OPTIONS) itself:
   * 204 with the methods and headers the API takes for an allowed origin, 403 without any
   * Access-Control-Allow-Origin for another. Returns true when the request is fully answered.
   */
  function applyCors(req: IncomingMessage, res: ServerResponse, requestId: string): boolean {
    const origin = req.headers.origin;
    const allowOrigin = cors.allowOrigin(origin);
    if (origin !== undefined) res.setHeader('vary', 'Origin');
    if (allowOrigin) {
      res.setHeader('access-control-allow-origin', allowOrigin);
      res.setHeader('access-control-expose-headers', CORS_EXPOSE_HEADERS);
    }
    if (req.method !== 'OPTIONS') return false;
    if (!allowOrigin) {
      sendJson(
        res,
        403,
        {
          errors: [
            {
              message: `Origin ${origin ?? '(none)'} is not allowed to call this API cross-origin: add it to CORS_ORIGINS`,
              extensions: { code: 'FORBIDDEN' },
            },
          ],
        },
        { 'x-request-id': requestId },
      );
      return true;
    }
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
      'access-control-max-age': '600',
      'content-length': '0',
      'x-request-id': requestId,
    });
    res.end();
    return true;
  }
  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, search: string, requestId: string) {
    if (!deps.database()?.ready) {
      throw new HttpError(503, 'The database is not available yet; retry shortly', 'SERVICE_UNAVAILABLE', { 'retry-after': '5' });
    }
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req, limits.maxBodyBytes);
      if (/^application\/(graphql-response\+)?json/i.test(headers.get('content-type') ?? '')) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new HttpError(400, 'Request body is not valid JSON');
        }
      } else {
        body = raw;
      }
    }
    let viewer: Viewer | null;
    try {
      viewer = await deps.viewerFrom(req.headers.authorization);
    } catch (error) {
      throw error instanceof HttpError
        ? error
        : new HttpError(401, (error as Error).message, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer' });
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method ?? 'GET', headers, search, body };
    // The operation's cancellation (Context.signal): aborted at the deadline, which also answers 503
    // at once, and when the client goes away before its answer; the work stops at its next check.
    const controller = operationSignal();
    const clientGone = () => {
      if (!res.writableFinished) controller.abort(new OperationCancelledError('the client closed the connection'));
    };
    res.once('close', clientGone);
    const result = await new Promise<HTTPGraphQLResponse>((resolve, reject) => {
      const untrack = deadlines.track(() => {
        controller.abort(new DeadlineExceededError(limits.operationTimeoutMs));
        reject(
          new HttpError(
            503,
            `The operation exceeded its deadline of ${limits.operationTimeoutMs} ms`,
            'SERVICE_UNAVAILABLE',
            {},
            { deadlineMs: limits.operationTimeoutMs },
          ),
        );
      });
      apollo
        .executeHTTPGraphQLRequest({
          httpGraphQLRequest,
          context: async () => deps.createContext(viewer, requestId, clientAddress.of(req), controller.signal),
        })
        .then(
          (response) => {
            untrack();
            resolve(response);
          },
          (error: unknown) => {
            untrack();
            reject(error);
          },
        );
    });
    const outHeaders: Record<string, string> = { 'x-request-id': requestId };
    for (const [key, value] of result.headers) outHeaders[key] = value;
    if (result.body.kind === 'complete') {
      // A length instead of chunked encoding: headers and body leave in one write, with no chunk framing.
      outHeaders['content-length'] = String(Buffer.byteLength(result.body.string));
      res.writeHead(result.status ?? 200, outHeaders);
      res.end(result.body.string);
    } else {
      res.writeHead(result.status ?? 200, outHeaders);
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, requestId: string) {
    // /graphql is routed without building a URL: it is nearly every request.
    if (path === '/graphql') {
      if (applyCors(req, res, requestId)) return;
      return handleGraphQL(req, res, searchOf(req.url), requestId);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    switch (url.pathname) {
      case '/healthz':
        return sendJson(res, 200, deps.health.liveness());
      case '/readyz': {
        const readiness = await deps.health.readiness();
        return sendJson(res, readiness.status, readiness.body);
      }
      case '/metrics': {
        const access = metricsAccess({ token: limits.metricsToken, production: config.env === 'production' }, req.headers.authorization);
        if (access === 404) return sendJson(res, 404, { error: 'Not found' });
        if (access === 401)
          return sendJson(
            res,
            401,
            { error: 'Send "Authorization: Bearer <METRICS_TOKEN>"' },
            { 'www-authenticate': 'Bearer realm="metrics"' },
          );
        const text = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        return res.end(text);
      }
    }
    if (serveWeb(req, res, url, config)) return;
    // Names the pages too: `/` is where a new user's browser lands first.
    const pages = config.graphiql ? ['/dashboard', '/graphiql'] : ['/dashboard'];
    sendJson(res, 404, { error: 'Not found', paths: [...KNOWN_PATHS, ...pages] });
  }

  async function handler(req: IncomingMessage, res: ServerResponse) {
    const start = performance.now();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && /^[\w-]{1,64}$/.test(header) ? header : randomUUID();
    const path = pathOf(req.url);
    // While draining, every response asks the client to reconnect (to another instance).
    if (deps.draining()) res.setHeader('connection', 'close');
    inFlight++;
    try {
      await route(req, res, path, requestId);
    } catch (error) {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendHttpError(res, error, requestId);
        else res.end();
      } else {
        logger.error({ err: error, requestId }, 'request failed');
        if (!res.headersSent)
          sendJson(
            res,
            500,
            { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] },
            { 'x-request-id': requestId },
          );
        else res.end();
      }
    } finally {
      inFlight--;
      if (inFlight === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
      const seconds = (performance.now() - start) / 1000;
      metrics.httpDuration.observe(
        { method: req.method ?? 'GET', path: KNOWN_PATHS.has(path) ? path : 'other', status: String(res.statusCode) },
        seconds,
      );
      if (path === '/graphql')
        logger.info({ requestId, method: req.method, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'graphql request');
    }
  }

  return {
    handler,
    inFlight: () => inFlight,
    /** Resolves when no request is in flight, or after `timeoutMs` (then false). */
    idle(timeoutMs: number): Promise<boolean> {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          idleWaiters = idleWaiters.filter((w) => w !== done);
          resolve(false);
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        idleWaiters.push(done);
      });
    },
  };
}
