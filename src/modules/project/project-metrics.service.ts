import type { Loaders } from '../../common/loaders';
import { inIds, selectArrays, selectRows } from '../../common/row-mapper';
import { dateParameter, EPOCH, placeholderIds, PreparedSql } from '../../common/prepared-sql';
import { sqlDialect } from '../../db/transaction';
import type { ServiceDeps } from '../module';
import {
  computeEarnedValue,
  computeHealth,
  computeProgress,
  countHighRisks,
  explainActualCost,
  forecastCompletionDate,
  metric,
  milestonesAt,
  plannedPercentComplete,
  riskScore,
  type Metric,
  type MilestoneInput,
} from '../../kpi';
import { CostEntry } from '../cost/cost.entity';
import { Milestone, MilestoneStatus } from '../milestone/milestone.entity';
import { MilestoneRevision } from '../milestone/milestone-revision.entity';
import { Project, ProjectStatus } from './project.entity';
import { Risk, RiskStatus } from '../risk/risk.entity';
import { KpiValue, MoneyKpi } from '../throughput/throughput.types';
import {
  CompletionForecast,
  EarnedValue,
  HealthMetric,
  HealthReason,
  HealthStatus,
  ProgressRule,
  ProjectHealth,
  ProjectProgress,
} from './project-metrics.types';

/** A time within this of the request time reads current rows instead of revisions. */
const NOW_TOLERANCE_MS = 1000;

/**
 * The two times of a report. `statusDate` is the data date the report describes: costs count by
 * when they were incurred, milestone progress and due dates are as at that date, planned value runs
 * up to it. `asOf` is knowledge time: only facts recorded by then count (what the report said back
 * then). Both default to now.
 */
export interface ReportTimes {
  statusDate: Date;
  asOf: Date;
}

type MilestoneState = MilestoneInput & { rowId: number };

/** The project's actual cost at a status date as known at `asOf`, and the entries recorded too late for it. */
interface ActualCost {
  cents: number;
  laterEntries: number;
}

/**
 * Per project: the cents of its cost entries incurred by the status date and recorded by `asOf`,
 * and how many of those were recorded later. Parameters, in order: asOf, asOf, the project row
 * ids, statusDate.
 */
const PROJECT_COSTS = new PreparedSql(
  (dataSource, n) =>
    dataSource
      .getRepository(CostEntry)
      .createQueryBuilder('c')
      .select('c.projectRowId', 'projectRowId')
      .addSelect('SUM(CASE WHEN c.recordedAt <= :asOf THEN c.amountCents ELSE 0 END)', 'cents')
      .addSelect('SUM(CASE WHEN c.recordedAt <= :asOf THEN 0 ELSE 1 END)', 'later')
      .where('c.projectRowId IN (:...ids)', { ids: placeholderIds(n) })
      .andWhere('c.incurredAt <= :statusDate', { statusDate: EPOCH })
      .setParameter('asOf', EPOCH)
      .groupBy('c.projectRowId')
      .getQueryAndParameters()[0],
);

/**
 * Project KPIs computed from recorded facts at a status date, as known at `asOf`: milestones (each
 * one's latest revision effective by the status date, among those recorded by `asOf`), costs
 * incurred by the status date and recorded by `asOf`, and open risks. Every read is batched per
 * request through loaders.
 */
export class ProjectMetricsService {
  constructor(private readonly deps: ServiceDeps) {}

  private isNow(at: Date, now: Date) {
    return Math.abs(at.getTime() - now.getTime()) <= NOW_TOLERANCE_MS;
  }

  /** Milestones of a project as they stood at the status date, as known at `asOf`. */
  async milestones(loaders: Loaders, project: Project, times: ReportTimes, now: Date): Promise<MilestoneState[]> {
    const { statusDate, asOf } = times;
    if (this.isNow(statusDate, now) && this.isNow(asOf, now)) {
      // Revisions of a milestone take effect in order, so its current row is its latest effective state.
      const rows = await loaders.childrenOf(Milestone, 'projectRowId', { dueDate: 'ASC', rowId: 'ASC' }).load(project.rowId);
      return rows
        .filter((m) => m.createdAt <= asOf)
        .map((m) => ({
          rowId: m.rowId,
          weight: m.weight,
          percentComplete: m.percentComplete,
          status: m.status,
          dueDate: m.dueDate,
          completedAt: m.completedAt,
        }));
    }
    // Progress, health and earned value each ask for the same project's milestones: one answer per
    // project, status date and asOf in the request (the KPI formulas only read it).
    return loaders
      .custom<number, MilestoneState[]>(`milestonesAt:${statusDate.getTime()}:${asOf.getTime()}`, async (projectIds) => {
        const revisions = await this.revisions(loaders, asOf).loadMany(projectIds);
        return revisions.map((rows) => {
          // One statement read them all: an error is every project's.
          if (rows instanceof Error) throw rows;
          return milestonesAt(
            rows.map((r) => ({
              milestoneId: r.milestoneRowId,
              sequence: r.rowId,
              effectiveAt: r.effectiveAt,
              rowId: r.milestoneRowId,
              weight: r.weight,
              percentComplete: r.percentComplete,
              status: r.status,
              dueDate: r.dueDate,
              completedAt: r.completedAt,
            })),
            statusDate,
          );
        });
      })
      .load(project.rowId);
  }

