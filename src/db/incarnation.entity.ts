import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from './columns';

/**
 * The database's incarnation: one row (id 1) with a random id, set by the migration that creates the
 * table and replaced whenever a backup is restored (`npm run restore`). Event sequence numbers are
 * only meaningful within one incarnation: after a restore, numbers past the backup's end are reused
 * by new writes, so live cursors carry the incarnation and one of another is refused.
 */
@Entity('database_incarnation')
export class DatabaseIncarnation {
  /** Always 1: the table holds one row. */
  @PrimaryColumn({ type: 'int' })
  id: number;

  /** 16 lowercase hex characters (64 random bits). */
  @Column({ type: 'varchar', length: 32 })
  incarnation: string;

  /** When this incarnation began (the migration, or the restore). */
  @Column(DATETIME)
  startedAt: Date;
}
