import type { ServiceDeps } from '../module';
import type { Viewer } from '../../common/auth';
import { badInput } from '../../common/errors';
import { expectId } from '../../common/ids';
import { Loaders } from '../../common/loaders';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import type { UnitOfWork } from '../../db/transaction';
import { compareKpi, computeOperationKpis, meetsAllTargets, undefinedMetric, type Metric } from '../../kpi';
import { streamKeys } from '../../realtime/streams';
import { TimeWindow, type WindowArgs } from '../throughput/throughput.types';
import type { ThroughputMetricsService } from '../throughput/throughput.service';
import { Process, ThroughputSample } from '../process/process.entity';
import { AcceptanceCriterion, effectiveHandoverStatus, Handover, HandoverStatus } from './handover.entity';
import {
  type AcceptHandoverInput,
  type CloseHandoverInput,
  type HandoverTargetsInput,
  MAX_ACCEPTANCE_CRITERIA,
  type SetAcceptanceCriterionInput,
} from './handover.inputs';
import { HandoverComparison, HandoverKpiComparison, HandoverNotReady } from './handover.results';

const DAY_MS = 24 * 60 * 60 * 1000;
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

/** What handOverProject passes in to create the handover inside its own transaction. */
export interface ProposeHandover {
  projectRowId: number;
  /** Start of the project: pilot samples before it do not count towards the baseline. */
  projectStart: Date;
  operationRowId: number;
  receivingTeamRowId: number;
  criteria: string[];
  targets: HandoverTargetsInput | null | undefined;
  supportDays: number;
  now: Date;
}

/**
 * Trims acceptance criteria and refuses blank ones (BAD_USER_INPUT on `field`); null/undefined is
 * an empty list. Length and count limits are on the input class.
 */
export function normalizeCriteria(criteria: string[] | null | undefined, field: string): string[] {
  const list = (criteria ?? []).map((c) => c.trim());
  if (list.length > MAX_ACCEPTANCE_CRITERIA) throw badInput(field, `at most ${MAX_ACCEPTANCE_CRITERIA} criteria`);
  const blank = list.findIndex((c) => c.length === 0);
  if (blank >= 0) throw badInput(`${field}[${blank}]`, 'must not be blank');
  return list;
}

const eventOf = (type: string, h: Handover, extra: Record<string, unknown> = {}) => ({
  type,
  subjectId: h.id,
  payload: { handoverRowId: h.rowId, projectRowId: h.projectRowId, operationRowId: h.operationRowId, ...extra },
});

/**
 * The handover lifecycle: proposing (inside handOverProject's transaction), criteria, acceptance,
 * closing, and the comparison of the operation's actuals with targets and baseline. Every KPI comes
 * from ThroughputMetricsService and the pure formulas in src/kpi.
 */
export class HandoverLifecycleService {
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
   * Creates the PROPOSED handover of a project and its criteria, inside the caller's transaction.
   * The baseline is measured from the samples of the operation's processes that lie between the
   * project start and `now`, over the span those samples actually cover (so weeks before the pilot
   * started recording do not dilute the rates); no samples gives an empty baseline.
   */
  async propose(uow: UnitOfWork, p: ProposeHandover): Promise<Handover> {
    const baseline = await this.measureBaseline(uow, p.operationRowId, p.projectStart, p.now);
    const handover = await uow.manager.save(
      uow.manager.create(Handover, {
        projectRowId: p.projectRowId,
        operationRowId: p.operationRowId,
        receivingTeamRowId: p.receivingTeamRowId,
        status: HandoverStatus.PROPOSED,
        targetThroughputPerHour: p.targets?.throughputPerHour ?? null,
        targetYield: p.targets?.yield ?? null,
        targetOee: p.targets?.oee ?? null,
        ...baseline,
        supportDays: p.supportDays,
        supportUntil: null,
        proposedAt: p.now,
        acceptedAt: null,
        acceptedBy: null,
        closedAt: null,
        closedBy: null,
        updatedAt: p.now,
        version: 1,
      }),
    );
    if (p.criteria.length) {
      await uow.manager.insert(
        AcceptanceCriterion,
        p.criteria.map((description) => ({
          handoverRowId: handover.rowId,
          description,
          met: false,
          metBy: null,
          metAt: null,
          updatedAt: p.now,
          version: 1,
        })),
      );
    }
    return handover;
  }

