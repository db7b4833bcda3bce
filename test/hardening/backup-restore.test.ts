import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { signToken } from '../../src/common/auth';
import { decodeEventCursor } from '../../src/realtime/cursor';
import { streamKeys } from '../../src/realtime/streams';
import { createTestDatabase, Role, startTestApp, TEST_SECRET, type TestApp } from '../harness/app';
import { rowIdOf } from '../harness/cursors';
import { RECORD_THROUGHPUT, THROUGHPUT_UPDATED } from '../harness/documents';
import { createLine, minuteSample, minuteSamples, recordSample, recordSamples } from '../harness/factories';
import { startMain, whenReady } from '../harness/process';
import { freePort } from '../harness/redis';
import { eventually, opened, sleep } from '../harness/wait';
import { collect, wsClient } from '../harness/ws';

const ROOT = path.resolve(__dirname, '../..');

/** Everything a test started or made, undone after it (apps, processes, clients, files). */
const leftovers: (() => unknown)[] = [];
afterEach(async () => {
  for (const undo of leftovers.splice(0).reverse()) await undo();
});

/** A path in a folder of the test's own for a SQLite file (the folder and everything in it go afterwards). */
function scratchFile(name = 'opsgraph.sqlite'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsgraph-backup-'));
  leftovers.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, name);
}

/** Runs `npm run <script> -- <args>` as a child process against `databaseUrl`; resolves with its exit code and output. */
function npmRun(
  script: 'backup' | 'restore',
  args: string[],
  databaseUrl: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '-s', script, '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', JWT_SECRET: TEST_SECRET, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  leftovers.push(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** An in-process app on `databaseUrl`, which stays when the app stops. */
async function appOn(databaseUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ databaseUrl, env });
  let stopped = false;
  const stop = t.stop.bind(t);
  t.stop = async () => {
    if (stopped) return;
    stopped = true;
    await stop();
  };
  leftovers.push(() => t.stop());
  return t;
}