  /** Every milestone revision of each project recorded by `asOf`, in recording order; batched per request. */
  private revisions(loaders: Loaders, asOf: Date) {
    return loaders.custom<number, MilestoneRevision[]>(`milestoneRevisions:${asOf.getTime()}`, async (projectIds) => {
      const metadata = this.deps.dataSource.getMetadata(MilestoneRevision);
      const recordedBy = sqlDialect(this.deps.dataSource.manager).date(asOf);
      const rows = await loaders.statements((runner) => {
        const ids = inIds(runner, projectIds);
        return selectRows<MilestoneRevision>(
          runner,
          metadata,
          `WHERE pg_o.projectRowId IN ${ids.sql} AND pg_o.recordedAt <= ? ORDER BY pg_o.id ASC`,
          [...ids.params, recordedBy],
        );
      });
      const byProject = new Map<number, MilestoneRevision[]>();
      for (const id of projectIds) byProject.set(id, []);
      for (const row of rows) byProject.get(row.projectRowId)?.push(row);
      return projectIds.map((id) => byProject.get(id)!);
    });
  }

  /**
   * Costs booked to the project, incurred by the status date and recorded by `asOf`, in cents, with
   * the count of entries incurred by then but recorded later (one grouped query per page).
   */
  actualCost(loaders: Loaders, projectRowId: number, times: ReportTimes): Promise<ActualCost> {
    const { statusDate, asOf } = times;
    return loaders
      .custom<number, ActualCost>(`projectCost:${statusDate.getTime()}:${asOf.getTime()}`, async (ids) => {
        const dataSource = this.deps.dataSource;
        const date = dateParameter(dataSource);
        const recordedBy = date(asOf);
        const rows = await loaders.statements((runner) =>
          selectArrays(runner, PROJECT_COSTS.sql(dataSource, ids.length), [recordedBy, recordedBy, ...ids, date(statusDate)]),
        );
        const byProject = new Map<number, unknown[]>();
        for (const row of rows) byProject.set(Number(row[0]), row);
        return ids.map((id) => {
          const row = byProject.get(id);
          return { cents: Number(row?.[1] ?? 0), laterEntries: Number(row?.[2] ?? 0) };
        });
      })
      .load(projectRowId);
  }

  async progress(loaders: Loaders, project: Project, times: ReportTimes, now: Date, rule: ProgressRule): Promise<ProjectProgress> {
    const result = computeProgress(await this.milestones(loaders, project, times, now), rule);
    const progress = new ProjectProgress();
    progress.value = KpiValue.of(rule === ProgressRule.COUNT_BASED ? 'progress.countBased' : 'progress.weightBased', result.value);
    progress.rule = rule;
    progress.countBased = KpiValue.of('progress.countBased', result.countBased);
    progress.weightBased = KpiValue.of('progress.weightBased', result.weightBased);
    progress.statusDate = times.statusDate;
    progress.asOf = times.asOf;
    return progress;
  }

  /** The earned-value formulas over the project's milestones and actual cost, before any GraphQL object is built. */
  private async evm(loaders: Loaders, project: Project, times: ReportTimes, now: Date) {
    const [milestones, actualCost] = await Promise.all([
      this.milestones(loaders, project, times, now),
      this.actualCost(loaders, project.rowId, times),
    ]);
    const progress = computeProgress(milestones);
    const evm = computeEarnedValue({
      budgetAtCompletion: project.budgetCents,
      plannedPercent: plannedPercentComplete(milestones, times.statusDate),
      earnedPercent: progress.weightBased,
      actualCost: actualCost.cents,
    });
    return { evm, actualCost };
  }

