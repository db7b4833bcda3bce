import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Milestone } from '../milestone/milestone.entity';
import { Project } from './project.entity';
import { AsOfArgs, CompletionForecast, EarnedValue, ProgressArgs, ProjectHealth, ProjectProgress } from './project-metrics.types';

@Resolver(() => Project)
export class ProjectMetricsResolver {
  @FieldResolver(() => ProjectProgress, { description: "Progress from milestones, with the rule that produced it and both rules' values." })
  progress(@Root() project: Project, @Args(() => ProgressArgs) args: ProgressArgs, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.progress(ctx.loaders, project, args.asOf ?? ctx.now, ctx.now, args.rule);
  }

  @FieldResolver(() => EarnedValue, { description: 'Earned value management at a status date (default now).' })
  earnedValue(@Root() project: Project, @Args(() => AsOfArgs) args: AsOfArgs, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.earnedValue(ctx.loaders, project, args.asOf ?? ctx.now, ctx.now);
  }

  @FieldResolver(() => ProjectHealth, {
    description: 'Computed health from SPI and CPI bands, overdue milestones and open high-score risks, with reasons.',
  })
  health(@Root() project: Project, @Args(() => AsOfArgs) args: AsOfArgs, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.health(ctx.loaders, project, args.asOf ?? ctx.now, ctx.now);
  }

  @FieldResolver(() => CompletionForecast, { description: 'Forecast completion date from schedule performance, with the method named.' })
  forecastCompletionDate(@Root() project: Project, @Args(() => AsOfArgs) args: AsOfArgs, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.forecast(ctx.loaders, project, args.asOf ?? ctx.now, ctx.now);
  }

  @FieldResolver(() => Milestone, { nullable: true, description: 'The earliest milestone that is neither done nor cancelled.' })
  nextMilestone(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.nextMilestone(ctx.loaders, project);
  }
}
