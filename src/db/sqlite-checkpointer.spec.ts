import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../common/logger';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startSqliteCheckpointer } from './sqlite-checkpointer';

/** Collects the checkpointer's warnings (a real pino logger writes them to stdout, where a test cannot read them). */
function warnings() {
  const seen: string[] = [];
  const logger = { warn: (_detail: unknown, message?: string) => seen.push(String(message ?? _detail)) } as unknown as Logger;
  return { logger, seen };
}

async function eventually(check: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SQLite checkpointer (WAL checkpoints on a thread of their own)', () => {
  let dir: string;
  let file: string;
  let writer: Database.Database;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsgraph-checkpointer-spec-'));
    file = path.join(dir, 'db.sqlite');
    writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = NORMAL');
    writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  });

  afterEach(() => {
    if (writer.open) writer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** About 500 pages of 4 KiB in 100 commits: well under the writer's fallback, so only the checkpointer copies them. */
  function writePages() {
    const insert = writer.prepare('INSERT INTO t (body) VALUES (randomblob(2000))');
    for (let commit = 0; commit < 100; commit++)
      writer.transaction(() => {
        for (let i = 0; i < 10; i++) insert.run();
      })();
  }

  it("copies committed pages into the database file while the writer's own checkpoint waits for the fallback, and hands it back on stop", async () => {
    const { logger, seen } = warnings();
    const before = fs.statSync(file).size;
    // 50 ms instead of the shipped second: the test waits for a few checkpoints, not for a minute.
    const checkpointer = startSqliteCheckpointer({ file, writer, synchronous: 'NORMAL', busyTimeoutMs: 5000, logger, everyMs: 50 });
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    writePages();
    // The writer alone never checkpoints below the fallback: the file grows only by the thread's copies.
    await eventually(() => checkpointer.checkpoints > 0 && fs.statSync(file).size >= before + 400 * 4096);
    expect(writer.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1000 });
    await checkpointer.stop();
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(seen).toEqual([]);
    // The rows are in the file: a fresh connection reads them after the writer closed (it checkpoints the rest).
    writer.close();
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1000 });
    reader.close();
  });

  it('gives the writer its own checkpoints back, with a warning, when the thread cannot run', async () => {
    const { logger, seen } = warnings();
    const checkpointer = startSqliteCheckpointer({
      file: path.join(dir, 'missing.sqlite'),
      writer,
      synchronous: 'NORMAL',
      busyTimeoutMs: 5000,
      logger,
    });
    await eventually(() => seen.length > 0);
    await checkpointer.stop();
    expect(seen[0]).toMatch(/sqlite checkpointer failed: the writer checkpoints itself again/);
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
