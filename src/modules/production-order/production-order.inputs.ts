import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { defineOrderings } from '../../common/ordering';
import { VersionedChange } from '../base.inputs';
import { type ProductionOrder, ProductionOrderStatus } from './production-order.entity';

/** Most units one production order may be for. */
export const MAX_ORDER_QUANTITY = 100_000_000;

@InputType({ description: "A new production order on an operation's schedule (status PLANNED)." })
export class CreateProductionOrderInput {
  @Field(() => ID, { description: 'The operation that makes it; it must not be RETIRED.' })
  operationId: string;

  @Field({ description: 'Order number, 1–64 printable characters without spaces, unique within the operation, e.g. "MO-2025-014".' })
  @Length(1, 64)
  @Matches(/^[\x21-\x7e]+$/, { message: 'number must be printable ASCII without spaces' })
  number: string;

  @Field({ description: 'SKU of what is made, 1–64 characters.' })
  @Length(1, 64)
  sku: string;

  @Field(() => Int, { description: `Units to make, 1–${MAX_ORDER_QUANTITY.toLocaleString('en')}, in the final process's unit.` })
  @Min(1)
  @Max(MAX_ORDER_QUANTITY)
  quantity: number;

  @Field({ description: 'When production is planned to start.' })
  plannedStart: Date;

  @Field({ description: 'When it is due; must be after plannedStart.' })
  dueDate: Date;
}

@InputType({ description: 'Changes to a production order that is not COMPLETED or CANCELLED; omitted fields stay as they are.' })
export class UpdateProductionOrderInput extends VersionedChange {
  @Field(() => Int, { nullable: true, description: `New quantity, 1–${MAX_ORDER_QUANTITY.toLocaleString('en')}.` })
  @IsOptional()
  @Min(1)
  @Max(MAX_ORDER_QUANTITY)
  quantity?: number;

  @Field({ nullable: true, description: 'New planned start (must stay before the due date).' })
  @IsOptional()
  plannedStart?: Date;

  @Field({ nullable: true, description: 'New due date (must stay after the planned start).' })
  @IsOptional()
  dueDate?: Date;
}

@InputType({ description: 'A production order to move to its next state, and optionally the version the client read.' })
export class ProductionOrderTransitionInput {
  @Field(() => ID, { description: 'The production order.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version the client last read; when given and stale, returns VersionConflict.' })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;
}

@InputType({ description: 'Completes a RELEASED or IN_PROGRESS production order.' })
export class CompleteProductionOrderInput extends ProductionOrderTransitionInput {
  @Field({
    defaultValue: false,
    description:
      'Complete it even though fewer units were produced than ordered: it is recorded as completed short (completedShort, shortQuantity). ' +
      'Without it, such an order returns ProductionOrderIncomplete.',
  })
  allowShort: boolean = false;
}

/** The columns a production orders list sorts by (alias `o`). */
const COLUMNS = {
  id: { sql: 'o.id', read: (o: ProductionOrder) => o.rowId },
  dueDate: { sql: 'o.dueDate', type: 'date', read: (o: ProductionOrder) => o.dueDate },
  plannedStart: { sql: 'o.plannedStart', type: 'date', read: (o: ProductionOrder) => o.plannedStart },
  number: { sql: 'o.number', type: 'string', read: (o: ProductionOrder) => o.number },
  updatedAt: { sql: 'o.updatedAt', type: 'date', read: (o: ProductionOrder) => o.updatedAt },
} as const;

const defined = defineOrderings<ProductionOrder>()(
  'productionOrders',
  'ProductionOrderOrderBy',
  'Sort order of a production orders list.',
  {
    DUE_DATE_ASC: { description: 'Earliest due first.', keys: [[COLUMNS.dueDate, 'ASC']] },
    DUE_DATE_DESC: { description: 'Latest due first.', keys: [[COLUMNS.dueDate, 'DESC']] },
    PLANNED_START_ASC: { description: 'Earliest planned start first.', keys: [[COLUMNS.plannedStart, 'ASC']] },
    NUMBER_ASC: { description: 'By order number.', keys: [[COLUMNS.number, 'ASC']] },
    UPDATED_AT_DESC: { description: 'Most recently changed first.', keys: [[COLUMNS.updatedAt, 'DESC']] },
  },
  COLUMNS.id,
);

/** The `orderBy` values of production orders lists. */
export const ProductionOrderOrderBy = defined.OrderBy;
export type ProductionOrderOrderBy = keyof typeof defined.orderings;

/** What each `orderBy` sorts by, and so what its cursors hold. */
export const PRODUCTION_ORDER_ORDERINGS = defined.orderings;

@InputType({ description: "Filters for an operation's production orders; all given filters must match." })
export class OperationProductionOrderFilter {
  @Field(() => [ProductionOrderStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(10)
  status?: ProductionOrderStatus[];

  @Field(() => Date, { nullable: true, description: 'Only orders due before this instant.' })
  @IsOptional()
  dueBefore?: Date;

  @Field(() => Date, { nullable: true, description: 'Only orders due at or after this instant.' })
  @IsOptional()
  dueAfter?: Date;

  @Field({
    nullable: true,
    description:
      'Only late orders (true) or only the others (false). Late: open (PLANNED, RELEASED, IN_PROGRESS) and past its due date now, or COMPLETED after its due date. ' +
      '(An open order forecast to finish late is not late yet: see `forecastCompletion`.)',
  })
  @IsOptional()
  late?: boolean;

  @Field({ nullable: true, description: 'Case-insensitive text in the order number or SKU.' })
  @IsOptional()
  @Length(1, 64)
  search?: string;
}

@InputType({ description: 'Filters for the production orders list; all given filters must match.' })
export class ProductionOrderFilter extends OperationProductionOrderFilter {
  @Field(() => ID, { nullable: true, description: 'Only orders of this operation.' })
  @IsOptional()
  operationId?: string;
}

@ArgsType()
export class OperationProductionOrdersArgs extends ConnectionArgs {
  @Field(() => OperationProductionOrderFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: OperationProductionOrderFilter;

  @Field(() => ProductionOrderOrderBy, { defaultValue: ProductionOrderOrderBy.DUE_DATE_ASC, description: 'Sort order.' })
  orderBy: ProductionOrderOrderBy = ProductionOrderOrderBy.DUE_DATE_ASC;
}

@ArgsType()
export class ProductionOrdersArgs extends ConnectionArgs {
  @Field(() => ProductionOrderFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: ProductionOrderFilter;

  @Field(() => ProductionOrderOrderBy, { defaultValue: ProductionOrderOrderBy.DUE_DATE_ASC, description: 'Sort order.' })
  orderBy: ProductionOrderOrderBy = ProductionOrderOrderBy.DUE_DATE_ASC;
}

@ArgsType()
export class ForecastArgs {
  @Field(() => Date, {
    nullable: true,
    description: 'Forecast as of this instant: the produced quantity, status and recent rate as recorded by then (default: now).',
  })
  @IsOptional()
  asOf?: Date;
}
