import fs from 'node:fs';
import Database from 'better-sqlite3';
import { newIncarnationId } from './incarnation';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/** Progress of an online copy, after each step: pages copied of the total, and the restarts so far. */
export interface BackupProgress {
  copiedPages: number;
  totalPages: number;
  restarts: number;
  /** True once the rest is being copied in one step (after `maxRestarts`). */
  oneStep: boolean;
}

/** How an online copy went. */
export interface BackupOutcome {
  totalPages: number;
  restarts: number;
  /** True when the copy finished in one step after too many restarts. */
  oneStep: boolean;
}

/** Pages per step of the copy (4 KiB pages: 400 KiB), between which the event loop runs. */
const PAGES_PER_STEP = 100;

/**
 * Copies the SQLite database `source` into `dest` (a new file) while other connections keep
 * reading and writing it, with better-sqlite3's backup API (sqlite3_backup_step). A write by
 * another connection between two steps restarts the copy from the first page, so under a steady
 * stream of writes a step-wise copy may never end: after `maxRestarts` restarts (default 3) the
 * rest is copied in one step, which runs inside one read transaction and so is a consistent
 * snapshot too (WAL readers do not block the writer). Either way the result is the database as of
 * one commit. Throws what SQLite throws (the source missing, the destination's folder missing).
 */
export async function backupSqlite(
  source: string,
  dest: string,
  options: { maxRestarts?: number; onProgress?: (progress: BackupProgress) => void } = {},
): Promise<BackupOutcome> {
  const maxRestarts = options.maxRestarts ?? 3;
  const db = new Database(source, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  let restarts = 0;
  let oneStep = false;
  let lastRemaining = Number.POSITIVE_INFINITY;
  try {
    const result = await db.backup(dest, {
      progress: ({ totalPages, remainingPages }) => {
        // Each step copies pages, so the remainder shrinks; when it does not, the copy started over.
        if (remainingPages >= lastRemaining) restarts++;
        lastRemaining = remainingPages;
        if (restarts >= maxRestarts) oneStep = true;
        options.onProgress?.({ copiedPages: totalPages - remainingPages, totalPages, restarts, oneStep });
        return oneStep ? 0x7fffffff : PAGES_PER_STEP;
      },
    });
    options.onProgress?.({ copiedPages: result.totalPages, totalPages: result.totalPages, restarts, oneStep });
    return { totalPages: result.totalPages, restarts, oneStep };
  } finally {
    db.close();
  }
}

/** What a SQLite file holds, as far as backup and restore care. */
export interface SqliteCopyReport {
  /** `PRAGMA integrity_check`'s lines: `['ok']` when sound. */
  integrity: string[];
  /** It has a `schema_migration` table: an opsgraph database. */
  opsgraph: boolean;
  /** Migration names recorded in the copy that this build does not have (it was made by a newer version). */
  unknownMigrations: string[];
  /** Migrations of this build not yet applied to the copy: they run at the next start. */
  pendingMigrations: string[];
  /** Its database incarnation (null before the migration that adds it). */
  incarnation: string | null;
  /** Rows per table, tables by name. */
  rows: Record<string, number>;
  /** Each event stream's last sequence number, by stream key. */
  streams: Record<string, number>;
}

/** Names of this build's SQLite migrations, oldest first, as TypeORM records them in `schema_migration`. */
export function knownSqliteMigrations(): string[] {
  return SQLITE_MIGRATIONS.map((migration) => {
    const instance = new (migration as new () => { name?: string })();
    return instance.name ?? migration.name;
  });
}

/**
 * Reads a SQLite file: integrity, whether it is an opsgraph database, its migrations against this
 * build's, its incarnation, rows per table and stream positions. Opens the file read-write (a WAL
 * file needs it) and changes nothing. Throws when the file is not a SQLite database at all.
 */
export function inspectSqliteCopy(file: string): SqliteCopyReport {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    const rows: Record<string, number> = {};
    for (const table of tables)
      rows[table] = (db.prepare(`SELECT COUNT(*) AS n FROM "${table.replace(/"/g, '""')}"`).get() as { n: number }).n;
    const opsgraph = tables.includes('schema_migration');
    const applied = opsgraph
      ? (db.prepare('SELECT name FROM schema_migration ORDER BY id').all() as { name: string }[]).map((r) => r.name)
      : [];
    const known = knownSqliteMigrations();
    const streams: Record<string, number> = {};
    if (tables.includes('event_stream')) {
      for (const row of db.prepare('SELECT streamKey, lastSeq FROM event_stream ORDER BY streamKey').all() as {
        streamKey: string;
        lastSeq: number;
      }[])
        streams[row.streamKey] = row.lastSeq;
    }
    const incarnation = tables.includes('database_incarnation')
      ? ((db.prepare('SELECT incarnation FROM database_incarnation WHERE id = 1').get() as { incarnation: string } | undefined)
          ?.incarnation ?? null)
      : null;
    return {
      integrity,
      opsgraph,
      unknownMigrations: applied.filter((name) => !known.includes(name)),
      pendingMigrations: opsgraph ? known.filter((name) => !applied.includes(name)) : [],
      incarnation,
      rows,
      streams,
    };
  } finally {
    db.close();
  }
}

