/**
 * Puts a backup back in place of the embedded SQLite database (DATABASE_URL, default
 * ./data/opsgraph.sqlite), with the API stopped:
 *
 *   npm run restore -- <file>            SQLite: replace the database with the copy in <file>
 *   npm run restore -- --mysql-restored  MySQL/MariaDB: after restoring the database with the
 *                                        server's own tools, give it a new incarnation
 *
 * SQLite, in this order: refuses while any process has the database open (the running API, seen
 * through SQLite's own locks, which the operating system drops when a process dies, so a `kill -9`
 * leaves nothing stale behind); copies <file> beside the database and checks the copy
 * (`PRAGMA integrity_check`, an opsgraph database, no migration this build does not know; it says
 * how many of this build's migrations will run at the next start); gives the copy a new database
 * incarnation, so live cursors issued before the restore get RESYNC_REQUIRED instead of silently
 * skipping the events whose sequence numbers new writes reuse; keeps the database it replaces as
 * `<db>.before-restore-<timestamp>` (with its -wal/-shm when present); moves the copy into place
 * (fsync, rename). <file> itself is not changed.
 *
 * Exit codes: 0 restored, 1 refused or failed (nothing replaced), 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, type DatabaseConfig } from '../config';
import { createDataSource } from '../db/data-source';
import { rotateIncarnation } from '../db/incarnation';
import {
  backupSqlite,
  checkpointIfFree,
  fsyncPath,
  inspectSqliteCopy,
  makeStandalone,
  rotateSqliteIncarnation,
  sqliteFilesOf,
  sqliteIsFree,
} from '../db/sqlite-backup';
import { cliArguments, runCli } from './run';

const USAGE = [
  'usage: npm run restore -- <file>             replace the SQLite database of DATABASE_URL with a backup (API stopped)',
  '       npm run restore -- --mysql-restored   MySQL/MariaDB: give the restored database a new incarnation (API stopped)',
].join('\n');

const README = 'README.md, "Backup and restore"';

async function main(argv: string[]): Promise<number> {
  const args = cliArguments<{ 'mysql-restored'?: boolean }>(argv, USAGE, { 'mysql-restored': { type: 'boolean' } }, true);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  const { database } = loadConfig();
  if (values['mysql-restored']) {
    if (positionals.length > 0 || database.kind === 'sqlite') {
      console.error(`--mysql-restored takes no file and is for a MySQL/MariaDB DATABASE_URL\n${USAGE}`);
      return 2;
    }
    return mysqlRestored(database);
  }
  if (database.kind !== 'sqlite') {
    console.error(
      `DATABASE_URL is ${database.kind === 'mariadb' ? 'MariaDB' : 'MySQL'}: restore it with the server's own tools ` +
        `(e.g. mysql < dump.sql), then run \`npm run restore -- --mysql-restored\` before starting the API. See ${README}.`,
    );
    return 2;
  }
  if (positionals.length !== 1) {
    console.error(`expected one backup file to restore\n${USAGE}`);
    return 2;
  }
  if (database.url === ':memory:') {
    console.error('DATABASE_URL is sqlite::memory:, which cannot be restored into.');
    return 2;
  }
  const source = path.resolve(positionals[0]);
  const target = database.url;
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) {
    console.error(`${source} is not a file.\n${USAGE}`);
    return 2;
  }
  if (source === target) {
    console.error(`${source} is the database itself; name a backup.`);
    return 2;
  }
  return restoreSqlite(source, target);
}

async function restoreSqlite(source: string, target: string): Promise<number> {
  const running = `${target} is open in another process (the API is running on it?): stop it, then restore. Nothing was changed.`;
  if (!sqliteIsFree(target)) {
    console.error(running);
    return 1;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Beside the target, so the final rename stays on one file system and is atomic.
  const temp = `${target}.restore-${randomBytes(4).toString('hex')}.tmp`;
  const removeTemp = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(temp + suffix, { force: true });
  };
  try {
    try {
      // Through SQLite rather than a file copy: a copy in WAL mode with its -wal beside it comes whole.
      await backupSqlite(source, temp);
      makeStandalone(temp);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') throw error;
      console.error(`${source} is not a SQLite database this build can read (${(error as Error).message}). Nothing was changed.`);
      return 1;
    }
    const report = inspectSqliteCopy(temp);
    if (report.integrity.join('\n') !== 'ok') {
      console.error(`${source} fails PRAGMA integrity_check; nothing was changed:\n  ${report.integrity.slice(0, 20).join('\n  ')}`);
      return 1;
    }
    if (!report.opsgraph) {
      console.error(`${source} is a SQLite database but not an opsgraph one (it has no schema_migration table). Nothing was changed.`);
      return 1;
    }
    if (report.unknownMigrations.length > 0) {
      console.error(
        `${source} was made by a newer version of opsgraph: it has migrations this build does not know ` +
          `(${report.unknownMigrations.join(', ')}). Restore it with that version. Nothing was changed.`,
      );
      return 1;
    }
    const incarnation = rotateSqliteIncarnation(temp, new Date());
    fsyncPath(temp);

    // Checked again under the exclusive lock, which also folds the WAL in before the files move.
    if (fs.existsSync(target) && !checkpointIfFree(target)) {
      console.error(running);
      return 1;
    }
    let kept: string | null = null;
    if (fs.existsSync(target)) {
      kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      // The -wal and -shm first: a database file must never sit beside another database's log.
      const [, keptWal, keptShm] = sqliteFilesOf(kept);
      const [file, wal, shm] = sqliteFilesOf(target);
      if (fs.existsSync(wal)) fs.renameSync(wal, keptWal);
      if (fs.existsSync(shm)) fs.renameSync(shm, keptShm);
      fs.renameSync(file, kept);
    }
    fs.renameSync(temp, target);
    fsyncPath(path.dirname(target));

    console.log(`Restored ${source} into ${target}.`);
    if (kept) console.log(`  the database it replaced is kept as ${kept}`);
    console.log('  integrity_check: ok');
    console.log(
      report.pendingMigrations.length === 0
        ? '  migrations: up to date with this build'
        : `  migrations: ${report.pendingMigrations.length} of this build will run at the next start (${report.pendingMigrations.join(', ')})`,
    );
    console.log(
      `  new database incarnation: ${incarnation ?? '(made by the pending migration at the next start)'}; ` +
        'live cursors issued before the restore now get RESYNC_REQUIRED (clients refetch and subscribe without a cursor)',
    );
    const streams = Object.entries(report.streams);
    const events = streams.reduce((sum, [, seq]) => sum + seq, 0);
    console.log(`  event streams: ${streams.length}, ${events.toLocaleString('en')} events up to the backup's end`);
    return 0;
  } finally {
    removeTemp();
  }
}

/**
 * MySQL/MariaDB: the database was restored with the server's tools; give it a new incarnation.
 * Refuses while another session uses the same database (the API), as far as the PROCESSLIST shows.
 */
