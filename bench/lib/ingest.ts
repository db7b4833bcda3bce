/**
 * Shared plumbing of the ingest scenarios (7, 8): a scratch database with processes created
 * through the API, ours driven by autocannon, and the raw-driver baselines (mysql2 on MariaDB,
 * better-sqlite3 on SQLite) writing the same rows at the same concurrency.
 */
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { CpuMeter, databaseServerPid, type CpuUse } from './cpu';
import { runLoad, type LoadSummary } from './load';
import { median } from './stats';
import { type AppHandle, type Bench } from './bench';
import { createLine, PeriodCursor } from './fixtures';
import { freshDatabase, openBulkWriter, sqlDate, type DbKind } from '../seed';
import { WARMUP_SECONDS } from '../scenarios/types';

export interface IngestSetup {
  kind: DbKind;
  url: string;
  app: AppHandle;
  /** Global IDs of the processes ours writes to, one per connection. */
  oursProcesses: string[];
  /** Row ids of the processes the raw baseline writes to. */
  rawProcessRowIds: number[];
  stop(): Promise<void>;
}

export async function startIngest(
  bench: Bench,
  kind: DbKind,
  name: string,
  connections: number,
  options: { root?: string } = {},
): Promise<IngestSetup> {
  const db = await freshDatabase(kind, `opsgraph_bench_scratch_${name}`);
  const app = await bench.startApp(kind, db.url, {}, { root: options.root, name: options.root ? `baseline app(${kind})` : undefined });
  try {
    const oursProcesses = await createLine(app, 'Ingest line (ours)', connections);
    await createLine(app, 'Ingest line (raw)', connections);
    const writer = await openBulkWriter(kind, db.url);
    const all = await writer.column('SELECT id FROM process ORDER BY id');
    await writer.close();
    return {
      kind,
      url: db.url,
      app,
      oursProcesses,
      rawProcessRowIds: all.slice(connections),
      async stop() {
        await app.stop();
        await db.drop();
      },
    };
  } catch (error) {
    await app.stop();
    await db.drop();
    throw error;
  }
}

/** The load options of `measureOurs` for one setup: each connection owns one process for the whole run (like one line terminal per process). */
export function oursLoad(
  bench: Bench,
  setup: IngestSetup,
  connections: number,
  makeBody: (processId: string, cursor: PeriodCursor) => string,
  okTypename: string,
) {
  const cursors = new Map<string, PeriodCursor>();
  let assigned = 0;
  return {
    url: `${setup.app.url}/graphql`,
    headers: { authorization: `Bearer ${bench.tokens.operator}` },
    connections,
    makeBody: (context: Record<string, any>) => {
      context.processId ??= setup.oursProcesses[assigned++ % setup.oursProcesses.length];
      if (!cursors.has(context.processId)) cursors.set(context.processId, new PeriodCursor());
      return makeBody(context.processId, cursors.get(context.processId)!);
    },
    check: (text: string) => text.includes(`"__typename":"${okTypename}"`),
  };
}

/** Runs warm-up plus measured rounds of ours with autocannon; rows/s = good responses × rowsPerRequest ÷ s. */
export async function measureOurs(
  bench: Bench,
  setup: IngestSetup,
  connections: number,
  rowsPerRequest: number,
  makeBody: (processId: string, cursor: PeriodCursor) => string,
  okTypename: string,
  label: string,
) {
  const options = oursLoad(bench, setup, connections, makeBody, okTypename);
  await runLoad({ ...options, seconds: WARMUP_SECONDS });
  const rounds: LoadSummary[] = [];
  const cpus: Record<string, CpuUse>[] = [];
  for (let r = 1; r <= bench.options.rounds; r++) {
    const meter = new CpuMeter({ app: setup.app.child.pid, db: setup.kind === 'mariadb' ? databaseServerPid() : null }).start();
    rounds.push(await runLoad({ ...options, seconds: bench.options.roundSeconds }));
    cpus.push(meter.stop());
    const last = rounds.at(-1)!;
    bench.log(
      `${label}: ours ${setup.kind} round ${r}: ${(last.rps * rowsPerRequest).toFixed(0)} rows/s (${last.rps.toFixed(1)} req/s, p99 ${last.p99} ms${last.rejected ? `, ${last.rejected} rejected` : ''})`,
    );
  }
  return { rowsPerSecond: median(rounds.map((r) => r.rps * rowsPerRequest)), rounds, cpu: cpus[Math.floor(cpus.length / 2)] };
}

