import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { expectId } from '../../common/ids';
import { ConnectionArgs, type Ordering, paginateArray } from '../../common/pagination';
import { onOrBeforeDay } from '../../kpi';
import { InventoryItem, StockMovement } from '../inventory/inventory.entity';
import { fromThousandths, toThousandths } from '../inventory/quantity';
import { KpiValue } from '../throughput/throughput.types';
import { PurchaseReceiptConnection, PurchaseOrderConnection, SupplierConnection } from './supply.connection';
import { PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine, Supplier } from './supply.entity';
import {
  CancelPurchaseOrderInput,
  CreatePurchaseOrderInput,
  CreateSupplierInput,
  PurchaseOrdersArgs,
  ReceivePurchaseOrderInput,
  SupplierKpiArgs,
  SuppliersArgs,
  UpdateSupplierInput,
} from './supply.inputs';
import {
  CancelPurchaseOrderResult,
  CreatePurchaseOrderResult,
  CreateSupplierResult,
  ReceivePurchaseOrderResult,
  UpdateSupplierResult,
} from './supply.results';
import { isPurchaseOrderOverdue } from './supply.service';

/** `PurchaseOrder.receipts`: in the order they arrived. */
const RECEIPTS_BY_TIME: Ordering<PurchaseReceipt> = {
  connection: 'PurchaseOrder.receipts',
  name: 'RECEIVED_AT_ASC',
  keys: [{ type: 'date', direction: 'ASC', read: (r) => r.receivedAt }],
  id: { direction: 'ASC', read: (r) => r.rowId },
};

