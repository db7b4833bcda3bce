import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';
import { MilestoneStatus } from './milestone.entity';

/**
 * The state of a milestone after each change, written in the same transaction as the change. Two
 * times: `recordedAt` (when the change was recorded: knowledge time, `asOf`) and `effectiveAt` (when
 * it took effect: the status date). Progress, earned value and health at a status date read, among
 * the revisions recorded by `asOf`, each milestone's latest one effective by the status date.
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

  /**
   * When the change took effect: now, or the earlier date a client stated for a late progress update
   * (never after `recordedAt`, never before the project start, never before the milestone's previous
   * revision). The revision written at creation takes effect at the project start (or at creation,
   * if the project starts later): a milestone belongs to the plan from the start.
   */
  @Column(DATETIME)
  effectiveAt: Date;
}