  async earnedValue(loaders: Loaders, project: Project, times: ReportTimes, now: Date): Promise<EarnedValue> {
    const { evm, actualCost } = await this.evm(loaders, project, times, now);
    const currency = this.deps.config.currency;
    const money = (key: string, m: Metric, note: string | null = null) => MoneyKpi.of(key, m, currency, note);
    return Object.assign(new EarnedValue(), {
      ...times,
      budgetAtCompletion: money('budgetAtCompletion', metric(evm.budgetAtCompletion)),
      plannedValue: money('plannedValue', evm.plannedValue),
      earnedValue: money('earnedValue', evm.earnedValue),
      actualCost: money('actualCost', metric(evm.actualCost), explainActualCost({ actualCost: actualCost.cents, ...actualCost, ...times })),
      costVariance: money('costVariance', evm.costVariance),
      scheduleVariance: money('scheduleVariance', evm.scheduleVariance),
      cpi: KpiValue.of('cpi', evm.cpi),
      spi: KpiValue.of('spi', evm.spi),
      estimateAtCompletion: money('estimateAtCompletion', evm.estimateAtCompletion),
      estimateToComplete: money('estimateToComplete', evm.estimateToComplete),
      varianceAtCompletion: money('varianceAtCompletion', evm.varianceAtCompletion),
      tcpi: KpiValue.of('tcpi', evm.tcpi),
    });
  }

  /**
   * Open (OPEN or MITIGATING) risks raised by the status date and by `asOf`, with their scores. Risks
   * keep no history: a risk counts from when it was recorded, with its current status.
   */
  private async openRiskScores(loaders: Loaders, project: Project, times: ReportTimes): Promise<number[]> {
    const risks = await loaders.childrenOf(Risk, 'projectRowId', { rowId: 'ASC' }).load(project.rowId);
    return risks
      .filter((r) => r.createdAt <= times.statusDate && r.createdAt <= times.asOf)
      .filter((r) => r.status === RiskStatus.OPEN || r.status === RiskStatus.MITIGATING)
      .map((r) => riskScore(r.probability, r.impact).score);
  }

  async health(loaders: Loaders, project: Project, times: ReportTimes, now: Date): Promise<ProjectHealth> {
    const { statusDate, asOf } = times;
    // Health reads only SPI and CPI of the earned value: the formulas, without the EarnedValue object.
    const [{ evm }, milestones, scores] = await Promise.all([
      this.evm(loaders, project, times, now),
      this.milestones(loaders, project, times, now),
      this.openRiskScores(loaders, project, times),
    ]);
    const thresholds = this.deps.config.kpi.health;
    const completed =
      project.status === ProjectStatus.COMPLETED &&
      project.completedAt !== null &&
      project.completedAt <= statusDate &&
      project.completedAt <= asOf;
    const overdue = milestones.filter(
      (m) => m.status !== MilestoneStatus.DONE && m.status !== MilestoneStatus.CANCELLED && m.dueDate < statusDate,
    ).length;
    const result = computeHealth(
      {
        projectStatus: completed ? 'COMPLETED' : 'ACTIVE',
        spi: evm.spi.value,
        cpi: evm.cpi.value,
        overdueMilestones: overdue,
        highRisks: countHighRisks(scores, thresholds),
      },
      thresholds,
    );
    const health = new ProjectHealth();
    health.status = result.status as HealthStatus;
    health.reasons = result.reasons.map((r) =>
      Object.assign(new HealthReason(), { ...r, metric: r.metric as HealthMetric, severity: r.severity as HealthStatus }),
    );
    health.statusDate = statusDate;
    health.asOf = asOf;
    return health;
  }

  async forecast(loaders: Loaders, project: Project, times: ReportTimes, now: Date): Promise<CompletionForecast> {
    const { evm } = await this.evm(loaders, project, times, now);
    const forecast = forecastCompletionDate({
      startDate: project.startDate,
      dueDate: project.dueDate,
      spi: evm.spi.value,
      asOf: times.statusDate,
    });
    return Object.assign(new CompletionForecast(), { ...forecast, ...times });
  }

  /** The earliest milestone that is neither done nor cancelled (current state). */
  async nextMilestone(loaders: Loaders, project: Project): Promise<Milestone | null> {
    const rows = await loaders.childrenOf(Milestone, 'projectRowId', { dueDate: 'ASC', rowId: 'ASC' }).load(project.rowId);
    return rows.find((m) => m.status !== MilestoneStatus.DONE && m.status !== MilestoneStatus.CANCELLED) ?? null;
  }
}
