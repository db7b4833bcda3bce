import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../base.entity';
import { Node } from '../../common/types';

export enum OperationStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  RETIRED = 'RETIRED',
}
registerEnumType(OperationStatus, {
  name: 'OperationStatus',
  description: 'Lifecycle of an operation.',
  valuesConfig: {
    ACTIVE: { description: 'Running and measured.' },
    PAUSED: { description: 'Temporarily stopped; keeps its processes and history.' },
    RETIRED: { description: 'No longer run; kept for history.' },
  },
});

@Entity('operation')
@ObjectType({
  implements: Node,
  description: 'Continuous work that keeps the business running: an ordered workflow of processes run by a permanent team.',
})
export class Operation extends VersionedEntity implements Node {
  @Index()
  @Column({ length: 200 })
  @Field({ description: 'Name, e.g. "Garment production".' })
  name: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  @Field({ description: 'What the operation does and for whom.' })
  description: string;

  @Index()
  @Column({ type: 'simple-enum', enum: OperationStatus, default: OperationStatus.ACTIVE })
  @Field(() => OperationStatus, { description: 'ACTIVE, PAUSED or RETIRED.' })
  status: OperationStatus;

  @Index()
  @Column({ type: 'int', nullable: true })
  teamRowId: number | null;

  @ManyToOne('Team', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'teamRowId' })
  private teamFk?: unknown;

  /** Set when a project handed this operation over. */
  @Index()
  @Column({ type: 'int', nullable: true })
  originProjectRowId: number | null;

  @ManyToOne('Project', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'originProjectRowId' })
  private originProjectFk?: unknown;
}
