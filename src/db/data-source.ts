import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { INFRASTRUCTURE_ENTITIES } from './entities';
import { QueryCounter } from './query-counter';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/** The migrations folder and list for a dialect (MariaDB shares MySQL's). */
export function migrationsFor(kind: DatabaseConfig['kind']): MixedList<Function> {
  return kind === 'sqlite' ? SQLITE_MIGRATIONS : MYSQL_MIGRATIONS;
}

/** How long a SQLite connection waits for a lock held by another connection (`busy_timeout`). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;
/** Bytes the SQLite WAL file is truncated to after a checkpoint resets it (`journal_size_limit`). */
export const SQLITE_JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

/**
 * Builds (does not connect) the TypeORM DataSource for a database config.
 * SQLite: WAL, a busy timeout and foreign keys on. MySQL/MariaDB: UTC, utf8mb4, strict mode.
 */
export function createDataSource(db: DatabaseConfig, options: { entities: Function[]; migrations?: boolean }): DataSource {
  const common = {
    entities: [...INFRASTRUCTURE_ENTITIES, ...options.entities] as Function[],
    migrations: options.migrations === false ? [] : migrationsFor(db.kind),
    migrationsTableName: 'schema_migration',
    synchronize: false,
    logging: true,
    logger: new QueryCounter(db.logging),
  } as const;
  let config: DataSourceOptions;
  if (db.kind === 'sqlite') {
    if (db.url !== ':memory:') fs.mkdirSync(path.dirname(db.url), { recursive: true });
    config = {
      ...common,
      type: 'better-sqlite3',
      database: db.url,
      // The reasons for each setting are in the README ("The embedded database").
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      prepareDatabase: (handle: { pragma(sql: string): unknown }) => {
        handle.pragma('journal_mode = WAL');
        handle.pragma(`synchronous = ${db.sqliteSynchronous ?? 'NORMAL'}`);
        // Checkpoints run on a thread of their own (sqlite-checkpointer.ts, started by the app); a WAL that grew in a burst is cut back to this.
        handle.pragma(`journal_size_limit = ${SQLITE_JOURNAL_SIZE_LIMIT}`);
      },
    };
  } else {
    config = {
      ...common,
      type: db.kind,
      url: db.url.replace(/^mariadb:/, 'mysql:'),
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      poolSize: db.poolSize,
      // Batched transactions (transaction.ts, BatchedUnitOfWork) send a write's statements as one
      // text, its BEGIN and COMMIT included. Every value still reaches the SQL through mysql2's
      // escaping (or, for ingest's sample literals, a checked number or datetime): nothing of a
      // client's is ever written into SQL text unescaped, with or without this setting.
      multipleStatements: true,
      extra: {
        // Bounded wait for a pooled connection; callers fail fast instead of queueing forever.
        queueLimit: db.queueLimit ?? 50,
        connectTimeout: 5000,
        // mysql2's promise API otherwise builds an Error on every statement to keep the caller's
        // stack for a failure (3.6 % of the app's CPU in keyed ingest, bench #8). Errors reach
        // clients as codes, never stacks; the server log still names the statement's error.
        trace: false,
      },
    };
  }
  return new DataSource(config);
}

/**
 * The data source for everything outside a write transaction (queries, the stream hub's polls and
 * reads, replays on resume). On a SQLite file it is a second, read-only better-sqlite3 connection:
 * in WAL mode a reader sees the last committed snapshot, never the rows of a write transaction that
 * is still open on the writer's connection (TypeORM awaits between a transaction's statements, so
 * a read on the same connection could land in the middle of one). It shares the writer's statement
 * counter. MySQL/MariaDB (a pool: each transaction has a connection of its own) and `:memory:` (a
 * second connection would be another database) read through `writer` itself.
 * Connect it after the writer has migrated (`connectDatabase`'s `reader`).
 */
export function createReadSource(db: DatabaseConfig, writer: DataSource): DataSource {
  if (db.kind !== 'sqlite' || db.url === ':memory:') return writer;
  return new DataSource({
    type: 'better-sqlite3',
    database: db.url,
    entities: writer.options.entities,
    migrations: [],
    synchronize: false,
    logging: true,
    logger: queryCounter(writer),
    readonly: true,
    fileMustExist: true,
    // A reader in WAL mode waits only while the writer checkpoints with a restart, or recovers the WAL.
    timeout: SQLITE_BUSY_TIMEOUT_MS,
  });
}