  private async measureBaseline(uow: UnitOfWork, operationRowId: number, projectStart: Date, now: Date) {
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
   * Records a criterion as met (who: the token subject, when: now) or unmet again (clears both).
   * Setting the value it already has changes nothing. Returns VersionConflict when
   * `expectedVersion` is given and stale, InvalidStateTransition unless the handover is PROPOSED
   * (criteria are frozen once accepted).
   */
  setCriterion(
    viewer: Viewer,
    input: SetAcceptanceCriterionInput,
  ): Promise<AcceptanceCriterion | VersionConflict | InvalidStateTransition> {
    const rowId = expectId(input.id, 'AcceptanceCriterion', 'input.id');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const unlocked = await loadForUpdate(uow, AcceptanceCriterion, 'AcceptanceCriterion', rowId, false);
      // Lock the handover first, as acceptHandover does, so accepting cannot interleave with an unmet.
      const handover = await loadForUpdate(uow, Handover, 'Handover', unlocked.handoverRowId);
      const criterion = await loadForUpdate(uow, AcceptanceCriterion, 'AcceptanceCriterion', rowId);
      if (input.expectedVersion != null && input.expectedVersion !== criterion.version) {
        return new VersionConflict(criterion.id, input.expectedVersion, criterion.version);
      }
      if (handover.status !== HandoverStatus.PROPOSED) {
        const status = effectiveHandoverStatus(handover, now);
        return new InvalidStateTransition(
          `Handover ${handover.id} is ${status}: criteria can only change while it is PROPOSED`,
          status,
          input.met ? 'criterionMet' : 'criterionUnmet',
        );
      }
      if (criterion.met === input.met) return criterion;
      const updated = await updateVersioned(
        uow,
        AcceptanceCriterion,
        'AcceptanceCriterion',
        rowId,
        criterion.version,
        {
          met: input.met,
          metBy: input.met ? viewer.subject : null,
          metAt: input.met ? now : null,
        },
        now,
      );
      if (updated instanceof VersionConflict) return updated;
      await this.deps.streams.append(uow, streamKeys.project(handover.projectRowId), [
        eventOf('handover.criterionSet', handover, { criterionRowId: rowId, met: input.met }),
      ]);
      return updated;
    });
  }

  /**
   * Accepts a PROPOSED handover: ACCEPTED with acceptedAt/acceptedBy, and early-life support
   * starts (supportUntil = now + supportDays; the status reads IN_SUPPORT until then). Returns
   * VersionConflict for a stale version, InvalidStateTransition unless PROPOSED, and
   * HandoverNotReady while any criterion is unmet; in each case nothing changes.
   */
  accept(viewer: Viewer, input: AcceptHandoverInput): Promise<Handover | HandoverNotReady | VersionConflict | InvalidStateTransition> {
    const rowId = expectId(input.id, 'Handover', 'input.id');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const handover = await loadForUpdate(uow, Handover, 'Handover', rowId);
      if (handover.version !== input.expectedVersion) return new VersionConflict(handover.id, input.expectedVersion, handover.version);
      if (handover.status !== HandoverStatus.PROPOSED) {
        const status = effectiveHandoverStatus(handover, now);
        return new InvalidStateTransition(
          `Handover ${handover.id} is ${status}: only a PROPOSED handover can be accepted`,
          status,
          HandoverStatus.ACCEPTED,
        );
      }
      const unmet = await uow.manager.countBy(AcceptanceCriterion, { handoverRowId: rowId, met: false });
      if (unmet > 0) return new HandoverNotReady(handover.id, unmet);
      const updated = await updateVersioned(
        uow,
        Handover,
        'Handover',
        rowId,
        handover.version,
        {
          status: HandoverStatus.ACCEPTED,
          acceptedAt: now,
          acceptedBy: viewer.subject,
          supportUntil: new Date(now.getTime() + handover.supportDays * DAY_MS),
        },
        now,
      );
      if (updated instanceof VersionConflict) return updated;
      await this.deps.streams.append(uow, streamKeys.project(handover.projectRowId), [
        eventOf('handover.accepted', updated, { supportUntil: updated.supportUntil!.toISOString() }),
      ]);
      return updated;
    });
  }

  /**
   * Closes an accepted handover (IN_SUPPORT or ACCEPTED): CLOSED with closedAt/closedBy; closing
   * inside the support window ends support early (supportUntil keeps the agreed date). Returns
   * VersionConflict for a stale version and InvalidStateTransition from PROPOSED or CLOSED.
   */
  close(viewer: Viewer, input: CloseHandoverInput): Promise<Handover | VersionConflict | InvalidStateTransition> {
    const rowId = expectId(input.id, 'Handover', 'input.id');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const handover = await loadForUpdate(uow, Handover, 'Handover', rowId);
      if (handover.version !== input.expectedVersion) return new VersionConflict(handover.id, input.expectedVersion, handover.version);
      if (handover.status !== HandoverStatus.ACCEPTED) {
        const status = effectiveHandoverStatus(handover, now);
        return new InvalidStateTransition(
          `Handover ${handover.id} is ${status}: only an accepted handover (IN_SUPPORT or ACCEPTED) can be closed`,
          status,
          HandoverStatus.CLOSED,
        );
      }
      const updated = await updateVersioned(
        uow,
        Handover,
        'Handover',
        rowId,
        handover.version,
        { status: HandoverStatus.CLOSED, closedAt: now, closedBy: viewer.subject },
        now,
      );
      if (updated instanceof VersionConflict) return updated;
      await this.deps.streams.append(uow, streamKeys.project(handover.projectRowId), [eventOf('handover.closed', updated)]);
      return updated;
    });
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
