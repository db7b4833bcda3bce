import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './kpi/health';

/** Which database engine a `DATABASE_URL` selects. */
export type DatabaseKind = 'sqlite' | 'mysql' | 'mariadb';

export interface DatabaseConfig {
  kind: DatabaseKind;
  /** SQLite: file path (or ':memory:'); MySQL/MariaDB: the connection URL. */
  url: string;
  /** Connections in the MySQL pool. Default 10. */
  poolSize: number;
  /** Log every SQL statement (debug only). Default false. */
  logging: boolean;
  /** MySQL: requests allowed to wait for a pooled connection; beyond it they fail fast with SERVICE_UNAVAILABLE. Default 1,000. */
  queueLimit?: number;
  /** MySQL down at start-up: retry with exponential backoff capped at this many ms (readiness false meanwhile). Default 30,000. */
  connectRetryMaxMs?: number;
  /**
   * SQLite `synchronous` (SQLITE_SYNCHRONOUS): NORMAL (default) keeps every acknowledged write
   * through a crash or kill of the process; FULL also through power loss or an OS crash, at one
   * fsync per commit. See the README, "The embedded database".
   */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
}

export interface AuthConfig {
  /** HS256 secret. Required in production unless `jwksUrl` is set. */
  jwtSecret: string | null;
  /** Remote JWKS (RS256/ES256) used instead of the shared secret when set. */
  jwksUrl: string | null;
  /** Expected `iss` claim, when set. */
  issuer: string | null;
  /** Expected `aud` claim, when set. */
  audience: string | null;
  /** True when the zero-config development secret is in use. */
  usingDevSecret: boolean;
  /**
   * Longest token lifetime accepted, seconds: a token whose `exp` lies further than this past its
   * `iat` (or past now) is refused with UNAUTHENTICATED, and so is one without `exp`.
   * TOKEN_MAX_LIFETIME, default 604,800 (7 days).
   */
  maxLifetimeSeconds: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: DatabaseConfig;
  auth: AuthConfig;
  /** Redis URL for cross-instance fan-out and shared rate limits; null = in-process only. */
  redisUrl: string | null;
  /** Seed the demo data set when the database is empty. Default: on outside production. */
  seedDemo: boolean;
  /** ISO 4217 code every amount of money in this instance is in. Default EUR. */
  currency: string;
  /** Pretty start-up banner with demo tokens. Default: on outside production and test. */
  printDemoTokens: boolean;
  /** Serve /graphiql. Default: on outside production. */
  graphiql: boolean;
  /** Allow introspection. Default: on outside production. */
  introspection: boolean;
  /** pino log level. Default info (silent in test). */
  logLevel: string;
  realtime: RealtimeConfig;
  kpi: KpiConfig;
  /** Query limits, transport limits, rate limits and shutdown (issue 6, "Hardening"). */
  hardening: HardeningConfig;
  /** How operations are executed (src/transport/executor.ts). */
  execution: ExecutionConfig;
}

/** How GraphQL operations are executed, on HTTP, WebSocket and for subscription events. */
export interface ExecutionConfig {
  /**
   * `jit`: graphql-jit compiles a document on its second use and runs the compiled plan, graphql-js
   * otherwise (first use, what jit cannot compile, invalid variables); `graphql-js`: graphql-js
   * only. Responses are the same. GRAPHQL_EXECUTOR, default jit (the whole test suite passes under both).
   */
  executor: 'jit' | 'graphql-js';
  /** Compiled plans kept, least recently used dropped first. GRAPHQL_JIT_MAX_PLANS, default 500. */
  maxPlans: number;
  /** Compiles one principal may cause per minute; past it its documents run on graphql-js. GRAPHQL_JIT_COMPILES_PER_MINUTE, default 30. */
  compilesPerPrincipalPerMinute: number;
  /**
   * Queries (HTTP and WebSocket) that execute at once; the others wait their turn in arrival order,
   * their wait counting against their deadline (security/execution-gate.ts). Mutations never wait
   * (they take turns at the writer) but count while they execute. 0: no limit. GRAPHQL_MAX_CONCURRENT_OPERATIONS, default 2 on SQLite (its reads run on the Node thread:
   * more at once only interleaves them; bench #2, 20 concurrent dashboards: p99 ≈ 1.7 s → 0.5 s)
   * and 4 on MySQL/MariaDB, where the database works on its own cores, so a few more overlap its
   * waits; with no limit twenty concurrent dashboards were all half-built at once and garbage
   * collection took ≈ 24 % of the app's CPU (bench #2 MariaDB small, in-process, alternating:
   * ≈ 11 → 8.5 ms CPU per response, ≈ 90 → 105 req/s with 4).
   */
  maxConcurrentOperations: number;
  /**
   * Queries that may wait for a turn at once; one more is refused at once with SERVICE_UNAVAILABLE
   * (HTTP 503, Retry-After) instead of waiting until its deadline. 0: no bound (the deadline bounds
   * the wait). GRAPHQL_MAX_WAITING_OPERATIONS, default DATABASE_QUEUE_LIMIT on MySQL/MariaDB, so a
   * server whose database cannot keep up still refuses the excess at once as the pool's queue did
   * before queries took turns there, and 0 on SQLite.
   */
  maxWaitingOperations: number;
}

