import type { DataSource, QueryRunner } from 'typeorm';
import { fromPaced, mapPaced, Pacer, yieldIfDue } from '../../common/abort';
import type { Loaders } from '../../common/loaders';
import { inIds, selectArrays, selectRows } from '../../common/row-mapper';
import { dateParameter, EPOCH, placeholderIds, PreparedSql } from '../../common/prepared-sql';
import type { ServiceDeps } from '../module';
import { badInput } from '../../common/errors';
import { Money } from '../../common/types';
import { type CalendarRules, computeOperationKpis, computeThroughputStats, plannedMinutes, prorate, shiftBuckets } from '../../kpi';
import type { CalendarService } from '../calendar/calendar.service';
import { CostEntry } from '../cost/cost.entity';
import type { Operation } from '../operation/operation.entity';
import { Process, ThroughputSample } from '../process/process.entity';
import { MAX_SAMPLE_PERIOD_MS } from '../process/sample.rules';
import { MAX_WINDOW_MINUTES, TrendBucket, type TrendArgs, type WindowArgs } from './throughput.inputs';
import { KpiValue, MoneyKpi, OperationKpis, ProcessKpis, ThroughputStats, TimeWindow, TrendPoint } from './throughput.types';

/** Default window of time-dependent KPIs: the last hour. */
export const DEFAULT_WINDOW_MINUTES = 60;
/** A trend returns at most this many points. */
export const MAX_TREND_POINTS = 2000;
/** A SHIFT trend groups with one CASE branch per shift, so it is capped lower. */
export const MAX_SHIFT_POINTS = 400;

/** Resolves from/to/lastMinutes/asOf into a window; BAD_USER_INPUT names the argument at fault. */
export function resolveWindow(args: WindowArgs, now: Date): TimeWindow {
  const asOf = args.asOf ?? now;
  const window = new TimeWindow();
  window.asOf = asOf;
  if (args.from || args.to) {
    if (!args.from || !args.to) throw badInput(args.from ? 'to' : 'from', 'from and to must be given together');
    if (args.to <= args.from) throw badInput('to', 'must be after from');
    if ((args.to.getTime() - args.from.getTime()) / 60000 > MAX_WINDOW_MINUTES) throw badInput('to', 'a window may span at most 400 days');
    if (args.lastMinutes != null) throw badInput('lastMinutes', 'give either lastMinutes or from/to, not both');
    window.from = args.from;
    window.to = args.to;
  } else {
    window.to = asOf;
    window.from = new Date(asOf.getTime() - (args.lastMinutes ?? DEFAULT_WINDOW_MINUTES) * 60000);
  }
  return window;
}

/** Sums of a process's samples over one window (or trend bucket), before the formulas run. */
interface WindowTotals {
  good: number;
  rejected: number;
  downtime: number;
  count: number;
}

const sum = (value: unknown) => Number(value ?? 0);

/**
 * Grouped sums of the samples entirely inside a window, per process. Parameters, in order: the
 * process row ids, from, to, to, asOf.
 */
const INSIDE_TOTALS = new PreparedSql(
  (dataSource, n) =>
    dataSource
      .getRepository(ThroughputSample)
      .createQueryBuilder('s')
      .select('s.processRowId', 'processRowId')
      .addSelect('SUM(s.goodUnits)', 'good')
      .addSelect('SUM(s.rejectedUnits)', 'rejected')
      .addSelect('SUM(s.downtimeMinutes)', 'downtime')
      .addSelect('COUNT(*)', 'count')
      .where('s.processRowId IN (:...ids)', { ids: placeholderIds(n) })
      // periodStart < to bounds the index range when the window lies in the past.
      .andWhere('s.periodStart >= :from AND s.periodStart < :to AND s.periodEnd <= :to', { from: EPOCH, to: EPOCH })
      .andWhere('s.recordedAt <= :asOf', { asOf: EPOCH })
      .groupBy('s.processRowId')
      .getQueryAndParameters()[0],
);

/**
 * For each process and edge of the window, the id of the last sample to start before the edge,
 * when that sample also ends after it (it straddles the edge); null otherwise. Parameters, in
 * order: from, from, fromEarliest, asOf, to, to, toEarliest, asOf, the process row ids.
 */
