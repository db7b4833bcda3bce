import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

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

  /** One attempt of a batched transaction on MySQL/MariaDB: BEGIN and COMMIT ride with the first and last batch. */
  async function attemptBatched<T>(work: (uow: BatchedUnitOfWork) => Promise<T>): Promise<{ result: T; hooks: AfterCommit[] }> {
    const hooks: AfterCommit[] = [];
    const runner = dataSource.createQueryRunner('master');
    // Where the transaction is (an object: the closures below change it).
    const tx: { state: 'idle' | 'open' | 'committed' } = { state: 'idle' };
    const run = async (statements: Statement[], commit: boolean): Promise<unknown[]> => {
      if (tx.state === 'committed') throw new Error('this transaction has committed: nothing more can be sent');
      const begin = tx.state === 'idle';
      const all = [...(begin ? [{ sql: 'START TRANSACTION' }] : []), ...statements, ...(commit ? [{ sql: 'COMMIT' }] : [])];
      tx.state = 'open';
      const results = await sendStatements(runner, all);
      if (commit) tx.state = 'committed';
      return results.slice(begin ? 1 : 0, commit ? results.length - 1 : results.length);
    };
    try {
      const uow: BatchedUnitOfWork = {
        get manager() {
          // TypeORM does not know this transaction: its manager is only inside it once it has begun.
          if (tx.state !== 'open')
            throw new Error(`the transaction's manager is usable only between its first batch and its commit (${tx.state})`);
          return runner.manager;
        },
        afterCommit: (fn) => hooks.push(fn),
        supportsRowLocks: true,
        dialect: sqlDialect(runner.manager),
        idempotencyTtlMs: options.idempotencyTtlMs,
        send: (statements) => run(statements, false),
        sendAndCommit: (statements) => run(statements, true),
      };
      const result = await work(uow);
      if (tx.state === 'open') {
        await runner.query('COMMIT');
        tx.state = 'committed';
      }
      return { result, hooks };
    } catch (error) {
      if (tx.state === 'open') await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  async function runWithRetries<T, U extends UnitOfWork>(
    attemptOnce: (work: (uow: U) => Promise<T>) => Promise<{ result: T; hooks: AfterCommit[] }>,
    work: (uow: U) => Promise<T>,
  ): Promise<{ result: T; hooks: AfterCommit[] }> {
    for (let tries = 0; ; tries++) {
      try {
        return await attemptOnce(work);
      } catch (error) {
        if (tries >= MAX_DEADLOCK_RETRIES || !isRetryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** tries + Math.random() * 10));
      }
    }
  }

  async function settle<T>(outcomeOf: () => Promise<{ result: T; hooks: AfterCommit[] }>): Promise<T> {
    let outcome: { result: T; hooks: AfterCommit[] };
    if (sqlite) {
      const run = queue.then(outcomeOf);
      queue = run.catch(() => undefined);
      outcome = await run;
    } else {
      outcome = await outcomeOf();
    }
    // Publish after commit: subscribers may re-read what the event describes.
    for (const hook of outcome.hooks) await hook();
    return outcome.result;
  }

  /** Runs `work` in one transaction (see above). */
  function transaction<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    return settle(() => runWithRetries(attempt, work));
  }

  /**
   * Runs `work` in one transaction whose statements it sends in batches (BatchedUnitOfWork), with
   * the same retries and after-commit work as `transaction`.
   */
  transaction.batched = function batched<T>(work: (uow: BatchedUnitOfWork) => Promise<T>): Promise<T> {
    if (sqlite) {
      return settle(() =>
        runWithRetries(attempt, (uow) => {
          // The commit itself comes when `work` returns; after sendAndCommit nothing more is sent, as on MySQL/MariaDB.
          let committing = false;
          const send = async (statements: Statement[]) => {
            if (committing) throw new Error('this transaction has committed: nothing more can be sent');
            const results: unknown[] = [];
            for (const s of statements) results.push(await uow.manager.query(s.sql, s.params));
            return results;
          };
          const sendAndCommit = async (statements: Statement[]) => {
            const results = await send(statements);
            committing = true;
            return results;
          };
          return work({ ...uow, dialect: sqlDialect(uow.manager), send, sendAndCommit });
        }),
      );
    }
    return settle(() => runWithRetries(attemptBatched, work));
  };

  return transaction;
}

/**
 * Sends statements as one text on a MySQL/MariaDB connection (the pool allows multiple statements)
 * and returns one result per statement. A text of one statement returns its result bare, so it is
 * wrapped; the server stops at the first statement that fails, and that error rejects.
 */
async function sendStatements(runner: QueryRunner, statements: Statement[]): Promise<unknown[]> {
  if (statements.length === 0) return [];
  const sql = statements.map((s) => s.sql).join(';\n');
  const params = statements.flatMap((s) => s.params ?? []);
  const raw: unknown = await runner.query(sql, params);
  if (statements.length === 1) return [raw];
  if (!Array.isArray(raw) || raw.length !== statements.length)
    throw new Error(`sent ${statements.length} statements but got ${Array.isArray(raw) ? raw.length : 'one'} results back`);
  return raw;
}

export type TransactionRunner = ReturnType<typeof createTransactionRunner>;

/** One statement of a batch: SQL with `?` placeholders, and its parameters. */
export interface Statement {
  sql: string;
  params?: unknown[];
}

/**
 * A transaction whose statements travel in batches (`TransactionRunner.batched`). On MySQL/MariaDB a
 * batch is one multi-statement text, one round trip: the first batch also begins the transaction
 * and `sendAndCommit` commits in the same round trip. Every round trip costs both processes a
 * socket write and a wake-up, which is most of a short write's cost there (bench #8). On SQLite
 * the statements run one by one on the one connection, inside an ordinary transaction.
 */
export interface BatchedUnitOfWork extends UnitOfWork {
  /** The database's dialect (known before the transaction has begun, unlike `manager` on MySQL/MariaDB). */
  dialect: SqlDialect;
  /**
   * Runs the statements in order and returns each one's result: rows for a SELECT (or RETURNING),
   * the driver's `{ affectedRows, insertId }` otherwise. The first statement that fails stops the
   * rest and rejects; the transaction then rolls back.
   */
  send(statements: Statement[]): Promise<unknown[]>;
  /** `send`, then commit (on MySQL/MariaDB in the same round trip). Nothing can be sent after it. */
  sendAndCommit(statements: Statement[]): Promise<unknown[]>;
}
