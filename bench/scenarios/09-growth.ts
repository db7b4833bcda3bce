/**
 * 9. Growth: p50 of Process.trend(DAY) over 90 days, and of the dashboard (#2), as the sample
 * table grows: 10 k and 100 k samples (small), plus 1 M and 2.5 M (large). One database per
 * engine is grown in place between the points (400 processes; older periods are added), so every
 * point is measured on the same structure with more history.
 *
 * With `--baseline-ref <ref>` the ref's app gets a database of its own grown the same way, and
 * every point is measured on both (order alternating); the rows add the baseline's curve and the
 * ratio current ÷ baseline at the largest point.
 */
import { alternate } from '../lib/baseline';
import { dataOf, type AppHandle, type Bench } from '../lib/bench';
import { median } from '../lib/stats';
import { dashboardDocument, introspect } from '../lib/schema-info';
import { currentGridEnd, freshDatabase, migrate, openBulkWriter, SCALES, writeSamples, writeStructure, type BulkWriter } from '../seed';
import type { Scenario } from './types';

const POINTS = { small: [10_000, 100_000], large: [10_000, 100_000, 1_000_000, 2_500_000] };
const SPEC = { ...SCALES.large, days: 0 };
const PROCESSES = SPEC.operations * SPEC.processesPerOperation;

interface GrowthSide {
  name: string;
  /** The `--baseline-ref` worktree; absent for the current tree. */
  root?: string;
  db: { url: string; drop(): Promise<void> };
  writer?: BulkWriter;
  processIds?: number[];
  app?: AppHandle;
}