const EDGE_CANDIDATES = new PreparedSql((dataSource, n) => {
  const outer = dataSource.createQueryBuilder();
  const lastStartBefore = (edge: 'from' | 'to') =>
    outer
      .subQuery()
      // The test is on the row the seek found, not in WHERE: there it would turn one seek into a
      // scan of the lookback whenever nothing straddles, the usual case.
      .select(`CASE WHEN x.periodEnd > :${edge}End THEN x.rowId ELSE NULL END`)
      .from(ThroughputSample, 'x')
      .where('x.processRowId = p.rowId')
      // A sample lasts at most 24 h: the lower bound keeps MariaDB's scan to that range.
      .andWhere(`x.periodStart < :${edge} AND x.periodStart > :${edge}Earliest`)
      .andWhere('x.recordedAt <= :asOf')
      .orderBy('x.periodStart', 'DESC')
      .limit(1)
      .getQuery();
  return outer
    .select(lastStartBefore('from'), 'atFrom')
    .addSelect(lastStartBefore('to'), 'atTo')
    .from(Process, 'p')
    .where('p.rowId IN (:...ids)', { ids: placeholderIds(n) })
    .setParameters({ from: EPOCH, to: EPOCH, fromEnd: EPOCH, toEnd: EPOCH, fromEarliest: EPOCH, toEarliest: EPOCH, asOf: EPOCH })
    .getQueryAndParameters()[0];
});

/**
 * The samples that straddle an edge of the window. Samples of one process never overlap (recording
 * refuses overlaps), so at most one contains a given instant, and it is the last one to start
 * before that instant: one index seek per process and edge, instead of scanning the 24 h before
 * the window that a sample might last. The seeks name only samples that straddle; their rows are
 * read by a second statement, which is skipped when there are none (windows on sample boundaries).
 */
async function edgeSamples(runner: QueryRunner, processIds: number[], window: TimeWindow): Promise<ThroughputSample[]> {
  const dataSource = runner.connection;
  const date = dateParameter(dataSource);
  const asOf = date(window.asOf);
  const from = date(window.from);
  const to = date(window.to);
  const candidates = await selectArrays(runner, EDGE_CANDIDATES.sql(dataSource, processIds.length), [
    from,
    from,
    date(new Date(window.from.getTime() - MAX_SAMPLE_PERIOD_MS)),
    asOf,
    to,
    to,
    date(new Date(window.to.getTime() - MAX_SAMPLE_PERIOD_MS)),
    asOf,
    ...processIds,
  ]);
  const ids = new Set<number>();
  for (const [atFrom, atTo] of candidates) {
    if (atFrom != null) ids.add(Number(atFrom));
    if (atTo != null) ids.add(Number(atTo));
  }
  if (ids.size === 0) return [];
  const metadata = dataSource.getMetadata(ThroughputSample);
  const column = (property: string) => `pg_o.${dataSource.driver.escape(metadata.findColumnWithPropertyPath(property)!.databaseName)}`;
  const [start, end] = [column('periodStart'), column('periodEnd')];
  const within = inIds(runner, [...ids]);
  return selectRows<ThroughputSample>(
    runner,
    metadata,
    `WHERE ${column('rowId')} IN ${within.sql} AND ((${start} < ? AND ${end} > ?) OR (${start} < ? AND ${end} > ?))`,
    [...within.params, from, from, to, to],
  );
}

/**
 * Sums samples of many processes over one window in three statements on `runner`: a grouped SUM
 * of the samples entirely inside the window, and the few samples straddling its edges (see
 * edgeSamples), pro-rated here. Plain SQL built once per shape, no query builder or TypeORM
 * hydration per call.
 */
async function totalsForWindow(runner: QueryRunner, processIds: number[], window: TimeWindow): Promise<Map<number, WindowTotals>> {
  const totals = new Map<number, WindowTotals>();
  for (const id of processIds) totals.set(id, { good: 0, rejected: 0, downtime: 0, count: 0 });
  const dataSource = runner.connection;
  const date = dateParameter(dataSource);
  const to = date(window.to);
  const inside = await selectArrays(runner, INSIDE_TOTALS.sql(dataSource, processIds.length), [
    ...processIds,
    date(window.from),
    to,
    to,
    date(window.asOf),
  ]);
  for (const [processRowId, good, rejected, downtime, count] of inside) {
    const t = totals.get(Number(processRowId))!;
    t.good += sum(good);
    t.rejected += sum(rejected);
    t.downtime += sum(downtime);
    t.count += sum(count);
  }
  const edges = await edgeSamples(runner, processIds, window);
  for (const sample of edges) {
    const part = prorate(sample, window.from, window.to);
    const t = totals.get(sample.processRowId)!;
    t.good += part.goodUnits;
    t.rejected += part.rejectedUnits;
    t.downtime += part.downtimeMinutes;
    t.count += 1;
  }
  return totals;
}

