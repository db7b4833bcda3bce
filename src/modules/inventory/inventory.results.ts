import { Field, Float, ID, ObjectType, createUnionType } from 'type-graphql';
import { ErrorResult, IdempotencyKeyReused, InvalidStateTransition } from '../../common/types';
import { InventoryItem, StockMovement } from './inventory.entity';

@ObjectType({ implements: ErrorResult, description: 'The movement would take stock below zero. Nothing was changed.' })
export class InsufficientStock implements ErrorResult {
  @Field({ description: 'Always INSUFFICIENT_STOCK.' }) code: string = 'INSUFFICIENT_STOCK';
  @Field({ description: 'Human-readable explanation naming the stock on hand.' }) message: string;

  @Field(() => ID, { description: 'The inventory item.' })
  itemId: string;

  @Field(() => Float, { description: 'Stock on hand when the movement was refused.' })
  onHand: number;

  @Field(() => Float, { description: 'The amount the movement tried to remove (positive).' })
  requested: number;

  /** Unit of the item (for the message and idempotent replays); not exposed. */
  readonly unit: string;

  constructor(itemId: string, onHand: number, requested: number, unit: string) {
    this.itemId = itemId;
    this.unit = unit;
    this.onHand = onHand;
    this.requested = requested;
    this.message = `Cannot remove ${requested} ${unit}: only ${onHand} ${unit} on hand; nothing was changed`;
  }
}

export const CreateInventoryItemResult = createUnionType({
  name: 'CreateInventoryItemResult',
  description: 'The created item, or InvalidStateTransition when its operation is retired (nothing was created).',
  types: () => [InventoryItem, InvalidStateTransition] as const,
});

export const RecordStockMovementResult = createUnionType({
  name: 'RecordStockMovementResult',
  description: 'The recorded movement, or why nothing was recorded.',
  types: () => [StockMovement, InsufficientStock, IdempotencyKeyReused] as const,
});
