/**
 * 2. The dashboard query (20 operations with their processes' last-hour throughput and OEE, 20
 * projects with progress, health and next milestone) at 20 concurrent connections, on SQLite and
 * MariaDB. Compared with the same query's numbers before the caching/batching work, recorded once
 * per scale and engine in bench/baseline-dashboard.json and kept (delete an entry to re-record).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CpuMeter, databaseServerPid, round } from '../lib/cpu';
import { runLoad, type LoadSummary } from '../lib/load';
import { median } from '../lib/stats';
import { dataOf, type AppHandle, type Bench } from '../lib/bench';
import { dashboardDocument, introspect } from '../lib/schema-info';
import { ensureScale, type DbKind, type SeededDatabase } from '../seed';
import { WARMUP_SECONDS, type Scenario } from './types';

const CONNECTIONS = 20;
const BASELINE_FILE = path.join(__dirname, '..', 'baseline-dashboard.json');

interface BaselineEntry {
  recordedAt: string;
  p50: number;
  p99: number;
  rps: number;
  sqlPerRequest: number;
  omissions: string[];
}

function readBaselines(): Record<string, BaselineEntry> {
  try {
    return JSON.parse(fs.readFileSync(BASELINE_FILE, 'utf8')) as Record<string, BaselineEntry>;
  } catch {
    return {};
  }
}

/** SQL statements the app ran for one request (median of three, measured alone). */
export async function sqlPerRequest(app: AppHandle, run: () => Promise<unknown>): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const before = (await app.stats()).sql;
    await run();
    counts.push((await app.stats()).sql - before);
  }
  return median(counts);
}

export async function startDashboardApp(bench: Bench, kind: DbKind, seeded: SeededDatabase, env: Record<string, string> = {}) {
  const app = await bench.startApp(kind, seeded.url, env);
  const schema = await introspect(app);
  const doc = dashboardDocument(schema);
  return { app, doc };
}

