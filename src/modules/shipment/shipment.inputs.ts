import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { defineOrderings } from '../../common/ordering';
import { VersionedChange } from '../base.inputs';
import { MAX_QUANTITY } from '../inventory/inventory.inputs';
import { type Shipment, ShipmentStatus } from './shipment.entity';

/** Lines one shipment holds at most. */
export const MAX_SHIPMENT_LINES = 100;

@InputType({ description: 'One item to ship and how much is promised.' })
export class ShipmentLineInput {
  @Field(() => ID, { description: 'The inventory item; it must be held by the shipping operation, and appear once per shipment.' })
  itemId: string;

  @Field(() => Float, { description: "Quantity promised (and shipped) in the item's unit: > 0, at most 3 decimals." })
  @Max(MAX_QUANTITY)
  quantity: number;
}

@InputType({ description: 'A shipment promised to a store or customer (PLANNED): nothing leaves stock until it is shipped.' })
export class CreateShipmentInput {
  @Field(() => ID, { description: 'The shipping operation: its stock is shipped and its delivery KPIs count the shipment.' })
  operationId: string;

  @Field({ description: 'Who it goes to: a store or customer name, 1–200 characters, e.g. "Store 12 – Lisbon Chiado".' })
  @Length(1, 200)
  destination: string;

  @Field(() => Date, { description: 'When delivery is promised; only its UTC day counts. Not on a day before today.' })
  promisedDate: Date;

  @Field(() => [ShipmentLineInput], { description: `1–${MAX_SHIPMENT_LINES} lines, each item once.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SHIPMENT_LINES)
  @ValidateNested()
  lines: ShipmentLineInput[];
}

@InputType({ description: 'Cancels a PLANNED shipment (a shipped one has left stock and cannot be cancelled).' })
export class CancelShipmentInput extends VersionedChange {}

@InputType({ description: 'Ships a PLANNED shipment: every line leaves stock as a SHIPMENT movement, all or nothing.' })
export class ShipShipmentInput {
  @Field(() => ID, { description: 'The shipment.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version the client last read; when given and stale, VersionConflict.' })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => Date, { nullable: true, description: 'When it left the warehouse; default now. At most 5 minutes in the future.' })
  @IsOptional()
  shippedAt?: Date | null;
}

@InputType({ description: 'What the destination received of one item.' })
export class DeliveredLineInput {
  @Field(() => ID, { description: 'The inventory item; it must be on the shipment, and appear once.' })
  itemId: string;

  @Field(() => Float, { description: 'Quantity received: 0 up to the quantity shipped, at most 3 decimals.' })
  @Min(0)
  @Max(MAX_QUANTITY)
  deliveredQuantity: number;
}

@InputType({ description: 'Confirms that a SHIPPED shipment arrived, in full or short.' })
export class ConfirmDeliveryInput {
  @Field(() => ID, { description: 'The shipment.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version the client last read; when given and stale, VersionConflict.' })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the destination received it; default now. Not before it was shipped, at most 5 minutes in the future.',
  })
  @IsOptional()
  deliveredAt?: Date | null;

  @Field(() => [DeliveredLineInput], {
    nullable: true,
    description: `Quantities received, for the lines that were short (up to ${MAX_SHIPMENT_LINES}); a line not listed arrived in full.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_SHIPMENT_LINES)
  @ValidateNested()
  lines?: DeliveredLineInput[] | null;
}

/** The columns a shipments list sorts by (alias `s`). */
const COLUMNS = {
  id: { sql: 's.id', read: (s: Shipment) => s.rowId },
  promisedDate: { sql: 's.promisedDate', type: 'date', read: (s: Shipment) => s.promisedDate },
  destination: { sql: 's.destination', type: 'string', read: (s: Shipment) => s.destination },
  deliveredAt: { sql: 's.deliveredAt', type: 'date', nullable: true, read: (s: Shipment) => s.deliveredAt },
} as const;

export const { OrderBy: ShipmentOrderBy, orderings: SHIPMENT_ORDERINGS } = defineOrderings<Shipment>()(
  'shipments',
  'ShipmentOrderBy',
  'Sort order of a shipments list.',
  {
    PROMISED_DATE_ASC: { description: 'Earliest promised delivery first.', keys: [[COLUMNS.promisedDate, 'ASC']] },
    PROMISED_DATE_DESC: { description: 'Latest promised delivery first.', keys: [[COLUMNS.promisedDate, 'DESC']] },
    DELIVERED_AT_DESC: { description: 'Most recently delivered first; not yet delivered last.', keys: [[COLUMNS.deliveredAt, 'DESC']] },
    DESTINATION_ASC: { description: 'By destination, A to Z.', keys: [[COLUMNS.destination, 'ASC']] },
  },
  COLUMNS.id,
);
export type ShipmentOrderBy = keyof typeof SHIPMENT_ORDERINGS;

@InputType({ description: 'Filters for a shipments list; all given filters must match.' })
export class ShipmentFilter {
  @Field(() => ID, { nullable: true, description: 'Shipped by this operation.' })
  @IsOptional()
  operationId?: string | null;

  @Field(() => [ShipmentStatus], { nullable: true, description: 'In any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(4)
  status?: ShipmentStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive text in the destination.' })
  @IsOptional()
  @MaxLength(200)
  destination?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only shipments not yet delivered (PLANNED or SHIPPED) after their promised day (true), or all others (false).',
  })
  @IsOptional()
  late?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Promised on or after this instant.' })
  @IsOptional()
  promisedAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Promised before this instant.' })
  @IsOptional()
  promisedBefore?: Date | null;
}

@ArgsType()
export class ShipmentsArgs extends ConnectionArgs {
  @Field(() => ShipmentFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: ShipmentFilter | null;

  @Field(() => ShipmentOrderBy, { defaultValue: ShipmentOrderBy.PROMISED_DATE_ASC, description: 'Sort order (default PROMISED_DATE_ASC).' })
  orderBy: ShipmentOrderBy = ShipmentOrderBy.PROMISED_DATE_ASC;
}
