import { Field, ID, Int, ObjectType, createUnionType } from 'type-graphql';
import { ErrorResult, InvalidStateTransition, VersionConflict } from '../../common/types';
import { ProductionOrder } from './production-order.entity';

@ObjectType({ implements: ErrorResult, description: 'The operation already has a production order with this number. Nothing was changed.' })
export class DuplicateProductionOrderNumber implements ErrorResult {
  @Field({ description: 'Stable machine-readable code.' }) code: string = 'DUPLICATE_PRODUCTION_ORDER_NUMBER';
  @Field({ description: 'Human-readable explanation.' }) message: string;

  @Field({ description: 'The number asked for.' })
  number: string;

  @Field(() => ID, { description: 'The order that already has it.' })
  existingOrderId: string;

  constructor(number: string, existingOrderId: string) {
    this.number = number;
    this.existingOrderId = existingOrderId;
    this.message = `Production order number ${number} is already used in this operation (by ${existingOrderId})`;
  }
}

@ObjectType({
  implements: ErrorResult,
  description: 'Fewer units were produced than ordered, and `allowShort` was not given. Nothing was changed.',
})
export class ProductionOrderIncomplete implements ErrorResult {
  @Field({ description: 'Stable machine-readable code.' }) code: string = 'PRODUCTION_ORDER_INCOMPLETE';
  @Field({ description: 'Human-readable explanation.' }) message: string;

  @Field(() => ID, { description: 'The production order.' })
  productionOrderId: string;

  @Field(() => Int, { description: 'Units ordered.' })
  quantity: number;

  @Field(() => Int, { description: 'Units produced so far.' })
  producedQuantity: number;

  constructor(productionOrderId: string, quantity: number, producedQuantity: number) {
    this.productionOrderId = productionOrderId;
    this.quantity = quantity;
    this.producedQuantity = producedQuantity;
    this.message = `Production order ${productionOrderId} has ${producedQuantity} of ${quantity} units: pass allowShort to complete it short`;
  }
}

export const CreateProductionOrderResult = createUnionType({
  name: 'CreateProductionOrderResult',
  description: 'The created order, or why nothing was created.',
  types: () => [ProductionOrder, DuplicateProductionOrderNumber, InvalidStateTransition] as const,
});

export const UpdateProductionOrderResult = createUnionType({
  name: 'UpdateProductionOrderResult',
  description: 'The updated order, or why nothing was changed.',
  types: () => [ProductionOrder, VersionConflict, InvalidStateTransition] as const,
});

export const ProductionOrderTransitionResult = createUnionType({
  name: 'ProductionOrderTransitionResult',
  description: 'The order in its new state, or why nothing was changed (release and cancel).',
  types: () => [ProductionOrder, VersionConflict, InvalidStateTransition] as const,
});

export const CompleteProductionOrderResult = createUnionType({
  name: 'CompleteProductionOrderResult',
  description: 'The completed order, or why nothing was changed.',
  types: () => [ProductionOrder, ProductionOrderIncomplete, VersionConflict, InvalidStateTransition] as const,
});
