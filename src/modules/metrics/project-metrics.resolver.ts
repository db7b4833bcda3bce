import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import type { Context } from '../../context';
import { daysOfCover } from '../../kpi';
import { InventoryItem } from '../inventory/inventory.entity';
import { Milestone } from '../milestone/milestone.entity';
import { Project } from '../project/project.entity';
import { KpiValue } from './metric.types';
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

@ArgsType()
export class CoverArgs extends AsOfArgs {
  @Field(() => Int, { nullable: true, description: 'Days of consumption to average over (1–3650); default from configuration (30).' })
  @IsOptional()
  @Min(1)
  @Max(3650)
  lookbackDays?: number;
}

@Resolver(() => InventoryItem)
export class InventoryMetricsResolver {
  @FieldResolver(() => KpiValue, {
    description: 'On hand ÷ average daily consumption (consumption and shipments) over the look-back window.',
  })
  async daysOfCover(@Root() item: InventoryItem, @Args(() => CoverArgs) args: CoverArgs, @Ctx() ctx: Context) {
    const asOf = args.asOf ?? ctx.now;
    const lookbackDays = args.lookbackDays ?? ctx.config.kpi.inventoryLookbackDays;
    const from = new Date(asOf.getTime() - lookbackDays * 86_400_000);
    const consumed = await ctx.loaders
      .custom<number, number>(`consumption:${from.toISOString()}:${asOf.toISOString()}`, (ids) =>
        ctx.services.inventory.consumption(ids, from, asOf),
      )
      .load(item.rowId);
    return KpiValue.of('daysOfCover', daysOfCover(item.onHand, consumed, lookbackDays));
  }
}
