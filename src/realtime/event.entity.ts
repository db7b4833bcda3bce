import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../db/columns';

/**
 * One row per event stream ("operation:12", "project:3", "alerts") holding its last sequence number.
 * Writers lock this row (SELECT … FOR UPDATE) inside their transaction, so sequence order is commit
 * order even with concurrent writers.
 */
@Entity('event_stream')
export class EventStream {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  streamKey: string;

  @Column({ type: 'int', default: 0 })
  lastSeq: number;
}

/** A persisted event: replayed to subscribers that resume from a cursor. */
@Entity('event')
@Index(['streamKey', 'seq'], { unique: true })
export class StoredEvent {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Column({ type: 'varchar', length: 64 })
  streamKey: string;

  @Column({ type: 'int' })
  seq: number;

  /** e.g. "throughput.recorded", "milestone.completed", "alert.raised". */
  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** Global ID of the object the event is about (sample, milestone, alert, …). */
  @Column({ type: 'varchar', length: 64 })
  subjectId: string;

  /** Small JSON with the row ids a subscriber needs (e.g. processRowId, milestoneRowId). */
  @Column({ type: 'text' })
  payload: string;

  @Index()
  @Column(DATETIME)
  createdAt: Date;
}
