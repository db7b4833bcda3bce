import type { ServiceDeps } from '../module';
import { badInput, notFound } from '../../common/errors';
import { expectId, maybeId } from '../../common/ids';
import { paginateQuery } from '../../common/pagination';
import { anyOf, applyFilter, equals, holds, textIn } from '../../common/filters';
import { InvalidStateTransition, VersionConflict, toCents } from '../../common/types';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import type { UnitOfWork } from '../../db/transaction';
import { streamKeys } from '../../realtime/streams';
import { CostEntry } from '../cost/cost.entity';
import { Operation, OperationStatus } from '../operation/operation.entity';
import { Team, TeamKind } from '../team/team.entity';
import { CLOSED_PROJECT, disbandProjectTeams } from '../team/team.service';
import { Project, ProjectStatus } from './project.entity';
import {
  type CreateProjectInput,
  PROJECT_ORDERINGS,
  type ProjectFilter,
  type ProjectsArgs,
  type UpdateProjectInput,
} from './project.inputs';

/** Status changes updateProject accepts; COMPLETED additionally needs a project that delivers no new operation. */
const TRANSITIONS: Record<ProjectStatus, ProjectStatus[]> = {
  [ProjectStatus.PLANNED]: [ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD, ProjectStatus.CANCELLED],
  [ProjectStatus.ACTIVE]: [ProjectStatus.ON_HOLD, ProjectStatus.CANCELLED, ProjectStatus.COMPLETED],
  [ProjectStatus.ON_HOLD]: [ProjectStatus.ACTIVE, ProjectStatus.CANCELLED, ProjectStatus.COMPLETED],
  [ProjectStatus.COMPLETED]: [],
  [ProjectStatus.CANCELLED]: [],
};

/** Converts a money amount from input to cents; more than 2 decimals is BAD_USER_INPUT on `field`. */
export function centsOf(amount: number, field: string): number {
  const cents = toCents(amount);
  if (cents === null) throw badInput(field, 'must have at most 2 decimals');
  return cents;
}

/** Refuses a project that has ended: InvalidStateTransition naming the attempted action, or null when open. */
export function refuseClosedProject(project: Project, action: string): InvalidStateTransition | null {
  return CLOSED_PROJECT.has(project.status)
    ? new InvalidStateTransition(`Project ${project.id} is ${project.status}; it takes no further ${action}`, project.status, action)
    : null;
}

