import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { expectId } from '../../common/ids';
import { ConnectionArgs, type Ordering, paginateArray } from '../../common/pagination';
import { Money } from '../../common/types';
import { Operation } from '../operation/operation.entity';
import { ProjectConnection } from './project.connection';
import { Team } from '../team/team.entity';
import { Project, ProjectStatus } from './project.entity';
import { CreateProjectInput, ProjectsArgs, UpdateProjectInput } from './project.inputs';
import { CreateProjectResult, UpdateProjectResult } from './project.results';

@Resolver(() => Project)
export class ProjectResolver {
  @Authorized()
  @Query(() => Project, { nullable: true, description: 'One project by ID; null if it does not exist.' })
  project(@Arg('id', () => ID, { description: 'Project ID.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Project).load(expectId(id, 'Project', 'id'));
  }

  @Authorized()
  @Query(() => ProjectConnection, { description: 'Projects, filtered, ordered and paged.' })
  projects(@Args(() => ProjectsArgs) args: ProjectsArgs, @Ctx() ctx: Context) {
    return ctx.services.projects.list(args);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => CreateProjectResult, { description: 'Creates a project, optionally with its temporary team. Requires PROJECT_MANAGER.' })
  createProject(@Arg('input', { description: 'The project to create.' }) input: CreateProjectInput, @Ctx() ctx: Context) {
    return ctx.services.projects.create(input);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => UpdateProjectResult, {
    description:
      'Changes a project if `expectedVersion` is current; see `UpdateProjectInput.status` for the allowed status changes. Requires PROJECT_MANAGER.',
  })
  updateProject(@Arg('input', { description: 'The changes.' }) input: UpdateProjectInput, @Ctx() ctx: Context) {
    return ctx.services.projects.update(input);
  }

  @FieldResolver(() => Money, { description: 'The approved budget.' })
  budget(@Root() project: Project, @Ctx() ctx: Context): Money {
    return Money.of(project.budgetCents, ctx.config.currency);
  }

  @FieldResolver(() => Money, { description: "What has been spent: the sum of the project's cost entries (credit notes subtract)." })
  async actualCost(@Root() project: Project, @Ctx() ctx: Context): Promise<Money> {
    const cents = await ctx.loaders
      .custom<number, number>('project.actualCost', (ids) => ctx.services.projects.actualCostCents(ids))
      .load(project.rowId);
    return Money.of(cents, ctx.config.currency);
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The temporary team staffing the project (disbanded once it ends).' })
  team(@Root() project: Project, @Ctx() ctx: Context) {
    return project.teamRowId ? ctx.loaders.byId(Team).load(project.teamRowId) : null;
  }

  @FieldResolver(() => Operation, { nullable: true, description: 'The existing operation this project improves, if any.' })
  improvesOperation(@Root() project: Project, @Ctx() ctx: Context) {
    return project.improvesOperationRowId ? ctx.loaders.byId(Operation).load(project.improvesOperationRowId) : null;
  }

  @FieldResolver(() => Operation, { nullable: true, description: 'The operation the project was handed over to; null until handed over.' })
  deliveredOperation(@Root() project: Project, @Ctx() ctx: Context) {
    return project.deliveredOperationRowId ? ctx.loaders.byId(Operation).load(project.deliveredOperationRowId) : null;
  }
}

const OPEN_PROJECT = new Set([ProjectStatus.PLANNED, ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD]);

/** `Operation.improvingProjects`: earliest due first. */
const PROJECTS_BY_DUE_DATE: Ordering<Project> = {
  connection: 'Operation.improvingProjects',
  name: 'DUE_DATE_ASC',
  keys: [{ type: 'date', direction: 'ASC', read: (p) => p.dueDate }],
  id: { direction: 'ASC', read: (p) => p.rowId },
};

/** The fields projects add to `Operation`. */
@Resolver(() => Operation)
export class OperationProjectsResolver {
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