/** Limits every GraphQL document must satisfy before execution, on HTTP and WebSocket alike. */
export interface QueryLimitsConfig {
  /** Deepest field nesting, fragments expanded. QUERY_MAX_DEPTH, default 15. */
  maxDepth: number;
  /** Aliased fields, fragments expanded (each spread counts). QUERY_MAX_ALIASES, default 30. */
  maxAliases: number;
  /** Directive uses, fragments expanded. QUERY_MAX_DIRECTIVES, default 50. */
  maxDirectives: number;
  /** Lexical tokens of the query text (the parser stops at this many). QUERY_MAX_TOKENS, default 5,000. */
  maxTokens: number;
  /**
   * Complexity (work units): each object field counts 1, multiplied by the page size of every
   * enclosing connection; an operation above it is refused before it runs, whoever asks.
   * QUERY_MAX_COMPLEXITY (QUERY_MAX_COST is read as an older name), default 50,000 (the live
   * dashboard's operations query is about 43,000). Separate from the rate limit, which meters points over time.
   */
  maxComplexity: number;
  /** Connection nodes requested: the product of `first` along each path, summed (GitHub's rule). QUERY_MAX_NODES, default 500,000. */
  maxNodes: number;
  /**
   * Complexity of a subscription's selection, paid again on every event it receives: checked when
   * it is opened (WebSocket). SUBSCRIPTION_MAX_EVENT_COMPLEXITY, default 500 (the dashboard's
   * throughput subscription is about 50).
   */
  maxEventComplexity: number;
  /**
   * Distinct subscription documents (document, variables without `after`, roles) open at once on
   * one stream (root field and its ID arguments); identical ones share an execution and count once.
   * SUBSCRIPTION_MAX_DOCUMENTS_PER_STREAM, default 20.
   */
  maxDocumentsPerStream: number;
}

export interface WebSocketLimitsConfig {
  /** Largest frame accepted, bytes; a larger one closes the socket with 1009. WS_MAX_PAYLOAD_BYTES, default 64 KiB. */
  maxPayloadBytes: number;
  /**
   * Browser origins allowed to open a socket (comma-separated WS_ALLOWED_ORIGINS, `*` for any).
   * Default: the CORS_ORIGINS list. The server's own origin (its pages) is always allowed, and so
   * are requests without Origin (non-browser clients).
   */
  allowedOrigins: string[];
  /** Open sockets per client IP. WS_MAX_CONNECTIONS_PER_IP, default 100. */
  maxConnectionsPerIp: number;
  /** Open sockets per token subject. WS_MAX_CONNECTIONS_PER_PRINCIPAL, default 20. */
  maxConnectionsPerPrincipal: number;
  /** Operations running at once on one socket. WS_MAX_SUBSCRIPTIONS_PER_SOCKET, default 50. */
  maxSubscriptionsPerSocket: number;
  /** Messages a socket may send per second (burst of the same size); beyond it the socket closes with 4029. WS_MAX_MESSAGES_PER_SECOND, default 50. */
  maxMessagesPerSecond: number;
  /** Ping interval; a socket that has not answered by the next ping is terminated. WS_KEEPALIVE_MS, default 12,000. */
  keepAliveMs: number;
}