/** A window as a loader key: epoch milliseconds, no ISO formatting per call. */
function windowKey(w: TimeWindow) {
  return `${w.from.getTime()}|${w.to.getTime()}|${w.asOf.getTime()}`;
}

function statsFrom(process: Process, totals: WindowTotals, planned: number, window: TimeWindow): ThroughputStats {
  const data = computeThroughputStats({
    plannedMinutes: planned,
    downtimeMinutes: totals.downtime,
    goodUnits: totals.good,
    rejectedUnits: totals.rejected,
    targetRatePerHour: process.targetRatePerHour,
  });
  return ThroughputStats.of(data, window, totals.count);
}

/** Windows longer than this work out their planned minutes a piece at a time. */
const PLANNED_PIECE_MS = 7 * 86_400_000;

/**
 * Planned minutes of a window, a week at a time for long windows (a 400-day window with a
 * three-shift calendar takes ~70 ms in one piece): planned time is additive over adjacent pieces,
 * and between pieces the work yields to the event loop and stops when `signal` aborts.
 */
async function plannedMinutesPaced(calendar: CalendarRules | null, window: TimeWindow, signal: AbortSignal): Promise<number> {
  const from = window.from.getTime();
  const to = window.to.getTime();
  if (calendar === null || to - from <= PLANNED_PIECE_MS) return plannedMinutes(calendar, window.from, window.to);
  const pace = new Pacer(signal);
  let total = 0;
  for (let start = from; start < to; start += PLANNED_PIECE_MS) {
    if (pace.due()) await pace.yield();
    total += plannedMinutes(calendar, new Date(start), new Date(Math.min(start + PLANNED_PIECE_MS, to)));
  }
  return total;
}

/** SQL that truncates a datetime column to an ISO bucket start, per dialect. */
function bucketExpression(dataSource: DataSource, column: string, bucket: 'HOUR' | 'DAY'): string {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  if (bucket === 'HOUR') return sqlite ? `strftime('%Y-%m-%dT%H:00:00Z', ${column})` : `DATE_FORMAT(${column}, '%Y-%m-%dT%H:00:00Z')`;
  return sqlite ? `strftime('%Y-%m-%dT00:00:00Z', ${column})` : `DATE_FORMAT(${column}, '%Y-%m-%dT00:00:00Z')`;
}

/**
 * Fields of ThroughputStats that do not depend on planned time (the calendar): a selection of only
 * these is answered without loading calendars (`stats(..., 'totals')`).
 */
export const TOTALS_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'window',
  'goodUnits',
  'rejectedUnits',
  'totalUnits',
  'downtimeMinutes',
  'sampleCount',
  'targetRatePerHour',
  'yield',
  'defectRate',
]);

