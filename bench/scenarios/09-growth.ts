/**
 * 9. Growth: p50 of Process.trend(DAY) over 90 days, and of the dashboard (#2), as the sample
 * table grows: 10 k and 100 k samples (small), plus 1 M and 2.5 M (large). One database per
 * engine is grown in place between the points (400 processes; older periods are added), so every
 * point is measured on the same structure with more history.
 */
import { dataOf, type AppHandle, type Bench } from '../lib/bench';
import { median } from '../lib/stats';
import { dashboardDocument, introspect } from '../lib/schema-info';
import { currentGridEnd, freshDatabase, migrate, openBulkWriter, SCALES, writeSamples, writeStructure } from '../seed';
import type { Scenario } from './types';

const POINTS = { small: [10_000, 100_000], large: [10_000, 100_000, 1_000_000, 2_500_000] };
const SPEC = { ...SCALES.large, days: 0 };
const PROCESSES = SPEC.operations * SPEC.processesPerOperation;

/** p50 of sequential requests: at least 5, at most 30, stopping after `seconds`. */
async function p50Of(app: AppHandle, bench: Bench, query: string, variables: Record<string, unknown>, seconds: number) {
  await app.gql(query, variables, bench.tokens.viewer);
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (times.length < 5 || (times.length < 30 && performance.now() < end)) {
    const started = performance.now();
    dataOf(await app.gql(query, variables, bench.tokens.viewer), 'growth query');
    times.push(performance.now() - started);
  }
  return { p50: median(times), n: times.length };
}

export const growth: Scenario = {
  id: 9,
  title: 'growth: trend(DAY) over 90 days and dashboard vs sample count',
  scaled: true,
  // Measured: large ≈ 40 s on SQLite and ≈ 35 s on MariaDB, small ≈ 8 s each; with margin.
  estimateSeconds: (bench, scale) =>
    bench.options.databases.reduce((sum, db) => sum + (scale === 'large' ? (db === 'sqlite' ? 60 : 70) : 25), 0),
  async run(bench, scale, out) {
    const points = POINTS[scale];
    for (const kind of bench.options.databases) {
      const db = await freshDatabase(kind, `opsgraph_bench_growth_${scale}`);
      await migrate(kind, db.url);
      const writer = await openBulkWriter(kind, db.url);
      const gridEnd = currentGridEnd();
      const processIds = await writeStructure(writer, SPEC, gridEnd);
      let app: AppHandle | null = null;
      try {
        app = await bench.startApp(kind, db.url);
        const schema = await introspect(app);
        const dashboard = dashboardDocument(schema);
        const processId = dataOf(await app.gql('{ processes(first: 1) { edges { node { id } } } }', {}, bench.tokens.viewer), 'processes')
          .processes.edges[0].node.id;
        const trendQuery = schema.hasField('Process', 'trend')
          ? 'query T($id: ID!, $asOf: DateTimeISO) { process(id: $id) { trend(bucket: DAY, asOf: $asOf, lastMinutes: 129600) { label stats { goodUnits totalUnits sampleCount oee { oee { value } } } } } }'
          : null;
        if (!trendQuery) out.notes.push('Process.trend is not in the schema yet: only the dashboard was measured.');
        const curve: { samples: number; trendP50: number | null; dashboardP50: number }[] = [];
        let perProcess = 0;
        for (const target of points) {
          const next = Math.round(target / PROCESSES);
          await writeSamples(writer, processIds, gridEnd, perProcess, next);
          perProcess = next;
          await writer.exec(kind === 'sqlite' ? 'ANALYZE' : 'ANALYZE TABLE throughput_sample');
          const asOf = new Date(gridEnd).toISOString();
          const trend = trendQuery ? await p50Of(app, bench, trendQuery, { id: processId, asOf }, bench.options.roundSeconds) : null;
          const dash = await p50Of(app, bench, dashboard.query, { operations: 20, projects: 20, asOf }, bench.options.roundSeconds);
          curve.push({ samples: perProcess * PROCESSES, trendP50: trend?.p50 ?? null, dashboardP50: dash.p50 });
          bench.log(
            `9: ${kind} ${(perProcess * PROCESSES).toLocaleString('en-US')} samples: trend p50 ${trend ? trend.p50.toFixed(1) : '—'} ms, dashboard p50 ${dash.p50.toFixed(1)} ms`,
          );
        }
        const first = curve[0];
        const last = curve[curve.length - 1];
        const exponent = (a: number | null, b: number | null) => (a && b ? Math.log(b / a) / Math.log(last.samples / first.samples) : null);
        const label = kind === 'mariadb' ? 'MariaDB' : 'SQLite';
        for (const [name, key] of [
          ['trend(DAY) 90 d', 'trendP50'],
          ['dashboard', 'dashboardP50'],
        ] as const) {
          const k = exponent(first[key], last[key]);
          if (k === null) continue;
          out.rows.push({
            variant: `${label}, ${name} p50`,
            baselineLabel: '',
            baseline: null,
            ours: last[key],
            unit: 'ms',
            ratio: null,
            target: 'p50 grows sub-linearly',
            met: k < 1,
            oursText: `${curve.map((c) => `${(c.samples / 1000).toLocaleString('en-US')}k: ${c[key]!.toFixed(1)} ms`).join(' → ')} (growth exponent ${k.toFixed(2)})`,
            details: { curve },
          });
        }
      } finally {
        await app?.stop();
        await writer.close();
        await db.drop();
      }
    }
    out.notes.push(
      'Growth exponent = log(p50 at the largest point ÷ p50 at the smallest) ÷ log(size ratio); below 1 is sub-linear. p50 of up to 30 sequential requests per point (one in flight), after one unmeasured request.',
    );
    out.notes.push(
      "Samples are added as older 15-minute periods of the same 400 processes, so a 90-day trend covers more rows at each point while the dashboard's last hour stays the same size.",
    );
    out.limits.push('Each point is measured right after its bulk insert and ANALYZE; caches are warm for the newest data only.');
  },
};