export interface RateLimitConfig {
  /** RATE_LIMIT=off disables it. Default on, in every environment (tests included). */
  enabled: boolean;
  /**
   * Bucket size in points per principal (token subject, else client IP). One point is 100 units of
   * complexity (at least 1 per operation). RATE_LIMIT_POINTS, default 2,000: the largest operation
   * QUERY_MAX_COMPLEXITY admits (500 points) fits four times over.
   */
  capacity: number;
  /** Points that leak out of the bucket per second. RATE_LIMIT_POINTS_PER_SECOND, default 100 (a dashboard reload every 5 s runs forever). */
  leakPerSecond: number;
  /** Extra points each mutation field costs on top of its selection. RATE_LIMIT_MUTATION_POINTS, default 5. */
  mutationPoints: number;
}

/**
 * Which peers may tell the client's address in `X-Forwarded-For` (TRUST_PROXY): `none` (unset: the
 * socket's peer is the client), `hops` (that many proxies in front, each appending to the header),
 * or `addresses` (forwarded headers are read only from peers in these IPs/CIDRs).
 */
export type TrustProxyConfig = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

/** Timeouts and the per-IP connection cap of the HTTP server (node's server settings). */
export interface HttpServerConfig {
  /** Time to receive a request's headers; past it the connection gets 408 and is closed. HTTP_HEADERS_TIMEOUT_MS, default 10,000. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included; past it 408 and closed. HTTP_REQUEST_TIMEOUT_MS, default 30,000. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. HTTP_KEEP_ALIVE_TIMEOUT_MS, default 5,000. */
  keepAliveTimeoutMs: number;
  /**
   * Open HTTP connections per client address; the next one gets 429 and is closed. Connections
   * from a trusted proxy (TRUST_PROXY) are not counted; their requests in flight are, per forwarded
   * address. WebSocket sockets count against WS_MAX_CONNECTIONS_PER_IP instead. HTTP_MAX_CONNECTIONS_PER_IP, default 64.
   */
  maxConnectionsPerIp: number;
}

export interface HardeningConfig {
  /**
   * Browser origins allowed to call /graphql from their own pages (CORS), comma-separated
   * CORS_ORIGINS, `*` for any. Default: none in production; the usual local dev-server origins
   * (Vite 5173/4173, 3000, on localhost and 127.0.0.1) otherwise. Others get no Access-Control-Allow-Origin.
   */
  corsOrigins: string[];
  limits: QueryLimitsConfig;
  ws: WebSocketLimitsConfig;
  rateLimit: RateLimitConfig;
  /** Largest request body after decompression, bytes. MAX_BODY_BYTES, default 100 kB (102,400). */
  maxBodyBytes: number;
  /** Deadline of one GraphQL operation over HTTP; past it the request gets SERVICE_UNAVAILABLE (503). OPERATION_TIMEOUT_MS, default 10,000. */
  operationTimeoutMs: number;
  /** SIGTERM: time allowed for in-flight requests before sockets are cut. SHUTDOWN_TIMEOUT_MS, default 10,000. */
  shutdownTimeoutMs: number;
  /** How long idempotency keys are remembered. IDEMPOTENCY_TTL_HOURS, default 24. */
  idempotencyTtlHours: number;
  /** How often expired idempotency keys are purged. IDEMPOTENCY_PURGE_MS, default 3,600,000 (hourly). */
  idempotencyPurgeMs: number;
  /** Whose X-Forwarded-For is believed for client addresses (per-IP caps, rate limits). TRUST_PROXY, default none. */
  trustProxy: TrustProxyConfig;
  /**
   * Bearer token /metrics requires when set (401 otherwise). METRICS_TOKEN, default none: then
   * /metrics is open outside production and not served (404) in production.
   */
  metricsToken: string | null;
  http: HttpServerConfig;
}

export interface KpiConfig {
  /** Bands that turn SPI, CPI, overdue milestones and high risks into project health. Override with HEALTH_THRESHOLDS='{"spiAtRisk":0.9}'. */
  health: HealthThresholds;
  /** Days of consumption `daysOfCover` averages over by default. Default 30. */
  inventoryLookbackDays: number;
  /** Attainment below this over the alert window raises THROUGHPUT_BELOW_TARGET. Default 0.85. */
  throughputAlertAttainment: number;
}