export const dashboard: Scenario = {
  id: 2,
  title: 'dashboard query, 20 concurrent',
  scaled: true,
  estimateSeconds: (bench, scale) =>
    bench.options.databases.length * ((scale === 'large' ? 60 : 25) + WARMUP_SECONDS + bench.options.rounds * bench.options.roundSeconds),
  async run(bench, scale, out) {
    const baselines = readBaselines();
    for (const kind of bench.options.databases) {
      const seeded = await ensureScale(kind, scale, (line) => bench.log(`2: ${line}`));
      const { app, doc } = await startDashboardApp(bench, kind, seeded);
      try {
        for (const omission of doc.omissions) if (!out.notes.includes(omission)) out.notes.push(omission);
        const variables = { operations: 20, projects: 20, asOf: seeded.asOf.toISOString() };
        const first = dataOf(await app.gql(doc.query, variables, bench.tokens.viewer), 'dashboard');
        const processCount = first.operations.edges.reduce((n: number, e: any) => n + e.node.processes.edges.length, 0);
        const sql = await sqlPerRequest(app, () => app.gql(doc.query, variables, bench.tokens.viewer));
        const body = JSON.stringify({ query: doc.query, variables });
        const target = {
          url: `${app.url}/graphql`,
          headers: { authorization: `Bearer ${bench.tokens.viewer}` },
          body,
          connections: CONNECTIONS,
        };
        const check = (text: string) => text.startsWith('{"data"') && !text.includes('"errors"');
        bench.log(`2: ${kind} ${scale}: ${processCount} processes in the response, ${sql} SQL statements per request; warming up`);
        await runLoad({ ...target, seconds: WARMUP_SECONDS });
        const rounds: LoadSummary[] = [];
        const cpus = [];
        for (let r = 1; r <= bench.options.rounds; r++) {
          const meter = new CpuMeter({ app: app.child.pid, db: kind === 'mariadb' ? databaseServerPid() : null }).start();
          rounds.push(await runLoad({ ...target, seconds: bench.options.roundSeconds, check }));
          cpus.push(meter.stop());
          const last = rounds.at(-1)!;
          bench.log(
            `2: ${kind} ${scale} round ${r}: ${last.rps.toFixed(1)} req/s, p50 ${last.p50} ms, p99 ${last.p99} ms${last.rejected ? `, ${last.rejected} rejected` : ''}`,
          );
        }
        const rejectedTotal = rounds.reduce((n, r) => n + r.rejected + r.errors, 0);
        const firstRejected = rounds.find((r) => r.firstRejected)?.firstRejected;
        if (rejectedTotal)
          out.notes.push(
            `${scale}/${kind}: ${rejectedTotal} responses were rejected or failed under load (not counted in req/s; latency percentiles include them), e.g. ${firstRejected ?? 'a timeout'}`,
          );
        const result = {
          p50: median(rounds.map((r) => r.p50)),
          p99: median(rounds.map((r) => r.p99)),
          rps: median(rounds.map((r) => r.rps)),
        };
        const key = `${scale}/${kind}`;
        let baseline = baselines[key];
        if (!baseline && rejectedTotal === 0 && result.rps > 0) {
          baseline = { recordedAt: new Date().toISOString(), ...result, sqlPerRequest: sql, omissions: doc.omissions };
          baselines[key] = baseline;
          fs.writeFileSync(BASELINE_FILE, `${JSON.stringify(baselines, null, 2)}\n`);
          out.notes.push(
            `${key}: no recorded "before" numbers existed, so this run's were recorded into bench/baseline-dashboard.json (ratio 1.0 by construction).`,
          );
        }
        if (!baseline)
          out.notes.push(`${key}: no "before" numbers are recorded and this run had rejected responses, so none were recorded now either.`);
        const gated = scale === 'large' && kind === 'mariadb';
        const label = kind === 'mariadb' ? 'MariaDB' : 'SQLite';
        out.rows.push({
          variant: `${label}, ${seeded.samples.toLocaleString('en-US')} samples, p99`,
          baselineLabel: baseline ? `before (${baseline.recordedAt.slice(0, 10)})` : 'before (not recorded)',
          baseline: baseline?.p99 ?? null,
          ours: result.p99,
          unit: 'ms',
          ratio: baseline ? result.p99 / baseline.p99 : null,
          target: gated ? 'p99 ≤ 50 ms' : 'p99 ≤ 50 ms (gated on large MariaDB only)',
          met: gated ? result.p99 <= 50 && rejectedTotal === 0 && result.rps > 0 : null,
          cpu: { ours: cpus[Math.floor(cpus.length / 2)] },
          oursText: rejectedTotal
            ? `${round(result.p99, 1)} ms (${rejectedTotal} of ${rounds.reduce((n, r) => n + r.total, 0)} responses rejected)`
            : undefined,
          details: { rounds, sqlPerRequest: sql, processesInResponse: processCount, baseline, reusedDatabase: seeded.reused },
        });
        out.rows.push({
          variant: `${label}, throughput and p50`,
          baselineLabel: 'before',
          baseline: baseline?.rps ?? null,
          ours: result.rps,
          unit: 'req/s',
          ratio: baseline ? result.rps / baseline.rps : null,
          target: '—',
          met: null,
          oursText: `${result.rps.toFixed(1)} req/s, p50 ${round(result.p50, 1)} ms, ${sql} SQL/req`,
          baselineText: baseline
            ? `before: ${baseline.rps.toFixed(1)} req/s, p50 ${round(baseline.p50, 1)} ms, ${baseline.sqlPerRequest} SQL/req`
            : '—',
        });
      } finally {
        await app.stop();
      }
    }
    out.notes.push(
      'Query variables: 20 operations (each with up to 20 processes), 20 projects, `asOf` = end of the newest seeded sample, so "the last hour" always holds data however old the seeded database is.',
    );
    out.limits.push(
      'autocannon, the app and (on MariaDB) the database server share 2 cores; at 20 concurrent the app is CPU-bound, so p99 mostly measures queueing behind 19 other requests: p99 ≈ 20 × the CPU one response costs.',
    );
    out.limits.push(
      'What one response costs (CPU profile, SQLite small): one response resolves ≈ 4,200 GraphQL fields (160 processes × throughput and four OEE KPIs with their values, 20 projects × progress, health and next milestone) and serialises ≈ 77 KB; graphql-js execution, TypeORM hydration and garbage collection dominate, the 14 SQL statements take ≈ 3 ms on SQLite. A response allocates ≈ 10 MB, 40 % of it graphql-js’s own per-field argument and info objects (allocation sampling, MariaDB large), so GC is ≈ 25 % of the app’s CPU on MariaDB. A 50 ms p99 at 20 concurrent would need ≈ 2.5 ms of CPU per response, below what graphql-js needs to walk 4,200 fields; only a response cache (rejected: the numbers must be current and as-of exact) would get there.',
    );
    out.limits.push(
      'Tried and kept: window-edge samples by index seek instead of a 24 h range scan (SQL 22 → 7 ms per response), validation only of constrained argument classes, no cache-control field wrappers, no AsyncLocalStorage promise hooks, window queries bounded on both sides.',
    );
    out.limits.push(
      'Latency is autocannon\'s (1 ms resolution); a request is counted only when its body starts with {"data" and has no "errors".',
    );
    out.limits.push(
      "Autocannon reports a longer tail than the server sees: against the same app on the large SQLite database, the server's own per-request p99 was 1.1 s and a plain fetch client (20 keep-alive loops) measured p99 1.5 s, while autocannon reported 3.3 s. The issue asks for autocannon, so its numbers are the ones in the table.",
    );
  },
};