/**
 * True when no other connection has the SQLite database `file` open: it takes the database's
 * exclusive lock without waiting (busy_timeout 0) and lets it go. A running app holds a shared lock
 * on the file's WAL index for as long as its connections are open, idle or not, so it is seen; the
 * operating system drops the locks of a process that dies, so an app killed with `kill -9` is not.
 * False when the file is busy. A missing file counts as free.
 */
export function sqliteIsFree(file: string): boolean {
  return !fs.existsSync(file) || underExclusiveLock(file, () => undefined);
}

/**
 * Writes a file's data, or a folder's entries, to disk: a file before it is renamed into place, and
 * then its folder, so that the rename survives a crash.
 */
export function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The files of a SQLite database in WAL mode: the database, its write-ahead log and its WAL index. */
export function sqliteFilesOf(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/** Makes a copy standalone: rollback journal instead of WAL, so it is one file and opens read-only anywhere. */
export function makeStandalone(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * Gives the SQLite database `file` (a copy being restored, not open elsewhere) a new random
 * incarnation. Returns it, or null when the copy predates the `database_incarnation` table: its
 * migration then inserts a new one at the next start, which is just as new.
 */
export function rotateSqliteIncarnation(file: string, now: Date): string | null {
  const db = new Database(file, { fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'database_incarnation'").get();
    if (!table) return null;
    const incarnation = newIncarnationId();
    // TypeORM's text form of a datetime(3) column on SQLite: "YYYY-MM-DD HH:MM:SS.SSS" in UTC.
    const startedAt = now.toISOString().replace('T', ' ').replace('Z', '');
    db.prepare('INSERT OR REPLACE INTO database_incarnation (id, incarnation, startedAt) VALUES (1, ?, ?)').run(incarnation, startedAt);
    return incarnation;
  } finally {
    db.close();
  }
}

/**
 * When no other connection has `file` open (as `sqliteIsFree`), folds its write-ahead log into the
 * database file (`wal_checkpoint(TRUNCATE)`) under the exclusive lock, so the files about to be moved
 * aside are complete and quiet, and returns true. Returns false, changing nothing, when it is busy.
 */
export function checkpointIfFree(file: string): boolean {
  return underExclusiveLock(file, (db) => {
    if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
  });
}

/** Takes `file`'s exclusive lock without waiting, runs `work` under it and returns true; false when another connection holds a lock. */
function underExclusiveLock(file: string, work: (db: Database.Database) => void): boolean {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    // Kept until close: without it the lock would go with the first COMMIT.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    work(db);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  } finally {
    db.close();
  }
}
