import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { KpiValue } from '../throughput/throughput.types';
import { InventoryItem } from './inventory.entity';
import { CoverArgs } from './inventory.inputs';

@Resolver(() => InventoryItem)
export class InventoryMetricsResolver {
  @FieldResolver(() => KpiValue, {
    description: 'On hand ÷ average daily consumption (consumption and shipments) over the look-back window.',
  })
  async daysOfCover(@Root() item: InventoryItem, @Args(() => CoverArgs) args: CoverArgs, @Ctx() ctx: Context) {
    const cover = await ctx.services.inventory.daysOfCover(ctx.loaders, item, args.asOf ?? ctx.now, args.lookbackDays);
    return KpiValue.of('daysOfCover', cover);
  }
}
