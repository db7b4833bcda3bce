import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DATETIME, QUANTITY } from '../../db/columns';
import { Node } from '../../common/types';
import { NodeEntity, VersionedEntity } from '../base.entity';

export enum PurchaseOrderStatus {
  OPEN = 'OPEN',
  PARTIALLY_RECEIVED = 'PARTIALLY_RECEIVED',
  RECEIVED = 'RECEIVED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PurchaseOrderStatus, {
  name: 'PurchaseOrderStatus',
  description: 'Lifecycle of a purchase order: OPEN → PARTIALLY_RECEIVED → RECEIVED, or CANCELLED.',
  valuesConfig: {
    OPEN: { description: 'Ordered; nothing received yet.' },
    PARTIALLY_RECEIVED: { description: 'Some, but not all, of the ordered quantity has been received.' },
    RECEIVED: { description: 'Every line has been received in full.' },
    CANCELLED: { description: 'Dropped before it was received in full; nothing more will be received.' },
  },
});

@Entity('supplier')
@ObjectType({ implements: Node, description: 'A company that supplies materials, e.g. a fabric mill.' })
export class Supplier extends VersionedEntity implements Node {
  @Index({ unique: true })
  @Column({ length: 200 })
  @Field({ description: 'Name, unique, e.g. "Anatolia Organic Mills".' })
  name: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  @Field({ description: 'How to reach them: a contact person, e-mail or phone, free text.' })
  contact: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Lead time the supplier quotes, in days from order to delivery.' })
  quotedLeadTimeDays: number;
}

@Entity('purchase_order')
@Index(['supplierRowId', 'orderedAt'])
@Index(['status', 'promisedDate'])
@ObjectType({ implements: Node, description: 'An order for materials placed with a supplier, received in one or more receipts.' })
export class PurchaseOrder extends VersionedEntity implements Node {
  @Column({ type: 'int' })
  supplierRowId: number;

  @ManyToOne(() => Supplier, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplierRowId' })
  private supplierFk?: Supplier;

  @Index({ unique: true })
  @Column({ length: 64 })
  @Field({ description: 'Purchase order number, unique, e.g. "PO-2025-031".' })
  number: string;

  @Column(DATETIME)
  @Field({ description: 'When the order was placed with the supplier.' })
  orderedAt: Date;

  @Column(DATETIME)
  @Field({ description: 'When the supplier promised delivery.' })
  promisedDate: Date;

  @Column({ type: 'simple-enum', enum: PurchaseOrderStatus, default: PurchaseOrderStatus.OPEN })
  @Field(() => PurchaseOrderStatus, { description: 'OPEN, PARTIALLY_RECEIVED, RECEIVED or CANCELLED.' })
  status: PurchaseOrderStatus;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the last receipt arrived; null until something is received.' })
  receivedAt: Date | null;
}

@Entity('purchase_order_line')
@Index(['purchaseOrderRowId', 'inventoryItemRowId'], { unique: true })
@ObjectType({ implements: Node, description: 'One inventory item on a purchase order: how much was ordered and how much has arrived.' })
export class PurchaseOrderLine extends NodeEntity implements Node {
  @Column({ type: 'int' })
  purchaseOrderRowId: number;

  @ManyToOne(() => PurchaseOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'purchaseOrderRowId' })
  private purchaseOrderFk?: PurchaseOrder;

  @Index()
  @Column({ type: 'int' })
  inventoryItemRowId: number;

  @ManyToOne('InventoryItem', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'inventoryItemRowId' })
  private inventoryItemFk?: unknown;

  @Column(QUANTITY)
  @Field(() => Float, { description: "Quantity ordered, in the item's unit (> 0, at most 3 decimals)." })
  quantityOrdered: number;

  @Column({ ...QUANTITY, default: 0 })
  @Field(() => Float, { description: 'Quantity received so far over all receipts.' })
  quantityReceived: number;
}

@Entity('purchase_receipt')
@Index(['purchaseOrderRowId', 'receivedAt'])
@Index(['receivedAt'])
@ObjectType({ implements: Node, description: 'One delivery received against a purchase order (its stock movements are RECEIPTs).' })
export class PurchaseReceipt extends NodeEntity implements Node {
  @Column({ type: 'int' })
  purchaseOrderRowId: number;

  @ManyToOne(() => PurchaseOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'purchaseOrderRowId' })
  private purchaseOrderFk?: PurchaseOrder;

  @Column(DATETIME)
  @Field({ description: 'When the goods arrived.' })
  receivedAt: Date;

  @Column(DATETIME)
  @Field({ description: 'When the server stored the receipt.' })
  recordedAt: Date;
}

@Entity('purchase_receipt_line')
@Index(['purchaseReceiptRowId', 'purchaseOrderLineRowId'], { unique: true })
@ObjectType({ implements: Node, description: 'The quantity of one purchase order line that arrived in one receipt.' })
export class PurchaseReceiptLine extends NodeEntity implements Node {
  @Column({ type: 'int' })
  purchaseReceiptRowId: number;

  @ManyToOne(() => PurchaseReceipt, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'purchaseReceiptRowId' })
  private purchaseReceiptFk?: PurchaseReceipt;

  @Index()
  @Column({ type: 'int' })
  purchaseOrderLineRowId: number;

  @ManyToOne(() => PurchaseOrderLine, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'purchaseOrderLineRowId' })
  private purchaseOrderLineFk?: PurchaseOrderLine;

  @Column(QUANTITY)
  @Field(() => Float, { description: "Quantity received, in the item's unit (> 0)." })
  quantity: number;

  /** The RECEIPT stock movement written for it in the same transaction. */
  @Index()
  @Column({ type: 'int' })
  stockMovementRowId: number;

  @ManyToOne('StockMovement', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stockMovementRowId' })
  private stockMovementFk?: unknown;
}
