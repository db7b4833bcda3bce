import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DATETIME } from '../../db/columns';
import { Node } from '../../common/types';
import { VersionedEntity } from '../base.entity';

export enum ProductionOrderStatus {
  PLANNED = 'PLANNED',
  RELEASED = 'RELEASED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ProductionOrderStatus, {
  name: 'ProductionOrderStatus',
  description: 'Lifecycle of a production order: PLANNED → RELEASED → IN_PROGRESS → COMPLETED, or CANCELLED.',
  valuesConfig: {
    PLANNED: { description: 'On the schedule, not yet released to the floor; no samples may be attributed to it.' },
    RELEASED: { description: 'Released to the floor: samples may be attributed to it.' },
    IN_PROGRESS: { description: 'At least one throughput sample has been attributed to it.' },
    COMPLETED: { description: 'Closed as done (possibly short: see `completedShort`); counts in the completion KPIs.' },
    CANCELLED: { description: 'Dropped: no further samples, not counted in the completion KPIs.' },
  },
});

/** The event type of every change of a production order, appended to its operation's stream (`productionOrderUpdated`). */
export const PRODUCTION_ORDER_UPDATED = 'production-order.updated';

/** The statuses under which throughput samples may be attributed to an order. */
export const ATTRIBUTABLE_STATUSES: readonly ProductionOrderStatus[] = [ProductionOrderStatus.RELEASED, ProductionOrderStatus.IN_PROGRESS];

/** The statuses of an order that is still open (not COMPLETED or CANCELLED). */
export const OPEN_STATUSES: readonly ProductionOrderStatus[] = [
  ProductionOrderStatus.PLANNED,
  ProductionOrderStatus.RELEASED,
  ProductionOrderStatus.IN_PROGRESS,
];

@Entity('production_order')
@Index(['operationRowId', 'number'], { unique: true })
@Index(['operationRowId', 'dueDate'])
@Index(['operationRowId', 'completedAt'])
@Index(['status', 'dueDate'])
@ObjectType({
  implements: Node,
  description:
    "One line of an operation's production schedule: a quantity of one SKU to make between a planned start and a due date. " +
    "Good units of the operation's final process are attributed to it through `recordThroughput(productionOrderId)`.",
})
export class ProductionOrder extends VersionedEntity implements Node {
  @Column({ type: 'int' })
  operationRowId: number;

  @ManyToOne('Operation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operationRowId' })
  private operationFk?: unknown;

  @Column({ length: 64 })
  @Field({ description: 'Order number, e.g. "MO-2025-014"; unique within its operation.' })
  number: string;

  @Column({ length: 64 })
  @Field({ description: 'Stock-keeping unit of what is made, e.g. "TEE-ORG-M-BLK".' })
  sku: string;

  // Whole units: good units are whole numbers of the final process's unit (ThroughputSample.goodUnits is an Int).
  @Column({ type: 'int' })
  @Field(() => Int, { description: "Units to make, in the final process's unit (> 0)." })
  quantity: number;

  @Column(DATETIME)
  @Field({ description: 'When production is planned to start.' })
  plannedStart: Date;

  @Column(DATETIME)
  @Field({ description: 'When the order is due to be complete (after `plannedStart`).' })
  dueDate: Date;

  @Column({ type: 'simple-enum', enum: ProductionOrderStatus, default: ProductionOrderStatus.PLANNED })
  @Field(() => ProductionOrderStatus, { description: 'PLANNED, RELEASED, IN_PROGRESS, COMPLETED or CANCELLED.' })
  status: ProductionOrderStatus;

  /** Kept up to date in the transaction that stores each attributed sample of the final process. */
  @Column({ type: 'int', default: 0 })
  @Field(() => Int, {
    description:
      "Good units of the operation's final process attributed to this order (samples of earlier processes are work in progress and do not count).",
  })
  producedQuantity: number;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When it was released to the floor; null while PLANNED (or cancelled before release).',
  })
  releasedAt: Date | null;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the first attributed sample was stored (the move to IN_PROGRESS); null before.' })
  startedAt: Date | null;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was completed; null unless COMPLETED.' })
  completedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  @Field({ description: 'True when it was completed with fewer units produced than ordered (see `shortQuantity`).' })
  completedShort: boolean;

  @Column({ type: 'int', default: 0 })
  @Field(() => Int, { description: 'Units missing at completion (quantity − produced) when completed short; 0 otherwise.' })
  shortQuantity: number;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was cancelled; null unless CANCELLED.' })
  cancelledAt: Date | null;
}