/** `npm start`'s entry (src/main.ts) as a real process on `databaseUrl`, ready (/readyz 200) when this resolves. */
async function startProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const port = await freePort();
  const { child, exited } = startMain({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  leftovers.push(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  await whenReady(url);
  return { child, url, exited };
}

/** The `<db>.before-restore-<timestamp>` databases beside a database (their -wal/-shm aside). */
function keptFiles(file: string): string[] {
  return fs
    .readdirSync(path.dirname(file))
    .filter((f) => f.startsWith(`${path.basename(file)}.before-restore-`) && !/-(wal|shm)$/.test(f))
    .sort();
}

/** Opens a SQLite file (made if missing; any app on it stopped) and returns what `read` returns. */
function readSqlite<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const incarnationOf = (file: string) =>
  readSqlite(
    file,
    (db) => (db.prepare('SELECT incarnation FROM database_incarnation WHERE id = 1').get() as { incarnation: string }).incarnation,
  );

describe('npm run backup', () => {
  // The shipped rate limit as users run it: four writers (four principals, as four devices would be),
  // each waiting out RATE_LIMITED as its Retry-After says. And RATE_LIMIT=off: the same writers as fast
  // as the app answers, for load (more writes land between the copy's steps and restart it).
  it.each([
    { settings: 'the shipped rate limit', env: {} as Record<string, string> },
    { settings: 'RATE_LIMIT=off, writers as fast as the app answers', env: { RATE_LIMIT: 'off' } },
  ])(
    'copies the database while the API keeps taking keyed writes; restore accepts the copy, which holds every write acknowledged before it started ($settings)',
    async ({ env }) => {
      const file = scratchFile();
      const t = await appOn(`sqlite:${file}`, env);
      const { operationId, processIds } = await createLine(t, 'Backup under load', 5);
      // A few MiB: the copy takes several steps, and writes between them restart it.
      for (let i = 0; i < 12; i++) await recordSamples(t, minuteSamples(processIds[4], i * 500, 500));

      const acknowledged: string[] = [];
      let writing = true;
      const writers = processIds.slice(0, 4).map(async (processId, w) => {
        const writer = { token: await t.token(Role.OPERATOR, { sub: `backup-writer-${w}` }) };
        for (let n = 0; writing; n++) {
          const input = minuteSample(processId, n, `backup-${w}-${n}`);
          // Keyed: a failed attempt is retried with the same key and stored once.
          for (;;) {
            const response = await t.gql(RECORD_THROUGHPUT, { input }, writer).catch(() => null);
            const result = response?.data?.recordThroughput;
            if (result?.__typename === 'ThroughputSample') {
              acknowledged.push(result.id);
              break;
            }
            const retryAfter = response?.errors?.[0]?.extensions?.retryAfterSeconds;
            if (typeof retryAfter === 'number') await sleep(retryAfter * 1000);
          }
        }
      });
      await eventually(() => acknowledged.length >= 50, 20_000, 'writes before the backup');
      const beforeBackup = [...acknowledged];
      const copy = scratchFile('copy.sqlite');
      const backup = await npmRun('backup', [copy], `sqlite:${file}`);
      const duringBackup = acknowledged.length - beforeBackup.length;
      writing = false;
      await Promise.all(writers);

      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain('integrity_check: ok');
      expect(backup.stdout).toMatch(new RegExp(`operation:${rowIdOf(operationId)}\\s+\\d+`));
      expect(duringBackup).toBeGreaterThan(0);
      expect(fs.existsSync(`${copy}.partial`)).toBe(false);

      // restore's checks pass: it restores into a database of its own.
      const restoredFile = scratchFile();
      const restore = await npmRun('restore', [copy], `sqlite:${restoredFile}`);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);

      const stored = readSqlite(
        restoredFile,
        (db) => new Set((db.prepare('SELECT id FROM throughput_sample').all() as { id: number }[]).map((r) => r.id)),
      );
      const missing = beforeBackup.filter((id) => !stored.has(rowIdOf(id)));
      expect(missing).toEqual([]);
      // One commit's state: the stream's last sequence number is its last stored event, with none missing below it.
      const stream = readSqlite(restoredFile, (db) => ({
        lastSeq: (
          db.prepare('SELECT lastSeq FROM event_stream WHERE streamKey = ?').get(streamKeys.operation(rowIdOf(operationId))) as {
            lastSeq: number;
          }
        ).lastSeq,
        ...(db
          .prepare('SELECT MAX(seq) AS maxSeq, COUNT(*) AS events FROM event WHERE streamKey = ?')
          .get(streamKeys.operation(rowIdOf(operationId))) as {
          maxSeq: number;
          events: number;
        }),
      }));
      expect(stream.maxSeq).toBe(stream.lastSeq);
      expect(stream.events).toBe(stream.lastSeq);
      expect(stream.lastSeq).toBeGreaterThanOrEqual(beforeBackup.length);
    },
    180_000,
  );

  it('refuses to overwrite a file without --force, and refuses a MySQL/MariaDB DATABASE_URL pointing at the README', async () => {
    const file = scratchFile();
    const t = await appOn(`sqlite:${file}`);
    await t.stop();
    const copy = scratchFile('copy.sqlite');
    fs.writeFileSync(copy, 'keep me');
    const refused = await npmRun('backup', [copy], `sqlite:${file}`);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(fs.readFileSync(copy, 'utf8')).toBe('keep me');
    expect((await npmRun('backup', [copy, '--force'], `sqlite:${file}`)).code).toBe(0);

    const mysql = await npmRun('backup', [scratchFile('x.sqlite')], 'mariadb://root@127.0.0.1:3306/opsgraph_never_made');
    expect(mysql.code).toBe(2);
    expect(mysql.stderr).toContain('mysqldump --single-transaction');
    expect(mysql.stderr).toContain('Backup and restore');
  }, 60_000);
});

describe('npm run restore', () => {
  it('refuses while the API runs on the database, and restores once it has stopped, also after kill -9', async () => {
    const file = scratchFile();
    const databaseUrl = `sqlite:${file}`;
    let app = await startProcess(databaseUrl);
    const copy = scratchFile('copy.sqlite');
    expect((await npmRun('backup', [copy], databaseUrl)).code).toBe(0);

    const refused = await npmRun('restore', [copy], databaseUrl);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('open in another process');
    expect(keptFiles(file)).toEqual([]);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    const afterStop = await npmRun('restore', [copy], databaseUrl);
    expect(afterStop.code).toBe(0);
    expect(keptFiles(file)).toHaveLength(1);

    // Killed with a write in its WAL: no lock survives it, and the kept database still holds the write.
    app = await startProcess(databaseUrl);
    const admin = await tokenFor(Role.ADMIN);
    const created = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: 'mutation { createOperation(input: { name: "Written before kill -9" }) { __typename } }' }),
    });
    expect(((await created.json()) as any).data.createOperation.__typename).toBe('Operation');
    app.child.kill('SIGKILL');
    await app.exited;
    const afterKill = await npmRun('restore', [copy], databaseUrl);
    expect(afterKill.stderr).toBe('');
    expect(afterKill.code).toBe(0);
    const kept = keptFiles(file);
    expect(kept).toHaveLength(2);
    const keptAfterKill = path.join(path.dirname(file), kept[1]);
    expect(
      readSqlite(keptAfterKill, (db) => db.prepare("SELECT COUNT(*) AS n FROM operation WHERE name = 'Written before kill -9'").get()),
    ).toEqual({ n: 1 });

    // The restored database serves.
    app = await startProcess(databaseUrl);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  }, 180_000);

  it('refuses a copy made by a newer version (an unknown migration), a SQLite file of something else and a file that is no database; nothing changes', async () => {
    const file = scratchFile();
    const t = await appOn(`sqlite:${file}`);
    await t.stop();
    const incarnation = incarnationOf(file);
    const newer = scratchFile('newer.sqlite');
    expect((await npmRun('backup', [newer], `sqlite:${file}`)).code).toBe(0);
    readSqlite(newer, (db) =>
      db.prepare('INSERT INTO schema_migration (timestamp, name) VALUES (?, ?)').run(1899999999999, 'FromTheFuture1899999999999'),
    );

    const refusedNewer = await npmRun('restore', [newer], `sqlite:${file}`);
    expect(refusedNewer.code).toBe(1);
    expect(refusedNewer.stderr).toContain('newer version');
    expect(refusedNewer.stderr).toContain('FromTheFuture1899999999999');

    const foreign = scratchFile('foreign.sqlite');
    readSqlite(foreign, (db) => db.exec('CREATE TABLE notes (body TEXT)'));
    const refusedForeign = await npmRun('restore', [foreign], `sqlite:${file}`);
    expect(refusedForeign.code).toBe(1);
    expect(refusedForeign.stderr).toContain('not an opsgraph one');

    const text = scratchFile('notes.txt');
    fs.writeFileSync(text, 'not a database at all\n'.repeat(100));
    const refusedText = await npmRun('restore', [text], `sqlite:${file}`);
    expect(refusedText.code).toBe(1);
    expect(refusedText.stderr).toContain('not a SQLite database');

    expect(keptFiles(file)).toEqual([]);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('.restore-'))).toEqual([]);
    expect(incarnationOf(file)).toBe(incarnation);
  }, 60_000);

  it('restores a copy of an older version and says which migrations run at the next start, which gives it an incarnation', async () => {
    const file = scratchFile();
    const t = await appOn(`sqlite:${file}`);
    await t.stop();
    const older = scratchFile('older.sqlite');
    expect((await npmRun('backup', [older], `sqlite:${file}`)).code).toBe(0);
    readSqlite(older, (db) => {
      db.exec('DROP TABLE database_incarnation');
      db.prepare("DELETE FROM schema_migration WHERE name LIKE 'AddDatabaseIncarnation%'").run();
    });

    const restored = await npmRun('restore', [older], `sqlite:${file}`);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/1 of this build will run at the next start \(AddDatabaseIncarnation\d+\)/);
    const again = await appOn(`sqlite:${file}`);
    await again.stop();
    expect(incarnationOf(file)).toMatch(/^[0-9a-f]{16}$/);
  }, 60_000);
});