export interface RealtimeConfig {
  /** A resume cursor further back than this many events gets RESYNC_REQUIRED. Default 10,000. */
  replayLimit: number;
  /** Unread events per subscriber before it is cut off with close code 4008. Default 1,000. */
  subscriberQueueLimit: number;
  /** Bytes waiting in a socket's send buffer before it is cut off with 4008. Default 4 MiB. */
  maxBufferedBytes: number;
  /**
   * Event executions waiting for their turn, across every subscription group, before a new one is
   * refused: its subscribers get SERVICE_UNAVAILABLE for that event and resume from their last
   * cursor (the event is replayed, not lost). EVENT_EXECUTION_BACKLOG, default 20,000: two full
   * 500-sample batches on a stream with 20 documents open.
   */
  eventExecutionBacklog: number;
  /** How often active streams are checked for events a lost notification missed. Default 1,000 ms. */
  pollMs: number;
  /** Run the throughput/milestone simulator (zero-config demo). Default: on in development, never in production. */
  simulator: boolean;
}

/** The development-only secret: known, so demo tokens survive restarts; refused in production. */
export const DEV_JWT_SECRET = 'opsgraph-development-secret-do-not-use-in-production';

/** Thrown at start-up when the environment cannot make a valid configuration. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`Expected a boolean, got "${value}"`);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  const upper = value.toUpperCase() as T;
  if (!allowed.includes(upper)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return upper;
}

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${value}"`);
  }
  return n;
}

/** Parses `DATABASE_URL`: unset → `./data/opsgraph.sqlite`; `sqlite:PATH`, `mysql://`, `mariadb://`. */
export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): Pick<DatabaseConfig, 'kind' | 'url'> {
  if (!raw) return { kind: 'sqlite', url: path.join(cwd, 'data', 'opsgraph.sqlite') };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    return { kind: 'sqlite', url: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  if (raw.startsWith('mysql://')) return { kind: 'mysql', url: raw };
  if (raw.startsWith('mariadb://')) return { kind: 'mariadb', url: raw };
  throw new ConfigError('DATABASE_URL must start with sqlite:, mysql:// or mariadb://');
}

/**
 * Reads the environment into one frozen Config. Fails fast with a ConfigError naming the variable;
 * in production a JWT secret (or JWKS URL) is required and the development secret is refused.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = parseNodeEnv(env.NODE_ENV);
  const production = nodeEnv === 'production';
  const db = parseDatabaseUrl(env.DATABASE_URL);
  const jwksUrl = env.JWKS_URL || null;
  let jwtSecret = env.JWT_SECRET || null;
  let usingDevSecret = false;
  if (production) {
    if (!jwtSecret && !jwksUrl) throw new ConfigError('JWT_SECRET or JWKS_URL is required when NODE_ENV=production');
    if (jwtSecret === DEV_JWT_SECRET) throw new ConfigError('JWT_SECRET must not be the development secret in production');
  } else if (!jwtSecret && !jwksUrl) {
    jwtSecret = DEV_JWT_SECRET;
    usingDevSecret = true;
  }
  if (jwtSecret && jwtSecret.length < 32 && production) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters');
  }
  const currency = (env.CURRENCY || 'EUR').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new ConfigError('CURRENCY must be an ISO 4217 code such as EUR');

  // Statements that may wait for a pool connection; on MySQL/MariaDB also the default bound on queries waiting for a turn.
  const queueLimit = int('DATABASE_QUEUE_LIMIT', env.DATABASE_QUEUE_LIMIT, 1000, 0, 100_000);
  return Object.freeze({
    env: nodeEnv,
    host: env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    port: int('PORT', env.PORT, 4000, 0, 65535),
    database: Object.freeze({
      ...db,
      poolSize: int('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, 1, 500),
      logging: bool(env.DATABASE_LOGGING, false),
      queueLimit,
      connectRetryMaxMs: int('DATABASE_CONNECT_RETRY_MAX_MS', env.DATABASE_CONNECT_RETRY_MAX_MS, 30_000, 100, 600_000),
      sqliteSynchronous: oneOf('SQLITE_SYNCHRONOUS', env.SQLITE_SYNCHRONOUS, ['NORMAL', 'FULL'] as const, 'NORMAL'),
    }),
    auth: Object.freeze({
      jwtSecret,
      jwksUrl,
      issuer: env.JWT_ISSUER || null,
      audience: env.JWT_AUDIENCE || null,
      usingDevSecret,
      maxLifetimeSeconds: int('TOKEN_MAX_LIFETIME', env.TOKEN_MAX_LIFETIME, 7 * 24 * 3600, 60, 366 * 24 * 3600),
    }),
    redisUrl: env.REDIS_URL || null,
    seedDemo: bool(env.SEED_DEMO, !production && nodeEnv !== 'test'),
    currency,
    printDemoTokens: bool(env.PRINT_DEMO_TOKENS, !production && nodeEnv !== 'test'),
    graphiql: bool(env.GRAPHIQL, !production),
    introspection: bool(env.INTROSPECTION, !production),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    kpi: Object.freeze({
      health: Object.freeze(parseThresholds(env.HEALTH_THRESHOLDS)),
      inventoryLookbackDays: int('INVENTORY_LOOKBACK_DAYS', env.INVENTORY_LOOKBACK_DAYS, 30, 1, 3650),
      throughputAlertAttainment: Number(env.THROUGHPUT_ALERT_ATTAINMENT ?? 0.85),
    }),
    realtime: Object.freeze({
      replayLimit: int('EVENT_REPLAY_LIMIT', env.EVENT_REPLAY_LIMIT, 10_000, 1, 10_000_000),
      subscriberQueueLimit: int('SUBSCRIBER_QUEUE_LIMIT', env.SUBSCRIBER_QUEUE_LIMIT, 1_000, 1, 1_000_000),
      maxBufferedBytes: int('WS_MAX_BUFFERED_BYTES', env.WS_MAX_BUFFERED_BYTES, 4 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      eventExecutionBacklog: int('EVENT_EXECUTION_BACKLOG', env.EVENT_EXECUTION_BACKLOG, 20_000, 1, 10_000_000),
      pollMs: int('EVENT_POLL_MS', env.EVENT_POLL_MS, 1_000, 50, 60_000),
      simulator: !production && nodeEnv !== 'test' && bool(env.SIMULATOR, true),
    }),
    hardening: loadHardening(env, nodeEnv),
    execution: Object.freeze({
      executor: parseExecutor(env.GRAPHQL_EXECUTOR),
      maxPlans: int('GRAPHQL_JIT_MAX_PLANS', env.GRAPHQL_JIT_MAX_PLANS, 500, 1, 1_000_000),
      compilesPerPrincipalPerMinute: int('GRAPHQL_JIT_COMPILES_PER_MINUTE', env.GRAPHQL_JIT_COMPILES_PER_MINUTE, 30, 0, 1_000_000),
      maxConcurrentOperations: int(
        'GRAPHQL_MAX_CONCURRENT_OPERATIONS',
        env.GRAPHQL_MAX_CONCURRENT_OPERATIONS,
        db.kind === 'sqlite' ? 2 : 4,
        0,
        100_000,
      ),
      maxWaitingOperations: int(
        'GRAPHQL_MAX_WAITING_OPERATIONS',
        env.GRAPHQL_MAX_WAITING_OPERATIONS,
        db.kind === 'sqlite' ? 0 : queueLimit,
        0,
        1_000_000,
      ),
    }),
  });
}

/** GRAPHQL_EXECUTOR: `jit` (default) or `graphql-js`; anything else is a ConfigError. */
function parseExecutor(raw: string | undefined): ExecutionConfig['executor'] {
  if (raw === undefined || raw === '') return 'jit';
  if (raw === 'jit' || raw === 'graphql-js') return raw;
  throw new ConfigError(`GRAPHQL_EXECUTOR must be jit or graphql-js, got "${raw}"`);
}

/** The environments there are; NODE_ENV unset or empty is development (the zero-config `npm start`). */
export const NODE_ENVS = ['production', 'development', 'test'] as const;

/**
 * NODE_ENV, exactly: anything else (`Production`, `prod`, `staging`) is a ConfigError, so a typo
 * cannot start a public instance with the development secret, demo data and printed ADMIN tokens.
 */
function parseNodeEnv(raw: string | undefined): Config['env'] {
  if (raw === undefined || raw === '') return 'development';
  if ((NODE_ENVS as readonly string[]).includes(raw)) return raw as Config['env'];
  throw new ConfigError(`NODE_ENV must be unset or one of ${NODE_ENVS.join(', ')} (exactly, lower case), got "${raw}"`);
}

/** TRUST_PROXY: unset, empty or 0 → none; a whole number → hops; otherwise a comma list of IPs and CIDRs. */
function parseTrustProxy(raw: string | undefined): TrustProxyConfig {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0') return Object.freeze({ kind: 'none' });
  if (/^\d+$/.test(value)) return Object.freeze({ kind: 'hops', hops: int('TRUST_PROXY', value, 0, 0, 100) });
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  for (const address of addresses) {
    const [ip, prefix, extra] = address.split('/');
    const family = isIP(ip);
    const bits = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= bits)))
      throw new ConfigError(
        `TRUST_PROXY must be a number of proxy hops or a comma list of IPs and CIDRs (e.g. 10.0.0.0/8,::1), got "${address}"`,
      );
  }
  return Object.freeze({ kind: 'addresses', addresses: Object.freeze(addresses) as string[] });
}

