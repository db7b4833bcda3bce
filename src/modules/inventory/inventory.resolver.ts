import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { expectId } from '../../common/ids';
import { Connection, ConnectionArgs, type Ordering, paginateArray } from '../../common/pagination';
import { belowReorderPoint } from '../../kpi';
import { Operation } from '../operation/operation.entity';
import { InventoryItem, StockMovement } from './inventory.entity';
import { CreateInventoryItemInput, InventoryItemsArgs, RecordStockMovementInput, StockMovementsArgs } from './inventory.inputs';
import { CreateInventoryItemResult, RecordStockMovementResult } from './inventory.results';

export const InventoryItemConnection = Connection(InventoryItem, 'InventoryItem', 'An inventory item.');
export const StockMovementConnection = Connection(StockMovement, 'StockMovement', 'A stock movement.');

@Resolver(() => InventoryItem)
export class InventoryItemResolver {
  @Authorized()
  @Query(() => InventoryItem, { nullable: true, description: 'One inventory item by ID; null if it does not exist.' })
  inventoryItem(@Arg('id', () => ID, { description: 'InventoryItem ID.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.byId(InventoryItem).load(expectId(id, 'InventoryItem', 'id'));
  }

  @Authorized()
  @Query(() => InventoryItemConnection, { description: 'Inventory items, filtered, ordered and paged.' })
  inventoryItems(@Args(() => InventoryItemsArgs) args: InventoryItemsArgs, @Ctx() ctx: Context) {
    return ctx.services.inventory.list(args);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateInventoryItemResult, {
    description: 'Creates an inventory item, recording any opening stock as a RECEIPT. Requires ADMIN.',
  })
  createInventoryItem(@Arg('input', { description: 'The item to create.' }) input: CreateInventoryItemInput, @Ctx() ctx: Context) {
    return ctx.services.inventory.create(input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => RecordStockMovementResult, {
    description:
      'Records a stock movement (the only way stock changes); returns InsufficientStock instead of going below zero. Requires OPERATOR.',
  })
  recordStockMovement(@Arg('input', { description: 'The movement to record.' }) input: RecordStockMovementInput, @Ctx() ctx: Context) {
    return ctx.services.inventory.recordMovement(ctx.viewer!, input);
  }

  @FieldResolver(() => Operation, { description: 'The operation that holds the stock.' })
  operation(@Root() item: InventoryItem, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Operation).load(item.operationRowId);
  }

  @FieldResolver(() => StockMovementConnection, { description: 'Recorded movements, newest first, optionally by kind and time range.' })
  movements(@Root() item: InventoryItem, @Args(() => StockMovementsArgs) args: StockMovementsArgs, @Ctx() ctx: Context) {
    return ctx.services.inventory.movements(ctx.loaders, item, args);
  }

  @FieldResolver(() => Boolean, { description: 'True when on hand is at or below the reorder point: time to reorder.' })
  belowReorderPoint(@Root() item: InventoryItem): boolean {
    return belowReorderPoint(item.onHand, item.reorderPoint);
  }
}

@Resolver(() => StockMovement)
export class StockMovementResolver {
  @FieldResolver(() => InventoryItem, { description: 'The item whose stock changed.' })
  item(@Root() movement: StockMovement, @Ctx() ctx: Context) {
    return ctx.loaders.byId(InventoryItem).load(movement.itemRowId);
  }
}

/** `Operation.inventoryItems`: by SKU (unique; code point order, the same on every database). */
const ITEMS_BY_SKU: Ordering<InventoryItem> = {
  connection: 'Operation.inventoryItems',
  name: 'SKU_ASC',
  keys: [{ type: 'string', direction: 'ASC', read: (i) => i.sku }],
  id: { direction: 'ASC', read: (i) => i.rowId },
};

/** Adds `Operation.inventoryItems` from this module, keeping inventory in one folder. */
@Resolver(() => Operation)
export class OperationInventoryResolver {
  @FieldResolver(() => InventoryItemConnection, { description: 'The stock the operation holds, by SKU.' })
  async inventoryItems(@Root() operation: Operation, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const items = await ctx.loaders.childrenOf(InventoryItem, 'operationRowId', { sku: 'ASC' }).load(operation.rowId);
    return paginateArray(items, args, ITEMS_BY_SKU);
  }
}
