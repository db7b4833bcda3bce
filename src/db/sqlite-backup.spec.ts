import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupSqlite, inspectSqliteCopy, knownSqliteMigrations, sqliteIsFree, type BackupProgress } from './sqlite-backup';

describe('online SQLite backup', () => {
  let dir: string;
  let source: string;
  let writer: Database.Database;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsgraph-backup-spec-'));
    source = path.join(dir, 'source.sqlite');
    writer = new Database(source);
    writer.pragma('journal_mode = WAL');
    writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    // About 600 pages of 4 KiB: several steps of 100 pages.
    const insert = writer.prepare('INSERT INTO t (body) VALUES (randomblob(2000))');
    writer.transaction(() => {
      for (let i = 0; i < 1200; i++) insert.run();
    })();
  });

  afterEach(() => {
    if (writer.open) writer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Writes one row through the other connection between every two steps of the copy: each write restarts it. */
  function writeBetweenSteps(log: BackupProgress[]) {
    return (progress: BackupProgress) => {
      log.push(progress);
      if (progress.copiedPages < progress.totalPages) writer.prepare('INSERT INTO t (body) VALUES (randomblob(2000))').run();
    };
  }

  it('ends under writes between every step: after 3 restarts the rest is copied in one step, with every committed row', async () => {
    const log: BackupProgress[] = [];
    const dest = path.join(dir, 'copy.sqlite');
    const outcome = await backupSqlite(source, dest, { onProgress: writeBetweenSteps(log) });

    expect(outcome).toEqual(expect.objectContaining({ restarts: 3, oneStep: true }));
    const committed = (writer.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;
    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(committed);
    copy.close();
  });

  it('without the one-step fallback the same writes keep restarting the copy (what the fallback is for)', async () => {
    const log: BackupProgress[] = [];
    const outcome = await backupSqlite(source, path.join(dir, 'copy.sqlite'), { maxRestarts: 40, onProgress: writeBetweenSteps(log) });
    // It only ended because the fallback took over at the 40th restart: no step-wise pass got through.
    expect(outcome.restarts).toBe(40);
    expect(log.filter((p) => !p.oneStep).every((p) => p.copiedPages <= 100)).toBe(true);
  });

  it('copies in steps, with no restart, when nothing writes meanwhile', async () => {
    const log: BackupProgress[] = [];
    const outcome = await backupSqlite(source, path.join(dir, 'copy.sqlite'), { onProgress: (p) => log.push(p) });
    expect(outcome).toEqual(expect.objectContaining({ restarts: 0, oneStep: false }));
    expect(log.length).toBeGreaterThan(3);
  });

  it('sees another connection holding the database open, idle or not, and sees it go', () => {
    const idle = new Database(source);
    idle.prepare('SELECT COUNT(*) FROM t').get();
    writer.close();
    expect(sqliteIsFree(source)).toBe(false);
    idle.close();
    expect(sqliteIsFree(source)).toBe(true);
  });

  it('reports a file that is not an opsgraph database as such, and the migrations of this build', () => {
    const report = inspectSqliteCopy(source);
    expect(report).toEqual(expect.objectContaining({ integrity: ['ok'], opsgraph: false, unknownMigrations: [], pendingMigrations: [] }));
    expect(report.rows).toEqual({ t: 1200 });
    expect(knownSqliteMigrations()).toContain('AddDatabaseIncarnation1796581730749');
  });
});
