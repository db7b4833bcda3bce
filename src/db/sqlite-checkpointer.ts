import { Worker } from 'node:worker_threads';
import type { Logger } from '../common/logger';

/** How often the checkpointer copies the WAL's committed pages into the database file. */
export const CHECKPOINT_EVERY_MS = 1000;
/**
 * The writer's own automatic checkpoint while the checkpointer runs: a fallback, reached only if
 * the checkpointer falls this many pages (≈ 40 MB) behind. SQLite's default (1,000) comes back
 * when the checkpointer stops or fails.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/** The part of a better-sqlite3 handle the checkpointer sets on the writer. */
interface PragmaHandle {
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

export interface SqliteCheckpointer {
  /** Stops the thread (after a checkpoint in progress) and gives the writer back its own checkpoints. */
  stop(): Promise<void>;
  /** Checkpoints that copied pages so far (tests and /metrics read it). */
  readonly checkpoints: number;
}

/**
 * The worker: its own connection to the file, a PASSIVE checkpoint every `everyMs` (it never waits
 * for, nor blocks, the writer or readers; it copies what is committed and not read from older
 * snapshots). Plain JavaScript run with `eval`, so it needs no TypeScript loader in the thread.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = ' + workerData.synchronous);
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let failures = 0;
const timer = setInterval(() => {
  try {
    const [result] = checkpoint.all();
    failures = 0;
    if (result && result.checkpointed > 0) parentPort.postMessage({ kind: 'checkpointed', pages: result.checkpointed });
  } catch (error) {
    // SQLITE_BUSY (another checkpoint, a backup's TRUNCATE) is tried again next time.
    if (++failures >= 10) parentPort.postMessage({ kind: 'error', message: String(error && error.message) });
  }
}, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Runs SQLite's WAL checkpoints on a thread of their own. Left to the writer, a checkpoint runs
 * inside the COMMIT that pushes the WAL past 1,000 pages: 5–10 ms of copying and two fsyncs on the
 * event loop, every few dozen commits, and half of all COMMIT time in keyed ingest (bench #8). Here
 * the writer's automatic checkpoint is raised to a fallback and a worker checkpoints once a second
 * on the other core. If the worker fails, the writer checkpoints itself again, as before.
 */
export function startSqliteCheckpointer(options: {
  file: string;
  writer: PragmaHandle;
  synchronous: 'NORMAL' | 'FULL';
  busyTimeoutMs: number;
  logger: Logger;
  everyMs?: number;
}): SqliteCheckpointer {
  const { writer, logger } = options;
  let checkpoints = 0;
  let stopping = false;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: require.resolve('better-sqlite3'),
      file: options.file,
      synchronous: options.synchronous,
      busyTimeoutMs: options.busyTimeoutMs,
      everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS,
    },
  });
  // Never what keeps the process alive.
  worker.unref();
  writer.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const handBack = () => {
    try {
      writer.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    } catch {
      // The writer is closed already: nothing to hand back.
    }
  };
  worker.on('message', (message: { kind: string; pages?: number; message?: string }) => {
    if (message.kind === 'checkpointed') checkpoints++;
    else if (message.kind === 'error') logger.warn({ err: message.message }, 'sqlite checkpointer: checkpoints keep failing');
  });
  worker.on('error', (error) => {
    logger.warn({ err: error.message }, 'sqlite checkpointer failed: the writer checkpoints itself again');
    handBack();
  });
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping) logger.warn('sqlite checkpointer stopped: the writer checkpoints itself again');
      handBack();
      resolve();
    }),
  );
  return {
    get checkpoints() {
      return checkpoints;
    },
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
