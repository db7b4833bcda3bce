/**
 * Fast bulk seeding for the benchmarks. Creates the schema with the app's own migrations, then
 * writes rows with raw multi-row INSERTs (mysql2) or one prepared statement in large transactions
 * (better-sqlite3), which is 10–50× faster than going through entities.
 *
 * Named scales (see SCALES) are seeded once into a reusable database: the file
 * bench/out/opsgraph-bench-<scale>.sqlite and the MariaDB database `opsgraph_bench_<scale>`.
 * A database is reused when its row counts match the scale; otherwise it is dropped and reseeded.
 * Samples are 15-minute periods ending at a grid instant; `asOf` (the end of the newest sample)
 * is what "now" means to every query a benchmark sends, so a database seeded yesterday still has
 * a full "last hour".
 */
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type Database from 'better-sqlite3';
import { createDataSource, prepareConnection } from '../src/db/data-source';
import { MODULE_ENTITIES } from '../src/modules';
import { parseDatabaseUrl, type DatabaseConfig } from '../src/config';
import { startChild } from './lib/children';

export const OUT_DIR = path.join(__dirname, 'out');
export const MARIADB_BASE_URL = process.env.BENCH_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/mysql';
const SAMPLE_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type DbKind = 'sqlite' | 'mariadb';

export interface ScaleSpec {
  operations: number;
  processesPerOperation: number;
  /** Days of 15-minute samples per process, ending at the grid instant. */
  days: number;
  projects: number;
  milestonesPerProject: number;
}

/**
 * small: everything quick (≈77 k samples); large: the issue's "at least 50 operations × 8
 * processes × 90 days of 15-minute samples" (= 3,456,000 samples; the issue's "≈ 2.5 M" undercounts),
 * 200 projects × 10 milestones.
 */
export const SCALES: Record<'small' | 'large', ScaleSpec> = {
  small: { operations: 100, processesPerOperation: 8, days: 1, projects: 100, milestonesPerProject: 10 },
  large: { operations: 50, processesPerOperation: 8, days: 90, projects: 200, milestonesPerProject: 10 },
};

export function expectedSamples(spec: ScaleSpec): number {
  return spec.operations * spec.processesPerOperation * Math.round((spec.days * DAY_MS) / SAMPLE_MS);
}

export interface SeededDatabase {
  kind: DbKind;
  url: string;
  /** End of the newest sample: pass as `asOf` so "the last hour" is the seeded last hour. */
  asOf: Date;
  samples: number;
  processes: number;
  reused: boolean;
  seedSeconds: number;
}

/** "2026-01-02 03:04:05.678": the form TypeORM writes for datetime(3) on both engines (UTC). */
export function sqlDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function mysqlUrlFor(database: string): string {
  const url = new URL(MARIADB_BASE_URL.replace(/^mariadb:/, 'mysql:'));
  url.pathname = `/${database}`;
  return url.toString().replace(/^mysql:/, 'mariadb:');
}

async function mysqlAdmin() {
  const url = new URL(MARIADB_BASE_URL.replace(/^mariadb:/, 'mysql:'));
  return mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  });
}

/** True when MariaDB answers at BENCH_MYSQL_URL (default root@127.0.0.1:3306). */
export async function mariadbAvailable(): Promise<boolean> {
  try {
    const admin = await mysqlAdmin();
    await admin.end();
    return true;
  } catch {
    return false;
  }
}

export async function mariadbVersion(): Promise<string | null> {
  try {
    const admin = await mysqlAdmin();
    const [rows] = await admin.query('SELECT VERSION() AS v');
    await admin.end();
    return (rows as { v: string }[])[0].v;
  } catch {
    return null;
  }
}

