import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  createUnionType,
} from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { Money } from '../../common/types';
import { computeOperationKpis, KPI_DEFINITIONS } from '../../kpi';
import { ShiftCalendarRecord, SetShiftCalendarInput } from '../calendar/calendar.entity';
import { Operation } from '../operation/operation.entity';
import { Process } from '../process/process.entity';
import { KpiDefinition, KpiValue, ThroughputStats, TimeWindow, TrendArgs, TrendPoint, WindowArgs } from './throughput.types';

@ObjectType({ description: "KPIs of one process inside an operation's KPI summary." })
export class ProcessKpis {
  @Field(() => Process, { description: 'The process.' })
  process: Process;

  @Field(() => ThroughputStats, { description: 'Its throughput, quality and OEE over the window.' })
  stats: ThroughputStats;
}

@ObjectType({
  description: 'How an operation performs over a window: output, bottleneck, rolled yield, attainment, OEE per process and unit cost.',
})
export class OperationKpis {
  @Field(() => TimeWindow, { description: 'The window these numbers cover.' })
  window: TimeWindow;

  @Field(() => Process, {
    nullable: true,
    description: "The final process (highest sequence), whose good output is the operation's output.",
  })
  finalProcess: Process | null;

  @Field(() => Float, { description: 'Good units of the final process in the window.' })
  finalOutput: number;

  @Field(() => Process, {
    nullable: true,
    description: 'The process with the lowest attainment (ties: earlier in the workflow); null without data.',
  })
  bottleneck: Process | null;

  @Field(() => KpiValue, { description: "Product of every process's yield." })
  rolledThroughputYield: KpiValue;

  @Field(() => KpiValue, { description: 'Attainment of the final process.' })
  scheduleAttainment: KpiValue;

  @Field(() => Money, { description: 'Operating costs booked in the window.' })
  operatingCost: Money;

  @Field(() => KpiValue, { description: 'Operating cost in the window ÷ good output of the final process, in cents per unit.' })
  costPerGoodUnit: KpiValue;

  @Field(() => [ProcessKpis], { description: 'Every process of the operation, in workflow order, with its stats and OEE.' })
  processes: ProcessKpis[];
}

@ObjectType({ description: "The calendar was removed: the target now runs 24/7 (or follows its operation's calendar)." })
export class CalendarRemoved {
  @Field({ description: 'Always true.' })
  removed: boolean = true;
}

export const SetShiftCalendarResult = createUnionType({
  name: 'SetShiftCalendarResult',
  description: 'The calendar now in force for the target (null fields when removed).',
  types: () => [ShiftCalendarRecord, CalendarRemoved] as const,
});

@Resolver(() => Process)
export class ProcessMetricsResolver {
  @FieldResolver(() => ThroughputStats, {
    description: 'Throughput, quality and OEE over a window (default: the last 60 minutes as of now).',
  })
  throughput(@Root() process: Process, @Args(() => WindowArgs) args: WindowArgs, @Ctx() ctx: Context) {
    return ctx.services.throughputMetrics.stats(ctx.loaders, process, ctx.services.throughputMetrics.window(args, ctx.now));
  }

  @FieldResolver(() => [TrendPoint], {
    description:
      'A bucketed series of the same stats for charts (default window: the last 24 hours). At most 2,000 points (400 for SHIFT).',
  })
  trend(@Root() process: Process, @Args(() => TrendArgs) args: TrendArgs, @Ctx() ctx: Context) {
    return ctx.services.throughputMetrics.trend(ctx.loaders, process, args, ctx.now);
  }

  @FieldResolver(() => ShiftCalendarRecord, {
    nullable: true,
    description: "The calendar in force: the process's own, else its operation's; null means 24/7.",
  })
  async calendar(@Root() process: Process, @Ctx() ctx: Context) {
    const [calendar] = await ctx.services.throughputMetrics.calendars(ctx.loaders, [process]);
    return calendar ? Object.assign(new ShiftCalendarRecord(), calendar) : null;
  }
}

@Resolver(() => Operation)
export class OperationMetricsResolver {
  @FieldResolver(() => OperationKpis, {
    description: 'Output, bottleneck, rolled throughput yield, schedule attainment, OEE per process and cost per good unit over a window.',
  })
  async kpis(@Root() operation: Operation, @Args(() => WindowArgs) args: WindowArgs, @Ctx() ctx: Context): Promise<OperationKpis> {
    const metrics = ctx.services.throughputMetrics;
    const window = metrics.window(args, ctx.now);
    const processes = await ctx.loaders.childrenOf(Process, 'operationRowId', { sequence: 'ASC' }).load(operation.rowId);
    const [stats, costCents] = await Promise.all([
      Promise.all(processes.map((p) => metrics.stats(ctx.loaders, p, window))),
      metrics.operatingCostCents(ctx.loaders, operation.rowId, window),
    ]);
    const computed = computeOperationKpis(
      processes.map((p, i) => ({ id: String(p.rowId), name: p.name, sequence: p.sequence, stats: stats[i].data })),
      costCents,
    );
    const byId = (id: string | null) => processes.find((p) => String(p.rowId) === id) ?? null;
    return Object.assign(new OperationKpis(), {
      window,
      finalProcess: byId(computed.finalProcessId),
      finalOutput: computed.finalOutput,
      bottleneck: byId(computed.bottleneckProcessId),
      rolledThroughputYield: KpiValue.of('rolledThroughputYield', computed.rolledThroughputYield),
      scheduleAttainment: KpiValue.of('scheduleAttainment', computed.scheduleAttainment),
      operatingCost: Money.of(costCents, ctx.config.currency),
      costPerGoodUnit: KpiValue.of('costPerGoodUnit', computed.costPerGoodUnit),
      processes: processes.map((process, i) => Object.assign(new ProcessKpis(), { process, stats: stats[i] })),
    });
  }

  @FieldResolver(() => ShiftCalendarRecord, { nullable: true, description: "The operation's shift calendar; null means 24/7." })
  calendar(@Root() operation: Operation, @Ctx() ctx: Context) {
    return ctx.services.throughputMetrics.operationCalendar(ctx.loaders, operation.rowId);
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

  @Authorized(Role.ADMIN)
  @Mutation(() => SetShiftCalendarResult, {
    description: 'Sets or removes the weekly shift calendar of an operation or a process. Requires ADMIN.',
  })
  async setShiftCalendar(
    @Arg('input', { description: 'The target, time zone and shifts.' }) input: SetShiftCalendarInput,
    @Ctx() ctx: Context,
  ) {
    const result = await ctx.services.throughputMetrics.setCalendar(input);
    return result instanceof ShiftCalendarRecord ? result : new CalendarRemoved();
  }
}
