import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { bearerToken } from '../common/auth';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Distinct GraphQL operation names kept as label values; later ones are counted as "other" (clients choose names). */
const MAX_GRAPHQL_OPERATION_NAMES = 200;

/** mysql2's pool internals (no public API reports pool use). */
interface PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/** What the GraphQL executor has done so far (src/transport/executor.ts `stats` and `sizes()`), as the metrics read it. */
export interface ExecutorSnapshot {
  compiles: number;
  compileFailures: number;
  compilesDeferred: number;
  compiledExecutions: number;
  graphqlJsExecutions: number;
  /** Entries in the plan cache (compiled plans, and documents jit could not compile). */
  plans: number;
  /** Documents seen once, waiting for a second use before they are compiled. */
  seenOnce: number;
  /** Queries and mutations executing now, and waiting for their turn (security/execution-gate). */
  executing: number;
  waiting: number;
}

/** Connections in the MySQL pool: total, idle and requests waiting (null for SQLite). */
export function poolStats(dataSource: DataSource): { total: number; free: number; queued: number } | null {
  if (!dataSource.isInitialized || dataSource.options.type === 'better-sqlite3') return null;
  const pool = (dataSource.driver as unknown as { pool?: PoolInternals }).pool;
  if (!pool) return null;
  return { total: pool._allConnections?.length ?? 0, free: pool._freeConnections?.length ?? 0, queued: pool._connectionQueue?.length ?? 0 };
}

/**
 * Prometheus metrics of one app instance, in its own registry (several apps may share a process in
 * tests): HTTP and GraphQL latency, errors by code, WebSocket sockets and subscriptions, events
 * published/delivered/dropped, the executor's compiles, executions by engine and caches, database
 * pool use, and Node's defaults (event-loop lag included).
 */
