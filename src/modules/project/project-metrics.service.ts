import type { Loaders } from '../../common/loaders';
import { Money } from '../../common/types';
import type { ServiceDeps } from '../module';
import {
  computeEarnedValue,
  computeHealth,
  computeProgress,
  countHighRisks,
  forecastCompletionDate,
  plannedPercentComplete,
  riskScore,
  type MilestoneInput,
} from '../../kpi';
import { CostEntry } from '../cost/cost.entity';
import { Milestone, MilestoneStatus } from '../milestone/milestone.entity';
import { MilestoneRevision } from '../milestone/milestone-revision.entity';
import { Project, ProjectStatus } from './project.entity';
import { Risk, RiskStatus } from '../risk/risk.entity';
import { KpiValue } from '../throughput/throughput.types';
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

/** "asOf" within this of the request time reads current rows instead of revisions. */
const NOW_TOLERANCE_MS = 1000;

interface MilestoneState extends MilestoneInput {
  rowId: number;
}

/**
 * Project KPIs computed from recorded facts: milestones (as they stood at `asOf`, from revisions),
 * costs recorded by then and open risks. Every read is batched per request through loaders.
 */
export class ProjectMetricsService {
  constructor(private readonly deps: ServiceDeps) {}

  private isNow(asOf: Date, now: Date) {
    return Math.abs(asOf.getTime() - now.getTime()) <= NOW_TOLERANCE_MS;
  }