describe('npm run restore -- --mysql-restored', () => {
  it('gives a MariaDB database a new incarnation once the API is stopped, and refuses while it runs', async () => {
    const database = await createTestDatabase('mysql');
    leftovers.push(() => database.drop());
    const t = await appOn(database.url);
    const read = async (app: TestApp) =>
      ((await app.app.dataSource.query('SELECT incarnation FROM database_incarnation WHERE id = 1')) as { incarnation: string }[])[0]
        .incarnation;
    const first = await read(t);
    const refused = await npmRun('restore', ['--mysql-restored'], database.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('stop the API first');
    await t.stop();

    const rotated = await npmRun('restore', ['--mysql-restored'], database.url);
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    const again = await appOn(database.url);
    const second = await read(again);
    expect(second).toMatch(/^[0-9a-f]{16}$/);
    expect(second).not.toBe(first);
    expect(rotated.stdout).toContain(second);
  }, 60_000);
});

describe('live cursors across a restore', () => {
  it('a cursor from before the restore gets RESYNC_REQUIRED, beyond the restored stream or not; one issued after it resumes exactly once', async () => {
    const file = scratchFile();
    const databaseUrl = `sqlite:${file}`;
    let t = await appOn(databaseUrl);
    const { operationId, processId } = await createLine(t, 'Restore and resume');
    const streamKey = streamKeys.operation(rowIdOf(operationId));
    let ws = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    leftovers.push(() => ws.client.dispose());
    const before = await opened(t, () => collect(ws.client, THROUGHPUT_UPDATED, { operationId }));
    for (let i = 0; i < 5; i++) await recordSample(t, minuteSample(processId, i));
    await before.until(() => before.results.length === 5);
    const copy = scratchFile('copy.sqlite');
    expect((await npmRun('backup', [copy], databaseUrl)).code).toBe(0);
    for (let i = 5; i < 10; i++) await recordSample(t, minuteSample(processId, i));
    await before.until(() => before.results.length === 10);
    const cursors: string[] = before.results.map((r) => r.data!.throughputUpdated.cursor);
    const insideBackup = cursors[2];
    const beyondBackup = cursors[9];
    expect(decodeEventCursor(beyondBackup, streamKey).seq).toBe(10);
    await ws.client.dispose();
    await t.stop();

    const restored = await npmRun('restore', [copy], databaseUrl);
    expect(restored.code).toBe(0);
    t = await appOn(databaseUrl);
    // New writes take sequence numbers 6..11 again: resuming the old cursor of seq 10 would skip six real events.
    for (let i = 100; i < 106; i++) await recordSample(t, minuteSample(processId, i));
    ws = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    leftovers.push(() => ws.client.dispose());
    for (const after of [beyondBackup, insideBackup]) {
      const resumed = collect(ws.client, THROUGHPUT_UPDATED, { operationId, after });
      await resumed.until(() => resumed.results.length > 0);
      const errors = (resumed.results[0]?.errors ?? (resumed.error as any[])) as any[];
      expect(errors?.[0]?.extensions?.code).toBe('RESYNC_REQUIRED');
      expect(errors?.[0]?.message).toContain('restored');
    }

    // What a client does then: subscribe without a cursor; the cursors it gets now resume exactly once.
    const fresh = await opened(t, () => collect(ws.client, THROUGHPUT_UPDATED, { operationId }));
    await recordSample(t, minuteSample(processId, 200));
    await fresh.until(() => fresh.results.length === 1);
    const cursor: string = fresh.results[0].data!.throughputUpdated.cursor;
    expect(decodeEventCursor(cursor, streamKey)).toEqual({ seq: 12, incarnation: incarnationOf(file) });
    expect(decodeEventCursor(cursor, streamKey).incarnation).not.toBe(decodeEventCursor(beyondBackup, streamKey).incarnation);
    fresh.dispose();
    const missed: string[] = [];
    for (let i = 201; i < 204; i++) missed.push((await recordSample(t, minuteSample(processId, i))).id);
    const resumed = collect(ws.client, THROUGHPUT_UPDATED, { operationId, after: cursor });
    await resumed.until(() => resumed.results.length === 3);
    const live = (await recordSample(t, minuteSample(processId, 204))).id;
    await resumed.until(() => resumed.results.length === 4);
    expect(resumed.results.map((r) => r.data!.throughputUpdated.sample.id)).toEqual([...missed, live]);
  }, 120_000);
});

/** A token the child-process app accepts (the same secret as the test apps). */
function tokenFor(role: Role): Promise<string> {
  return signToken(TEST_SECRET, { sub: `test-${role.toLowerCase()}`, roles: [role] });
}
