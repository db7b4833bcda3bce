import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root, ID } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { expectId } from '../../common/ids';
import { ConnectionArgs, type Ordering, paginateArray } from '../../common/pagination';
import { Team } from '../team/team.entity';
import { Process } from '../process/process.entity';
import { ProcessConnection } from '../process/process.connection';
import { Project, ProjectStatus } from '../project/project.entity';
import { ProjectConnection } from '../project/project.connection';
import { Operation } from './operation.entity';
import { OperationConnection } from './operation.connection';
import { CreateOperationInput, OperationsArgs, UpdateOperationInput } from './operation.inputs';
import { CreateOperationResult, UpdateOperationResult } from './operation.results';

const OPEN_PROJECT = new Set([ProjectStatus.PLANNED, ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD]);

/** `Operation.processes`: by sequence (unique in an operation; the id only makes it total). */
const PROCESSES_BY_SEQUENCE: Ordering<Process> = {
  connection: 'Operation.processes',
  name: 'SEQUENCE_ASC',
  keys: [{ type: 'number', direction: 'ASC', read: (p) => p.sequence }],
  id: { direction: 'ASC', read: (p) => p.rowId },
};

/** `Operation.improvingProjects`: earliest due first. */
const PROJECTS_BY_DUE_DATE: Ordering<Project> = {
  connection: 'Operation.improvingProjects',
  name: 'DUE_DATE_ASC',
  keys: [{ type: 'date', direction: 'ASC', read: (p) => p.dueDate }],
  id: { direction: 'ASC', read: (p) => p.rowId },
};

@Resolver(() => Operation)
export class OperationResolver {
  @Authorized()
  @Query(() => Operation, { nullable: true, description: 'One operation by ID; null if it does not exist.' })
  operation(@Arg('id', () => ID, { description: 'Operation ID.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Operation).load(expectId(id, 'Operation', 'id'));
  }

  @Authorized()
  @Query(() => OperationConnection, { description: 'Operations, filtered, ordered and paged.' })
  async operations(@Args(() => OperationsArgs) args: OperationsArgs, @Ctx() ctx: Context) {
    const below =
      args.filter?.belowTarget != null
        ? await ctx.services.throughputMetrics.belowTargetProcessIds(
            ctx.loaders,
            ctx.services.throughputMetrics.window({ lastMinutes: 60 }, ctx.now),
          )
        : null;
    return ctx.services.operations.list(args, below);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateOperationResult, { description: 'Creates an operation. Requires ADMIN.' })
  createOperation(@Arg('input', { description: 'What to do; see the input type.' }) input: CreateOperationInput, @Ctx() ctx: Context) {
    return ctx.services.operations.create(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpdateOperationResult, { description: 'Changes an operation if `expectedVersion` is current. Requires ADMIN.' })
  updateOperation(@Arg('input', { description: 'What to do; see the input type.' }) input: UpdateOperationInput, @Ctx() ctx: Context) {
    return ctx.services.operations.update(input);
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The permanent team that runs the operation.' })
  team(@Root() operation: Operation, @Ctx() ctx: Context) {
    return operation.teamRowId ? ctx.loaders.byId(Team).load(operation.teamRowId) : null;
  }

  @FieldResolver(() => ProcessConnection, { description: "The workflow's processes, ordered by sequence." })
  async processes(@Root() operation: Operation, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const processes = await ctx.loaders.childrenOf(Process, 'operationRowId', { sequence: 'ASC' }).load(operation.rowId);
    return paginateArray(processes, args, PROCESSES_BY_SEQUENCE);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project that built and handed over this operation, if any.' })
  originProject(@Root() operation: Operation, @Ctx() ctx: Context) {
    return operation.originProjectRowId ? ctx.loaders.byId(Project).load(operation.originProjectRowId) : null;
  }

  @FieldResolver(() => ProjectConnection, {
    description: 'Open projects (planned, active or on hold) that improve this operation, by due date.',
  })
  async improvingProjects(@Root() operation: Operation, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const projects = await ctx.loaders
      .childrenOf(Project, 'improvesOperationRowId', { dueDate: 'ASC', rowId: 'ASC' })
      .load(operation.rowId);
    return paginateArray(
      projects.filter((p) => OPEN_PROJECT.has(p.status)),
      args,
      PROJECTS_BY_DUE_DATE,
    );
  }
}
