import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context';
import { notFound } from '../../common/errors';
import { expectId } from '../../common/ids';
import { streamKeys } from '../../realtime/streams';
import { Milestone } from '../milestone/milestone.entity';
import { Project } from './project.entity';
import { ProgressRule, EarnedValue, ProjectHealth, ProjectProgress } from './project-metrics.types';
import { cursorOf, type LivePayload, withOptions } from '../live-stream';

@ArgsType()
export class ProjectProgressUpdatedArgs {
  @Field(() => ID, { description: 'The project to follow.' })
  projectId: string;

  @Field(() => String, {
    nullable: true,
    description: 'Resume after this cursor: missed changes are replayed (replayed: true), then live.',
  })
  after?: string | null;
}

@ObjectType({
  description:
    'A change that moved a project (milestone created, updated or completed, cost recorded, risk changed, handover), with its KPIs right after it.',
})
export class ProjectProgressUpdate {
  constructor(readonly payload: LivePayload) {}

  @Field({ description: "Position in the project's stream: pass it as `after` to resume." })
  get cursor(): string {
    return cursorOf(this.payload.item);
  }

  @Field({ description: 'True when replayed after a resume, false when live.' })
  get replayed(): boolean {
    return this.payload.item.replayed;
  }

  @Field({ description: 'What happened, e.g. "milestone.completed", "cost.recorded", "project.handedOver".' })
  get kind(): string {
    return this.payload.item.event.type;
  }

  @Field({ description: 'When it was recorded.' })
  get at(): Date {
    return this.payload.item.event.createdAt;
  }
}

/** A change's KPIs take the change's instant as both status date and knowledge time. */
function atChange(update: ProjectProgressUpdate) {
  return { statusDate: update.at, asOf: update.at };
}

@Resolver(() => ProjectProgressUpdate)
export class ProjectProgressUpdateResolver {
  @Authorized()
  @Subscription(() => ProjectProgressUpdate, {
    description:
      'One event per change that moves a project, with progress, health and earned value as of that change. Resumable with `after`.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const a = args as ProjectProgressUpdatedArgs;
      const rowId = expectId(a.projectId, 'Project', 'projectId');
      if (!(await ctx.loaders.byId(Project).load(rowId))) throw notFound('Project', a.projectId);
      const iterator = await ctx.services.live.open(
        { viewer: ctx.viewer, socket: ctx.socket },
        streamKeys.project(rowId),
        a.after,
        () => true,
      );
      return withOptions(iterator, {});
    },
  })
  projectProgressUpdated(
    @Root() payload: LivePayload,
    @Args(() => ProjectProgressUpdatedArgs) _args: ProjectProgressUpdatedArgs,
  ): ProjectProgressUpdate {
    // Each event runs on a context of its own (fresh loaders and "now"), built by the transport.
    return new ProjectProgressUpdate(payload);
  }

  private async projectOf(update: ProjectProgressUpdate, ctx: Context): Promise<Project> {
    const rowId = Number(update.payload.item.event.streamKey.split(':')[1]);
    const project = await ctx.loaders.byId(Project).load(rowId);
    if (!project) throw notFound('Project', String(rowId));
    return project;
  }

  @FieldResolver(() => Project, { description: 'The project.' })
  project(@Root() update: ProjectProgressUpdate, @Ctx() ctx: Context) {
    return this.projectOf(update, ctx);
  }

  @FieldResolver(() => Milestone, { nullable: true, description: "The milestone that changed, if the change was a milestone's." })
  milestone(@Root() update: ProjectProgressUpdate, @Ctx() ctx: Context) {
    const rowId = update.payload.item.event.payload.milestoneRowId;
    return rowId ? ctx.loaders.byId(Milestone).load(rowId) : null;
  }

  @FieldResolver(() => ProjectProgress, { description: 'Progress (weight-based) with the change as both status date and asOf.' })
  async progress(@Root() update: ProjectProgressUpdate, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.progress(
      ctx.loaders,
      await this.projectOf(update, ctx),
      atChange(update),
      ctx.now,
      ProgressRule.WEIGHT_BASED,
    );
  }

  @FieldResolver(() => ProjectHealth, { description: 'Health with reasons, with the change as both status date and asOf.' })
  async health(@Root() update: ProjectProgressUpdate, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.health(ctx.loaders, await this.projectOf(update, ctx), atChange(update), ctx.now);
  }

  @FieldResolver(() => EarnedValue, { description: 'Earned value, with the change as both status date and asOf (amounts as MoneyKpi).' })
  async earnedValue(@Root() update: ProjectProgressUpdate, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.earnedValue(ctx.loaders, await this.projectOf(update, ctx), atChange(update), ctx.now);
  }
}