/** The better-sqlite3 handle behind a SQLite data source (for pragmas TypeORM has no API for). */
export function sqliteHandle(dataSource: DataSource): { pragma(source: string, options?: { simple?: boolean }): unknown } {
  return (dataSource.driver as unknown as { databaseConnection: { pragma(source: string, options?: { simple?: boolean }): unknown } })
    .databaseConnection;
}

/** The statement counter installed on every data source by createDataSource. */
export function queryCounter(dataSource: DataSource): QueryCounter {
  return dataSource.logger as QueryCounter;
}

const STRICT_SQL_MODE =
  "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";

interface MysqlPoolConnection {
  query(sql: string, cb?: (err: unknown) => void): unknown;
}
interface MysqlPool {
  on(event: 'connection', listener: (connection: MysqlPoolConnection) => void): void;
  _allConnections?: { toArray?: () => MysqlPoolConnection[] };
}

/**
 * After connecting: MySQL/MariaDB sessions get strict SQL mode, so a too-long or out-of-range
 * value is an error instead of being silently truncated. Applies to pooled connections open now
 * and to every one the pool opens later.
 */
export async function prepareConnection(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'mysql' && dataSource.options.type !== 'mariadb') return;
  const pool = (dataSource.driver as unknown as { pool: MysqlPool }).pool;
  pool.on('connection', (connection) => {
    connection.query(STRICT_SQL_MODE, () => undefined);
  });
  for (const connection of pool._allConnections?.toArray?.() ?? []) {
    await new Promise<void>((resolve) => connection.query(STRICT_SQL_MODE, () => resolve()));
  }
}

/** MariaDB's and MySQL's errors for a statement stopped by `max_statement_time` / `max_execution_time`. */
const STATEMENT_TIMEOUT_ERRNOS = new Set([1969, 3024]);

/** True when `error` (a driver error, or TypeORM's QueryFailedError around one) is a statement stopped by its time bound. */
export function isStatementTimeout(error: unknown): boolean {
  const e = error as { errno?: unknown; driverError?: { errno?: unknown } } | null;
  return STATEMENT_TIMEOUT_ERRNOS.has(Number(e?.errno ?? e?.driverError?.errno));
}

/**
 * How much longer than the operation's deadline a statement may run: the deadline answers the
 * client (HTTP 503) first; the bound then stops what the database still works on.
 */
export const STATEMENT_GRACE_MS = 1000;

/**
 * Bounds every statement of a MySQL/MariaDB session at the operation deadline `ms` plus
 * STATEMENT_GRACE_MS: MariaDB's `max_statement_time` (seconds, any statement), MySQL's
 * `max_execution_time` (milliseconds, read-only SELECTs only).
 * The server flavour is read from VERSION(). Applies to the pooled connections open now and to
 * every one the pool opens later; run it after migrations (a long ALTER must not be cut). A
 * statement stopped this way fails with errno 1969 / 3024 (`isStatementTimeout`), which the error
 * formatter reports as SERVICE_UNAVAILABLE. Returns the statement that was applied (null on SQLite).
 */
export async function boundStatementTime(dataSource: DataSource, ms: number): Promise<string | null> {
  if (dataSource.options.type !== 'mysql' && dataSource.options.type !== 'mariadb') return null;
  const [{ version }] = (await dataSource.query('SELECT VERSION() AS version')) as { version: string }[];
  const bound = ms + STATEMENT_GRACE_MS;
  const statement = /mariadb/i.test(version)
    ? `SET SESSION max_statement_time = ${(bound / 1000).toFixed(3)}`
    : `SET SESSION max_execution_time = ${Math.round(bound)}`;
  const pool = (dataSource.driver as unknown as { pool: MysqlPool }).pool;
  pool.on('connection', (connection) => {
    connection.query(statement, () => undefined);
  });
  for (const connection of pool._allConnections?.toArray?.() ?? []) {
    await new Promise<void>((resolve) => connection.query(statement, () => resolve()));
  }
  return statement;
}
