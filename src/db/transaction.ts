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