function loadHttpServer(env: NodeJS.ProcessEnv): HttpServerConfig {
  const headersTimeoutMs = int('HTTP_HEADERS_TIMEOUT_MS', env.HTTP_HEADERS_TIMEOUT_MS, 10_000, 100, 600_000);
  const requestTimeoutMs = int('HTTP_REQUEST_TIMEOUT_MS', env.HTTP_REQUEST_TIMEOUT_MS, 30_000, 100, 3_600_000);
  // node refuses a server whose headers timeout is longer than its request timeout.
  if (headersTimeoutMs > requestTimeoutMs)
    throw new ConfigError(`HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  return Object.freeze({
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: int('HTTP_KEEP_ALIVE_TIMEOUT_MS', env.HTTP_KEEP_ALIVE_TIMEOUT_MS, 5_000, 100, 600_000),
    maxConnectionsPerIp: int('HTTP_MAX_CONNECTIONS_PER_IP', env.HTTP_MAX_CONNECTIONS_PER_IP, 64, 1, 1_000_000),
  });
}

/** Origins of the local dev servers a frontend team starts first (Vite dev and preview, Next/CRA). */
export const DEV_CORS_ORIGINS: readonly string[] = Object.freeze(
  [5173, 4173, 3000].flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]),
);

/** A comma-separated origin list: trimmed, lower-case, without a trailing slash; `*` kept as is. */
function origins(name: string, raw: string | undefined, fallback: readonly string[]): string[] {
  if (raw === undefined) return Object.freeze([...fallback]) as string[];
  const list = raw
    .split(',')
    .map((o) => o.trim().toLowerCase().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of list) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin))
      throw new ConfigError(`${name} must list origins such as https://app.example.com (scheme, host, optional port), got "${origin}"`);
  }
  return Object.freeze(list) as string[];
}

