import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DATETIME } from '../../db/columns';
import { Node } from '../../common/types';
import { VersionedEntity } from '../base.entity';

export enum MilestoneStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MilestoneStatus, {
  name: 'MilestoneStatus',
  description: 'Lifecycle of a milestone.',
  valuesConfig: {
    PLANNED: { description: 'Not started.' },
    IN_PROGRESS: { description: 'Started; percentComplete says how far.' },
    DONE: { description: 'Completed (counts as 100%).' },
    CANCELLED: { description: 'Dropped: counts neither as done nor in the total.' },
  },
});

@Entity('milestone')
@Index(['projectRowId', 'dueDate'])
@ObjectType({ implements: Node, description: 'A weighted checkpoint of a project with a due date and an owner.' })
export class Milestone extends VersionedEntity implements Node {
  @Column({ type: 'int' })
  projectRowId: number;

  @ManyToOne('Project', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'projectRowId' })
  private projectFk?: unknown;

  @Column({ length: 200 })
  @Field({ description: 'Name, e.g. "Beta release".' })
  name: string;

  @Index()
  @Column({ type: 'int', nullable: true })
  ownerRowId: number | null;

  @ManyToOne('Person', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ownerRowId' })
  private ownerFk?: unknown;

  @Column(DATETIME)
  @Field({ description: 'When the milestone is due.' })
  dueDate: Date;

  @Column({ type: 'double', default: 1 })
  @Field(() => Float, { description: 'Relative weight in project progress and earned value (> 0, default 1).' })
  weight: number;

  @Column({ type: 'simple-enum', enum: MilestoneStatus, default: MilestoneStatus.PLANNED })
  @Field(() => MilestoneStatus, { description: 'PLANNED, IN_PROGRESS, DONE or CANCELLED.' })
  status: MilestoneStatus;

  @Column({ type: 'double', default: 0 })
  @Field(() => Float, { description: 'How far along, 0–100; DONE milestones are 100.' })
  percentComplete: number;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was completed; null until DONE.' })
  completedAt: Date | null;
}
