import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { getMetadataArgsStorage, type DataSource } from 'typeorm';
import type { Config } from './config';
import { createTokenVerifier, type Viewer } from './common/auth';
import { systemClock, type Clock } from './common/clock';
import { createErrorFormatter } from './transport/format-error';
import { scheduleIdempotencyPurge } from './db/idempotency';
import { createLogger, type Logger } from './common/logger';
import { createContext, type Context, type LiveSocket } from './context';
import { connectDatabase, type DatabaseState } from './db/connect';
import { createDataSource, createReadSource, SQLITE_BUSY_TIMEOUT_MS, sqliteHandle } from './db/data-source';
import { startSqliteCheckpointer, type SqliteCheckpointer } from './db/sqlite-checkpointer';
import { createTransactionRunner } from './db/transaction';
import { createHealth } from './observability/health';
import { createMetrics, instrumentEventBus, type Metrics } from './observability/metrics';
import { createMemoryEventBus, createRedisEventBus, type EventBus } from './realtime/event-bus';
import { StreamWriter } from './realtime/streams';
import { buildAppSchema } from './schema';
import { httpOperationPlugin } from './security/apollo-plugin';
import { createExecutionGate } from './security/execution-gate';
import { apolloLimitError } from './security/limits';
import { createOperationGuard } from './security/operation-guard';
import { createMemoryRateLimiter, createRedisRateLimiter, unlimited } from './security/rate-limit';
import { createServices, MODULE_ENTITIES, NODE_TYPES, type Services } from './modules';
import { createHttpHandler, createViewerReader } from './transport/http';
import { createHttpServer } from './transport/http-server';
import { attachWebSocket } from './transport/ws';
import { createExecutor, type ExecutorStats } from './transport/executor';

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** Skip running migrations (tools that manage the schema themselves). */
  skipMigrations?: boolean;
}

/** A running opsgraph instance: HTTP and WebSocket on one port, path /graphql. */
export interface App {
  config: Config;
  /** The writer: migrations, write transactions, seeding. */
  dataSource: DataSource;
  /** What requests, services and the stream hub read through (`createReadSource`): on SQLite a read-only connection of its own, else `dataSource`. */
  readSource: DataSource;
  services: Services;
  events: EventBus;
  logger: Logger;
  schema: GraphQLSchema;
  metrics: Metrics;
  /** Which engine executes operations (GRAPHQL_EXECUTOR) and what it has done so far: compiles, compiled and graphql-js executions. */
  executor: { kind: 'jit' | 'graphql-js'; stats: ExecutorStats };
  /** Database connection state (a MySQL that is down at start-up is retried in the background). */
  database: DatabaseState;
  /** Starts listening; port 0 picks a free port. Resolves to the base URL, e.g. http://127.0.0.1:4000 */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Stops in one order, within SHUTDOWN_TIMEOUT_MS: readiness flips, new connections are refused,
   * in-flight HTTP requests finish, WebSocket clients get 1001 (and resume elsewhere with their
   * cursors), then background work, Redis and the database close. Idempotent.
   */
  stop(): Promise<void>;
}