export class ProjectService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Lists projects with filters and ordering, one page at a time. */
  list(args: ProjectsArgs) {
    const qb = this.deps.dataSource.getRepository(Project).createQueryBuilder('p');
    applyFilter<ProjectFilter, Project>(qb, args.filter, {
      status: anyOf('p.status'),
      teamId: (q, teamId, param) => equals<Project>('p.teamRowId')(q, expectId(teamId, 'Team', 'filter.teamId'), param),
      improvesOperationId: (q, operationId, param) =>
        equals<Project>('p.improvesOperationRowId')(q, expectId(operationId, 'Operation', 'filter.improvesOperationId'), param),
      dueBefore: (q, dueBefore, param) => void q.andWhere(`p.dueDate < :${param}`, { [param]: dueBefore }),
      dueAfter: (q, dueAfter, param) => void q.andWhere(`p.dueDate >= :${param}`, { [param]: dueAfter }),
      search: textIn('p.name', 'p.goal'),
      overdue: holds("(p.dueDate < :now AND p.status IN ('PLANNED','ACTIVE','ON_HOLD'))", { now: this.deps.clock.now() }),
    });
    return paginateQuery(qb, args, PROJECT_ORDERINGS[args.orderBy]);
  }

  /** Sums the cost entries of many projects in ONE grouped query; projects without costs sum to 0. */
  async actualCostCents(projectRowIds: readonly number[]): Promise<number[]> {
    const rows: { projectRowId: number; total: string | number | null }[] = await this.deps.dataSource
      .getRepository(CostEntry)
      .createQueryBuilder('c')
      .select('c.projectRowId', 'projectRowId')
      .addSelect('SUM(c.amountCents)', 'total')
      .where('c.projectRowId IN (:...ids)', { ids: [...projectRowIds] })
      .groupBy('c.projectRowId')
      .getRawMany();
    const totals = new Map(rows.map((r) => [Number(r.projectRowId), Number(r.total ?? 0)]));
    return projectRowIds.map((id) => totals.get(id) ?? 0);
  }

  /** Checks the end of a date range; BAD_USER_INPUT on `field` unless due is after start. */
  private checkDates(startDate: Date, dueDate: Date, field: string) {
    if (dueDate.getTime() <= startDate.getTime()) throw badInput(field, 'must be after startDate');
  }

  /**
   * Creates a project, optionally staffed by an existing TEMPORARY team without a project (`teamId`)
   * or by a new temporary team named after it (`createTeam`). Bad dates, budgets with more than 2
   * decimals, a retired improved operation or an unsuitable team are BAD_USER_INPUT.
   */
  create(input: CreateProjectInput): Promise<Project> {
    if (input.status !== ProjectStatus.PLANNED && input.status !== ProjectStatus.ACTIVE)
      throw badInput('input.status', 'a new project is PLANNED or ACTIVE');
    this.checkDates(input.startDate, input.dueDate, 'input.dueDate');
    const budgetCents = centsOf(input.budget, 'input.budget');
    const operationRowId = maybeId(input.improvesOperationId, 'Operation', 'input.improvesOperationId');
    const teamRowId = maybeId(input.teamId, 'Team', 'input.teamId');
    if (teamRowId !== null && input.createTeam) throw badInput('input.teamId', 'cannot be combined with createTeam');

    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      if (operationRowId !== null) {
        const operation = await uow.manager.findOneBy(Operation, { rowId: operationRowId });
        if (!operation) throw notFound('Operation', input.improvesOperationId!);
        if (operation.status === OperationStatus.RETIRED)
          throw badInput('input.improvesOperationId', 'is RETIRED: improve an active or paused operation');
      }
      if (teamRowId !== null) await this.checkFreeTemporaryTeam(uow, teamRowId, input.teamId!);
      const project = await uow.manager.save(
        uow.manager.create(Project, {
          name: input.name.trim(),
          goal: input.goal ?? '',
          status: input.status,
          startDate: input.startDate,
          dueDate: input.dueDate,
          completedAt: null,
          budgetCents,
          teamRowId: null,
          improvesOperationRowId: operationRowId,
          deliveredOperationRowId: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      );
      let staffRowId = teamRowId;
      if (staffRowId !== null) {
        await uow.manager.update(Team, { rowId: staffRowId }, { projectRowId: project.rowId });
      } else if (input.createTeam) {
        const team = await uow.manager.save(
          uow.manager.create(Team, {
            name: project.name,
            kind: TeamKind.TEMPORARY,
            projectRowId: project.rowId,
            disbandedAt: null,
            createdAt: now,
          }),
        );
        staffRowId = team.rowId;
      }
      if (staffRowId !== null) {
        // Still version 1: the team link is part of creating the project.
        await uow.manager.update(Project, { rowId: project.rowId }, { teamRowId: staffRowId });
        project.teamRowId = staffRowId;
      }
      await this.deps.streams.append(uow, streamKeys.project(project.rowId), [
        { type: 'project.created', subjectId: project.id, payload: { projectRowId: project.rowId } },
      ]);
      return project;
    });
  }

  private async checkFreeTemporaryTeam(uow: UnitOfWork, teamRowId: number, teamId: string) {
    const team = await loadForUpdate(uow, Team, 'Team', teamRowId);
    if (team.kind !== TeamKind.TEMPORARY)
      throw badInput('input.teamId', 'must be a TEMPORARY team: projects are staffed by temporary teams');
    if (team.disbandedAt) throw badInput('input.teamId', 'is disbanded');
    if (team.projectRowId !== null || (await uow.manager.existsBy(Project, { teamRowId })))
      throw badInput('input.teamId', `team ${teamId} already staffs a project`);
  }

  /**
   * Applies changes if `expectedVersion` is current (else VersionConflict). Status changes follow
   * the rules on `UpdateProjectInput.status` (else InvalidStateTransition); CANCELLED and
   * COMPLETED disband the temporary team, and COMPLETED sets completedAt.
   */
  update(input: UpdateProjectInput): Promise<Project | VersionConflict | InvalidStateTransition> {
    const rowId = expectId(input.id, 'Project', 'input.id');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const current = await loadForUpdate(uow, Project, 'Project', rowId);
      if (current.version !== input.expectedVersion) return new VersionConflict(current.id, input.expectedVersion, current.version);
      const changes: Partial<Project> = {};
      if (input.name != null) changes.name = input.name.trim();
      if (input.goal != null) changes.goal = input.goal;
      if (input.budget != null) changes.budgetCents = centsOf(input.budget, 'input.budget');
      if (input.startDate != null || input.dueDate != null) {
        const start = input.startDate ?? current.startDate;
        const due = input.dueDate ?? current.dueDate;
        this.checkDates(start, due, input.dueDate != null ? 'input.dueDate' : 'input.startDate');
        changes.startDate = start;
        changes.dueDate = due;
      }
      const ending = input.status != null && input.status !== current.status ? input.status : null;
      if (ending !== null) {
        const refused = this.refuseTransition(current, ending);
        if (refused) return refused;
        changes.status = ending;
        if (ending === ProjectStatus.COMPLETED) changes.completedAt = now;
      }
      const updated = await updateVersioned(uow, Project, 'Project', rowId, input.expectedVersion, changes, now);
      if (updated instanceof VersionConflict) return updated;
      if (ending === ProjectStatus.CANCELLED || ending === ProjectStatus.COMPLETED) await disbandProjectTeams(uow, updated, now);
      await this.deps.streams.append(uow, streamKeys.project(rowId), [
        { type: 'project.updated', subjectId: updated.id, payload: { projectRowId: rowId, status: updated.status } },
      ]);
      return updated;
    });
  }

  private refuseTransition(project: Project, to: ProjectStatus): InvalidStateTransition | null {
    if (!TRANSITIONS[project.status].includes(to)) {
      const why = CLOSED_PROJECT.has(project.status) ? `${project.status} is final` : `${project.status} cannot become ${to}`;
      return new InvalidStateTransition(`Project ${project.id}: ${why}`, project.status, to);
    }
    if (to === ProjectStatus.COMPLETED && project.improvesOperationRowId === null) {
      return new InvalidStateTransition(
        `Project ${project.id} delivers a new operation: complete it with handOverProject`,
        project.status,
        to,
      );
    }
    return null;
  }
}
