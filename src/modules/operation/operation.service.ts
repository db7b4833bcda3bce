import type { ServiceDeps } from '../module';
import { badInput, notFound } from '../../common/errors';
import { expectId } from '../../common/ids';
import { paginateQuery } from '../../common/pagination';
import { anyOf, applyFilter, equals, holds, textIn } from '../../common/filters';
import { updateVersioned } from '../../db/versioned';
import type { UnitOfWork } from '../../db/transaction';
import type { VersionConflict } from '../../common/types';
import { Team, TeamKind } from '../team/team.entity';
import { Operation } from './operation.entity';
import {
  type CreateOperationInput,
  OPERATION_ORDERINGS,
  type OperationFilter,
  type OperationsArgs,
  type UpdateOperationInput,
} from './operation.inputs';

/** Checks that `teamId` names an active permanent team; throws BAD_USER_INPUT / NOT_FOUND. */
export async function requirePermanentTeam(uow: UnitOfWork, teamId: string, field: string): Promise<Team> {
  const rowId = expectId(teamId, 'Team', field);
  const team = await uow.manager.findOneBy(Team, { rowId });
  if (!team) throw notFound('Team', teamId);
  if (team.kind !== TeamKind.PERMANENT) throw badInput(field, 'must be a PERMANENT team: operations are run by permanent teams');
  return team;
}

export class OperationService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Lists operations with filters and ordering, one page at a time. */
  list(args: OperationsArgs, belowTargetProcessIds: Set<number> | null = null) {
    const qb = this.deps.dataSource.getRepository(Operation).createQueryBuilder('o');
    const below = [...(belowTargetProcessIds ?? [])];
    applyFilter<OperationFilter, Operation>(qb, args.filter, {
      status: anyOf('o.status'),
      teamId: (q, teamId, param) => equals<Operation>('o.teamRowId')(q, expectId(teamId, 'Team', 'filter.teamId'), param),
      search: textIn('o.name', 'o.description'),
      hasImprovingProjects: holds(
        `EXISTS (SELECT 1 FROM project p WHERE p.improvesOperationRowId = o.id AND p.status IN ('PLANNED','ACTIVE','ON_HOLD'))`,
      ),
      // Which processes are below target is computed from throughput by the caller (null: not asked).
      belowTarget: belowTargetProcessIds
        ? holds(below.length ? 'EXISTS (SELECT 1 FROM process bp WHERE bp.operationRowId = o.id AND bp.id IN (:...below))' : '1 = 0', {
            below,
          })
        : undefined,
    });
    return paginateQuery(qb, args, OPERATION_ORDERINGS[args.orderBy]);
  }

  /** Creates an operation; the team, when given, must be permanent. */
  create(input: CreateOperationInput): Promise<Operation> {
    return this.deps.transaction(async (uow) => {
      const team = input.teamId ? await requirePermanentTeam(uow, input.teamId, 'input.teamId') : null;
      const now = this.deps.clock.now();
      return uow.manager.save(
        uow.manager.create(Operation, {
          name: input.name.trim(),
          description: input.description ?? '',
          status: input.status,
          teamRowId: team?.rowId ?? null,
          originProjectRowId: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      );
    });
  }

  /** Applies changes if `expectedVersion` is current; returns VersionConflict otherwise. */
  update(input: UpdateOperationInput): Promise<Operation | VersionConflict> {
    const rowId = expectId(input.id, 'Operation', 'input.id');
    return this.deps.transaction(async (uow) => {
      const changes: Partial<Operation> = {};
      if (input.name !== undefined && input.name !== null) changes.name = input.name.trim();
      if (input.description !== undefined && input.description !== null) changes.description = input.description;
      if (input.status) changes.status = input.status;
      if (input.teamId) changes.teamRowId = (await requirePermanentTeam(uow, input.teamId, 'input.teamId')).rowId;
      return updateVersioned(uow, Operation, 'Operation', rowId, input.expectedVersion, changes, this.deps.clock.now());
    });
  }
}