interface CurvePoint {
  samples: number;
  trendP50: number | null;
  dashboardP50: number;
}

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
  perDatabase: true,
  supportsBaseline: true,
  // Measured: large ≈ 40 s on SQLite and ≈ 35 s on MariaDB, small ≈ 8 s each; with margin.
  estimateSeconds: (bench, scale) =>
    (bench.baseline ? 2 : 1) * bench.options.databases.reduce((sum, db) => sum + (scale === 'large' ? (db === 'sqlite' ? 60 : 70) : 25), 0),
  async run(bench, scale, out) {
    const points = POINTS[scale];
    const baseline = bench.baseline;
    for (const kind of bench.options.databases) {
      const gridEnd = currentGridEnd();
      // One database per side, grown alike: the baseline's made by its own migrations.
      const sides: GrowthSide[] = [{ name: 'current', db: await freshDatabase(kind, `opsgraph_bench_growth_${scale}`) }];
      if (baseline)
        sides.push({
          name: `baseline ${baseline.short}`,
          root: baseline.root,
          db: await freshDatabase(kind, `opsgraph_bench_growth_${scale}_baseline`),
        });
      try {
        for (const side of sides) {
          await migrate(kind, side.db.url, side.root);
          side.writer = await openBulkWriter(kind, side.db.url);
          side.processIds = await writeStructure(side.writer, SPEC, gridEnd);
          side.app = await bench.startApp(kind, side.db.url, {}, side.root ? { root: side.root, name: `baseline app(${kind})` } : {});
        }
        const current = sides[0].app!;
        // The baseline's schema (older) decides the documents both sides are sent.
        const schema = await introspect(sides.at(-1)!.app!);
        const dashboard = dashboardDocument(schema);
        const processId = dataOf(
          await current.gql('{ processes(first: 1) { edges { node { id } } } }', {}, bench.tokens.viewer),
          'processes',
        ).processes.edges[0].node.id;
        const trendQuery = schema.hasField('Process', 'trend')
          ? 'query T($id: ID!, $asOf: DateTimeISO) { process(id: $id) { trend(bucket: DAY, asOf: $asOf, lastMinutes: 129600) { label stats { goodUnits totalUnits sampleCount oee { oee { value } } } } } }'
          : null;
        if (!trendQuery) out.notes.push('Process.trend is not in the schema yet: only the dashboard was measured.');
        const curves = new Map<GrowthSide, CurvePoint[]>(sides.map((side) => [side, []]));
        let perProcess = 0;
        for (const [i, target] of points.entries()) {
          const next = Math.round(target / PROCESSES);
          for (const side of sides) {
            await writeSamples(side.writer!, side.processIds!, gridEnd, perProcess, next);
            await side.writer!.exec(kind === 'sqlite' ? 'ANALYZE' : 'ANALYZE TABLE throughput_sample');
          }
          perProcess = next;
          const asOf = new Date(gridEnd).toISOString();
          const measured = new Map<GrowthSide, { trend: number | null; dashboard: number }>();
          // Alternate which side goes first at each point, so drift hits both alike.
          for (const side of alternate(i, sides)) {
            const app = side.app!;
            const trend = trendQuery ? await p50Of(app, bench, trendQuery, { id: processId, asOf }, bench.options.roundSeconds) : null;
            const dash = await p50Of(app, bench, dashboard.query, { operations: 20, projects: 20, asOf }, bench.options.roundSeconds);
            measured.set(side, { trend: trend?.p50 ?? null, dashboard: dash.p50 });
          }
          for (const side of sides) {
            const m = measured.get(side)!;
            curves.get(side)!.push({ samples: perProcess * PROCESSES, trendP50: m.trend, dashboardP50: m.dashboard });
          }
          bench.log(
            `9: ${kind} ${(perProcess * PROCESSES).toLocaleString('en-US')} samples: ${sides
              .map((side) => {
                const m = measured.get(side)!;
                return `${baseline ? `${side.name} ` : ''}trend p50 ${m.trend === null ? '—' : m.trend.toFixed(1)} ms, dashboard p50 ${m.dashboard.toFixed(1)} ms`;
              })
              .join('; ')}`,
          );
        }
        const curve = curves.get(sides[0])!;
        const baseCurve = baseline ? curves.get(sides[1])! : null;
        const first = curve[0];
        const last = curve[curve.length - 1];
        const exponent = (a: number | null, b: number | null) => (a && b ? Math.log(b / a) / Math.log(last.samples / first.samples) : null);
        const label = kind === 'mariadb' ? 'MariaDB' : 'SQLite';
        const curveText = (c: CurvePoint[], key: 'trendP50' | 'dashboardP50') =>
          `${c.map((p) => `${(p.samples / 1000).toLocaleString('en-US')}k: ${p[key]!.toFixed(1)} ms`).join(' → ')} (growth exponent ${exponent(c[0][key], c[c.length - 1][key])!.toFixed(2)})`;
        for (const [name, key] of [
          ['trend(DAY) 90 d', 'trendP50'],
          ['dashboard', 'dashboardP50'],
        ] as const) {
          const k = exponent(first[key], last[key]);
          if (k === null) continue;
          const base = baseCurve?.at(-1)?.[key] ?? null;
          out.rows.push({
            variant: `${label}, ${name} p50`,
            baselineLabel: baseline ? `baseline ${baseline.short}, same run` : '',
            baseline: base,
            ours: last[key],
            unit: 'ms',
            // With a baseline: current ÷ baseline at the largest point.
            ratio: base ? last[key]! / base : null,
            target: 'p50 grows sub-linearly',
            met: k < 1,
            oursText: curveText(curve, key),
            baselineText: baseCurve ? curveText(baseCurve, key) : undefined,
            details: { curve, baselineCurve: baseCurve ?? undefined },
          });
        }
      } finally {
        for (const side of sides) {
          await side.app?.stop();
          await side.writer?.close();
          await side.db.drop();
        }
      }
    }
    if (baseline)
      out.notes.push(
        `Against ${baseline.short}: both sides' databases grow alike (same rows, same grid end), each made by its own tree's migrations; at each point the side that goes first alternates. Ratio = current ÷ baseline p50 at the largest point.`,
      );
    out.notes.push(
      'Growth exponent = log(p50 at the largest point ÷ p50 at the smallest) ÷ log(size ratio); below 1 is sub-linear. p50 of up to 30 sequential requests per point (one in flight), after one unmeasured request.',
    );
    out.notes.push(
      "Samples are added as older 15-minute periods of the same 400 processes, so a 90-day trend covers more rows at each point while the dashboard's last hour stays the same size.",
    );
    out.limits.push('Each point is measured right after its bulk insert and ANALYZE; caches are warm for the newest data only.');
  },
};
