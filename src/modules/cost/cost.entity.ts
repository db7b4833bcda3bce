import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CENTS, DATETIME } from '../../db/columns';
import { Node } from '../../common/types';
import { NodeEntity } from '../base.entity';

@Entity('cost_entry')
@Index(['projectRowId', 'incurredAt'])
@Index(['operationRowId', 'incurredAt'])
@ObjectType({ implements: Node, description: 'An amount of money spent, booked against exactly one project or one operation.' })
export class CostEntry extends NodeEntity implements Node {
  @Column({ type: 'int', nullable: true })
  projectRowId: number | null;

  @ManyToOne('Project', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'projectRowId' })
  private projectFk?: unknown;

  @Column({ type: 'int', nullable: true })
  operationRowId: number | null;

  @ManyToOne('Operation', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operationRowId' })
  private operationFk?: unknown;

  @Column(CENTS)
  amountCents: number;

  @Column(DATETIME)
  @Field({ description: 'When the cost was incurred.' })
  incurredAt: Date;

  @Column({ length: 500 })
  @Field({ description: 'What the money was spent on.' })
  description: string;

  @Column(DATETIME)
  @Field({ description: 'When the server stored it.' })
  recordedAt: Date;
}
