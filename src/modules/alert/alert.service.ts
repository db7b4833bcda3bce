import { In, IsNull, Not } from 'typeorm';
import type { Viewer } from '../../common/auth';
import { notFound } from '../../common/errors';
import { expectId, toGlobalId } from '../../common/ids';
import { Loaders } from '../../common/loaders';
import { type Ordering, paginateQuery } from '../../common/pagination';
import { anyOf, applyFilter, equals, holds } from '../../common/filters';
import type { UnitOfWork } from '../../db/transaction';
import { belowReorderPoint } from '../../kpi';
import type { StreamEvent } from '../../realtime/event-store';
import { streamKeys } from '../../realtime/streams';
import type { ServiceDeps } from '../module';
import { InventoryItem } from '../inventory/inventory.entity';
import { Milestone, MilestoneStatus } from '../milestone/milestone.entity';
import { Process } from '../process/process.entity';
import { Project, ProjectStatus } from '../project/project.entity';
import type { ThroughputMetricsService } from '../throughput/throughput.service';
import type { ProjectMetricsService } from '../project/project-metrics.service';
import { Alert, AlertKind, AlertSeverity, SEVERITY_RANK } from './alert.entity';
import type { AlertFilter, AlertsArgs } from './alert.inputs';

/** A unique-key violation (MySQL/MariaDB ER_DUP_ENTRY, SQLite's UNIQUE constraint), as TypeORM reports it. */
function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
  return /duplicate entry|UNIQUE constraint failed/i.test(String(e?.message ?? ''));
}

/** A condition that stopped holding (only its kind and subject matter). */
const STOPPED = { operationRowId: null, projectRowId: null, holds: false, severity: AlertSeverity.INFO, message: '' } as const;

/** How often overdue milestones (and the sources' sweeps) are looked for. */
const OVERDUE_SWEEP_MS = 60_000;
/** Events committed within this window are evaluated together: a burst of samples costs one evaluation per process. */
const COALESCE_MS = 200;

/** `alerts`: newest first. */
const ALERT_ORDERING: Ordering<Alert> = {
  connection: 'alerts',
  name: 'RAISED_AT_DESC',
  keys: [{ sql: 'a.raisedAt', type: 'date', direction: 'DESC', read: (a) => a.raisedAt }],
  id: { sql: 'a.id', direction: 'DESC', read: (a) => a.rowId },
};

/** One alert condition about one subject: whether it holds now, and what to say when it starts to. */
export interface AlertCondition {
  kind: AlertKind;
  subjectId: string;
  operationRowId: number | null;
  projectRowId: number | null;
  holds: boolean;
  severity: AlertSeverity;
  message: string;
  detail?: Record<string, unknown>;
}
/** The same as AlertCondition (the name the service used first). */
export type Condition = AlertCondition;

/**
 * A module's own alert conditions (production orders, purchase orders, shipments), evaluated here
 * like the built-in ones: after commits of its events and on the minute sweep.
 */
export interface AlertSource {
  /** The kinds it raises. After a sweep, its active alerts whose subject the sweep did not report as holding are cleared. */
  kinds: readonly AlertKind[];
  /** Conditions (holding or not) of the subjects of committed events; [] when none concerns it. */
  onEvents?(events: StreamEvent[], now: Date): Promise<AlertCondition[]>;
  /** Every condition of its kinds that holds now (bounded by the source). */
  sweep?(now: Date): Promise<AlertCondition[]>;
}

/**
 * Raises alerts from committed facts. Conditions are evaluated after each commit (never inside the
 * writer's transaction, so ingest stays fast), one evaluation at a time per instance. An alert is
 * stored and published once when its condition starts to hold; it is cleared when it stops.
 */
export class AlertService {
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private pending: StreamEvent[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly metrics: { throughput: ThroughputMetricsService; projects: ProjectMetricsService },
    private readonly sources: readonly AlertSource[] = [],
  ) {}

