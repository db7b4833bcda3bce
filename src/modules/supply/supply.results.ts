import { createUnionType, Field, Float, ID, ObjectType } from 'type-graphql';
import { ErrorResult, IdempotencyKeyReused, InvalidStateTransition, VersionConflict } from '../../common/types';
import { PurchaseOrder, PurchaseReceipt, Supplier } from './supply.entity';
import { OVER_RECEIPT_TOLERANCE } from './supply.rules';

@ObjectType({
  implements: ErrorResult,
  description: `The receipt would take a line more than ${OVER_RECEIPT_TOLERANCE * 100} % over its ordered quantity. Nothing was received.`,
})
export class OverReceipt implements ErrorResult {
  @Field({ description: 'Always OVER_RECEIPT.' }) code: string = 'OVER_RECEIPT';
  @Field({ description: 'Human-readable explanation naming the item and the quantities.' }) message: string;

  @Field(() => ID, { description: 'The inventory item of the line that would be over-received.' })
  itemId: string;

  @Field(() => Float, { description: 'Quantity ordered on the line.' })
  ordered: number;

  @Field(() => Float, { description: 'Quantity received on the line before this receipt.' })
  alreadyReceived: number;

  @Field(() => Float, { description: 'Quantity this receipt tried to add.' })
  requested: number;

  @Field(() => Float, { description: `The most the line may be received in total: ordered + ${OVER_RECEIPT_TOLERANCE * 100} %.` })
  maximum: number;

  /** SKU of the item (for the message and idempotent replays); not exposed. */
  readonly sku: string;

  constructor(itemId: string, sku: string, ordered: number, alreadyReceived: number, requested: number, maximum: number) {
    this.itemId = itemId;
    this.sku = sku;
    this.ordered = ordered;
    this.alreadyReceived = alreadyReceived;
    this.requested = requested;
    this.maximum = maximum;
    this.message = `Cannot receive ${requested} of ${sku}: ${alreadyReceived} of ${ordered} already received, at most ${maximum} in total; nothing was received`;
  }
}

export const CreateSupplierResult = createUnionType({
  name: 'CreateSupplierResult',
  description: 'The created supplier.',
  types: () => [Supplier] as const,
});

export const UpdateSupplierResult = createUnionType({
  name: 'UpdateSupplierResult',
  description: 'The updated supplier, or VersionConflict (nothing was changed).',
  types: () => [Supplier, VersionConflict] as const,
});

export const CreatePurchaseOrderResult = createUnionType({
  name: 'CreatePurchaseOrderResult',
  description: 'The created purchase order (OPEN).',
  types: () => [PurchaseOrder] as const,
});

export const CancelPurchaseOrderResult = createUnionType({
  name: 'CancelPurchaseOrderResult',
  description: 'The cancelled purchase order, or why nothing was changed.',
  types: () => [PurchaseOrder, InvalidStateTransition, VersionConflict] as const,
});

export const ReceivePurchaseOrderResult = createUnionType({
  name: 'ReceivePurchaseOrderResult',
  description: 'The receipt recorded (its order and stock updated in the same transaction), or why nothing was received.',
  types: () => [PurchaseReceipt, OverReceipt, InvalidStateTransition, VersionConflict, IdempotencyKeyReused] as const,
});
