import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { defineOrderings } from '../../common/ordering';
import { AsOfArgs } from '../project/project-metrics.types';
import { type InventoryItem, StockMovementKind } from './inventory.entity';

/** Largest quantity one movement (or a reorder point / initial stock) may carry. */
export const MAX_QUANTITY = 1_000_000_000;

@InputType({ description: 'A new stocked material or product.' })
export class CreateInventoryItemInput {
  @Field(() => ID, { description: 'The operation that holds the stock.' })
  operationId: string;

  @Field({ description: 'Stock-keeping unit: 1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"; unique (case-insensitive).' })
  @Length(1, 64)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'sku may contain only letters, digits, ".", "_" and "-"' })
  sku: string;

  @Field({ description: 'Name, 1–200 characters, e.g. "Organic cotton twill".' })
  @Length(1, 200)
  name: string;

  @Field({ description: 'Unit of measure, 1–50 characters, e.g. "m" or "pcs".' })
  @Length(1, 50)
  unit: string;

  @Field(() => Float, {
    defaultValue: 0,
    description: 'Reorder when on hand falls to or below this; 0–1,000,000,000, at most 3 decimals (default 0).',
  })
  @Min(0)
  @Max(MAX_QUANTITY)
  reorderPoint: number = 0;

  @Field(() => Float, {
    defaultValue: 0,
    description: 'Opening stock, recorded as a RECEIPT movement when above 0; 0–1,000,000,000, at most 3 decimals (default 0).',
  })
  @Min(0)
  @Max(MAX_QUANTITY)
  initialOnHand: number = 0;
}

@InputType({ description: 'One change of stock. A retry with the same idempotencyKey returns the first result.' })
export class RecordStockMovementInput {
  @Field(() => ID, { description: 'The inventory item whose stock changes.' })
  itemId: string;

  @Field(() => StockMovementKind, { description: 'Why stock changes; decides the sign of `quantity`.' })
  kind: StockMovementKind;

  @Field(() => Float, {
    description:
      'RECEIPT, CONSUMPTION, SHIPMENT: the amount, > 0 (the kind implies the sign). ADJUSTMENT: the signed, non-zero correction. ' +
      'At most 3 decimals and 1,000,000,000 in magnitude.',
  })
  @Min(-MAX_QUANTITY)
  @Max(MAX_QUANTITY)
  quantity: number;

  @Field(() => Date, { nullable: true, description: 'When it happened; default now. At most 5 minutes in the future (clock skew).' })
  @IsOptional()
  occurredAt?: Date | null;

  @Field({ defaultValue: '', description: 'Free-text note, up to 500 characters, e.g. a delivery note number.' })
  @MaxLength(500)
  note: string = '';

  @Field(() => String, { nullable: true, description: 'Client-chosen key (1–100 printable ASCII characters) that makes retries safe.' })
  @IsOptional()
  @Length(1, 100)
  @Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey?: string | null;
}

/** The columns an inventory list sorts by (alias `i`). */
const COLUMNS = {
  id: { sql: 'i.id', read: (i: InventoryItem) => i.rowId },
  sku: { sql: 'i.sku', type: 'string', read: (i: InventoryItem) => i.sku },
  name: { sql: 'i.name', type: 'string', read: (i: InventoryItem) => i.name },
  // A DECIMAL: the cursor holds the JS number read back (exact for 14 digits), bound as a number on both dialects.
  onHand: { sql: 'i.onHand', type: 'number', read: (i: InventoryItem) => i.onHand },
} as const;

/** The `orderBy` values of the inventory list and what each sorts by (and so what its cursors hold); ties by id. */
export const { OrderBy: InventoryItemOrderBy, orderings: INVENTORY_ORDERINGS } = defineOrderings<InventoryItem>()(
  'inventoryItems',
  'InventoryItemOrderBy',
  'Sort order of an inventory list.',
  {
    SKU_ASC: { description: 'By SKU, A to Z.', keys: [[COLUMNS.sku, 'ASC']] },
    NAME_ASC: { description: 'By name, A to Z.', keys: [[COLUMNS.name, 'ASC']] },
    ON_HAND_ASC: { description: 'Lowest stock first.', keys: [[COLUMNS.onHand, 'ASC']] },
  },
  COLUMNS.id,
);
export type InventoryItemOrderBy = keyof typeof INVENTORY_ORDERINGS;

@InputType({ description: 'Filters for the inventory list; all given filters must match.' })
export class InventoryItemFilter {
  @Field(() => ID, { nullable: true, description: 'Held by this operation.' })
  @IsOptional()
  operationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive text in the SKU or the name.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only items at or below their reorder point (true) or above it (false).' })
  @IsOptional()
  belowReorderPoint?: boolean | null;
}

@ArgsType()
export class InventoryItemsArgs extends ConnectionArgs {
  @Field(() => InventoryItemFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: InventoryItemFilter | null;

  @Field(() => InventoryItemOrderBy, { defaultValue: InventoryItemOrderBy.SKU_ASC, description: 'Sort order (default SKU_ASC).' })
  orderBy: InventoryItemOrderBy = InventoryItemOrderBy.SKU_ASC;
}

@ArgsType()
export class StockMovementsArgs extends ConnectionArgs {
  @Field(() => [StockMovementKind], { nullable: true, description: 'Only movements of any of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(4)
  kinds?: StockMovementKind[] | null;

  @Field(() => Date, { nullable: true, description: 'Only movements that happened at or after this instant.' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only movements that happened before this instant.' })
  @IsOptional()
  to?: Date | null;
}

@ArgsType()
export class CoverArgs extends AsOfArgs {
  @Field(() => Int, { nullable: true, description: 'Days of consumption to average over (1–3650); default from configuration (30).' })
  @IsOptional()
  @Min(1)
  @Max(3650)
  lookbackDays?: number;
}
