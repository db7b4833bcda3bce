import type { ServiceDeps } from '../module';
import type { Viewer } from '../../common/auth';
import { badInput } from '../../common/errors';
import { expectId, maybeId } from '../../common/ids';
import type { Loaders } from '../../common/loaders';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import type { UnitOfWork } from '../../db/transaction';
import { streamKeys } from '../../realtime/streams';
import { applyFilter, equals } from '../../common/filters';
import { paginateQuery } from '../../common/pagination';
import type { WindowArgs } from '../throughput/throughput.inputs';
import type { ThroughputMetricsService } from '../throughput/throughput.service';
import { Operation, OperationStatus } from '../operation/operation.entity';
import { requirePermanentTeam } from '../operation/operation.service';
import { Project, ProjectStatus } from '../project/project.entity';
import { disbandProjectTeams } from '../team/team.service';
import { AcceptanceCriterion, effectiveHandoverStatus, Handover, HandoverStatus } from './handover.entity';
import {
  type AcceptHandoverInput,
  type CloseHandoverInput,
  DEFAULT_SUPPORT_DAYS,
  type HandOverProjectInput,
  type HandoverFilter,
  HANDOVER_ORDERINGS,
  type HandoversArgs,
  type HandoverTargetsInput,
  MAX_ACCEPTANCE_CRITERIA,
  type SetAcceptanceCriterionInput,
} from './handover.inputs';
import { HandoverKpis } from './handover-kpis.service';
import { type HandoverComparison, HandoverNotReady, HandoverResult } from './handover.results';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Only projects under way (or paused) can be handed over; a PLANNED project has produced nothing. */
const HANDOVER_FROM = new Set<ProjectStatus>([ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD]);

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
 * Handing a finished project over to operations, and the handover's life after it: proposing
 * (inside handOverProject's transaction), criteria, acceptance, closing, and the comparison of the
 * operation's actuals with targets and baseline (its KPIs are in HandoverKpis, handover-kpis.service.ts).
 */
export class HandoverService {
  private readonly kpis: HandoverKpis;

  constructor(
    private readonly deps: ServiceDeps,
    metrics: ThroughputMetricsService,
  ) {
    this.kpis = new HandoverKpis(deps, metrics);
  }

  /** Handovers, filtered by status as clients see it at `now`, operation and receiving team, one page at a time. */
  list(args: HandoversArgs, now: Date) {
    const qb = this.deps.dataSource.getRepository(Handover).createQueryBuilder('h');
    applyFilter<HandoverFilter, Handover>(qb, args.filter, {
      statuses: (q, statuses, param) => {
        const terms: string[] = [];
        const stored = statuses.filter((st) => st === HandoverStatus.PROPOSED || st === HandoverStatus.CLOSED);
        if (stored.length) terms.push(`h.status IN (:...${param})`);
        if (statuses.includes(HandoverStatus.IN_SUPPORT)) terms.push(`(h.status = 'ACCEPTED' AND h.supportUntil > :${param}_now)`);
        if (statuses.includes(HandoverStatus.ACCEPTED))
          terms.push(`(h.status = 'ACCEPTED' AND (h.supportUntil IS NULL OR h.supportUntil <= :${param}_now))`);
        q.andWhere(`(${terms.join(' OR ')})`, { [param]: stored, [`${param}_now`]: now });
      },
      operationId: (q, id, param) => equals<Handover>('h.operationRowId')(q, expectId(id, 'Operation', 'filter.operationId'), param),
      teamId: (q, id, param) => equals<Handover>('h.receivingTeamRowId')(q, expectId(id, 'Team', 'filter.teamId'), param),
    });
    return paginateQuery(qb, args, HANDOVER_ORDERINGS[args.orderBy]);
  }

  /**
   * Hands a project over to operations in ONE transaction: locks the project, creates the new
   * operation (origin = the project) or links the existing one (its team and origin are set only
   * where empty), completes the project (completedAt, deliveredOperation) and disbands its
   * temporary team, and creates the PROPOSED Handover (criteria, targets, a baseline measured from
   * the pilot samples, the support length); publishes `project.handedOver` after commit. The
   * handover is PROPOSED even without criteria: the receiving side always accepts explicitly.
   * Returns InvalidStateTransition unless the project is ACTIVE or ON_HOLD (or the existing
   * operation is RETIRED), VersionConflict when `expectedVersion` is given and stale. Giving both
   * or neither of operationId/newOperationName, or a non-PERMANENT team, is BAD_USER_INPUT.
   */
  handOver(input: HandOverProjectInput): Promise<HandoverResult | InvalidStateTransition | VersionConflict> {
    const projectRowId = expectId(input.projectId, 'Project', 'input.projectId');
    const operationRowId = maybeId(input.operationId, 'Operation', 'input.operationId');
    const newName = input.newOperationName?.trim() || null;
    if ((operationRowId === null) === (newName === null))
      throw badInput('input.operationId', 'give exactly one of operationId and newOperationName');
    if (operationRowId !== null && input.newOperationDescription != null)
      throw badInput('input.newOperationDescription', 'only applies to a new operation');
    const criteria = normalizeCriteria(input.acceptanceCriteria, 'input.acceptanceCriteria');

    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const project = await loadForUpdate(uow, Project, 'Project', projectRowId);
      if (input.expectedVersion != null && input.expectedVersion !== project.version) {
        return new VersionConflict(project.id, input.expectedVersion, project.version);
      }
      if (!HANDOVER_FROM.has(project.status)) {
        return new InvalidStateTransition(
          `Project ${project.id} is ${project.status}: only ACTIVE or ON_HOLD projects can be handed over`,
          project.status,
          'handOverProject',
        );
      }
      const team = await requirePermanentTeam(uow, input.teamId, 'input.teamId');

      let operation: Operation;
      if (operationRowId !== null) {
        const existing = await loadForUpdate(uow, Operation, 'Operation', operationRowId);
        if (existing.status === OperationStatus.RETIRED) {
          return new InvalidStateTransition(
            `Operation ${existing.id} is RETIRED and cannot receive a handover`,
            existing.status,
            'handOverProject',
          );
        }
        const changes: Partial<Operation> = {};
        if (existing.teamRowId === null) changes.teamRowId = team.rowId;
        if (existing.originProjectRowId === null) changes.originProjectRowId = project.rowId;
        const linked = Object.keys(changes).length
          ? await updateVersioned(uow, Operation, 'Operation', existing.rowId, existing.version, changes, now)
          : existing;
        // The row is locked, so its version cannot have moved since we read it.
        if (linked instanceof VersionConflict) throw new Error(`Operation ${existing.id} changed while locked`);
        operation = linked;
      } else {
        operation = await uow.manager.save(
          uow.manager.create(Operation, {
            name: newName!,
            description: input.newOperationDescription ?? '',
            status: OperationStatus.ACTIVE,
            teamRowId: team.rowId,
            originProjectRowId: project.rowId,
            createdAt: now,
            updatedAt: now,
            version: 1,
          }),
        );
      }

      const completed = await updateVersioned(
        uow,
        Project,
        'Project',
        project.rowId,
        project.version,
        {
          status: ProjectStatus.COMPLETED,
          completedAt: now,
          deliveredOperationRowId: operation.rowId,
        },
        now,
      );
      if (completed instanceof VersionConflict) return completed;
      await disbandProjectTeams(uow, project, now);
      const handover = await this.propose(uow, {
        projectRowId: project.rowId,
        projectStart: project.startDate,
        operationRowId: operation.rowId,
        receivingTeamRowId: team.rowId,
        criteria,
        targets: input.targets,
        supportDays: input.supportDays ?? DEFAULT_SUPPORT_DAYS,
        now,
      });
      const event = {
        type: 'project.handedOver',
        subjectId: completed.id,
        payload: { projectRowId: project.rowId, operationRowId: operation.rowId, handoverRowId: handover.rowId },
      };
      await this.deps.streams.append(uow, streamKeys.project(project.rowId), [event]);
      await this.deps.streams.append(uow, streamKeys.operation(operation.rowId), [event]);
      return new HandoverResult(completed, operation, handover);
    });
  }

  /**
   * Creates the PROPOSED handover of a project and its criteria, inside the caller's transaction.
   * The baseline is measured from the samples of the operation's processes that lie between the
   * project start and `now`, over the span those samples actually cover (so weeks before the pilot
   * started recording do not dilute the rates); no samples gives an empty baseline.
   */
  async propose(uow: UnitOfWork, p: ProposeHandover): Promise<Handover> {
    const baseline = await this.kpis.baseline(uow, p.operationRowId, p.projectStart, p.now);
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
  compare(loaders: Loaders, handover: Handover, args: WindowArgs, now: Date): Promise<HandoverComparison> {
    return this.kpis.compare(loaders, handover, args, now);
  }
}