/**
 * Wires the database, schema, services, HTTP (node:http + Apollo's executeHTTPGraphQLRequest) and
 * WebSocket (graphql-ws) into one app. Runs migrations on start-up; a MySQL that is down is retried
 * in the background (readiness false meanwhile). Does not listen until `listen()`.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const production = config.env === 'production';
  const hardening = config.hardening;
  const dataSource = createDataSource(config.database, { entities: MODULE_ENTITIES });
  // Reads outside a write transaction go here: on SQLite a read-only connection of its own, so no
  // reader sees a transaction's rows before it commits (the same file, WAL); elsewhere `dataSource`.
  const readSource = createReadSource(config.database, dataSource);

  const bus = config.redisUrl ? createRedisEventBus(config.redisUrl, logger) : createMemoryEventBus();
  const metrics = createMetrics({ dataSource, redisState: () => bus.state() });
  const events = instrumentEventBus(bus, metrics);
  const streams = new StreamWriter(events, clock);
  const idempotencyTtlMs = hardening.idempotencyTtlHours * 3_600_000;
  const transaction = createTransactionRunner(dataSource, { idempotencyTtlMs });
  const services = createServices({ config, dataSource: readSource, transaction, clock, events, streams, logger });
  let stopPurge: () => void = () => undefined;
  let checkpointer: SqliteCheckpointer | null = null;
  const database = await connectDatabase(dataSource, {
    migrate: !options.skipMigrations,
    reader: readSource,
    statementTimeoutMs: hardening.operationTimeoutMs,
    retryMaxMs: config.database.connectRetryMaxMs ?? 30_000,
    logger,
    onReady: () => {
      // A SQLite file's WAL is checkpointed on a thread of its own, not inside the writer's commits.
      if (config.database.kind === 'sqlite' && config.database.url !== ':memory:')
        checkpointer = startSqliteCheckpointer({
          file: config.database.url,
          writer: sqliteHandle(dataSource),
          synchronous: config.database.sqliteSynchronous ?? 'NORMAL',
          busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS,
          logger,
        });
      services.alerts.start();
      stopPurge = scheduleIdempotencyPurge({
        transaction,
        now: () => clock.now(),
        ttlMs: idempotencyTtlMs,
        everyMs: hardening.idempotencyPurgeMs,
        logger,
      });
    },
  });

  const schema = await buildAppSchema();
  // One executor for HTTP, WebSocket operations and subscription events: compiled plans are shared.
  const executor = createExecutor(schema, {
    kind: config.execution.executor,
    maxPlans: config.execution.maxPlans,
    compilesPerPrincipalPerMinute: config.execution.compilesPerPrincipalPerMinute,
    plainField: entityColumns(MODULE_ENTITIES),
  });
  // Queries and mutations, HTTP and WebSocket alike, execute a few at a time in arrival order.
  const gate = createExecutionGate(config.execution.maxConcurrentOperations, config.execution.maxWaitingOperations);
  metrics.setExecutorSource(() => {
    const sizes = executor.sizes();
    return { ...executor.stats, plans: sizes.plans, seenOnce: sizes.seen, ...gate.load };
  });
  const viewerFrom = createViewerReader(createTokenVerifier(config.auth));
  const formatError = createErrorFormatter(logger, { production, deadlineMs: hardening.operationTimeoutMs });
  const rateLimiter = !hardening.rateLimit.enabled
    ? unlimited
    : config.redisUrl
      ? createRedisRateLimiter(config.redisUrl, hardening.rateLimit, logger)
      : createMemoryRateLimiter(hardening.rateLimit);
  const guard = createOperationGuard({
    schema,
    limits: hardening.limits,
    rateLimit: hardening.rateLimit,
    rateLimiter,
    introspection: config.introspection,
    onRefused: (reason, detail) => metrics.refused.inc({ reason, detail }),
  });
  const contextFor = (viewer: Viewer | null, requestId: string, socket?: LiveSocket, signal?: AbortSignal): Context =>
    createContext({ dataSource: readSource, nodeTypes: NODE_TYPES, services, config, viewer, requestId, now: clock.now(), socket, signal });
  const httpContextFor = (viewer: Viewer | null, requestId: string, clientIp: string, signal?: AbortSignal): Context =>
    createContext({
      dataSource: readSource,
      nodeTypes: NODE_TYPES,
      services,
      config,
      viewer,
      requestId,
      now: clock.now(),
      clientIp,
      signal,
    });
  // Apollo's formatError gets no context; the request id of each error is noted as Apollo reports it.
  const errorRequests = new WeakMap<object, string>();

  const apollo = new ApolloServer<Context>({
    // graphql-jit runs in the HTTP plugin's responseForOperation hook, with Apollo's `gateway`
    // executor hook for what runs on graphql-js and for compiled results with errors: Apollo still
    // parses, validates with our rules, runs the plugins (didResolveOperation, willSendResponse) and
    // formatError; it does not serve @defer/@stream or per-field willResolveField hooks then
    // (neither is used here).
    ...(executor.kind === 'jit' ? { gateway: executor.apolloGateway() } : { schema }),
    introspection: config.introspection,
    // Shutdown is ours (stop() below, on SIGTERM/SIGINT from main.ts): Apollo's own signal handler
    // stopped it at once, failing requests still in flight (a body still arriving got a 500).
    stopOnTerminationSignals: false,
    // Apollo's CSRF prevention, plus `authorization`: a bearer token header cannot be sent
    // cross-site without a CORS preflight either, so GET queries that carry one (urql's default)
    // are safe to answer. A GET with none of these headers is refused with BAD_REQUEST.
    csrfPrevention: { requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', 'authorization'] },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    parseOptions: guard.parseOptions,
    validationRules: guard.validationRules,
    formatError: (formatted, error) => {
      const limitError = apolloLimitError(error, hardening.limits.maxTokens);
      const requestId = typeof error === 'object' && error !== null ? errorRequests.get(error) : undefined;
      return formatError(limitError ? { ...formatted, ...limitError.toJSON() } : formatted, limitError ?? error, requestId);
    },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; Apollo's default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      httpOperationPlugin({
        guard,
        principalOf: (ctx) => (ctx.viewer ? `sub:${ctx.viewer.subject}` : `ip:${ctx.clientIp ?? 'unknown'}`),
        metrics,
        gate,
        onErrors: (errors, ctx) => {
          for (const error of errors) errorRequests.set(error, ctx.requestId);
        },
        ...(executor.kind === 'jit' && { compiled: { run: executor.apolloRun, hold: executor.hold } }),
      }),
    ],
  });
  await apollo.start();

  let draining = false;
  const health = createHealth({
    dataSource,
    database: () => database,
    redis: () => bus.state(),
    draining: () => draining,
    queueFull: () => gate.full,
  });
  const http_ = createHttpHandler({
    config,
    apollo,
    logger,
    metrics,
    health,
    database: () => database,
    draining: () => draining,
    viewerFrom,
    createContext: httpContextFor,
  });
  // Header, body and keep-alive timeouts and the per-IP connection cap (HTTP_* settings).
  const server = createHttpServer(config, http_.handler);
  const ws = attachWebSocket(server, {
    config,
    schema,
    guard,
    logger,
    metrics,
    formatError,
    viewerFrom,
    database: () => database,
    draining: () => draining,
    createContext: contextFor,
    execute: executor.execute,
    gate,
  });

  let stopped: Promise<void> | null = null;
  return {
    config,
    dataSource,
    readSource,
    services,
    events,
    logger,
    schema,
    metrics,
    executor: { kind: executor.kind, stats: executor.stats },
    database,
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
        // Every step is bounded so the whole stop fits SHUTDOWN_TIMEOUT_MS: in-flight HTTP gets the
        // timeout less a reserve for closing sockets, Apollo, Redis and the database.
        const timeoutMs = hardening.shutdownTimeoutMs;
        const deadline = Date.now() + timeoutMs;
        const left = () => Math.max(0, deadline - Date.now());
        const bounded = async (step: string, work: () => unknown) => {
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), left())));
          const outcome = await Promise.race([Promise.resolve().then(work), late]).finally(() => clearTimeout(timer));
          if (outcome === 'late') logger.warn({ step }, 'shutdown: step still running at SHUTDOWN_TIMEOUT_MS; going on');
        };
        draining = true;
        server.close();
        server.closeIdleConnections();
        const drained = await http_.idle(Math.max(0, timeoutMs - Math.min(2_000, Math.floor(timeoutMs / 4))));
        if (!drained) {
          logger.warn({ inFlight: http_.inFlight() }, 'shutdown: requests still in flight near SHUTDOWN_TIMEOUT_MS; cutting them');
          // Their connections close now; each request's signal aborts, and its work stops at its next check.
          server.closeAllConnections();
        }
        // 1001 Going Away: graphql-ws clients reconnect (to another instance) and resume from their cursors.
        await ws.close(Math.min(1000, Math.floor(left() / 2)));
        await bounded('apollo', () => apollo.stop());
        database.stop();
        stopPurge();
        await bounded('alerts', () => services.alerts.stop());
        services.live.close();
        await bounded('events', () => events.close());
        await bounded('rate limiter', () => rateLimiter.close());
        server.closeAllConnections();
        // The checkpointer's connection, then the reader: the writer's connection, closing last,
        // checkpoints the rest of the WAL into the file.
        if (checkpointer) await bounded('sqlite checkpointer', () => checkpointer!.stop());
        if (readSource !== dataSource && readSource.isInitialized)
          await bounded('database reader', () =>
            readSource
              .destroy()
              .catch((error: Error) => logger.warn({ err: error.message }, 'shutdown: closing the read connection failed')),
          );
        // A connection lost earlier (a database outage) makes the pool's end report its error: the pool is closed all the same.
        if (dataSource.isInitialized)
          await bounded('database', () =>
            dataSource
              .destroy()
              .catch((error: Error) => logger.warn({ err: error.message }, 'shutdown: a database connection was already lost')),
          );
        logger.info('stopped');
      })();
      return stopped;
    },
  };
}

/**
 * Which GraphQL fields are database columns of an entity (the object type named as its class):
 * TypeORM hydrates them as plain values, never promises or functions, so a compiled plan may read
 * them inline. Columns declared on a base class (NodeEntity, VersionedEntity) count for every subclass.
 */
function entityColumns(entities: readonly Function[]): (typeName: string, fieldName: string) => boolean {
  const columns = getMetadataArgsStorage().columns.filter((c) => c.mode !== 'virtual-property');
  const byType = new Map<string, Set<string>>();
  for (const entity of entities) {
    const names = new Set<string>();
    for (const column of columns) {
      if (typeof column.target === 'function' && (column.target === entity || column.target.isPrototypeOf(entity)))
        names.add(column.propertyName);
    }
    byType.set(entity.name, names);
  }
  return (typeName, fieldName) => byType.get(typeName)?.has(fieldName) ?? false;
}
