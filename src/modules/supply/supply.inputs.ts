import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { defineOrderings } from '../../common/ordering';
import { VersionedChange } from '../base.inputs';
import { MAX_QUANTITY } from '../inventory/inventory.inputs';
import { type PurchaseOrder, PurchaseOrderStatus, type Supplier } from './supply.entity';
import { MAX_PURCHASE_ORDER_LINES, OVER_RECEIPT_TOLERANCE } from './supply.rules';

/** Longest quoted lead time a supplier may state: two years. */
export const MAX_LEAD_TIME_DAYS = 730;
/** Longest KPI window over receipts: about 13 months, the same bound as throughput windows. */
export const MAX_SUPPLY_WINDOW_DAYS = 400;
/** Default KPI window over receipts when `from` is not given: the last 90 days before `to`. */
export const DEFAULT_SUPPLY_WINDOW_DAYS = 90;

const IDEMPOTENCY_KEY = {
  nullable: true,
  description: 'Client-chosen key (1–100 printable ASCII characters) that makes retries safe: a retry returns the first result.',
} as const;

@InputType({ description: 'A new supplier.' })
export class CreateSupplierInput {
  @Field({ description: 'Name, 1–200 characters, unique (case-insensitive), e.g. "Anatolia Organic Mills".' })
  @Length(1, 200)
  name: string;

  @Field({ defaultValue: '', description: 'How to reach them (person, e-mail, phone), up to 500 characters.' })
  @MaxLength(500)
  contact: string = '';

  @Field(() => Int, { description: `Lead time the supplier quotes, in days from order to delivery (0–${MAX_LEAD_TIME_DAYS}).` })
  @Min(0)
  @Max(MAX_LEAD_TIME_DAYS)
  quotedLeadTimeDays: number;
}

@InputType({ description: 'Changes to a supplier; omitted fields stay as they are.' })
export class UpdateSupplierInput extends VersionedChange {
  @Field({ nullable: true, description: 'New name, 1–200 characters, unique (case-insensitive).' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true, description: 'New contact, up to 500 characters.' })
  @IsOptional()
  @MaxLength(500)
  contact?: string;

  @Field(() => Int, { nullable: true, description: `New quoted lead time in days (0–${MAX_LEAD_TIME_DAYS}).` })
  @IsOptional()
  @Min(0)
  @Max(MAX_LEAD_TIME_DAYS)
  quotedLeadTimeDays?: number;
}

@InputType({ description: 'One item to order and how much.' })
export class PurchaseOrderLineInput {
  @Field(() => ID, { description: 'The inventory item ordered; each item at most once per order.' })
  itemId: string;

  @Field(() => Float, { description: "Quantity ordered in the item's unit: > 0, at most 3 decimals and 1,000,000,000." })
  @Max(MAX_QUANTITY)
  quantity: number;
}

@InputType({ description: 'A new purchase order placed with a supplier.' })
export class CreatePurchaseOrderInput {
  @Field(() => ID, { description: 'The supplier.' })
  supplierId: string;

  @Field({ description: 'Purchase order number, 1–64 characters of A–Z, a–z, 0–9, ".", "_", "/" or "-"; unique (case-insensitive).' })
  @Length(1, 64)
  @Matches(/^[A-Za-z0-9._/-]+$/, { message: 'number may contain only letters, digits, ".", "_", "/" and "-"' })
  number: string;

  @Field(() => Date, { nullable: true, description: 'When the order was placed; default now. At most 5 minutes in the future.' })
  @IsOptional()
  orderedAt?: Date | null;

  @Field(() => Date, { description: 'When the supplier promised delivery; on or after the day of `orderedAt`.' })
  promisedDate: Date;

  @Field(() => [PurchaseOrderLineInput], { description: `1–${MAX_PURCHASE_ORDER_LINES} lines, each item once.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PURCHASE_ORDER_LINES)
  @ValidateNested()
  lines: PurchaseOrderLineInput[];
}

@InputType({ description: 'Cancels a purchase order that is OPEN or PARTIALLY_RECEIVED; what was received stays in stock.' })
export class CancelPurchaseOrderInput extends VersionedChange {}

@InputType({ description: 'What arrived of one item of the order.' })
export class ReceiptLineInput {
  @Field(() => ID, { description: 'The inventory item received; it must be on the order, and at most once per receipt.' })
  itemId: string;

  @Field(() => Float, { description: "Quantity received in the item's unit: > 0, at most 3 decimals." })
  @Max(MAX_QUANTITY)
  quantity: number;
}

@InputType({
  description: `One delivery received against a purchase order. Each line may take its total received up to ${OVER_RECEIPT_TOLERANCE * 100} % over the ordered quantity; more is refused with OverReceipt.`,
})
export class ReceivePurchaseOrderInput {
  @Field(() => ID, { description: 'The purchase order; it must be OPEN or PARTIALLY_RECEIVED.' })
  purchaseOrderId: string;

  @Field(() => Int, { nullable: true, description: 'The version the client last read; when given and stale, VersionConflict.' })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the goods arrived; default now. Not before the order was placed, at most 5 minutes in the future.',
  })
  @IsOptional()
  receivedAt?: Date | null;

  @Field(() => [ReceiptLineInput], { description: `1–${MAX_PURCHASE_ORDER_LINES} lines, each item once.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PURCHASE_ORDER_LINES)
  @ValidateNested()
  lines: ReceiptLineInput[];

  @Field({ defaultValue: '', description: 'Free-text note stored on the RECEIPT movements, e.g. the delivery note number (≤ 200).' })
  @MaxLength(200)
  note: string = '';

  @Field(() => String, IDEMPOTENCY_KEY)
  @IsOptional()
  @Length(1, 100)
  @Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey?: string | null;
}

/** The columns a suppliers list sorts by (alias `s`). */
const SUPPLIER_COLUMNS = {
  id: { sql: 's.id', read: (s: Supplier) => s.rowId },
  name: { sql: 's.name', type: 'string', read: (s: Supplier) => s.name },
  lead: { sql: 's.quotedLeadTimeDays', type: 'number', read: (s: Supplier) => s.quotedLeadTimeDays },
} as const;

export const { OrderBy: SupplierOrderBy, orderings: SUPPLIER_ORDERINGS } = defineOrderings<Supplier>()(
  'suppliers',
  'SupplierOrderBy',
  'Sort order of a suppliers list.',
  {
    NAME_ASC: { description: 'By name, A to Z.', keys: [[SUPPLIER_COLUMNS.name, 'ASC']] },
    QUOTED_LEAD_TIME_ASC: { description: 'Shortest quoted lead time first.', keys: [[SUPPLIER_COLUMNS.lead, 'ASC']] },
  },
  SUPPLIER_COLUMNS.id,
);
export type SupplierOrderBy = keyof typeof SUPPLIER_ORDERINGS;

@InputType({ description: 'Filters for the suppliers list; all given filters must match.' })
export class SupplierFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text in the name or contact.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}

