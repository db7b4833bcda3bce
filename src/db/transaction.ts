import type { DataSource, EntityManager } from 'typeorm';

/** Work to run once the transaction has committed (publishing events, cache invalidation). */
export type AfterCommit = () => void | Promise<void>;

/** A transaction in progress: its EntityManager and a place to queue after-commit work. */
export interface UnitOfWork {
  manager: EntityManager;
  /** Runs `fn` after a successful commit, in order; never for a rolled-back transaction. */
  afterCommit(fn: AfterCommit): void;
  /** True on MySQL/MariaDB: row locks (`SELECT … FOR UPDATE`) are meaningful. */
  supportsRowLocks: boolean;
  /** How long idempotency keys are remembered (IDEMPOTENCY_TTL_HOURS); undefined = the default 24 h. */
  idempotencyTtlMs?: number;
}

/** What hand-written SQL needs to know about the database behind an EntityManager. */
export interface SqlDialect {
  kind: 'sqlite' | 'mysql' | 'mariadb';
  /** `INSERT … RETURNING` works (MariaDB ≥ 10.5, SQLite ≥ 3.35; not MySQL). */
  insertReturning: boolean;
  /** A Date as a DATETIME(3) parameter: mysql2 formats Date objects itself (UTC); SQLite stores TypeORM's text form. */
  date(value: Date): Date | string;
  /** A DATETIME(3) value read by raw SQL, as a Date. */
  readDate(value: Date | string): Date;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `value.toISOString().slice(0, 23).replace('T', ' ')`, built from the UTC fields: a third of the
 * CPU, and batch ingest formats three dates per sample. Years outside 1000–9999 (and invalid dates,
 * which throw) take toISOString's path.
 */
export function sqliteDateText(value: Date): string {
  const year = value.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return value.toISOString().slice(0, 23).replace('T', ' ');
  return `${year}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())} ${pad2(value.getUTCHours())}:${pad2(value.getUTCMinutes())}:${pad2(value.getUTCSeconds())}.${pad3(value.getUTCMilliseconds())}`;
}

const SQLITE_DIALECT: SqlDialect = {
  kind: 'sqlite',
  insertReturning: true,
  // The text TypeORM writes for datetime columns on SQLite ("2026-05-11 19:45:37.977", UTC): range queries compare it as text.
  date: sqliteDateText,
  readDate: (value) => (value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`)),
};

const dialects = new WeakMap<object, SqlDialect>();

/** The dialect of the database `manager` talks to (for the few hot paths written in plain SQL). */
export function sqlDialect(manager: EntityManager): SqlDialect {
  const driver = manager.connection.driver;
  let dialect = dialects.get(driver);
  if (!dialect) {
    const type = manager.connection.options.type;
    dialect =
      type === 'better-sqlite3'
        ? SQLITE_DIALECT
        : {
            kind: type === 'mariadb' ? 'mariadb' : 'mysql',
            // Asked of a connected driver: it depends on the server version.
            insertReturning: driver.isReturningSqlSupported('insert'),
            date: (value) => value,
            readDate: (value) => (value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`)),
          };
    dialects.set(driver, dialect);
  }
  return dialect;
}

const RETRYABLE_MYSQL_ERRORS = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
/** Deadlocks are retried this many times before the error reaches the caller. */
export const MAX_DEADLOCK_RETRIES = 3;

function isRetryable(error: unknown): boolean {
  if ((error as Error)?.name === 'IdempotencyRace') return true;
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code !== undefined && (RETRYABLE_MYSQL_ERRORS.has(code) || code === 'SQLITE_BUSY');
}

/**
 * Runs `work` in one database transaction, retrying deadlocks a bounded number of times, then runs
 * the queued after-commit callbacks. SQLite has one connection, so transactions are serialised here
 * rather than interleaved on it. Errors from `work` roll back and propagate unchanged.
 */
export function createTransactionRunner(dataSource: DataSource, options: { idempotencyTtlMs?: number } = {}) {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  let queue: Promise<unknown> = Promise.resolve();

  async function attempt<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<{ result: T; hooks: AfterCommit[] }> {
    const hooks: AfterCommit[] = [];
    const result = await dataSource.transaction(async (manager) =>
      work({ manager, afterCommit: (fn) => hooks.push(fn), supportsRowLocks: !sqlite, idempotencyTtlMs: options.idempotencyTtlMs }),
    );
    return { result, hooks };
  }

  async function runWithRetries<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<{ result: T; hooks: AfterCommit[] }> {
    for (let tries = 0; ; tries++) {
      try {
        return await attempt(work);
      } catch (error) {
        if (tries >= MAX_DEADLOCK_RETRIES || !isRetryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** tries + Math.random() * 10));
      }
    }
  }

  return async function transaction<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    let outcome: { result: T; hooks: AfterCommit[] };
    if (sqlite) {
      const run = queue.then(() => runWithRetries(work));
      queue = run.catch(() => undefined);
      outcome = await run;
    } else {
      outcome = await runWithRetries(work);
    }
    // Publish after commit: subscribers may re-read what the event describes.
    for (const hook of outcome.hooks) await hook();
    return outcome.result;
  };
}

export type TransactionRunner = ReturnType<typeof createTransactionRunner>;
