import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DATETIME, QUANTITY } from '../../db/columns';
import { Node } from '../../common/types';
import { NodeEntity, VersionedEntity } from '../base.entity';

export enum ShipmentStatus {
  PLANNED = 'PLANNED',
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ShipmentStatus, {
  name: 'ShipmentStatus',
  description: 'Lifecycle of a shipment: PLANNED → SHIPPED → DELIVERED, or CANCELLED.',
  valuesConfig: {
    PLANNED: { description: 'Promised to the destination; nothing has left stock yet.' },
    SHIPPED: { description: 'Left the warehouse: its SHIPMENT stock movements are written.' },
    DELIVERED: { description: 'The destination confirmed delivery (possibly short: see the lines).' },
    CANCELLED: { description: 'Dropped before shipping; counts in no delivery KPI.' },
  },
});

@Entity('shipment')
@Index(['operationRowId', 'promisedDate'])
@Index(['operationRowId', 'deliveredAt'])
@Index(['status', 'promisedDate'])
@ObjectType({
  implements: Node,
  description: "Goods promised to a store or customer by a date, shipped from an operation's stock and confirmed on delivery.",
})
export class Shipment extends VersionedEntity implements Node {
  /** The shipping operation: whose stock it leaves and whose OTIF it counts in. */
  @Column({ type: 'int' })
  operationRowId: number;

  @ManyToOne('Operation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operationRowId' })
  private operationFk?: unknown;

  @Column({ length: 200 })
  @Field({ description: 'Who it goes to: the store or customer, free text of 1–200 characters, e.g. "Store 12 – Lisbon Chiado".' })
  destination: string;

  @Column(DATETIME)
  @Field({ description: 'When delivery was promised to the destination.' })
  promisedDate: Date;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it left the warehouse; null until SHIPPED.' })
  shippedAt: Date | null;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the destination received it; null until DELIVERED.' })
  deliveredAt: Date | null;

  /** When the server stored the delivery confirmation: delivery KPIs as of an instant count only deliveries recorded by then. */
  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the delivery confirmation was recorded; null until DELIVERED.' })
  deliveryRecordedAt: Date | null;

  @Column({ type: 'simple-enum', enum: ShipmentStatus, default: ShipmentStatus.PLANNED })
  @Field(() => ShipmentStatus, { description: 'PLANNED, SHIPPED, DELIVERED or CANCELLED.' })
  status: ShipmentStatus;
}

@Entity('shipment_line')
@Index(['shipmentRowId', 'inventoryItemRowId'], { unique: true })
@ObjectType({ implements: Node, description: 'One inventory item on a shipment: how much was promised and how much was delivered.' })
export class ShipmentLine extends NodeEntity implements Node {
  @Column({ type: 'int' })
  shipmentRowId: number;

  @ManyToOne(() => Shipment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'shipmentRowId' })
  private shipmentFk?: Shipment;

  @Index()
  @Column({ type: 'int' })
  inventoryItemRowId: number;

  @ManyToOne('InventoryItem', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'inventoryItemRowId' })
  private inventoryItemFk?: unknown;

  @Column(QUANTITY)
  @Field(() => Float, { description: "Quantity promised and shipped, in the item's unit (> 0, at most 3 decimals)." })
  quantity: number;

  @Column({ ...QUANTITY, nullable: true })
  @Field(() => Float, { nullable: true, description: 'Quantity the destination confirmed receiving; null until DELIVERED.' })
  deliveredQuantity: number | null;
}