function loadHardening(env: NodeJS.ProcessEnv, nodeEnv: Config['env']): HardeningConfig {
  const corsOrigins = origins('CORS_ORIGINS', env.CORS_ORIGINS, nodeEnv === 'production' ? [] : DEV_CORS_ORIGINS);
  return Object.freeze({
    corsOrigins,
    limits: Object.freeze({
      maxDepth: int('QUERY_MAX_DEPTH', env.QUERY_MAX_DEPTH, 15, 1, 1000),
      maxAliases: int('QUERY_MAX_ALIASES', env.QUERY_MAX_ALIASES, 30, 0, 100_000),
      maxDirectives: int('QUERY_MAX_DIRECTIVES', env.QUERY_MAX_DIRECTIVES, 50, 0, 100_000),
      maxTokens: int('QUERY_MAX_TOKENS', env.QUERY_MAX_TOKENS, 5_000, 100, 10_000_000),
      maxComplexity: int(
        env.QUERY_MAX_COMPLEXITY ? 'QUERY_MAX_COMPLEXITY' : 'QUERY_MAX_COST',
        env.QUERY_MAX_COMPLEXITY || env.QUERY_MAX_COST,
        50_000,
        1,
        1_000_000_000,
      ),
      maxNodes: int('QUERY_MAX_NODES', env.QUERY_MAX_NODES, 500_000, 1, 1_000_000_000),
      maxEventComplexity: int('SUBSCRIPTION_MAX_EVENT_COMPLEXITY', env.SUBSCRIPTION_MAX_EVENT_COMPLEXITY, 500, 1, 1_000_000_000),
      maxDocumentsPerStream: int('SUBSCRIPTION_MAX_DOCUMENTS_PER_STREAM', env.SUBSCRIPTION_MAX_DOCUMENTS_PER_STREAM, 20, 1, 1_000_000),
    }),
    ws: Object.freeze({
      maxPayloadBytes: int('WS_MAX_PAYLOAD_BYTES', env.WS_MAX_PAYLOAD_BYTES, 64 * 1024, 1024, 100 * 1024 * 1024),
      allowedOrigins: origins('WS_ALLOWED_ORIGINS', env.WS_ALLOWED_ORIGINS, corsOrigins),
      maxConnectionsPerIp: int('WS_MAX_CONNECTIONS_PER_IP', env.WS_MAX_CONNECTIONS_PER_IP, 100, 1, 1_000_000),
      maxConnectionsPerPrincipal: int('WS_MAX_CONNECTIONS_PER_PRINCIPAL', env.WS_MAX_CONNECTIONS_PER_PRINCIPAL, 20, 1, 1_000_000),
      maxSubscriptionsPerSocket: int('WS_MAX_SUBSCRIPTIONS_PER_SOCKET', env.WS_MAX_SUBSCRIPTIONS_PER_SOCKET, 50, 1, 100_000),
      maxMessagesPerSecond: int('WS_MAX_MESSAGES_PER_SECOND', env.WS_MAX_MESSAGES_PER_SECOND, 50, 1, 1_000_000),
      keepAliveMs: int('WS_KEEPALIVE_MS', env.WS_KEEPALIVE_MS, 12_000, 0, 600_000),
    }),
    rateLimit: Object.freeze({
      // On everywhere, tests included: a suite that needs another budget sets it and says why.
      enabled: bool(env.RATE_LIMIT, true),
      capacity: int('RATE_LIMIT_POINTS', env.RATE_LIMIT_POINTS, 2_000, 1, 1_000_000_000),
      leakPerSecond: int('RATE_LIMIT_POINTS_PER_SECOND', env.RATE_LIMIT_POINTS_PER_SECOND, 100, 1, 1_000_000_000),
      mutationPoints: int('RATE_LIMIT_MUTATION_POINTS', env.RATE_LIMIT_MUTATION_POINTS, 5, 0, 1_000_000),
    }),
    maxBodyBytes: int('MAX_BODY_BYTES', env.MAX_BODY_BYTES, 100 * 1024, 1024, 100 * 1024 * 1024),
    operationTimeoutMs: int('OPERATION_TIMEOUT_MS', env.OPERATION_TIMEOUT_MS, 10_000, 100, 600_000),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 10_000, 0, 600_000),
    idempotencyTtlHours: int('IDEMPOTENCY_TTL_HOURS', env.IDEMPOTENCY_TTL_HOURS, 24, 1, 24 * 365),
    idempotencyPurgeMs: int('IDEMPOTENCY_PURGE_MS', env.IDEMPOTENCY_PURGE_MS, 60 * 60 * 1000, 1000, 7 * 24 * 60 * 60 * 1000),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    metricsToken: env.METRICS_TOKEN || null,
    http: loadHttpServer(env),
  });
}

function parseThresholds(raw: string | undefined): HealthThresholds {
  if (!raw) return { ...DEFAULT_HEALTH_THRESHOLDS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('HEALTH_THRESHOLDS must be a JSON object, e.g. {"spiAtRisk":0.9}');
  }
  const merged: Record<string, number> = { ...DEFAULT_HEALTH_THRESHOLDS };
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(key in merged)) throw new ConfigError(`HEALTH_THRESHOLDS has an unknown key "${key}"; known: ${Object.keys(merged).join(', ')}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new ConfigError(`HEALTH_THRESHOLDS.${key} must be a number >= 0`);
    merged[key] = value;
  }
  return merged as unknown as HealthThresholds;
}

/** A random secret for tests and tooling that need one. */
export function randomSecret(): string {
  return randomBytes(32).toString('hex');
}
