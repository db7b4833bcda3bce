import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { expectId } from '../../common/ids';
import { Operation } from '../operation/operation.entity';
import { ThroughputSample } from '../process/process.entity';
import { OperationKpis } from '../throughput/throughput.types';
import { ProductionOrderConnection } from './production-order.connection';
import { OPEN_STATUSES, ProductionOrder } from './production-order.entity';
import {
  CompleteProductionOrderInput,
  CreateProductionOrderInput,
  ForecastArgs,
  OperationProductionOrdersArgs,
  ProductionOrdersArgs,
  ProductionOrderTransitionInput,
  UpdateProductionOrderInput,
} from './production-order.inputs';
import {
  CompleteProductionOrderResult,
  CreateProductionOrderResult,
  ProductionOrderTransitionResult,
  UpdateProductionOrderResult,
} from './production-order.results';
import { ProductionOrderForecast, ProductionScheduleKpis } from './production-order.types';

@Resolver(() => ProductionOrder)
export class ProductionOrderResolver {
  @Authorized()
  @Query(() => ProductionOrder, { nullable: true, description: 'One production order by ID; null if it does not exist.' })
  productionOrder(@Arg('id', () => ID, { description: 'Production order ID.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.byId(ProductionOrder).load(expectId(id, 'ProductionOrder', 'id'));
  }

  @Authorized()
  @Query(() => ProductionOrderConnection, { description: 'Production orders across all operations, filtered, ordered and paged.' })
  productionOrders(@Args(() => ProductionOrdersArgs) args: ProductionOrdersArgs, @Ctx() ctx: Context) {
    return ctx.services.productionOrders.list(args, ctx.now);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateProductionOrderResult, {
    description: "Adds a PLANNED production order to an operation's schedule. Requires ADMIN.",
  })
  createProductionOrder(@Arg('input', { description: 'The order to create.' }) input: CreateProductionOrderInput, @Ctx() ctx: Context) {
    return ctx.services.productionOrders.create(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpdateProductionOrderResult, {
    description:
      'Changes the quantity or dates of an order that is not COMPLETED or CANCELLED, if `expectedVersion` is current. Requires ADMIN.',
  })
  updateProductionOrder(@Arg('input', { description: 'The changes.' }) input: UpdateProductionOrderInput, @Ctx() ctx: Context) {
    return ctx.services.productionOrders.update(input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ProductionOrderTransitionResult, {
    description: 'Releases a PLANNED order to the floor (RELEASED): samples may be attributed to it from now on. Requires OPERATOR.',
  })
  releaseProductionOrder(
    @Arg('input', { description: 'The order to release.' }) input: ProductionOrderTransitionInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.productionOrders.release(input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => CompleteProductionOrderResult, {
    description: 'Completes a RELEASED or IN_PROGRESS order (short only with `allowShort`, recorded as such). Requires OPERATOR.',
  })
  completeProductionOrder(
    @Arg('input', { description: 'The order to complete.' }) input: CompleteProductionOrderInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.productionOrders.complete(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ProductionOrderTransitionResult, {
    description: 'Cancels an order that is not COMPLETED: no more samples may be attributed to it. Requires ADMIN.',
  })
  cancelProductionOrder(@Arg('input', { description: 'The order to cancel.' }) input: ProductionOrderTransitionInput, @Ctx() ctx: Context) {
    return ctx.services.productionOrders.cancel(input);
  }

  @FieldResolver(() => Operation, { description: 'The operation that makes it.' })
  operation(@Root() order: ProductionOrder, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Operation).load(order.operationRowId);
  }

  @FieldResolver(() => Int, { description: 'Units still to make: quantity − producedQuantity, never below 0.' })
  remaining(@Root() order: ProductionOrder): number {
    return Math.max(0, order.quantity - order.producedQuantity);
  }

  @FieldResolver(() => Float, {
    description: 'producedQuantity ÷ quantity × 100, capped at 100 (overproduction shows in producedQuantity).',
  })
  percentComplete(@Root() order: ProductionOrder): number {
    return Math.min(100, (100 * order.producedQuantity) / order.quantity);
  }

  @FieldResolver(() => Boolean, { description: 'True when it is open (PLANNED, RELEASED or IN_PROGRESS) and its due date has passed.' })
  overdue(@Root() order: ProductionOrder, @Ctx() ctx: Context): boolean {
    return OPEN_STATUSES.includes(order.status) && order.dueDate.getTime() < ctx.now.getTime();
  }

  @FieldResolver(() => ProductionOrderForecast, {
    description:
      "When it will be complete at the final process's recent good-unit rate over its shift calendar, the method used, and whether that is after the due date.",
  })
  forecastCompletion(@Root() order: ProductionOrder, @Args(() => ForecastArgs) args: ForecastArgs, @Ctx() ctx: Context) {
    return ctx.services.productionOrders.forecast(ctx.loaders, order, args.asOf ?? ctx.now, ctx.now);
  }
}

@Resolver(() => ThroughputSample)
export class ThroughputSampleOrderResolver {
  @FieldResolver(() => ProductionOrder, { nullable: true, description: 'The production order its units were made for, if any.' })
  productionOrder(@Root() sample: ThroughputSample, @Ctx() ctx: Context) {
    return sample.productionOrderRowId ? ctx.loaders.byId(ProductionOrder).load(sample.productionOrderRowId) : null;
  }
}

/** The fields production orders add to `Operation` and to its KPI summary. */
@Resolver(() => Operation)
export class OperationProductionOrdersResolver {
  @FieldResolver(() => ProductionOrderConnection, {
    description: "The operation's production orders (its schedule), filtered and ordered.",
  })
  productionOrders(
    @Root() operation: Operation,
    @Args(() => OperationProductionOrdersArgs) args: OperationProductionOrdersArgs,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.productionOrders.listOf(ctx.loaders, operation.rowId, args, ctx.now);
  }
}

@Resolver(() => OperationKpis)
export class OperationKpisProductionResolver {
  @FieldResolver(() => ProductionScheduleKpis, {
    description:
      "On-time completion rate, schedule adherence and average lateness of the operation's production orders over the same window.",
  })
  productionSchedule(@Root() kpis: OperationKpis, @Ctx() ctx: Context) {
    return ctx.services.productionOrders.scheduleKpis(ctx.loaders, kpis.operation.rowId, kpis.window);
  }
}
