import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from './columns';

/**
 * One stored answer per (principal, idempotency key). Written in the same transaction as the
 * write it protects, so a retry either sees the first result or the write never happened.
 */
@Entity('idempotency_key')
export class IdempotencyRecord {
  /** sha256(principal + "\n" + key), hex. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ length: 64 })
  operation: string;

  /** sha256 of the canonical request payload: a reused key with another payload is refused. */
  @Column({ length: 64 })
  requestHash: string;

  /** The first result, as JSON the service knows how to rehydrate. */
  @Column({ type: 'text' })
  response: string;

  @Index()
  @Column(DATETIME)
  createdAt: Date;
}
