import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';
import { MilestoneStatus } from './milestone.entity';

/**
 * The state of a milestone after each change, written in the same transaction as the change.
 * Progress, earned value and health "as of" a past instant read the latest revision at or before it.
 */
@Entity('milestone_revision')
@Index(['projectRowId', 'recordedAt'])
export class MilestoneRevision {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Column({ type: 'int' })
  milestoneRowId: number;

  @Column({ type: 'int' })
  projectRowId: number;

  @Column({ type: 'simple-enum', enum: MilestoneStatus })
  status: MilestoneStatus;

  @Column({ type: 'double' })
  percentComplete: number;

  @Column({ type: 'double' })
  weight: number;

  @Column(DATETIME)
  dueDate: Date;

  @Column({ ...DATETIME, nullable: true })
  completedAt: Date | null;

  @Column(DATETIME)
  recordedAt: Date;
}
