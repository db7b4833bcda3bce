import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context';
import { notFound } from '../../common/errors';
import { expectId } from '../../common/ids';
import { streamKeys } from '../../realtime/streams';
import { cursorOf, type LivePayload, withOptions } from '../live-stream';
import { Operation } from '../operation/operation.entity';
import { PRODUCTION_ORDER_UPDATED, ProductionOrder, ProductionOrderStatus } from './production-order.entity';
import { ProductionOrderForecast } from './production-order.types';

@ArgsType()
export class ProductionOrderUpdatedArgs {
  @Field(() => ID, { description: 'The operation whose production orders to follow.' })
  operationId: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Resume after this cursor: missed events are replayed (replayed: true), then the stream continues live, with no gap and no duplicate.',
  })
  after?: string | null;
}

@ObjectType({
  description:
    'One change of a production order: created, edited, released, started, progressed (good units attributed), completed or cancelled.',
})
export class ProductionOrderUpdate {
  constructor(readonly payload: LivePayload<Record<string, never>>) {}

  @Field({ description: 'Position in the stream: pass it as `after` to resume from here.' })
  get cursor(): string {
    return cursorOf(this.payload.item);
  }

  @Field({ description: 'True when replayed from storage after a resume, false when live.' })
  get replayed(): boolean {
    return this.payload.item.replayed;
  }

  @Field({ description: 'What changed: CREATED, UPDATED, RELEASED, STARTED, PROGRESSED, COMPLETED or CANCELLED.' })
  get change(): string {
    return String(this.payload.item.event.payload.change);
  }

  @Field(() => ProductionOrderStatus, { description: 'The status right after this change.' })
  get status(): ProductionOrderStatus {
    return this.payload.item.event.payload.status as ProductionOrderStatus;
  }

  @Field(() => Int, { description: 'The produced quantity right after this change.' })
  get producedQuantity(): number {
    return Number(this.payload.item.event.payload.producedQuantity);
  }

  @Field({ description: 'When the change was committed.' })
  get at(): Date {
    return this.payload.item.event.createdAt;
  }
}

@Resolver(() => ProductionOrderUpdate)
export class ProductionOrderUpdateResolver {
  @Authorized()
  @Subscription(() => ProductionOrderUpdate, {
    description:
      "One event per change of any production order of an operation, in commit order: status, produced quantity and the order's forecast. Resumable with `after`.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const a = args as ProductionOrderUpdatedArgs;
      const operationRowId = expectId(a.operationId, 'Operation', 'operationId');
      if (!(await ctx.loaders.byId(Operation).load(operationRowId))) throw notFound('Operation', a.operationId);
      const iterator = await ctx.services.live.open(
        { viewer: ctx.viewer, socket: ctx.socket },
        streamKeys.operation(operationRowId),
        a.after,
        (event) => event.type === PRODUCTION_ORDER_UPDATED,
      );
      return withOptions(iterator, {});
    },
  })
  productionOrderUpdated(
    @Root() payload: LivePayload<Record<string, never>>,
    @Args(() => ProductionOrderUpdatedArgs) _args: ProductionOrderUpdatedArgs,
  ): ProductionOrderUpdate {
    // Each event runs on a context of its own (fresh loaders and "now"), built by the transport.
    return new ProductionOrderUpdate(payload);
  }

  @FieldResolver(() => ProductionOrder, { description: 'The production order as it is now (re-read when the event is delivered).' })
  async order(@Root() update: ProductionOrderUpdate, @Ctx() ctx: Context) {
    const rowId = Number(update.payload.item.event.payload.productionOrderRowId);
    const order = await ctx.loaders.byId(ProductionOrder).load(rowId);
    if (!order) throw notFound('ProductionOrder', update.payload.item.event.subjectId);
    return order;
  }

  @FieldResolver(() => ProductionOrderForecast, { description: 'Its completion forecast as of the moment the change was committed.' })
  async forecast(@Root() update: ProductionOrderUpdate, @Ctx() ctx: Context) {
    const order = await this.order(update, ctx);
    return ctx.services.productionOrders.forecast(ctx.loaders, order, update.payload.item.event.createdAt, ctx.now);
  }
}
