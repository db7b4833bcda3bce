/**
 * Copies the embedded SQLite database (DATABASE_URL, default ./data/opsgraph.sqlite) into one file
 * while the API keeps serving and writing:
 *
 *   npm run backup -- <file> [--force]
 *
 * The copy is taken with SQLite's online backup API (a progress bar on a terminal, a line a second
 * otherwise), written to `<file>.partial`, checked with `PRAGMA integrity_check`, made a standalone
 * file (rollback journal, not WAL) and only then renamed to `<file>`. It is the database as of one
 * commit. Prints the copy's migrations, incarnation, event stream positions and rows per table.
 * MySQL/MariaDB are refused: use the server's own tools (README, "Backup and restore").
 *
 * Exit codes: 0 copied, 1 failure (the copy is not left behind), 2 bad arguments (including an
 * existing <file> without --force, and a MySQL/MariaDB DATABASE_URL).
 */
import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config';
import {
  backupSqlite,
  fsyncPath,
  inspectSqliteCopy,
  makeStandalone,
  type BackupProgress,
  type SqliteCopyReport,
} from '../db/sqlite-backup';
import { cliArguments, runCli } from './run';

const USAGE = 'usage: npm run backup -- <file> [--force]   (an online copy of the SQLite database of DATABASE_URL)';

/** Stream positions printed one per line; the rest are summed up. */
const STREAMS_LISTED = 20;

async function main(argv: string[]): Promise<number> {
  const args = cliArguments<{ force?: boolean }>(argv, USAGE, { force: { type: 'boolean' } }, true);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) {
    console.error(`expected one file to write the copy to\n${USAGE}`);
    return 2;
  }

  const { database } = loadConfig();
  if (database.kind !== 'sqlite') {
    console.error(
      `DATABASE_URL is ${database.kind === 'mariadb' ? 'MariaDB' : 'MySQL'}: back it up with the server's own tools ` +
        "(mysqldump --single-transaction --routines --triggers, or your provider's snapshots), then after restoring it " +
        'run `npm run restore -- --mysql-restored`. See README.md, "Backup and restore".',
    );
    return 2;
  }
  if (database.url === ':memory:') {
    console.error('DATABASE_URL is sqlite::memory:, which has nothing to back up.');
    return 2;
  }
  const source = database.url;
  const dest = path.resolve(positionals[0]);
  if (dest === source) {
    console.error(`${dest} is the database itself; name another file.`);
    return 2;
  }
  if (fs.existsSync(dest) && !values.force) {
    console.error(`${dest} exists; pass --force to replace it.`);
    return 2;
  }
  if (!fs.existsSync(source)) {
    console.error(`There is no database at ${source} (DATABASE_URL); nothing to back up.`);
    return 1;
  }

  const partial = `${dest}.partial`;
  const removePartial = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
  };
  removePartial();
  const started = Date.now();
  const progress = progressReporter(source);
  let report: SqliteCopyReport;
  let outcome: Awaited<ReturnType<typeof backupSqlite>>;
  try {
    outcome = await backupSqlite(source, partial, { onProgress: progress.update });
    progress.stop();
    makeStandalone(partial);
    report = inspectSqliteCopy(partial);
    if (report.integrity.join('\n') !== 'ok') {
      console.error(`The copy fails PRAGMA integrity_check; nothing written:\n  ${report.integrity.slice(0, 20).join('\n  ')}`);
      removePartial();
      return 1;
    }
    fsyncPath(partial);
    fs.renameSync(partial, dest);
    fsyncPath(path.dirname(dest));
  } catch (error) {
    progress.stop();
    removePartial();
    throw error;
  }

  const bytes = fs.statSync(dest).size;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const restarts =
    outcome.restarts === 0
      ? ''
      : `; restarted ${outcome.restarts} times by concurrent writes${outcome.oneStep ? ', then copied in one step' : ''}`;
  console.log(
    `Backed up ${source} to ${dest}: ${outcome.totalPages} pages, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${seconds} s${restarts}.`,
  );
  printReport(report);
  console.log(`Restore it with: npm run restore -- ${positionals[0]}   (with the API stopped)`);
  return 0;
}

/** A progress bar on a terminal; off one, a plain line at most once a second and at each restart. */
function progressReporter(source: string): { update(progress: BackupProgress): void; stop(): void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'backup [{bar}] {percentage}% | {value}/{total} pages | restarts {restarts}', hideCursor: true, stream: process.stdout },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update({ copiedPages, totalPages, restarts }) {
        if (!started) {
          bar.start(totalPages, copiedPages, { restarts });
          started = true;
        }
        bar.setTotal(totalPages);
        bar.update(copiedPages, { restarts });
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastLine = 0;
  let lastRestarts = 0;
  console.log(`backup of ${source} started`);
  return {
    update({ copiedPages, totalPages, restarts, oneStep }) {
      if (Date.now() - lastLine < 1000 && restarts === lastRestarts) return;
      lastLine = Date.now();
      lastRestarts = restarts;
      const note = restarts ? ` (restarts: ${restarts}${oneStep ? ', copying the rest in one step' : ''})` : '';
      console.log(`backup: ${copiedPages}/${totalPages} pages${note}`);
    },
    stop: () => undefined,
  };
}

function printReport(report: SqliteCopyReport): void {
  const migrations = report.rows.schema_migration ?? 0;
  console.log(`  integrity_check: ${report.integrity.join('; ')}`);
  console.log(
    `  migrations applied: ${migrations}${report.pendingMigrations.length ? ` (${report.pendingMigrations.length} of this build pending)` : ''}`,
  );
  console.log(`  incarnation: ${report.incarnation ?? '(none: made before incarnations)'}`);
  const streams = Object.entries(report.streams);
  console.log(`  event streams: ${streams.length}${streams.length ? ', last sequence numbers:' : ''}`);
  const width = Math.max(0, ...streams.slice(0, STREAMS_LISTED).map(([key]) => key.length));
  for (const [key, seq] of streams.slice(0, STREAMS_LISTED)) console.log(`    ${key.padEnd(width)}  ${seq}`);
  if (streams.length > STREAMS_LISTED) console.log(`    … and ${streams.length - STREAMS_LISTED} more`);
  console.log('  rows per table:');
  const tableWidth = Math.max(...Object.keys(report.rows).map((t) => t.length));
  for (const [table, count] of Object.entries(report.rows)) console.log(`    ${table.padEnd(tableWidth)}  ${count.toLocaleString('en')}`);
}

runCli(main);
