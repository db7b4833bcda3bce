import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { DATETIME } from '../../db/columns';
import { Node } from '../../common/types';
import { NodeEntity } from '../base.entity';

export enum AlertKind {
  THROUGHPUT_BELOW_TARGET = 'THROUGHPUT_BELOW_TARGET',
  YIELD_BELOW_TARGET = 'YIELD_BELOW_TARGET',
  STOCK_BELOW_REORDER_POINT = 'STOCK_BELOW_REORDER_POINT',
  MILESTONE_OVERDUE = 'MILESTONE_OVERDUE',
  BUDGET_OVERRUN = 'BUDGET_OVERRUN',
  PROJECT_HEALTH_CHANGED = 'PROJECT_HEALTH_CHANGED',
  PURCHASE_ORDER_OVERDUE = 'PURCHASE_ORDER_OVERDUE',
  SHIPMENT_LATE = 'SHIPMENT_LATE',
  PRODUCTION_ORDER_FORECAST_LATE = 'PRODUCTION_ORDER_FORECAST_LATE',
  PRODUCTION_ORDER_OVERDUE = 'PRODUCTION_ORDER_OVERDUE',
  PERSON_OVER_ALLOCATED = 'PERSON_OVER_ALLOCATED',
}
registerEnumType(AlertKind, {
  name: 'AlertKind',
  description: 'What an alert is about.',
  valuesConfig: {
    THROUGHPUT_BELOW_TARGET: { description: "A process's attainment over the last hour fell below the alert threshold." },
    YIELD_BELOW_TARGET: { description: "A process's yield over the last hour fell below its target yield." },
    STOCK_BELOW_REORDER_POINT: { description: 'An inventory item is at or below its reorder point.' },
    MILESTONE_OVERDUE: { description: 'A milestone passed its due date without being done.' },
    BUDGET_OVERRUN: { description: "A project's actual cost exceeds its budget." },
    PROJECT_HEALTH_CHANGED: { description: "A project's computed health changed." },
    PURCHASE_ORDER_OVERDUE: { description: 'A purchase order is still OPEN or PARTIALLY_RECEIVED after its promised day (UTC).' },
    SHIPMENT_LATE: { description: 'A shipment is still PLANNED or SHIPPED after its promised day (UTC).' },
    PRODUCTION_ORDER_FORECAST_LATE: {
      description: 'An open production order is forecast (ProductionOrder.forecastCompletion) to complete after its due date.',
    },
    PRODUCTION_ORDER_OVERDUE: { description: 'A production order is still PLANNED, RELEASED or IN_PROGRESS after its due date.' },
    PERSON_OVER_ALLOCATED: {
      description:
        'A person has more hours allocated than their capacity in some week of the next 12 weeks (from today, UTC), across operations and projects.',
    },
  },
});

export enum AlertSeverity {
  INFO = 'INFO',
  WARNING = 'WARNING',
  CRITICAL = 'CRITICAL',
}
registerEnumType(AlertSeverity, {
  name: 'AlertSeverity',
  description: 'How urgent an alert is, in increasing order.',
  valuesConfig: {
    INFO: { description: 'Worth knowing.' },
    WARNING: { description: 'Needs attention.' },
    CRITICAL: { description: 'Needs action now.' },
  },
});

export const SEVERITY_RANK: Record<AlertSeverity, number> = { INFO: 0, WARNING: 1, CRITICAL: 2 };

@Entity('alert')
@Index(['operationRowId', 'raisedAt'])
@Index(['projectRowId', 'raisedAt'])
@ObjectType({ implements: Node, description: 'A stored alert, raised once each time its condition starts to hold.' })
export class Alert extends NodeEntity implements Node {
  @Column({ type: 'simple-enum', enum: AlertKind })
  @Field(() => AlertKind, { description: 'What the alert is about.' })
  kind: AlertKind;

  @Column({ type: 'simple-enum', enum: AlertSeverity })
  @Field(() => AlertSeverity, { description: 'How urgent it is.' })
  severity: AlertSeverity;

  /** Global ID of the subject (process, item, milestone, project). */
  @Column({ type: 'varchar', length: 64 })
  subjectId: string;

  @Column({ type: 'int', nullable: true })
  operationRowId: number | null;

  @Column({ type: 'int', nullable: true })
  projectRowId: number | null;

  @Column({ type: 'varchar', length: 500 })
  @Field({ description: 'What happened, with the numbers.' })
  message: string;

  /** Extra facts, e.g. the health status it changed to. */
  @Column({ type: 'text' })
  detail: string;

  @Index()
  @Column(DATETIME)
  @Field({ description: 'When the condition started to hold.' })
  raisedAt: Date;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When someone acknowledged it; null until then.' })
  acknowledgedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who acknowledged it (token subject).' })
  acknowledgedBy: string | null;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the condition stopped holding; null while it still holds.' })
  clearedAt: Date | null;

  /** "<kind>:<subjectId>" while the condition holds, null after: a unique index makes "raised once per crossing" hold across instances. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  activeKey: string | null;
}