  /** Starts listening to committed events and sweeping for overdue milestones. */
  start(): void {
    this.deps.streams.onCommitted((events) => {
      this.pending.push(...events);
      this.flushTimer ??= setTimeout(() => this.flush(), COALESCE_MS);
    });
    this.timer = setInterval(() => this.enqueue(() => this.sweep()), OVERDUE_SWEEP_MS);
    this.timer.unref();
  }

  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    return this.chain;
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.pending.splice(0);
    if (batch.length) this.enqueue(() => this.evaluate(batch));
  }

  /** Evaluates what is pending now and waits until every queued evaluation has run (tests, shutdown). */
  idle(): Promise<void> {
    this.flush();
    return this.chain;
  }

  private enqueue(task: () => Promise<void>): void {
    if (this.stopped) return;
    this.chain = this.chain.then(task).catch((err) => this.deps.logger.warn({ err }, 'alert evaluation failed'));
  }

  /** Runs the sweep now (tests; also runs every minute). */
  sweepNow(): Promise<void> {
    this.enqueue(() => this.sweep());
    return this.chain;
  }

  /** The minute sweep: overdue milestones, then each source's conditions (a failing source does not stop the others). */
  private async sweep(): Promise<void> {
    let failure: unknown = null;
    await this.sweepOverdueMilestones().catch((err: unknown) => (failure ??= err));
    for (const source of this.sources) {
      if (!source.sweep) continue;
      await this.sweepSource(source).catch((err: unknown) => (failure ??= err));
    }
    if (failure) throw failure;
  }

  /** Applies a source's sweep, clearing its active alerts whose subject no longer holds. */
  private async sweepSource(source: AlertSource): Promise<void> {
    const conditions = await source.sweep!(this.deps.clock.now());
    const holding = new Set(conditions.filter((c) => c.holds).map((c) => `${c.kind}:${c.subjectId}`));
    const reported = new Set(conditions.map((c) => `${c.kind}:${c.subjectId}`));
    const active = await this.deps.dataSource.getRepository(Alert).find({
      where: { kind: In([...source.kinds]), activeKey: Not(IsNull()) },
      select: { rowId: true, kind: true, subjectId: true, activeKey: true },
    });
    for (const alert of active) {
      const key = `${alert.kind}:${alert.subjectId}`;
      if (!holding.has(key) && !reported.has(key)) conditions.push({ ...STOPPED, kind: alert.kind, subjectId: alert.subjectId });
    }
    if (conditions.length) await this.apply(conditions);
  }

  private async evaluate(events: StreamEvent[]): Promise<void> {
    const processes = new Set<number>();
    const items = new Set<number>();
    const projects = new Set<number>();
    for (const e of events) {
      if (e.type === 'throughput.recorded') processes.add(e.payload.processRowId);
      else if (e.type === 'stock.moved') items.add(e.payload.itemRowId);
      else if (e.payload.projectRowId) projects.add(e.payload.projectRowId);
    }
    const conditions: Condition[] = [];
    if (processes.size) conditions.push(...(await this.processConditions([...processes])));
    if (items.size) conditions.push(...(await this.stockConditions([...items])));
    for (const projectRowId of projects) conditions.push(...(await this.projectConditions(projectRowId)));
    for (const source of this.sources) if (source.onEvents) conditions.push(...(await source.onEvents(events, this.deps.clock.now())));
    if (conditions.length) await this.apply(conditions);
  }

  private async processConditions(rowIds: number[]): Promise<Condition[]> {
    const loaders = new Loaders(this.deps.dataSource);
    const now = this.deps.clock.now();
    const window = this.metrics.throughput.window({ lastMinutes: 60 }, now);
    const processes = await this.deps.dataSource.getRepository(Process).findBy({ rowId: In(rowIds) });
    const threshold = this.deps.config.kpi.throughputAlertAttainment;
    const out: Condition[] = [];
    for (const process of processes) {
      const stats = await this.metrics.throughput.stats(loaders, process, window);
      const attainment = stats.attainment.value;
      const subjectId = process.id;
      out.push({
        kind: AlertKind.THROUGHPUT_BELOW_TARGET,
        subjectId,
        operationRowId: process.operationRowId,
        projectRowId: null,
        holds: stats.sampleCount > 0 && attainment !== null && attainment < threshold,
        severity: attainment !== null && attainment < threshold / 2 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
        message: `${process.name}: attainment ${(100 * (attainment ?? 0)).toFixed(1)} % over the last hour, below ${(100 * threshold).toFixed(0)} %`,
        detail: { attainment, threshold },
      });
      if (process.targetYield !== null) {
        const y = stats.yield.value;
        out.push({
          kind: AlertKind.YIELD_BELOW_TARGET,
          subjectId,
          operationRowId: process.operationRowId,
          projectRowId: null,
          holds: y !== null && y < process.targetYield,
          severity: AlertSeverity.WARNING,
          message: `${process.name}: yield ${(100 * (y ?? 0)).toFixed(1)} % over the last hour, below the target ${(100 * process.targetYield).toFixed(1)} %`,
          detail: { yield: y, target: process.targetYield },
        });
      }
    }
    return out;
  }

  private async stockConditions(rowIds: number[]): Promise<Condition[]> {
    const items = await this.deps.dataSource.getRepository(InventoryItem).findBy({ rowId: In(rowIds) });
    return items.map((item) => ({
      kind: AlertKind.STOCK_BELOW_REORDER_POINT,
      subjectId: item.id,
      operationRowId: item.operationRowId,
      projectRowId: null,
      holds: belowReorderPoint(item.onHand, item.reorderPoint),
      severity: item.onHand <= 0 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
      message: `${item.name} (${item.sku}): ${item.onHand} ${item.unit} on hand, reorder point ${item.reorderPoint}`,
      detail: { onHand: item.onHand, reorderPoint: item.reorderPoint },
    }));
  }

  private async projectConditions(projectRowId: number): Promise<Condition[]> {
    const project = await this.deps.dataSource.getRepository(Project).findOneBy({ rowId: projectRowId });
    if (!project) return [];
    const loaders = new Loaders(this.deps.dataSource);
    const now = this.deps.clock.now();
    const [actual, health] = await Promise.all([
      this.metrics.projects.actualCost(loaders, project.rowId, { statusDate: now, asOf: now }).then((c) => c.cents),
      this.metrics.projects.health(loaders, project, { statusDate: now, asOf: now }, now),
    ]);
    const previous = await this.deps.dataSource.getRepository(Alert).findOne({
      where: { kind: AlertKind.PROJECT_HEALTH_CHANGED, projectRowId },
      order: { rowId: 'DESC' },
    });
    const previousStatus = previous ? (JSON.parse(previous.detail).to as string) : 'ON_TRACK';
    const conditions: Condition[] = [
      {
        kind: AlertKind.BUDGET_OVERRUN,
        subjectId: project.id,
        operationRowId: project.improvesOperationRowId,
        projectRowId,
        holds: project.budgetCents > 0 && actual > project.budgetCents,
        severity: AlertSeverity.CRITICAL,
        message: `${project.name}: actual cost ${(actual / 100).toFixed(2)} exceeds the budget ${(project.budgetCents / 100).toFixed(2)}`,
        detail: { actualCents: actual, budgetCents: project.budgetCents },
      },
    ];
    if (health.status !== previousStatus) {
      conditions.push({
        kind: AlertKind.PROJECT_HEALTH_CHANGED,
        subjectId: project.id,
        operationRowId: project.improvesOperationRowId,
        projectRowId,
        holds: true,
        severity:
          health.status === 'OFF_TRACK' ? AlertSeverity.CRITICAL : health.status === 'AT_RISK' ? AlertSeverity.WARNING : AlertSeverity.INFO,
        message:
          `${project.name}: health ${previousStatus} → ${health.status}${health.reasons.length ? ` (${health.reasons.map((r) => r.message).join('; ')})` : ''}`.slice(
            0,
            500,
          ),
        detail: { from: previousStatus, to: health.status },
      });
    }
    return conditions;
  }

  private async sweepOverdueMilestones(): Promise<void> {
    const now = this.deps.clock.now();
    const overdue = await this.deps.dataSource
      .getRepository(Milestone)
      .createQueryBuilder('m')
      .innerJoin(Project, 'p', 'p.id = m.projectRowId')
      .where('m.dueDate < :now', { now })
      .andWhere('m.status IN (:...open)', { open: [MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS] })
      .andWhere('p.status IN (:...active)', { active: [ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD, ProjectStatus.PLANNED] })
      .take(1000)
      .getMany();
    const active = await this.deps.dataSource.getRepository(Alert).find({
      where: { kind: AlertKind.MILESTONE_OVERDUE, activeKey: Not(IsNull()) },
      select: { rowId: true, subjectId: true, activeKey: true },
    });
    const overdueIds = new Set(overdue.map((m) => m.id));
    const conditions: Condition[] = overdue.map((m) => ({
      kind: AlertKind.MILESTONE_OVERDUE,
      subjectId: m.id,
      operationRowId: null,
      projectRowId: m.projectRowId,
      holds: true,
      severity: AlertSeverity.WARNING,
      message: `Milestone "${m.name}" was due ${m.dueDate.toISOString().slice(0, 10)} and is not done`,
    }));
    for (const alert of active) {
      if (alert.activeKey && !overdueIds.has(alert.subjectId)) {
        conditions.push({
          kind: AlertKind.MILESTONE_OVERDUE,
          subjectId: alert.subjectId,
          operationRowId: null,
          projectRowId: null,
          holds: false,
          severity: AlertSeverity.WARNING,
          message: '',
        });
      }
    }
    if (conditions.length) await this.apply(conditions);
  }

  /**
   * Raises alerts whose condition started to hold and clears those that stopped. Each raise is its
   * own transaction: another instance may raise the same alert at the same moment (both evaluate
   * an item both moved), and that conflict on the unique active key means "already raised". It
   * must not roll back the other conditions of this batch, which that instance may never evaluate.
   * The alert event is appended in the raise's transaction and published after its commit.
   */
  private async apply(conditions: Condition[]): Promise<void> {
    const keyOf = (c: Condition) => `${c.kind}:${c.subjectId}`;
    const active = new Set(
      (
        await this.deps.dataSource
          .getRepository(Alert)
          .find({ where: { activeKey: In(conditions.map(keyOf)) }, select: { rowId: true, activeKey: true } })
      ).map((a) => a.activeKey),
    );
    const now = this.deps.clock.now();
    const raise: Condition[] = [];
    const clear = new Set<string>();
    for (const c of conditions) {
      const key = keyOf(c);
      const oneShot = c.kind === AlertKind.PROJECT_HEALTH_CHANGED;
      if (c.holds && (oneShot || !active.has(key))) {
        raise.push(c);
        if (!oneShot) active.add(key);
      } else if (!c.holds && active.has(key)) {
        clear.add(key);
        active.delete(key);
      }
    }
    let failure: unknown = null;
    if (clear.size)
      await this.deps
        .transaction((uow) => uow.manager.getRepository(Alert).update({ activeKey: In([...clear]) }, { activeKey: null, clearedAt: now }))
        .catch((err: unknown) => (failure ??= err));
    for (const c of raise) {
      try {
        await this.raise(c, now);
      } catch (err) {
        // Another instance raised the same alert first (unique active key): it is raised, and published by that instance.
        if (!isDuplicateKey(err)) failure ??= err;
      }
    }
    if (failure) throw failure;
  }

  /** Stores one alert and appends its event, in one transaction (the event is published after commit). */
  private async raise(c: Condition, now: Date): Promise<void> {
    const oneShot = c.kind === AlertKind.PROJECT_HEALTH_CHANGED;
    await this.deps.transaction(async (uow) => {
      const repo = uow.manager.getRepository(Alert);
      const alert = repo.create({
        kind: c.kind,
        severity: c.severity,
        subjectId: c.subjectId,
        operationRowId: c.operationRowId,
        projectRowId: c.projectRowId,
        message: c.message.slice(0, 500),
        detail: JSON.stringify(c.detail ?? {}),
        raisedAt: now,
        acknowledgedAt: null,
        acknowledgedBy: null,
        clearedAt: null,
        activeKey: oneShot ? null : `${c.kind}:${c.subjectId}`,
      });
      await repo.insert(alert);
      await this.publish(uow, [alert]);
    });
  }

  private async publish(uow: UnitOfWork, alerts: Alert[]) {
    await this.deps.streams.append(
      uow,
      streamKeys.alerts,
      alerts.map((a) => ({
        type: 'alert.raised',
        subjectId: a.id,
        payload: { alertRowId: a.rowId, operationRowId: a.operationRowId, projectRowId: a.projectRowId, severity: a.severity },
      })),
    );
  }

  /** Alerts, newest first, filtered. */
  list(args: AlertsArgs) {
    const qb = this.deps.dataSource.getRepository(Alert).createQueryBuilder('a');
    applyFilter<AlertFilter, Alert>(qb, args.filter, {
      operationId: (q, id, param) => equals<Alert>('a.operationRowId')(q, expectId(id, 'Operation', 'filter.operationId'), param),
      projectId: (q, id, param) => equals<Alert>('a.projectRowId')(q, expectId(id, 'Project', 'filter.projectId'), param),
      kinds: anyOf('a.kind'),
      minSeverity: (q, min, param) =>
        anyOf<Alert>('a.severity')(
          q,
          Object.values(AlertSeverity).filter((s) => SEVERITY_RANK[s] >= SEVERITY_RANK[min]),
          param,
        ),
      acknowledged: holds('a.acknowledgedAt IS NOT NULL'),
      active: holds('a.activeKey IS NOT NULL'),
    });
    return paginateQuery(qb, args, ALERT_ORDERING);
  }

  /** Marks an alert acknowledged (idempotent: the first acknowledgement is kept). NOT_FOUND for unknown IDs. */
  async acknowledge(viewer: Viewer, id: string): Promise<Alert> {
    const rowId = expectId(id, 'Alert', 'input.id');
    return this.deps.transaction(async (uow) => {
      const repo = uow.manager.getRepository(Alert);
      await repo
        .createQueryBuilder()
        .update()
        .set({ acknowledgedAt: this.deps.clock.now(), acknowledgedBy: viewer.subject })
        .where({ rowId })
        .andWhere('acknowledgedAt IS NULL')
        .execute();
      const alert = await repo.findOneBy({ rowId });
      if (!alert) throw notFound('Alert', toGlobalId('Alert', rowId));
      return alert;
    });
  }
}