@Resolver(() => Supplier)
export class SupplierResolver {
  @Authorized()
  @Query(() => Supplier, { nullable: true, description: 'One supplier by ID; null if it does not exist.' })
  supplier(@Arg('id', () => ID, { description: 'Supplier ID.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Supplier).load(expectId(id, 'Supplier', 'id'));
  }

  @Authorized()
  @Query(() => SupplierConnection, { description: 'Suppliers, filtered, ordered and paged.' })
  suppliers(@Args(() => SuppliersArgs) args: SuppliersArgs, @Ctx() ctx: Context) {
    return ctx.services.supply.suppliers(args);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateSupplierResult, { description: 'Adds a supplier. Requires ADMIN.' })
  createSupplier(@Arg('input', { description: 'The supplier to add.' }) input: CreateSupplierInput, @Ctx() ctx: Context) {
    return ctx.services.supply.createSupplier(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpdateSupplierResult, { description: 'Changes a supplier if `expectedVersion` is current. Requires ADMIN.' })
  updateSupplier(@Arg('input', { description: 'The changes.' }) input: UpdateSupplierInput, @Ctx() ctx: Context) {
    return ctx.services.supply.updateSupplier(input);
  }

  @FieldResolver(() => PurchaseOrderConnection, { description: 'Purchase orders placed with this supplier, filtered, ordered and paged.' })
  purchaseOrders(@Root() supplier: Supplier, @Args(() => PurchaseOrdersArgs) args: PurchaseOrdersArgs, @Ctx() ctx: Context) {
    return ctx.services.supply.purchaseOrdersOf(ctx.loaders, supplier.rowId, args, ctx.now);
  }

  @FieldResolver(() => KpiValue, {
    description:
      "Receipts on or before their order's promised day (UTC) ÷ receipts, over receipts received in [from, to) and recorded by asOf (default: the 90 days before now).",
  })
  async onTimeDeliveryRate(@Root() supplier: Supplier, @Args(() => SupplierKpiArgs) args: SupplierKpiArgs, @Ctx() ctx: Context) {
    const kpis = await ctx.services.supply.kpis(ctx.loaders, supplier, ctx.services.supply.window(args, ctx.now));
    return KpiValue.of('supplierOnTimeDeliveryRate', kpis.onTimeDeliveryRate);
  }

  @FieldResolver(() => KpiValue, {
    description:
      'Mean days from order to receipt, over receipts received in [from, to) and recorded by asOf (default: the 90 days before now).',
  })
  async averageLeadTimeDays(@Root() supplier: Supplier, @Args(() => SupplierKpiArgs) args: SupplierKpiArgs, @Ctx() ctx: Context) {
    const kpis = await ctx.services.supply.kpis(ctx.loaders, supplier, ctx.services.supply.window(args, ctx.now));
    return KpiValue.of('supplierLeadTimeDays', kpis.averageLeadTimeDays);
  }
}

@Resolver(() => PurchaseOrder)
export class PurchaseOrderResolver {
  @Authorized()
  @Query(() => PurchaseOrder, { nullable: true, description: 'One purchase order by ID; null if it does not exist.' })
  purchaseOrder(@Arg('id', () => ID, { description: 'PurchaseOrder ID.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.byId(PurchaseOrder).load(expectId(id, 'PurchaseOrder', 'id'));
  }

  @Authorized()
  @Query(() => PurchaseOrderConnection, { description: 'Purchase orders of every supplier, filtered, ordered and paged.' })
  purchaseOrders(@Args(() => PurchaseOrdersArgs) args: PurchaseOrdersArgs, @Ctx() ctx: Context) {
    return ctx.services.supply.purchaseOrders(args, ctx.now);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatePurchaseOrderResult, { description: 'Places a purchase order with a supplier (OPEN). Requires ADMIN.' })
  createPurchaseOrder(@Arg('input', { description: 'The order to place.' }) input: CreatePurchaseOrderInput, @Ctx() ctx: Context) {
    return ctx.services.supply.createPurchaseOrder(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CancelPurchaseOrderResult, {
    description: 'Cancels an OPEN or PARTIALLY_RECEIVED purchase order; received goods stay in stock. Requires ADMIN.',
  })
  cancelPurchaseOrder(@Arg('input', { description: 'The order and its version.' }) input: CancelPurchaseOrderInput, @Ctx() ctx: Context) {
    return ctx.services.supply.cancelPurchaseOrder(input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ReceivePurchaseOrderResult, {
    description:
      'Records goods received against a purchase order: the receipt, its RECEIPT stock movements, the received quantities and the status, in one transaction. Requires OPERATOR.',
  })
  receivePurchaseOrder(@Arg('input', { description: 'What arrived.' }) input: ReceivePurchaseOrderInput, @Ctx() ctx: Context) {
    return ctx.services.supply.receivePurchaseOrder(ctx.viewer!, input);
  }

  @FieldResolver(() => Supplier, { description: 'The supplier the order was placed with.' })
  supplier(@Root() order: PurchaseOrder, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Supplier).load(order.supplierRowId);
  }

  @FieldResolver(() => [PurchaseOrderLine], { description: 'What was ordered, one line per item, in the order given.' })
  lines(@Root() order: PurchaseOrder, @Ctx() ctx: Context) {
    return ctx.loaders.childrenOf(PurchaseOrderLine, 'purchaseOrderRowId', { rowId: 'ASC' }).load(order.rowId);
  }

  @FieldResolver(() => PurchaseReceiptConnection, { description: 'The deliveries received against the order, in the order they arrived.' })
  async receipts(@Root() order: PurchaseOrder, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const receipts = await ctx.loaders.childrenOf(PurchaseReceipt, 'purchaseOrderRowId', { rowId: 'ASC' }).load(order.rowId);
    return paginateArray(receipts, args, RECEIPTS_BY_TIME);
  }

  @FieldResolver(() => Boolean, {
    description: 'True while the order is OPEN or PARTIALLY_RECEIVED and its promised day (UTC) has passed.',
  })
  overdue(@Root() order: PurchaseOrder, @Ctx() ctx: Context): boolean {
    return isPurchaseOrderOverdue(order, ctx.now);
  }
}

@Resolver(() => PurchaseOrderLine)
export class PurchaseOrderLineResolver {
  @FieldResolver(() => InventoryItem, { description: 'The item ordered.' })
  item(@Root() line: PurchaseOrderLine, @Ctx() ctx: Context) {
    return ctx.loaders.byId(InventoryItem).load(line.inventoryItemRowId);
  }

  @FieldResolver(() => PurchaseOrder, { description: 'The order the line is on.' })
  purchaseOrder(@Root() line: PurchaseOrderLine, @Ctx() ctx: Context) {
    return ctx.loaders.byId(PurchaseOrder).load(line.purchaseOrderRowId);
  }

  @FieldResolver(() => Float, { description: 'Ordered − received, never below 0.' })
  remaining(@Root() line: PurchaseOrderLine): number {
    return fromThousandths(Math.max(0, toThousandths(line.quantityOrdered)! - toThousandths(line.quantityReceived)!));
  }
}

@Resolver(() => PurchaseReceipt)
export class PurchaseReceiptResolver {
  @FieldResolver(() => PurchaseOrder, { description: 'The order the goods were received against.' })
  purchaseOrder(@Root() receipt: PurchaseReceipt, @Ctx() ctx: Context) {
    return ctx.loaders.byId(PurchaseOrder).load(receipt.purchaseOrderRowId);
  }

  @FieldResolver(() => [PurchaseReceiptLine], { description: 'What arrived, one line per item.' })
  lines(@Root() receipt: PurchaseReceipt, @Ctx() ctx: Context) {
    return ctx.loaders.childrenOf(PurchaseReceiptLine, 'purchaseReceiptRowId', { rowId: 'ASC' }).load(receipt.rowId);
  }

  @FieldResolver(() => Boolean, { description: "True when it arrived on or before the order's promised day (UTC)." })
  async onTime(@Root() receipt: PurchaseReceipt, @Ctx() ctx: Context): Promise<boolean> {
    const order = await ctx.loaders.byId(PurchaseOrder).load(receipt.purchaseOrderRowId);
    return onOrBeforeDay(receipt.receivedAt, order!.promisedDate);
  }
}

@Resolver(() => PurchaseReceiptLine)
export class PurchaseReceiptLineResolver {
  @FieldResolver(() => PurchaseOrderLine, { description: 'The order line received against.' })
  purchaseOrderLine(@Root() line: PurchaseReceiptLine, @Ctx() ctx: Context) {
    return ctx.loaders.byId(PurchaseOrderLine).load(line.purchaseOrderLineRowId);
  }

  @FieldResolver(() => InventoryItem, { description: 'The item received.' })
  async item(@Root() line: PurchaseReceiptLine, @Ctx() ctx: Context) {
    const orderLine = await ctx.loaders.byId(PurchaseOrderLine).load(line.purchaseOrderLineRowId);
    return ctx.loaders.byId(InventoryItem).load(orderLine!.inventoryItemRowId);
  }

  @FieldResolver(() => StockMovement, { description: 'The RECEIPT stock movement written for it.' })
  stockMovement(@Root() line: PurchaseReceiptLine, @Ctx() ctx: Context) {
    return ctx.loaders.byId(StockMovement).load(line.stockMovementRowId);
  }
}