export function createMetrics(options: { dataSource: DataSource; redisState: () => string }) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'opsgraph' });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const registers = [registry];
  const graphqlOperationNames = new Set<string>();
  let wsSource: () => { connections: number; subscriptions: number } = () => ({ connections: 0, subscriptions: 0 });
  let executorSource: (() => ExecutorSnapshot) | null = null;

  const metrics = {
    registry,
    httpDuration: new Histogram({
      name: 'opsgraph_http_request_duration_seconds',
      help: 'HTTP request latency by path and status.',
      labelNames: ['method', 'path', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    graphqlOperationDuration: new Histogram({
      name: 'opsgraph_graphql_operation_duration_seconds',
      help: 'GraphQL operation latency by operation name, type and transport.',
      labelNames: ['operation', 'type', 'transport'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    errors: new Counter({
      name: 'opsgraph_graphql_errors_total',
      help: 'GraphQL errors by extensions.code and transport.',
      labelNames: ['code', 'transport'],
      registers,
    }),
    refused: new Counter({
      name: 'opsgraph_operations_refused_total',
      help: 'Operations refused before execution (QUERY_TOO_COMPLEX by limit, RATE_LIMITED).',
      labelNames: ['reason', 'detail'],
      registers,
    }),
    wsClosed: new Counter({ name: 'opsgraph_ws_closed_total', help: 'WebSocket closes by close code.', labelNames: ['code'], registers }),
    eventsPublished: new Counter({
      name: 'opsgraph_events_published_total',
      help: 'Stream notifications published after commit.',
      registers,
    }),
    eventsDelivered: new Counter({ name: 'opsgraph_events_delivered_total', help: 'Subscription results sent to clients.', registers }),
    eventsDropped: new Counter({
      name: 'opsgraph_events_dropped_total',
      help: 'Subscribers cut off before delivery (slow_consumer; server_backlog: an event execution refused, once per group of identical subscriptions, because EVENT_EXECUTION_BACKLOG were waiting); they resume from their cursor.',
      labelNames: ['reason'],
      registers,
    }),
    /** Where the WebSocket gauges read their values (set once the WebSocket server exists). */
    setWebSocketSource(source: () => { connections: number; subscriptions: number }) {
      wsSource = source;
    },
    /** Where the executor series read their values (set once the executor exists); without it they are absent. */
    setExecutorSource(source: () => ExecutorSnapshot) {
      executorSource = source;
    },
    /**
     * The `operation` label of a GraphQL operation's name (the client's `operationName`, not a business
     * Operation): 'anonymous' without one, 'other' for an odd name or past the first 200 distinct ones.
     */
    graphqlOperationLabel(name: string | null | undefined): string {
      if (!name) return 'anonymous';
      if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name)) return 'other';
      if (graphqlOperationNames.has(name)) return name;
      if (graphqlOperationNames.size >= MAX_GRAPHQL_OPERATION_NAMES) return 'other';
      graphqlOperationNames.add(name);
      return name;
    },
  };

  new Gauge({
    name: 'opsgraph_ws_connections',
    help: 'Open WebSocket connections.',
    registers,
    collect() {
      this.set(wsSource().connections);
    },
  });
  new Gauge({
    name: 'opsgraph_ws_subscriptions',
    help: 'Operations running on WebSockets (subscriptions, mostly).',
    registers,
    collect() {
      this.set(wsSource().subscriptions);
    },
  });
  // The executor keeps its own running totals; these counters are set from them at scrape time.
  new Counter({
    name: 'opsgraph_graphql_executions_total',
    help: 'GraphQL executions by engine: jit (a compiled plan) or graphql-js (first use, fallback, or GRAPHQL_EXECUTOR=graphql-js).',
    labelNames: ['engine'],
    registers,
    collect() {
      const stats = executorSource?.();
      if (!stats) return;
      this.reset();
      this.inc({ engine: 'jit' }, stats.compiledExecutions);
      this.inc({ engine: 'graphql-js' }, stats.graphqlJsExecutions);
    },
  });
  new Counter({
    name: 'opsgraph_graphql_compiles_total',
    help: 'Document compiles by result: compiled, failed (jit cannot compile it; it runs on graphql-js), deferred (principal over its compile budget).',
    labelNames: ['result'],
    registers,
    collect() {
      const stats = executorSource?.();
      if (!stats) return;
      this.reset();
      this.inc({ result: 'compiled' }, stats.compiles);
      this.inc({ result: 'failed' }, stats.compileFailures);
      this.inc({ result: 'deferred' }, stats.compilesDeferred);
    },
  });
  new Gauge({
    name: 'opsgraph_graphql_plan_cache_entries',
    help: 'Executor caches: plans (compiled plans and documents jit cannot compile) and seen_once (documents waiting for a second use).',
    labelNames: ['cache'],
    registers,
    collect() {
      const stats = executorSource?.();
      if (!stats) return;
      this.set({ cache: 'plans' }, stats.plans);
      this.set({ cache: 'seen_once' }, stats.seenOnce);
    },
  });
  new Gauge({
    name: 'opsgraph_graphql_operations',
    help: 'Queries and mutations (HTTP and WebSocket) by state: executing, or waiting for their turn (GRAPHQL_MAX_CONCURRENT_OPERATIONS).',
    labelNames: ['state'],
    registers,
    collect() {
      const stats = executorSource?.();
      if (!stats) return;
      this.set({ state: 'executing' }, stats.executing);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  new Gauge({
    name: 'opsgraph_db_pool_connections',
    help: 'MySQL pool connections by state (total, free, queued requests).',
    labelNames: ['state'],
    registers,
    collect() {
      const stats = poolStats(options.dataSource);
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'free' }, stats.free);
      this.set({ state: 'in_use' }, stats.total - stats.free);
      this.set({ state: 'queued' }, stats.queued);
    },
  });
  new Gauge({
    name: 'opsgraph_redis_up',
    help: '1 when Redis fan-out is connected, 0 when degraded (absent without Redis).',
    registers,
    collect() {
      const state = options.redisState();
      if (state !== 'memory') this.set(state === 'ready' ? 1 : 0);
    },
  });
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Counts notifications published through the bus (after commit), without changing its behaviour. */
export function instrumentEventBus<B extends { notify(n: unknown): Promise<void> }>(bus: B, metrics: Metrics): B {
  const notify = bus.notify.bind(bus);
  return Object.assign(Object.create(Object.getPrototypeOf(bus)), bus, {
    notify: (n: unknown) => {
      metrics.eventsPublished.inc();
      return notify(n);
    },
  }) as B;
}

/**
 * Who may read /metrics: with METRICS_TOKEN set, only a request with `Authorization: Bearer
 * <METRICS_TOKEN>` (401 otherwise, in every environment); without it, anyone outside production and
 * nobody in production (404: /metrics is not served, so an instance reachable from the internet
 * does not publish its operation names, error counts and load).
 */
export function metricsAccess(options: { token: string | null; production: boolean }, authorization: string | undefined): 200 | 401 | 404 {
  if (!options.token) return options.production ? 404 : 200;
  const sent = bearerToken(authorization);
  if (!sent) return 401;
  // Compared as digests: equal length, so timingSafeEqual applies and the token's length does not leak.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(sent), digest(options.token)) ? 200 : 401;
}