const SAMPLE_COLUMNS = '(processRowId, periodStart, periodEnd, goodUnits, rejectedUnits, downtimeMinutes, recordedAt)';

function rawRows(processRowId: number, cursor: PeriodCursor, count: number): unknown[][] {
  const now = sqlDate(Date.now());
  const rows: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const p = cursor.take();
    rows.push([
      processRowId,
      sqlDate(Date.parse(p.periodStart)),
      sqlDate(Date.parse(p.periodEnd)),
      1 + (i % 3),
      i % 7 === 0 ? 1 : 0,
      0,
      now,
    ]);
  }
  return rows;
}

/**
 * The raw baseline: `workers` concurrent writers for `seconds`, each inserting `rowsPerStatement`
 * rows per statement (a multi-row INSERT), optionally each statement in its own transaction.
 */
export async function measureRaw(
  bench: Bench,
  setup: IngestSetup,
  workers: number,
  rowsPerStatement: number,
  inTransaction: boolean,
  label: string,
) {
  const cursors = setup.rawProcessRowIds.map(() => new PeriodCursor());
  const rounds: number[] = [];
  const cpus: Record<string, CpuUse>[] = [];
  if (setup.kind === 'mariadb') {
    const target = new URL(setup.url.replace(/^mariadb:/, 'mysql:'));
    const pool = mysql.createPool({
      host: target.hostname,
      port: Number(target.port || 3306),
      user: decodeURIComponent(target.username || 'root'),
      password: decodeURIComponent(target.password),
      database: target.pathname.slice(1),
      connectionLimit: workers,
      timezone: 'Z',
    });
    const sql = `INSERT INTO throughput_sample ${SAMPLE_COLUMNS} VALUES ?`;
    const runFor = async (seconds: number) => {
      let rows = 0;
      const end = performance.now() + seconds * 1000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: workers }, async (_, w) => {
          const connection = await pool.getConnection();
          try {
            while (performance.now() < end) {
              const values = rawRows(
                setup.rawProcessRowIds[w % setup.rawProcessRowIds.length],
                cursors[w % cursors.length],
                rowsPerStatement,
              );
              if (inTransaction) await connection.query('BEGIN');
              await connection.query(sql, [values]);
              if (inTransaction) await connection.query('COMMIT');
              rows += rowsPerStatement;
            }
          } finally {
            connection.release();
          }
        }),
      );
      return rows / ((performance.now() - started) / 1000);
    };
    try {
      await runFor(WARMUP_SECONDS);
      for (let r = 1; r <= bench.options.rounds; r++) {
        const meter = new CpuMeter({ db: databaseServerPid() }).start();
        rounds.push(await runFor(bench.options.roundSeconds));
        cpus.push(meter.stop());
        bench.log(`${label}: raw mysql2 round ${r}: ${rounds.at(-1)!.toFixed(0)} rows/s`);
      }
    } finally {
      await pool.end();
    }
  } else {
    // better-sqlite3 is synchronous: "concurrent" writers would only take turns, so one loop writes.
    const db = new Database(setup.url);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(
      `INSERT INTO throughput_sample ${SAMPLE_COLUMNS} VALUES ${Array.from({ length: rowsPerStatement }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    );
    const write = (values: unknown[][]) => insert.run(values.flat());
    const writeInTx = db.transaction(write);
    const runFor = (seconds: number) => {
      let rows = 0;
      let w = 0;
      const end = performance.now() + seconds * 1000;
      const started = performance.now();
      while (performance.now() < end) {
        const values = rawRows(setup.rawProcessRowIds[w % setup.rawProcessRowIds.length], cursors[w % cursors.length], rowsPerStatement);
        w++;
        if (inTransaction) writeInTx(values);
        else write(values);
        rows += rowsPerStatement;
      }
      return rows / ((performance.now() - started) / 1000);
    };
    try {
      runFor(WARMUP_SECONDS);
      for (let r = 1; r <= bench.options.rounds; r++) {
        const meter = new CpuMeter({}).start();
        rounds.push(runFor(bench.options.roundSeconds));
        cpus.push(meter.stop());
        bench.log(`${label}: raw better-sqlite3 round ${r}: ${rounds.at(-1)!.toFixed(0)} rows/s`);
      }
    } finally {
      db.close();
    }
  }
  return { rowsPerSecond: median(rounds), rounds, cpu: cpus[Math.floor(cpus.length / 2)] };
}
