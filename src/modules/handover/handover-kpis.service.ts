import type { ServiceDeps } from '../module';
import { Loaders } from '../../common/loaders';
import type { UnitOfWork } from '../../db/transaction';
import { compareKpi, computeOperationKpis, meetsAllTargets, undefinedMetric, type Metric } from '../../kpi';
import type { WindowArgs } from '../throughput/throughput.inputs';
import { TimeWindow } from '../throughput/throughput.types';
import type { ThroughputMetricsService } from '../throughput/throughput.service';
import { Process, ThroughputSample } from '../process/process.entity';
import type { Handover } from './handover.entity';
import { HandoverComparison, HandoverKpiComparison } from './handover.results';

/** `Handover.comparison` covers the last 7 days unless the client gives a window. */
export const DEFAULT_COMPARISON_MINUTES = 7 * 24 * 60;

/** The three handover KPIs of an operation over one window. */
export interface OperationMeasurement {
  /** The highest-sequence process; null when the operation has none. */
  finalProcess: Process | null;
  /** Units per hour of run time of the final process. */
  unitsPerHour: Metric;
  /** Rolled throughput yield over every process. */
  yield: Metric;
  /** OEE of the final process. */
  oee: Metric;
  /** Samples of all processes that contributed (edge samples count once). */
  sampleCount: number;
}

/**
 * The KPIs of a handover: the pilot baseline stored when it is proposed, and the operation's
 * actuals next to targets and baseline (`Handover.comparison`). One use case of HandoverService
 * (`ctx.services.handovers`), which builds it; every KPI comes from ThroughputMetricsService and
 * the pure formulas in src/kpi.
 */
export class HandoverKpis {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly metrics: ThroughputMetricsService,
  ) {}

  /**
   * Measures the handover KPIs of `processes` over `window`: throughput and OEE of the final
   * process and the rolled throughput yield, via `ThroughputMetricsService.stats` and
   * `computeOperationKpis`. Without processes every metric is null with `NO_PROCESSES`.
   */
  async measure(loaders: Loaders, processes: Process[], window: TimeWindow): Promise<OperationMeasurement> {
    const stats = await Promise.all(processes.map((p) => this.metrics.stats(loaders, p, window)));
    const kpis = computeOperationKpis(
      processes.map((p, i) => ({ id: String(p.rowId), name: p.name, sequence: p.sequence, stats: stats[i].data })),
      0,
    );
    const finalIndex = processes.findIndex((p) => String(p.rowId) === kpis.finalProcessId);
    const final = finalIndex >= 0 ? stats[finalIndex] : null;
    const none = undefinedMetric('NO_PROCESSES: the operation has no processes');
    return {
      finalProcess: finalIndex >= 0 ? processes[finalIndex] : null,
      unitsPerHour: final ? { value: final.unitsPerHour.value, reason: final.unitsPerHour.reason } : none,
      yield: kpis.rolledThroughputYield,
      oee: final ? { value: final.oee.oee.value, reason: final.oee.oee.reason } : none,
      sampleCount: stats.reduce((n, s) => n + s.sampleCount, 0),
    };
  }

  /**
   * The pilot baseline of a handover proposed at `now`, for its row: the KPIs of the operation's
   * processes measured from their samples between the project start and `now`, over the span those
   * samples actually cover (so weeks before the pilot started recording do not dilute the rates).
   * No processes or no samples give an empty baseline.
   */
  async baseline(uow: UnitOfWork, operationRowId: number, projectStart: Date, now: Date) {
    const empty = {
      baselineFrom: null,
      baselineTo: null,
      baselineUnitsPerHour: null,
      baselineYield: null,
      baselineOee: null,
      baselineSampleCount: 0,
    };
    const processes = await uow.manager.find(Process, { where: { operationRowId }, order: { sequence: 'ASC' } });
    if (processes.length === 0 || projectStart.getTime() >= now.getTime()) return empty;
    const pilot = () =>
      uow.manager
        .getRepository(ThroughputSample)
        .createQueryBuilder('s')
        .where('s.processRowId IN (:...ids)', { ids: processes.map((p) => p.rowId) })
        .andWhere('s.periodEnd > :from AND s.periodStart < :to', { from: projectStart, to: now })
        .andWhere('s.recordedAt <= :to', { to: now });
    const first = await pilot().orderBy('s.periodStart', 'ASC').addOrderBy('s.id', 'ASC').getOne();
    const last = await pilot().orderBy('s.periodEnd', 'DESC').addOrderBy('s.id', 'DESC').getOne();
    if (!first || !last) return empty;
    const window = Object.assign(new TimeWindow(), {
      from: new Date(Math.max(projectStart.getTime(), first.periodStart.getTime())),
      to: new Date(Math.min(now.getTime(), last.periodEnd.getTime())),
      asOf: now,
    });
    if (window.to.getTime() <= window.from.getTime()) return empty;
    // A fresh loader cache: nothing from a request may leak into what is stored.
    const measured = await this.measure(new Loaders(this.deps.dataSource), processes, window);
    return {
      baselineFrom: window.from,
      baselineTo: window.to,
      baselineUnitsPerHour: measured.unitsPerHour.value,
      baselineYield: measured.yield.value,
      baselineOee: measured.oee.value,
      baselineSampleCount: measured.sampleCount,
    };
  }

  /**
   * The operation's actual throughput, rolled yield and OEE over a window (default: the last 7 days
   * as of `now`) next to the handover's targets and baseline, with deltas and `meetsTargets`.
   * Bad window arguments are BAD_USER_INPUT.
   */
  async compare(loaders: Loaders, handover: Handover, args: WindowArgs, now: Date): Promise<HandoverComparison> {
    const explicit = Boolean(args.from || args.to);
    const window = this.metrics.window(
      { ...args, lastMinutes: explicit ? args.lastMinutes : (args.lastMinutes ?? DEFAULT_COMPARISON_MINUTES) },
      now,
    );
    const processes = await loaders.childrenOf(Process, 'operationRowId', { sequence: 'ASC' }).load(handover.operationRowId);
    const actual = await this.measure(loaders, processes, window);
    const throughput = compareKpi(actual.unitsPerHour, handover.targetThroughputPerHour, handover.baselineUnitsPerHour);
    const yieldComparison = compareKpi(actual.yield, handover.targetYield, handover.baselineYield);
    const oee = compareKpi(actual.oee, handover.targetOee, handover.baselineOee);
    return Object.assign(new HandoverComparison(), {
      window,
      finalProcess: actual.finalProcess,
      throughput: HandoverKpiComparison.of('unitsPerHour', throughput),
      yield: HandoverKpiComparison.of('rolledThroughputYield', yieldComparison),
      oee: HandoverKpiComparison.of('oee', oee),
      meetsTargets: meetsAllTargets([throughput, yieldComparison, oee]),
    });
  }
}
