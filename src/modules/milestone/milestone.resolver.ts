import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { ConnectionArgs, type Ordering, paginateArray } from '../../common/pagination';
import { Project } from '../project/project.entity';
import { Person } from '../team/team.entity';
import { MilestoneConnection } from './milestone.connection';
import { Milestone } from './milestone.entity';
import { CompleteMilestoneInput, CreateMilestoneInput, UpdateMilestoneInput } from './milestone.inputs';
import { CompleteMilestoneResult, CreateMilestoneResult, UpdateMilestoneResult } from './milestone.results';

/** `Project.milestones`: earliest due first. */
const MILESTONES_BY_DUE_DATE: Ordering<Milestone> = {
  connection: 'Project.milestones',
  name: 'DUE_DATE_ASC',
  keys: [{ type: 'date', direction: 'ASC', read: (m) => m.dueDate }],
  id: { direction: 'ASC', read: (m) => m.rowId },
};

@Resolver(() => Milestone)
export class MilestoneResolver {
  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => CreateMilestoneResult, { description: 'Adds a milestone to an open project. Requires PROJECT_MANAGER.' })
  createMilestone(@Arg('input', { description: 'The milestone to create.' }) input: CreateMilestoneInput, @Ctx() ctx: Context) {
    return ctx.services.milestones.create(input);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => UpdateMilestoneResult, { description: 'Changes a milestone if `expectedVersion` is current. Requires PROJECT_MANAGER.' })
  updateMilestone(@Arg('input', { description: 'The changes.' }) input: UpdateMilestoneInput, @Ctx() ctx: Context) {
    return ctx.services.milestones.update(input);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => CompleteMilestoneResult, { description: 'Marks a milestone DONE (100%, completedAt now). Requires PROJECT_MANAGER.' })
  completeMilestone(@Arg('input', { description: 'The milestone to complete.' }) input: CompleteMilestoneInput, @Ctx() ctx: Context) {
    return ctx.services.milestones.complete(input);
  }

  @FieldResolver(() => Project, { description: 'The project this milestone belongs to.' })
  project(@Root() milestone: Milestone, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Project).load(milestone.projectRowId);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person responsible, if any.' })
  owner(@Root() milestone: Milestone, @Ctx() ctx: Context) {
    return milestone.ownerRowId ? ctx.loaders.byId(Person).load(milestone.ownerRowId) : null;
  }
}

@Resolver(() => Project)
export class ProjectMilestoneResolver {
  @FieldResolver(() => MilestoneConnection, { description: 'Milestones, earliest due first.' })
  async milestones(@Root() project: Project, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const milestones = await ctx.loaders.childrenOf(Milestone, 'projectRowId', { dueDate: 'ASC', rowId: 'ASC' }).load(project.rowId);
    return paginateArray(milestones, args, MILESTONES_BY_DUE_DATE);
  }
}