  /** Milestones of a project as they stood at `asOf`. */
  async milestones(loaders: Loaders, project: Project, asOf: Date, now: Date): Promise<MilestoneState[]> {
    if (this.isNow(asOf, now)) {
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
    const revisions = await loaders
      .custom<number, MilestoneRevision[]>(`milestoneRevisions:${asOf.toISOString()}`, async (projectIds) => {
        const rows = await this.deps.dataSource
          .getRepository(MilestoneRevision)
          .createQueryBuilder('r')
          .where('r.projectRowId IN (:...ids)', { ids: [...projectIds] })
          .andWhere('r.recordedAt <= :asOf', { asOf })
          .orderBy('r.recordedAt', 'ASC')
          .addOrderBy('r.id', 'ASC')
          .getMany();
        return projectIds.map((id) => rows.filter((r) => r.projectRowId === id));
      })
      .load(project.rowId);
    const latest = new Map<number, MilestoneRevision>();
    for (const r of revisions) latest.set(r.milestoneRowId, r);
    return [...latest.values()].map((r) => ({
      rowId: r.milestoneRowId,
      weight: r.weight,
      percentComplete: r.percentComplete,
      status: r.status,
      dueDate: r.dueDate,
      completedAt: r.completedAt,
    }));
  }

  /** Costs booked to the project, incurred and recorded by `asOf`, in cents (one grouped query per page). */
  actualCostCents(loaders: Loaders, projectRowId: number, asOf: Date): Promise<number> {
    return loaders
      .custom<number, number>(`projectCost:${asOf.toISOString()}`, async (ids) => {
        const rows = await this.deps.dataSource
          .getRepository(CostEntry)
          .createQueryBuilder('c')
          .select('c.projectRowId', 'projectRowId')
          .addSelect('SUM(c.amountCents)', 'cents')
          .where('c.projectRowId IN (:...ids)', { ids: [...ids] })
          .andWhere('c.incurredAt <= :asOf AND c.recordedAt <= :asOf', { asOf })
          .groupBy('c.projectRowId')
          .getRawMany<{ projectRowId: number; cents: string }>();
        return ids.map((id) => Number(rows.find((r) => Number(r.projectRowId) === id)?.cents ?? 0));
      })
      .load(projectRowId);
  }

  async progress(loaders: Loaders, project: Project, asOf: Date, now: Date, rule: ProgressRule): Promise<ProjectProgress> {
    const result = computeProgress(await this.milestones(loaders, project, asOf, now), rule);
    return Object.assign(new ProjectProgress(), {
      value: KpiValue.of(rule === ProgressRule.COUNT_BASED ? 'progress.countBased' : 'progress.weightBased', result.value),
      rule,
      countBased: KpiValue.of('progress.countBased', result.countBased),
      weightBased: KpiValue.of('progress.weightBased', result.weightBased),
      asOf,
    });
  }

  async earnedValue(loaders: Loaders, project: Project, asOf: Date, now: Date): Promise<EarnedValue> {
    const [milestones, actualCost] = await Promise.all([
      this.milestones(loaders, project, asOf, now),
      this.actualCostCents(loaders, project.rowId, asOf),
    ]);
    const progress = computeProgress(milestones);
    const evm = computeEarnedValue({
      budgetAtCompletion: project.budgetCents,
      plannedPercent: plannedPercentComplete(milestones, asOf),
      earnedPercent: progress.weightBased,
      actualCost,
    });
    const currency = this.deps.config.currency;
    return Object.assign(new EarnedValue(), {
      asOf,
      budgetAtCompletion: Money.of(project.budgetCents, currency),
      plannedValue: KpiValue.of('plannedValue', evm.plannedValue),
      earnedValue: KpiValue.of('earnedValue', evm.earnedValue),
      actualCost: Money.of(actualCost, currency),
      costVariance: KpiValue.of('costVariance', evm.costVariance),
      scheduleVariance: KpiValue.of('scheduleVariance', evm.scheduleVariance),
      cpi: KpiValue.of('cpi', evm.cpi),
      spi: KpiValue.of('spi', evm.spi),
      estimateAtCompletion: KpiValue.of('estimateAtCompletion', evm.estimateAtCompletion),
      estimateToComplete: KpiValue.of('estimateToComplete', evm.estimateToComplete),
      varianceAtCompletion: KpiValue.of('varianceAtCompletion', evm.varianceAtCompletion),
      tcpi: KpiValue.of('tcpi', evm.tcpi),
    });
  }

  /** Open (OPEN or MITIGATING) risks raised by `asOf`, with their scores. */
  private async openRiskScores(loaders: Loaders, project: Project, asOf: Date): Promise<number[]> {
    const risks = await loaders.childrenOf(Risk, 'projectRowId', { rowId: 'ASC' }).load(project.rowId);
    return risks
      .filter((r) => r.createdAt <= asOf && (r.status === RiskStatus.OPEN || r.status === RiskStatus.MITIGATING))
      .map((r) => riskScore(r.probability, r.impact).score);
  }

  async health(loaders: Loaders, project: Project, asOf: Date, now: Date): Promise<ProjectHealth> {
    const [evm, milestones, scores] = await Promise.all([
      this.earnedValue(loaders, project, asOf, now),
      this.milestones(loaders, project, asOf, now),
      this.openRiskScores(loaders, project, asOf),
    ]);
    const thresholds = this.deps.config.kpi.health;
    const completed = project.status === ProjectStatus.COMPLETED && project.completedAt !== null && project.completedAt <= asOf;
    const overdue = milestones.filter(
      (m) => m.status !== MilestoneStatus.DONE && m.status !== MilestoneStatus.CANCELLED && m.dueDate < asOf,
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
    return Object.assign(new ProjectHealth(), {
      status: result.status as HealthStatus,
      reasons: result.reasons.map((r) =>
        Object.assign(new HealthReason(), { ...r, metric: r.metric as HealthMetric, severity: r.severity as HealthStatus }),
      ),
      asOf,
    });
  }

  async forecast(loaders: Loaders, project: Project, asOf: Date, now: Date): Promise<CompletionForecast> {
    const evm = await this.earnedValue(loaders, project, asOf, now);
    const forecast = forecastCompletionDate({ startDate: project.startDate, dueDate: project.dueDate, spi: evm.spi.value, asOf });
    return Object.assign(new CompletionForecast(), { ...forecast, asOf });
  }

  /** The earliest milestone that is neither done nor cancelled (current state). */
  async nextMilestone(loaders: Loaders, project: Project): Promise<Milestone | null> {
    const rows = await loaders.childrenOf(Milestone, 'projectRowId', { dueDate: 'ASC', rowId: 'ASC' }).load(project.rowId);
    return rows.find((m) => m.status !== MilestoneStatus.DONE && m.status !== MilestoneStatus.CANCELLED) ?? null;
  }
}
