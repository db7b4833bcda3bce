import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import type { Context } from '../../context';
import { daysOfCover } from '../../kpi';
import { KpiValue } from '../throughput/throughput.types';
import { AsOfArgs } from '../project/project-metrics.types';
import { InventoryItem } from './inventory.entity';

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
