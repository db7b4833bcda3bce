import type { GraphQLResolveInfo } from 'graphql';
import { Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { selectsOnly } from '../../common/selection';
import type { Context } from '../../context';
import { KPI_DEFINITIONS } from '../../kpi';
import { Operation } from '../operation/operation.entity';
import { Process } from '../process/process.entity';
import { TrendArgs, WindowArgs } from './throughput.inputs';
import { TOTALS_ONLY_FIELDS } from './throughput.service';
import { KpiDefinition, OperationKpis, ThroughputStats, TrendPoint } from './throughput.types';

@Resolver(() => Process)
export class ProcessMetricsResolver {
  @FieldResolver(() => ThroughputStats, {
    description: 'Throughput, quality and OEE over a window (default: the last 60 minutes as of now).',
  })
  throughput(@Root() process: Process, @Args(() => WindowArgs) args: WindowArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const metrics = ctx.services.throughputMetrics;
    // Totals without planned-time KPIs (attainment, OEE, run time) do not load calendars.
    return metrics.stats(ctx.loaders, process, metrics.window(args, ctx.now), selectsOnly(info, TOTALS_ONLY_FIELDS) ? 'totals' : 'all');
  }

  @FieldResolver(() => [TrendPoint], {
    description:
      'A bucketed series of the same stats for charts (default window: the last 24 hours). At most 2,000 points (400 for SHIFT).',
  })
  trend(@Root() process: Process, @Args(() => TrendArgs) args: TrendArgs, @Ctx() ctx: Context) {
    return ctx.services.throughputMetrics.trend(ctx.loaders, process, args, ctx.now);
  }
}

@Resolver(() => Operation)
export class OperationMetricsResolver {
  @FieldResolver(() => OperationKpis, {
    description: 'Output, bottleneck, rolled throughput yield, schedule attainment, OEE per process and cost per good unit over a window.',
  })
  kpis(@Root() operation: Operation, @Args(() => WindowArgs) args: WindowArgs, @Ctx() ctx: Context): Promise<OperationKpis> {
    return ctx.services.throughputMetrics.operationKpis(ctx.loaders, operation, ctx.services.throughputMetrics.window(args, ctx.now));
  }
}

@Resolver()
export class KpiDefinitionResolver {
  @Authorized()
  @Query(() => [KpiDefinition], {
    description: 'Every KPI the API computes, with its formula, unit, direction and standard (a fixed list of a few dozen).',
  })
  kpiDefinitions(): KpiDefinition[] {
    return KPI_DEFINITIONS.map((d) => Object.assign(new KpiDefinition(), d));
  }
}
