import { randomBytes } from 'node:crypto';
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
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
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

  return Object.freeze({
    env: nodeEnv,
    host: env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    port: int('PORT', env.PORT, 4000, 0, 65535),
    database: Object.freeze({
      ...db,
      poolSize: int('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, 1, 500),
      logging: bool(env.DATABASE_LOGGING, false),
    }),
    auth: Object.freeze({
      jwtSecret,
      jwksUrl,
      issuer: env.JWT_ISSUER || null,
      audience: env.JWT_AUDIENCE || null,
      usingDevSecret,
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
      pollMs: int('EVENT_POLL_MS', env.EVENT_POLL_MS, 1_000, 50, 60_000),
      simulator: !production && nodeEnv !== 'test' && bool(env.SIMULATOR, true),
    }),
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
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ConfigError(`HEALTH_THRESHOLDS.${key} must be a number >= 0`);
    merged[key] = value;
  }
  return merged as unknown as HealthThresholds;
}

/** A random secret for tests and tooling that need one. */
export function randomSecret(): string {
  return randomBytes(32).toString('hex');
}
