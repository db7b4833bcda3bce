import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';
import { Node } from '../../common/types';
import { VersionedEntity } from '../base.entity';

/**
 * Hours a week of one person given to one operation (permanent work, may be open-ended) or one
 * project (temporary work, within the project's dates). The current state; every change is also
 * kept as an `AllocationRevision`, which is what as-of reads use.
 */
@Entity('allocation')
@ObjectType({
  implements: Node,
  description:
    'Hours a week of one person given to exactly one operation (permanent work; `to` may be open) or one project (temporary work, within its dates).',
})
export class Allocation extends VersionedEntity implements Node {
  @Index()
  @Column({ type: 'int' })
  personRowId: number;

  @ManyToOne('Person', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'personRowId' })
  private personFk?: unknown;

  @Index()
  @Column({ type: 'int', nullable: true })
  projectRowId: number | null;

  @ManyToOne('Project', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'projectRowId' })
  private projectFk?: unknown;

  @Index()
  @Column({ type: 'int', nullable: true })
  operationRowId: number | null;

  @ManyToOne('Operation', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operationRowId' })
  private operationFk?: unknown;

  @Column({ type: 'double' })
  @Field(() => Float, { description: 'Hours a week given to the operation or project (the input form; see also percentOfCapacity).' })
  hoursPerWeek: number;

  @Column({ ...DATETIME, name: 'startsAt' })
  @Field({ description: 'When the allocation starts (inclusive).' })
  from: Date;

  @Column({ ...DATETIME, name: 'endsAt', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When it ends (exclusive); null = open-ended, only for operations work. endAllocation sets it.',
  })
  to: Date | null;

  @Column({ length: 100 })
  @Field({ description: 'The role the person has in this work, e.g. "Cutter" or "Product owner".' })
  role: string;
}

/** One recorded state of an allocation: as-of reads take, per allocation, the last revision recorded by then. */
@Entity('allocation_revision')
@Index(['personRowId', 'recordedAt'])
@Index(['allocationRowId', 'version'], { unique: true })
export class AllocationRevision {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Column({ type: 'int' })
  allocationRowId: number;

  @ManyToOne(() => Allocation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'allocationRowId' })
  private allocationFk?: Allocation;

  @Column({ type: 'int' })
  personRowId: number;

  @Index()
  @Column({ type: 'int', nullable: true })
  projectRowId: number | null;

  @Index()
  @Column({ type: 'int', nullable: true })
  operationRowId: number | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'double' })
  hoursPerWeek: number;

  @Column({ ...DATETIME, name: 'startsAt' })
  from: Date;

  @Column({ ...DATETIME, name: 'endsAt', nullable: true })
  to: Date | null;

  @Column(DATETIME)
  recordedAt: Date;
}