async function mysqlRestored(database: DatabaseConfig): Promise<number> {
  const dataSource = createDataSource({ ...database, poolSize: 1 }, { entities: [], migrations: false });
  await dataSource.initialize();
  try {
    const [{ name }] = (await dataSource.query('SELECT DATABASE() AS name')) as { name: string }[];
    const others = (await dataSource.query(
      'SELECT ID AS id, USER AS user, HOST AS host FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()',
      [name],
    )) as { id: number; user: string; host: string }[];
    if (others.length > 0) {
      console.error(
        `${others.length} other session(s) use database ${name} (${others.map((o) => `${o.user}@${o.host}`).join(', ')}): ` +
          'stop the API first; it reads the incarnation once at start. Nothing was changed.',
      );
      return 1;
    }
    const [table] = (await dataSource.query(
      "SELECT 1 AS found FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'database_incarnation'",
      [name],
    )) as { found: number }[];
    if (!table) {
      console.log(`Database ${name} has no database_incarnation table yet: its migration makes a new incarnation at the next start.`);
      return 0;
    }
    const incarnation = await rotateIncarnation(dataSource, new Date());
    console.log(
      `Database ${name} has a new incarnation: ${incarnation}. Live cursors issued before the restore now get RESYNC_REQUIRED ` +
        '(clients refetch and subscribe without a cursor).',
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

runCli(main);
