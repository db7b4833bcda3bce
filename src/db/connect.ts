import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import { boundStatementTime, prepareConnection } from './data-source';

/** Where the database connection stands; /readyz reports it. */
export interface DatabaseState {
  /** Connected and migrated: requests may run. */
  readonly ready: boolean;
  /** The last connection error (message only, no credentials), null once connected. */
  readonly lastError: string | null;
  /** Resolves once ready (never rejects). */
  readonly whenReady: Promise<void>;
  /** Stops retrying (shutdown). */
  stop(): void;
}

/**
 * Connects, prepares sessions (strict SQL mode) and runs migrations. SQLite failures are thrown: a
 * bad file path is a configuration error. A MySQL/MariaDB that is down at start-up does not crash
 * the process (no crash loop): the app starts unready and retries with exponential backoff capped at
 * `retryMaxMs`, logging each failure, and `onReady` runs once the database is there.
 */
export async function connectDatabase(
  dataSource: DataSource,
  options: {
    migrate: boolean;
    retryMaxMs: number;
    logger: Logger;
    onReady: () => void;
    /** MySQL/MariaDB: every statement after the migrations is bounded at this (OPERATION_TIMEOUT_MS); none when absent. */
    statementTimeoutMs?: number;
    /** The read connection (`createReadSource`), connected once the writer has migrated; `dataSource` itself when it reads through the writer. */
    reader?: DataSource;
  },
): Promise<DatabaseState> {
  let ready = false;
  let lastError: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let resolveReady!: () => void;
  const whenReady = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  async function attempt(): Promise<void> {
    if (!dataSource.isInitialized) {
      await dataSource.initialize();
      await prepareConnection(dataSource);
    }
    if (options.migrate) await dataSource.runMigrations({ transaction: 'each' });
    if (options.statementTimeoutMs) await boundStatementTime(dataSource, options.statementTimeoutMs);
    const reader = options.reader;
    if (reader && reader !== dataSource && !reader.isInitialized) await reader.initialize();
    ready = true;
    lastError = null;
    options.onReady();
    resolveReady();
  }

  const state: DatabaseState = {
    get ready() {
      return ready;
    },
    get lastError() {
      return lastError;
    },
    whenReady,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };

  try {
    await attempt();
    return state;
  } catch (error) {
    if (dataSource.options.type === 'better-sqlite3') throw error;
    lastError = (error as Error).message;
  }

  let tries = 0;
  const retry = () => {
    if (stopped) return;
    const delay = Math.min(options.retryMaxMs, 250 * 2 ** tries++) * (0.75 + Math.random() * 0.5);
    options.logger.warn({ err: lastError, retryInMs: Math.round(delay) }, 'database unavailable; retrying');
    timer = setTimeout(() => {
      attempt().catch((error) => {
        lastError = (error as Error).message;
        retry();
      });
    }, delay);
    timer.unref();
  };
  retry();
  return state;
}
