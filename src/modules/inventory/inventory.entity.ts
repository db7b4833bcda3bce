import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DATETIME, QUANTITY } from '../../db/columns';
import { Node } from '../../common/types';
import { NodeEntity, VersionedEntity } from '../base.entity';

export enum StockMovementKind {
  RECEIPT = 'RECEIPT',
  CONSUMPTION = 'CONSUMPTION',
  SHIPMENT = 'SHIPMENT',
  ADJUSTMENT = 'ADJUSTMENT',
}
registerEnumType(StockMovementKind, {
  name: 'StockMovementKind',
  description: 'Why stock changed.',
  valuesConfig: {
    RECEIPT: { description: 'Goods received (adds stock; quantity > 0).' },
    CONSUMPTION: { description: 'Used by a process (removes stock; quantity > 0 is subtracted).' },
    SHIPMENT: { description: 'Shipped to a customer (removes stock; quantity > 0 is subtracted).' },
    ADJUSTMENT: { description: 'Stock-take correction (signed quantity).' },
  },
});

@Entity('inventory_item')
@ObjectType({ implements: Node, description: 'A stocked material or product. Stock changes only through recorded movements.' })
export class InventoryItem extends VersionedEntity implements Node {
  @Index({ unique: true })
  @Column({ length: 64 })
  @Field({ description: 'Stock-keeping unit, unique.' })
  sku: string;

  @Column({ length: 200 })
  @Field({ description: 'Name, e.g. "Organic cotton twill".' })
  name: string;

  @Column({ length: 50 })
  @Field({ description: 'Unit of measure, e.g. "m" or "pcs".' })
  unit: string;

  @Column({ ...QUANTITY, default: 0 })
  @Field(() => Float, { description: 'Quantity on hand: the sum of all movements; never negative.' })
  onHand: number;

  @Column({ ...QUANTITY, default: 0 })
  @Field(() => Float, { description: 'Reorder when on hand falls to or below this.' })
  reorderPoint: number;

  @Index()
  @Column({ type: 'int' })
  operationRowId: number;

  @ManyToOne('Operation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operationRowId' })
  private operationFk?: unknown;

  // The column is VersionedEntity's; only the description differs: no mutation takes an item's expectedVersion.
  @Field(() => Int, { description: 'Optimistic-concurrency version; bumps with every movement.' })
  declare version: number;
}

@Entity('stock_movement')
@Index(['itemRowId', 'occurredAt'])
@ObjectType({ implements: Node, description: 'A recorded change of stock of one inventory item.' })
export class StockMovement extends NodeEntity implements Node {
  @Column({ type: 'int' })
  itemRowId: number;

  @ManyToOne(() => InventoryItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'itemRowId' })
  private itemFk?: InventoryItem;

  @Column({ type: 'simple-enum', enum: StockMovementKind })
  @Field(() => StockMovementKind, { description: 'RECEIPT, CONSUMPTION, SHIPMENT or ADJUSTMENT.' })
  kind: StockMovementKind;

  @Column(QUANTITY)
  @Field(() => Float, { description: 'Signed change of on-hand stock (negative for consumption and shipment).' })
  delta: number;

  @Column(QUANTITY)
  @Field(() => Float, { description: 'Stock on hand right after this movement.' })
  onHandAfter: number;

  @Column({ type: 'varchar', length: 500, default: '' })
  @Field({ description: 'Free-text note, e.g. a delivery note number.' })
  note: string;

  @Column(DATETIME)
  @Field({ description: 'When the movement happened.' })
  occurredAt: Date;

  @Column(DATETIME)
  @Field({ description: 'When the server stored it.' })
  recordedAt: Date;
}
