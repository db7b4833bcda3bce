import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { expectId } from '../../common/ids';
import { Money } from '../../common/types';
import { Operation } from '../operation/operation.entity';
import { ProjectConnection } from './project.connection';
import { Team } from '../team/team.entity';
import { Project } from './project.entity';
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