/** A writer of many rows into one database, engine-specific underneath. */
export interface BulkWriter {
  kind: DbKind;
  insert(table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number>;
  scalar(sql: string): Promise<number | string | null>;
  column(sql: string): Promise<number[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs the app's migrations on `url` in a fresh child process, so they are the migrations on disk
 * now (other engineers may regenerate them while a long benchmark runs). With `root` (the
 * `--baseline-ref` worktree) they are that tree's migrations, run by its own migrate-process.ts,
 * or, in a tree without one, by starting and stopping its app (which migrates on start).
 */
export async function migrate(kind: DbKind, url: string, root?: string): Promise<void> {
  const env = { DATABASE_URL: appDatabaseUrl(kind, url), NODE_ENV: 'test', LOG_LEVEL: 'warn' };
  if (root && !fs.existsSync(path.join(root, 'bench', 'lib', 'migrate-process.ts'))) {
    const app = await startChild('migrate (baseline app)', 'app-process.ts', {
      root,
      env: { ...env, JWT_SECRET: 'x'.repeat(64), HOST: '127.0.0.1', PORT: '0', SEED_DEMO: 'false', PRINT_DEMO_TOKENS: 'false' },
      readyTimeoutMs: 120_000,
    });
    await app.stop();
    return;
  }
  const child = await startChild('migrate', 'migrate-process.ts', { env, root, readyTimeoutMs: 120_000 });
  await new Promise<void>((resolve) => {
    if (child.child.exitCode !== null) return resolve();
    child.child.once('exit', () => resolve());
  });
}

/** Timestamps of the migrations on disk for a dialect (from the file names) in the tree at `root`. */
function migrationTimestampsOnDisk(kind: DbKind, root = path.join(__dirname, '..')): Set<number> {
  const dir = path.join(root, 'src', 'db', 'migrations', kind === 'sqlite' ? 'sqlite' : 'mysql');
  return new Set(
    fs
      .readdirSync(dir)
      .map((f) => /^(\d+)-.*\.ts$/.exec(f)?.[1])
      .filter(Boolean)
      .map(Number),
  );
}

/** Opens a raw bulk writer on an already migrated database (see `migrate`). */
export async function openBulkWriter(kind: DbKind, url: string): Promise<BulkWriter> {
  const config: DatabaseConfig = { ...parseDatabaseUrl(kind === 'sqlite' ? `sqlite:${url}` : url), poolSize: 2, logging: false };
  const dataSource = createDataSource(config, { entities: MODULE_ENTITIES, migrations: false });
  await dataSource.initialize();
  await prepareConnection(dataSource);
  if (kind === 'sqlite') {
    const db = (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
    return {
      kind,
      async insert(table, columns, rows) {
        const statement = db.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        let count = 0;
        let batch: unknown[][] = [];
        const flush = db.transaction((items: unknown[][]) => {
          for (const item of items) statement.run(item);
        });
        for (const row of rows) {
          batch.push(row);
          if (batch.length >= 50_000) {
            flush(batch);
            count += batch.length;
            batch = [];
          }
        }
        if (batch.length) flush(batch);
        return count + batch.length;
      },
      async scalar(sql) {
        const row = db.prepare(sql).raw().get() as unknown[] | undefined;
        return (row?.[0] as number | string | null) ?? null;
      },
      async column(sql) {
        return (db.prepare(sql).raw().all() as unknown[][]).map((r) => Number(r[0]));
      },
      async exec(sql) {
        db.exec(sql);
      },
      close: () => dataSource.destroy(),
    };
  }
  await dataSource.destroy();
  const target = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const connections = await Promise.all(
    [0, 1].map(() =>
      mysql.createConnection({
        host: target.hostname,
        port: Number(target.port || 3306),
        user: decodeURIComponent(target.username || 'root'),
        password: decodeURIComponent(target.password),
        database: target.pathname.slice(1),
        timezone: 'Z',
      }),
    ),
  );
  for (const connection of connections) await connection.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
  return {
    kind,
    async insert(table, columns, rows) {
      // Two connections in flight: one formats the next chunk while the server writes the last.
      const sql = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
      let count = 0;
      let chunk: unknown[][] = [];
      const inFlight: Promise<unknown>[] = [];
      let turn = 0;
      const send = async (items: unknown[][]) => {
        const connection = connections[turn++ % connections.length];
        if (inFlight.length >= connections.length) await inFlight.shift();
        inFlight.push(connection.query(sql, [items]));
      };
      for (const row of rows) {
        chunk.push(row);
        if (chunk.length >= 4000) {
          await send(chunk);
          count += chunk.length;
          chunk = [];
        }
      }
      if (chunk.length) await send(chunk);
      await Promise.all(inFlight);
      return count + chunk.length;
    },
    async scalar(sql) {
      const [rows] = await connections[0].query({ sql, rowsAsArray: true });
      return ((rows as unknown[][])[0]?.[0] as number | string | null) ?? null;
    },
    async column(sql) {
      const [rows] = await connections[0].query({ sql, rowsAsArray: true });
      return (rows as unknown[][]).map((r) => Number(r[0]));
    },
    async exec(sql) {
      await connections[0].query(sql);
    },
    close: async () => {
      await Promise.all(connections.map((c) => c.end()));
    },
  };
}

const SAMPLE_COLUMNS = ['processRowId', 'periodStart', 'periodEnd', 'goodUnits', 'rejectedUnits', 'downtimeMinutes', 'recordedAt'];

/** Deterministic, cheap pseudo-random integers (no Math.random: seeds are reproducible). */
function noise(a: number, b: number): number {
  let x = (a * 374761393 + b * 668265263) | 0;
  x = Math.imul(x ^ (x >>> 13), 1274126177);
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

/**
 * Writes samples `fromIndex` (inclusive) to `toIndex` (exclusive) of every process, where sample k
 * of a process is the 15-minute period ending k periods before `gridEnd`. Returns rows written.
 */
export async function writeSamples(
  writer: BulkWriter,
  processIds: number[],
  gridEnd: number,
  fromIndex: number,
  toIndex: number,
): Promise<number> {
  function* rows() {
    for (let k = fromIndex; k < toIndex; k++) {
      const end = gridEnd - k * SAMPLE_MS;
      const start = end - SAMPLE_MS;
      const startText = sqlDate(start);
      const endText = sqlDate(end);
      for (const pid of processIds) {
        const r = noise(pid, k);
        const downtime = r < 0.1 ? Math.round(r * 100) : 0;
        yield [pid, startText, endText, 18 + Math.floor(r * 8), r < 0.3 ? 1 : 0, downtime, endText];
      }
    }
  }
  return writer.insert('throughput_sample', SAMPLE_COLUMNS, rows());
}

/** Writes operations, processes, three open production orders per operation, projects and milestones (no samples). Returns the process ids. */
export async function writeStructure(writer: BulkWriter, spec: ScaleSpec, gridEnd: number): Promise<number[]> {
  const now = sqlDate(gridEnd);
  const created = sqlDate(gridEnd - 400 * DAY_MS);
  await writer.insert(
    'operation',
    ['name', 'description', 'status', 'createdAt', 'updatedAt', 'version'],
    Array.from({ length: spec.operations }, (_, i) => [
      `Bench operation ${String(i + 1).padStart(4, '0')}`,
      'Seeded by bench/seed.ts',
      'ACTIVE',
      created,
      now,
      1,
    ]),
  );
  const operationIds = await writer.column('SELECT id FROM operation ORDER BY id');
  const processRows: unknown[][] = [];
  for (const op of operationIds) {
    for (let s = 1; s <= spec.processesPerOperation; s++) {
      processRows.push([op, `Step ${s}`, s, 'RUNNING', 'units', 90, 0.95, created, now, 1]);
    }
  }
  await writer.insert(
    'process',
    ['operationRowId', 'name', 'sequence', 'status', 'unit', 'targetRatePerHour', 'targetYield', 'createdAt', 'updatedAt', 'version'],
    processRows,
  );
  await writer.insert(
    'project',
    ['name', 'goal', 'status', 'startDate', 'dueDate', 'budgetCents', 'createdAt', 'updatedAt', 'version'],
    Array.from({ length: spec.projects }, (_, i) => [
      `Bench project ${String(i + 1).padStart(4, '0')}`,
      'Seeded by bench/seed.ts',
      'ACTIVE',
      sqlDate(gridEnd - 60 * DAY_MS),
      sqlDate(gridEnd + (30 + (i % 90)) * DAY_MS),
      10_000_000 + i * 1000,
      created,
      now,
      1,
    ]),
  );
  // Three open production orders per operation (in progress, released, planned), due over the coming weeks.
  const orderRows: unknown[][] = [];
  for (const [i, op] of operationIds.entries()) {
    const orders: [string, number, number][] = [
      ['IN_PROGRESS', -3, 2 + (i % 5)],
      ['RELEASED', 1, 8 + (i % 5)],
      ['PLANNED', 7, 15 + (i % 5)],
    ];
    for (const [n, [status, startDays, dueDays]] of orders.entries()) {
      const started = status === 'IN_PROGRESS';
      orderRows.push([
        op,
        `MO-${String(i + 1).padStart(4, '0')}-${n + 1}`,
        `SKU-${(i * 3 + n) % 40}`,
        5_000,
        sqlDate(gridEnd + startDays * DAY_MS),
        sqlDate(gridEnd + dueDays * DAY_MS),
        status,
        started ? 1_200 + (i % 7) * 100 : 0,
        status === 'PLANNED' ? null : sqlDate(gridEnd + (startDays - 1) * DAY_MS),
        started ? sqlDate(gridEnd + startDays * DAY_MS) : null,
        created,
        now,
        status === 'PLANNED' ? 1 : started ? 3 : 2,
      ]);
    }
  }
  await writer.insert(
    'production_order',
    [
      'operationRowId',
      'number',
      'sku',
      'quantity',
      'plannedStart',
      'dueDate',
      'status',
      'producedQuantity',
      'releasedAt',
      'startedAt',
      'createdAt',
      'updatedAt',
      'version',
    ],
    orderRows,
  );
  const projectIds = await writer.column('SELECT id FROM project ORDER BY id');
  const milestoneRows: unknown[][] = [];
  for (const [p, projectId] of projectIds.entries()) {
    for (let m = 0; m < spec.milestonesPerProject; m++) {
      // The first few are done, one is under way, the rest are planned: progress and "next" both have work to do.
      const done = m < 3 + (p % 3);
      const status = done ? 'DONE' : m === 3 + (p % 3) ? 'IN_PROGRESS' : 'PLANNED';
      const due = gridEnd + (m - 3) * 10 * DAY_MS;
      milestoneRows.push([
        projectId,
        `Milestone ${m + 1}`,
        sqlDate(due),
        1 + (m % 3),
        status,
        done ? 100 : status === 'IN_PROGRESS' ? 40 : 0,
        done ? sqlDate(due - DAY_MS) : null,
        created,
        now,
        1,
      ]);
    }
  }
  await writer.insert(
    'milestone',
    ['projectRowId', 'name', 'dueDate', 'weight', 'status', 'percentComplete', 'completedAt', 'createdAt', 'updatedAt', 'version'],
    milestoneRows,
  );
  return writer.column('SELECT id FROM process ORDER BY id');
}

/**
 * Writes each milestone's history as the app would have recorded it (milestone_revision): created
 * PLANNED at the project start, then IN_PROGRESS, then DONE for those done, every change recorded and
 * effective before `gridEnd` (the benchmarks' `asOf`), so project progress, health and the next
 * milestone at that `asOf` read real revisions instead of answering NO_MILESTONES. Replaces any
 * revisions already there. Returns rows written.
 */
export async function writeMilestoneRevisions(writer: BulkWriter, gridEnd: number): Promise<number> {
  await writer.exec('DELETE FROM milestone_revision');
  const ids = await writer.column('SELECT id FROM milestone ORDER BY id');
  const projects = await writer.column('SELECT projectRowId FROM milestone ORDER BY id');
  const weights = await writer.column('SELECT weight FROM milestone ORDER BY id');
  const done = await writer.column(
    "SELECT CASE WHEN status = 'DONE' THEN 2 WHEN status = 'IN_PROGRESS' THEN 1 ELSE 0 END FROM milestone ORDER BY id",
  );
  const projectStart = gridEnd - 60 * DAY_MS;
  const rows: unknown[][] = [];
  let previousProject = -1;
  let m = 0;
  for (const [i, id] of ids.entries()) {
    m = projects[i] === previousProject ? m + 1 : 0;
    previousProject = projects[i];
    const due = sqlDate(gridEnd + (m - 3) * 10 * DAY_MS);
    const revision = (status: string, percent: number, at: number, completed: number | null) =>
      rows.push([
        id,
        projects[i],
        status,
        percent,
        weights[i],
        due,
        completed === null ? null : sqlDate(completed),
        sqlDate(at),
        sqlDate(at),
      ]);
    revision('PLANNED', 0, projectStart, null);
    if (done[i] >= 1) revision('IN_PROGRESS', 40, projectStart + (m * 8 + 2) * DAY_MS, null);
    if (done[i] === 2) revision('DONE', 100, projectStart + (m * 8 + 7) * DAY_MS, projectStart + (m * 8 + 7) * DAY_MS);
  }
  return writer.insert(
    'milestone_revision',
    ['milestoneRowId', 'projectRowId', 'status', 'percentComplete', 'weight', 'dueDate', 'completedAt', 'recordedAt', 'effectiveAt'],
    rows,
  );
}

/** The end of the newest 15-minute period at or before now. */
export function currentGridEnd(): number {
  return Math.floor(Date.now() / SAMPLE_MS) * SAMPLE_MS;
}

function sqlitePathFor(name: string) {
  return path.join(OUT_DIR, `${name}.sqlite`);
}

function removeSqlite(file: string) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/** Creates an empty database (file or MariaDB schema), replacing any of the same name. */
export async function freshDatabase(kind: DbKind, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const file = sqlitePathFor(name);
    removeSqlite(file);
    return { url: file, drop: async () => removeSqlite(file) };
  }
  const admin = await mysqlAdmin();
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  return {
    url: mysqlUrlFor(name),
    async drop() {
      const conn = await mysqlAdmin();
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}

/** The URL the app child needs in DATABASE_URL for a database opened by this module. */
export function appDatabaseUrl(kind: DbKind, url: string): string {
  return kind === 'sqlite' ? `sqlite:${url}` : url;
}

/** Where a seeded database comes from: another tree's migrations, another name, a fixed grid end. */
export interface SeedOptions {
  /** The tree whose migrations create the schema (default: this checkout). */
  root?: string;
  /** Database (SQLite file / MariaDB schema) name; default `opsgraph_bench_<scale>`. */
  name?: string;
  /** The grid instant the samples end at; a database ending elsewhere is reseeded. Default: now's. */
  gridEnd?: number;
}

async function existingMatches(kind: DbKind, name: string, spec: ScaleSpec, options: SeedOptions): Promise<SeededDatabase | null> {
  let url: string;
  if (kind === 'sqlite') {
    url = sqlitePathFor(name);
    if (!fs.existsSync(url)) return null;
  } else {
    const admin = await mysqlAdmin();
    const [rows] = await admin.query('SHOW DATABASES LIKE ?', [name]);
    await admin.end();
    if ((rows as unknown[]).length === 0) return null;
    url = mysqlUrlFor(name);
  }
  try {
    const writer = await openBulkWriter(kind, url);
    try {
      const samples = Number(await writer.scalar('SELECT COUNT(*) FROM throughput_sample'));
      const processes = Number(await writer.scalar('SELECT COUNT(*) FROM process'));
      const projects = Number(await writer.scalar('SELECT COUNT(*) FROM project'));
      const milestones = Number(await writer.scalar('SELECT COUNT(*) FROM milestone'));
      const orders = Number(await writer.scalar('SELECT COUNT(*) FROM production_order'));
      const maxEnd = await writer.scalar('SELECT MAX(periodEnd) FROM throughput_sample');
      const revised = Number(await writer.scalar('SELECT COUNT(DISTINCT milestoneRowId) FROM milestone_revision'));
      // A database migrated by migrations that no longer exist on disk cannot be upgraded: reseed.
      const applied = await writer.column('SELECT timestamp FROM schema_migration');
      const onDisk = migrationTimestampsOnDisk(kind, options.root);
      if (applied.some((t) => !onDisk.has(t))) return null;
      if (
        samples !== expectedSamples(spec) ||
        processes !== spec.operations * spec.processesPerOperation ||
        projects !== spec.projects ||
        milestones !== spec.projects * spec.milestonesPerProject ||
        orders !== spec.operations * 3 ||
        maxEnd === null
      )
        return null;
      const asOf = new Date((maxEnd as unknown) instanceof Date ? (maxEnd as unknown as Date) : `${String(maxEnd).replace(' ', 'T')}Z`);
      if (options.gridEnd !== undefined && asOf.getTime() !== options.gridEnd) return null;
      // Seeded before milestone revisions were part of the scale: add them in place (no reseed).
      if (revised !== milestones) await writeMilestoneRevisions(writer, asOf.getTime());
      return { kind, url, asOf, samples, processes, reused: true, seedSeconds: 0 };
    } finally {
      await writer.close();
    }
  } catch {
    return null;
  }
}

/**
 * Returns the seeded database of a named scale, reusing it when its counts match and seeding it
 * (dropping any partial one) otherwise. `log` receives progress lines. The rows are a function of
 * the scale and the grid end alone, so `options` can make a second database with the same rows
 * under another tree's migrations (the `--baseline-ref` side's copy).
 */
export async function ensureScale(
  kind: DbKind,
  scale: 'small' | 'large',
  log: (line: string) => void,
  options: SeedOptions = {},
): Promise<SeededDatabase> {
  const spec = SCALES[scale];
  const name = options.name ?? `opsgraph_bench_${scale}`;
  const existing = await existingMatches(kind, name, spec, options);
  if (existing) {
    log(`reusing ${kind} ${name} (${existing.samples.toLocaleString('en-US')} samples, asOf ${existing.asOf.toISOString()})`);
    return existing;
  }
  const started = performance.now();
  const perProcess = Math.round((spec.days * DAY_MS) / SAMPLE_MS);
  log(
    `seeding ${kind} ${name}: ${spec.operations} operations × ${spec.processesPerOperation} processes × ${spec.days} days = ${expectedSamples(spec).toLocaleString('en-US')} samples, ${spec.projects} projects × ${spec.milestonesPerProject} milestones`,
  );
  const db = await freshDatabase(kind, name);
  await migrate(kind, db.url, options.root);
  const writer = await openBulkWriter(kind, db.url);
  const gridEnd = options.gridEnd ?? currentGridEnd();
  try {
    const processIds = await writeStructure(writer, spec, gridEnd);
    await writeMilestoneRevisions(writer, gridEnd);
    const step = Math.max(1, Math.ceil(perProcess / 10));
    for (let from = 0; from < perProcess; from += step) {
      await writeSamples(writer, processIds, gridEnd, from, Math.min(perProcess, from + step));
      log(
        `  ${kind} ${name}: ${(Math.min(perProcess, from + step) * processIds.length).toLocaleString('en-US')} samples (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
    await writer.exec(
      kind === 'sqlite' ? 'ANALYZE' : 'ANALYZE TABLE throughput_sample, process, operation, project, milestone, milestone_revision',
    );
  } catch (error) {
    await writer.close();
    await db.drop();
    throw error;
  } finally {
    await writer.close().catch(() => undefined);
  }
  const seedSeconds = (performance.now() - started) / 1000;
  log(`seeded ${kind} ${name} in ${seedSeconds.toFixed(1)} s`);
  return {
    kind,
    url: db.url,
    asOf: new Date(gridEnd),
    samples: expectedSamples(spec),
    processes: spec.operations * spec.processesPerOperation,
    reused: false,
    seedSeconds,
  };
}
