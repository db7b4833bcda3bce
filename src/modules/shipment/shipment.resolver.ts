import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { expectId } from '../../common/ids';
import { onOrBeforeDay } from '../../kpi';
import { InventoryItem } from '../inventory/inventory.entity';
import { Operation } from '../operation/operation.entity';
import { OperationKpis } from '../throughput/throughput.types';
import { ShipmentConnection } from './shipment.connection';
import { Shipment, ShipmentLine, ShipmentStatus } from './shipment.entity';
import { CancelShipmentInput, ConfirmDeliveryInput, CreateShipmentInput, ShipmentsArgs, ShipShipmentInput } from './shipment.inputs';
import { CancelShipmentResult, ConfirmDeliveryResult, CreateShipmentResult, ShipShipmentResult } from './shipment.results';
import { isShipmentLate } from './shipment.service';
import { DeliveryKpis } from './shipment.types';

@Resolver(() => Shipment)
export class ShipmentResolver {
  @Authorized()
  @Query(() => Shipment, { nullable: true, description: 'One shipment by ID; null if it does not exist.' })
  shipment(@Arg('id', () => ID, { description: 'Shipment ID.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Shipment).load(expectId(id, 'Shipment', 'id'));
  }

  @Authorized()
  @Query(() => ShipmentConnection, { description: 'Shipments of every operation, filtered, ordered and paged.' })
  shipments(@Args(() => ShipmentsArgs) args: ShipmentsArgs, @Ctx() ctx: Context) {
    return ctx.services.shipments.list(args, ctx.now);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateShipmentResult, {
    description: "Plans a shipment to a store or customer from an operation's stock (PLANNED). Requires ADMIN.",
  })
  createShipment(@Arg('input', { description: 'The shipment to plan.' }) input: CreateShipmentInput, @Ctx() ctx: Context) {
    return ctx.services.shipments.create(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CancelShipmentResult, { description: 'Cancels a PLANNED shipment. Requires ADMIN.' })
  cancelShipment(@Arg('input', { description: 'The shipment and its version.' }) input: CancelShipmentInput, @Ctx() ctx: Context) {
    return ctx.services.shipments.cancel(input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ShipShipmentResult, {
    description:
      'Ships a PLANNED shipment: a SHIPMENT stock movement per line in one transaction, or InsufficientStock and nothing shipped. Requires OPERATOR.',
  })
  shipShipment(@Arg('input', { description: 'The shipment to ship.' }) input: ShipShipmentInput, @Ctx() ctx: Context) {
    return ctx.services.shipments.ship(input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ConfirmDeliveryResult, {
    description: 'Confirms that a SHIPPED shipment arrived, with the quantities of any short lines. Requires OPERATOR.',
  })
  confirmDelivery(@Arg('input', { description: 'The delivery to confirm.' }) input: ConfirmDeliveryInput, @Ctx() ctx: Context) {
    return ctx.services.shipments.confirmDelivery(input);
  }

  @FieldResolver(() => Operation, { description: 'The shipping operation.' })
  operation(@Root() shipment: Shipment, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Operation).load(shipment.operationRowId);
  }

  @FieldResolver(() => [ShipmentLine], { description: 'What is promised, one line per item, in the order given.' })
  lines(@Root() shipment: Shipment, @Ctx() ctx: Context) {
    return ctx.loaders.childrenOf(ShipmentLine, 'shipmentRowId', { rowId: 'ASC' }).load(shipment.rowId);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True when delivered on or before the promised day (UTC); null until DELIVERED.',
  })
  onTime(@Root() shipment: Shipment): boolean | null {
    return shipment.status === ShipmentStatus.DELIVERED ? onOrBeforeDay(shipment.deliveredAt!, shipment.promisedDate) : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True when every line was delivered at least in the promised quantity; null until DELIVERED.',
  })
  inFull(@Root() shipment: Shipment, @Ctx() ctx: Context): Promise<boolean | null> {
    return ctx.services.shipments.inFull(ctx.loaders, shipment);
  }

  @FieldResolver(() => Boolean, {
    description: 'True while the shipment is PLANNED or SHIPPED and its promised day (UTC) has passed.',
  })
  late(@Root() shipment: Shipment, @Ctx() ctx: Context): boolean {
    return isShipmentLate(shipment, ctx.now);
  }
}

@Resolver(() => ShipmentLine)
export class ShipmentLineResolver {
  @FieldResolver(() => InventoryItem, { description: 'The item shipped.' })
  item(@Root() line: ShipmentLine, @Ctx() ctx: Context) {
    return ctx.loaders.byId(InventoryItem).load(line.inventoryItemRowId);
  }

  @FieldResolver(() => Shipment, { description: 'The shipment the line is on.' })
  shipment(@Root() line: ShipmentLine, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Shipment).load(line.shipmentRowId);
  }
}

/** Adds `Operation.shipments` from this module, keeping shipments in one folder. */
@Resolver(() => Operation)
export class OperationShipmentsResolver {
  @FieldResolver(() => ShipmentConnection, { description: 'Shipments from this operation, filtered, ordered and paged.' })
  shipments(@Root() operation: Operation, @Args(() => ShipmentsArgs) args: ShipmentsArgs, @Ctx() ctx: Context) {
    return ctx.services.shipments.listOf(ctx.loaders, operation.rowId, args, ctx.now);
  }
}

/** Adds the delivery KPIs to `Operation.kpis`, over the same window and as-of. */
@Resolver(() => OperationKpis)
export class OperationDeliveryKpisResolver {
  @FieldResolver(() => DeliveryKpis, {
    description: 'OTIF, on-time rate, in-full rate and fill rate of the shipments delivered in the window (delivery recorded by asOf).',
  })
  async delivery(@Root() root: OperationKpis, @Ctx() ctx: Context): Promise<DeliveryKpis> {
    return DeliveryKpis.of(await ctx.services.shipments.deliveryKpis(ctx.loaders, root.operation.rowId, root.window));
  }
}
