import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Milestone } from '../milestone/milestone.entity';
import { Project } from './project.entity';
import { CompletionForecast, EarnedValue, ProgressArgs, ProjectHealth, ProjectProgress, ProjectReportArgs } from './project-metrics.types';

/** The report's status date and knowledge time, each defaulting to the request's now. */
function times(args: ProjectReportArgs, ctx: Context) {
  return { statusDate: args.statusDate ?? ctx.now, asOf: args.asOf ?? ctx.now };
}

@Resolver(() => Project)
export class ProjectMetricsResolver {
  @FieldResolver(() => ProjectProgress, {
    description: "Progress from milestones at a status date as known at `asOf`, with the rule that produced it and both rules' values.",
  })
  progress(@Root() project: Project, @Args(() => ProgressArgs) args: ProgressArgs, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.progress(ctx.loaders, project, times(args, ctx), ctx.now, args.rule);
  }

  @FieldResolver(() => EarnedValue, {
    description: 'Earned value management at a status date (default now), as known at `asOf` (default now). Amounts are MoneyKpi.',
  })
  earnedValue(@Root() project: Project, @Args(() => ProjectReportArgs) args: ProjectReportArgs, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.earnedValue(ctx.loaders, project, times(args, ctx), ctx.now);
  }

  @FieldResolver(() => ProjectHealth, {
    description:
      'Computed health at a status date as known at `asOf`: SPI and CPI bands, milestones overdue at the status date and open high-score risks, with reasons.',
  })
  health(@Root() project: Project, @Args(() => ProjectReportArgs) args: ProjectReportArgs, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.health(ctx.loaders, project, times(args, ctx), ctx.now);
  }

  @FieldResolver(() => CompletionForecast, {
    description: 'Forecast completion date from schedule performance at a status date as known at `asOf`, with the method named.',
  })
  forecastCompletionDate(@Root() project: Project, @Args(() => ProjectReportArgs) args: ProjectReportArgs, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.forecast(ctx.loaders, project, times(args, ctx), ctx.now);
  }

  @FieldResolver(() => Milestone, { nullable: true, description: 'The earliest milestone that is neither done nor cancelled.' })
  nextMilestone(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.services.projectMetrics.nextMilestone(ctx.loaders, project);
  }
}