/** Throughput KPIs of processes: windows, batched stats, trends. */
export class ThroughputMetricsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarService,
  ) {}

  /** The batch behind `stats`: one function for the service's life, so a call allocates no closure. */
  private readonly totalsBatch = async (
    { window, loaders }: { window: TimeWindow; loaders: Loaders },
    processes: readonly Process[],
  ): Promise<WindowTotals[]> => {
    const ids = new Set<number>();
    for (const p of processes) ids.add(p.rowId);
    const totals = await loaders.statements((runner) => totalsForWindow(runner, [...ids], window));
    return processes.map((p) => totals.get(p.rowId)!);
  };

  /** Resolves window arguments against the request's "now". */
  window(args: WindowArgs, now: Date): TimeWindow {
    return resolveWindow(args, now);
  }

  /** What the formulas read of the calendar in force for a process (null = 24/7), batched per request. */
  private rules(loaders: Loaders, process: Process): Promise<CalendarRules | null> {
    return this.calendars.rulesInForce(loaders, process);
  }

  /**
   * Throughput stats of a process over a window, batched per request: all processes asking for the
   * same window share two SQL statements, so a page of 50 processes costs the same as a page of 5.
   */
  async stats(loaders: Loaders, process: Process, window: TimeWindow, needs: 'all' | 'totals' = 'all'): Promise<ThroughputStats> {
    const loader = loaders.customOf(`throughput:${windowKey(window)}`, { window, loaders }, this.totalsBatch);
    if (needs === 'totals') {
      // Only fields that do not depend on planned time are read (see TOTALS_ONLY_FIELDS): no
      // calendar, no planned minutes. The planned-time fields of this object are not to be read.
      const totals = await loader.load(process);
      await yieldIfDue(loaders.signal);
      return statsFrom(process, totals, 0, window);
    }
    const [totals, calendar] = await Promise.all([loader.load(process), this.rules(loaders, process)]);
    // A page (or a site) of processes resumes here together: each waits for its turn once the slice is spent.
    await yieldIfDue(loaders.signal);
    return statsFrom(process, totals, await plannedMinutesPaced(calendar, window, loaders.signal), window);
  }

  /**
   * A bucketed series of throughput stats, aggregated in SQL (GROUP BY bucket); samples never load
   * into memory. Each sample counts in the bucket holding its period start. HOUR and DAY are UTC;
   * SHIFT follows the calendar's shift occurrences (UTC days without a calendar).
   */
  async trend(loaders: Loaders, process: Process, args: TrendArgs, now: Date): Promise<TrendPoint[]> {
    const explicit = Boolean(args.from || args.to);
    const window = this.window({ ...args, lastMinutes: explicit ? args.lastMinutes : (args.lastMinutes ?? 24 * 60) }, now);
    loaders.checkpoint();
    const calendar = await this.rules(loaders, process);
    const dataSource = this.deps.dataSource;
    const qb = dataSource
      .getRepository(ThroughputSample)
      .createQueryBuilder('s')
      .where('s.processRowId = :id', { id: process.rowId })
      .andWhere('s.periodStart >= :from AND s.periodStart < :to', { from: window.from, to: window.to })
      .andWhere('s.recordedAt <= :asOf', { asOf: window.asOf });

    let buckets: { label: string; start: Date; end: Date }[];
    let indexOf: (row: { bucket: string }) => number;
    if (args.bucket === TrendBucket.SHIFT) {
      buckets = shiftBuckets(calendar, window.from, window.to);
      if (buckets.length > MAX_SHIFT_POINTS) throw badInput('bucket', `the window holds more than ${MAX_SHIFT_POINTS} shifts; narrow it`);
      if (buckets.length === 0) return [];
      // One CASE branch per shift occurrence: the grouping happens in SQL.
      const branches = buckets.map((_, i) => `WHEN s.periodStart >= :bs${i} AND s.periodStart < :be${i} THEN ${i}`).join(' ');
      const params = Object.fromEntries(
        buckets.flatMap((b, i) => [
          [`bs${i}`, b.start],
          [`be${i}`, b.end],
        ]),
      );
      const expr = `CASE ${branches} ELSE -1 END`;
      qb.select(expr, 'bucket')
        .setParameters({ ...qb.getParameters(), ...params })
        .groupBy(expr);
      indexOf = (row) => Number(row.bucket);
    } else {
      const stepMs = args.bucket === TrendBucket.DAY ? 86_400_000 : 3_600_000;
      const first = Math.floor(window.from.getTime() / stepMs) * stepMs;
      const count = Math.ceil((window.to.getTime() - first) / stepMs);
      if (count > MAX_TREND_POINTS)
        throw badInput('bucket', `the window holds more than ${MAX_TREND_POINTS} buckets; narrow it or use a larger bucket`);
      // Up to 2,000 buckets: built in slices (see common/abort), like the points below.
      buckets = await fromPaced(
        count,
        (i) => {
          const t = first + i * stepMs;
          return {
            label: new Date(t).toISOString(),
            start: new Date(Math.max(t, window.from.getTime())),
            end: new Date(Math.min(t + stepMs, window.to.getTime())),
          };
        },
        loaders.signal,
      );
      const expr = bucketExpression(dataSource, 's.periodStart', args.bucket === TrendBucket.DAY ? 'DAY' : 'HOUR');
      qb.select(expr, 'bucket').groupBy(expr);
      indexOf = (row) => Math.floor((new Date(row.bucket).getTime() - first) / stepMs);
    }
    qb.addSelect('SUM(s.goodUnits)', 'good')
      .addSelect('SUM(s.rejectedUnits)', 'rejected')
      .addSelect('SUM(s.downtimeMinutes)', 'downtime')
      .addSelect('COUNT(*)', 'count');
    const rows = await loaders.statements((runner) =>
      qb.setQueryRunner(runner).getRawMany<{ bucket: string; good: string; rejected: string; downtime: string; count: string }>(),
    );
    const totals: WindowTotals[] = buckets.map(() => ({ good: 0, rejected: 0, downtime: 0, count: 0 }));
    for (const row of rows) {
      const t = totals[indexOf(row)];
      if (!t) continue;
      t.good += sum(row.good);
      t.rejected += sum(row.rejected);
      t.downtime += sum(row.downtime);
      t.count += sum(row.count);
    }
    // Up to 2,000 points, each with its planned minutes from the calendar: yields to the event loop
    // every few milliseconds and stops when the operation is aborted (deadline, client gone).
    return mapPaced(
      buckets,
      (bucket, i) => {
        const point = new TrendPoint();
        point.label = bucket.label;
        point.stats = statsFrom(
          process,
          totals[i],
          plannedMinutes(calendar, bucket.start, bucket.end),
          Object.assign(new TimeWindow(), { from: bucket.start, to: bucket.end, asOf: window.asOf }),
        );
        return point;
      },
      loaders.signal,
    );
  }

  /**
   * Row ids of processes whose attainment over the window is below 1 (they make less than planned).
   * Two aggregate statements plus the calendars, whatever the number of processes: list filters use it.
   */
  async belowTargetProcessIds(loaders: Loaders, window: TimeWindow): Promise<Set<number>> {
    const processes = await loaders.statements((runner) => runner.manager.getRepository(Process).find());
    if (processes.length === 0) return new Set();
    const stats = await Promise.all(processes.map((p) => this.stats(loaders, p, window)));
    return new Set(processes.filter((_, i) => stats[i].belowTarget).map((p) => p.rowId));
  }

  /** Operating costs booked against an operation inside the window (and recorded by asOf), in cents; batched per window. */
  operatingCostCents(loaders: Loaders, operationRowId: number, window: TimeWindow): Promise<number> {
    return loaders
      .custom<number, number>(`opcost:${windowKey(window)}`, async (ids) => {
        const rows = await this.deps.dataSource
          .getRepository(CostEntry)
          .createQueryBuilder('c')
          .select('c.operationRowId', 'operationRowId')
          .addSelect('SUM(c.amountCents)', 'cents')
          .where('c.operationRowId IN (:...ids)', { ids: [...ids] })
          .andWhere('c.incurredAt >= :from AND c.incurredAt < :to', { from: window.from, to: window.to })
          .andWhere('c.recordedAt <= :asOf', { asOf: window.asOf })
          .groupBy('c.operationRowId')
          .getRawMany<{ operationRowId: number; cents: string }>();
        const byOperation = new Map(rows.map((r) => [Number(r.operationRowId), r.cents]));
        return ids.map((id) => sum(byOperation.get(id)));
      })
      .load(operationRowId);
  }

  /**
   * An operation's KPI summary over a window: each process's stats (batched with every other
   * process asking for the same window), the operating cost booked in it, and the operation-level
   * formulas of kpi/operation.ts over them. Never throws for missing data: undefined KPIs are null with a reason.
   */
  async operationKpis(loaders: Loaders, operation: Operation, window: TimeWindow): Promise<OperationKpis> {
    const processes = await loaders.childrenOf(Process, 'operationRowId', { sequence: 'ASC' }).load(operation.rowId);
    const [stats, costCents] = await Promise.all([
      Promise.all(processes.map((p) => this.stats(loaders, p, window))),
      this.operatingCostCents(loaders, operation.rowId, window),
    ]);
    const computed = computeOperationKpis(
      processes.map((p, i) => ({ id: String(p.rowId), name: p.name, sequence: p.sequence, stats: stats[i].data })),
      costCents,
    );
    const byId = (id: string | null) => processes.find((p) => String(p.rowId) === id) ?? null;
    return Object.assign(new OperationKpis(), {
      operation,
      window,
      finalProcess: byId(computed.finalProcessId),
      finalOutput: computed.finalOutput,
      bottleneck: byId(computed.bottleneckProcessId),
      rolledThroughputYield: KpiValue.of('rolledThroughputYield', computed.rolledThroughputYield),
      scheduleAttainment: KpiValue.of('scheduleAttainment', computed.scheduleAttainment),
      operatingCost: Money.of(costCents, this.deps.config.currency),
      costPerGoodUnit: MoneyKpi.of('costPerGoodUnit', computed.costPerGoodUnit, this.deps.config.currency),
      processes: processes.map((process, i) => Object.assign(new ProcessKpis(), { process, stats: stats[i] })),
    });
  }
}
