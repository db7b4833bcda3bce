import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { Project } from '../project/project.entity';
import { Person } from '../team/team.entity';
import { Milestone } from './milestone.entity';
import { CompleteMilestoneInput, CreateMilestoneInput, UpdateMilestoneInput } from './milestone.inputs';
import { CompleteMilestoneResult, CreateMilestoneResult, UpdateMilestoneResult } from './milestone.results';

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