@ArgsType()
export class SuppliersArgs extends ConnectionArgs {
  @Field(() => SupplierFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: SupplierFilter | null;

  @Field(() => SupplierOrderBy, { defaultValue: SupplierOrderBy.NAME_ASC, description: 'Sort order (default NAME_ASC).' })
  orderBy: SupplierOrderBy = SupplierOrderBy.NAME_ASC;
}

/** The columns a purchase orders list sorts by (alias `po`). */
const PO_COLUMNS = {
  id: { sql: 'po.id', read: (p: PurchaseOrder) => p.rowId },
  number: { sql: 'po.number', type: 'string', read: (p: PurchaseOrder) => p.number },
  orderedAt: { sql: 'po.orderedAt', type: 'date', read: (p: PurchaseOrder) => p.orderedAt },
  promisedDate: { sql: 'po.promisedDate', type: 'date', read: (p: PurchaseOrder) => p.promisedDate },
} as const;

export const { OrderBy: PurchaseOrderOrderBy, orderings: PURCHASE_ORDER_ORDERINGS } = defineOrderings<PurchaseOrder>()(
  'purchaseOrders',
  'PurchaseOrderOrderBy',
  'Sort order of a purchase orders list.',
  {
    PROMISED_DATE_ASC: { description: 'Earliest promised delivery first.', keys: [[PO_COLUMNS.promisedDate, 'ASC']] },
    ORDERED_AT_DESC: { description: 'Most recently placed first.', keys: [[PO_COLUMNS.orderedAt, 'DESC']] },
    NUMBER_ASC: { description: 'By number, A to Z.', keys: [[PO_COLUMNS.number, 'ASC']] },
  },
  PO_COLUMNS.id,
);
export type PurchaseOrderOrderBy = keyof typeof PURCHASE_ORDER_ORDERINGS;

@InputType({ description: 'Filters for a purchase orders list; all given filters must match.' })
export class PurchaseOrderFilter {
  @Field(() => ID, { nullable: true, description: 'Placed with this supplier.' })
  @IsOptional()
  supplierId?: string | null;

  @Field(() => [PurchaseOrderStatus], { nullable: true, description: 'In any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(4)
  status?: PurchaseOrderStatus[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only orders still open (OPEN or PARTIALLY_RECEIVED) after their promised day (true), or all others (false).',
  })
  @IsOptional()
  overdue?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Promised on or after this instant.' })
  @IsOptional()
  promisedAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Promised before this instant.' })
  @IsOptional()
  promisedBefore?: Date | null;
}

@ArgsType()
export class PurchaseOrdersArgs extends ConnectionArgs {
  @Field(() => PurchaseOrderFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: PurchaseOrderFilter | null;

  @Field(() => PurchaseOrderOrderBy, {
    defaultValue: PurchaseOrderOrderBy.PROMISED_DATE_ASC,
    description: 'Sort order (default PROMISED_DATE_ASC).',
  })
  orderBy: PurchaseOrderOrderBy = PurchaseOrderOrderBy.PROMISED_DATE_ASC;
}

@ArgsType()
export class SupplierKpiArgs {
  @Field(() => Date, { nullable: true, description: 'Answer as of this instant: only receipts recorded by then count. Default: now.' })
  @IsOptional()
  asOf?: Date;

  @Field(() => Date, {
    nullable: true,
    description: `Window start (receipts received at or after it). Default: ${DEFAULT_SUPPLY_WINDOW_DAYS} days before \`to\`.`,
  })
  @IsOptional()
  from?: Date;

  @Field(() => Date, {
    nullable: true,
    description: `Window end (receipts received before it). Default: \`asOf\`. At most ${MAX_SUPPLY_WINDOW_DAYS} days after \`from\`.`,
  })
  @IsOptional()
  to?: Date;
}
