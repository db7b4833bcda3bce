import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { UnitOfWork } from './transaction';
import { notFound } from '../common/errors';
import { toGlobalId } from '../common/ids';
import { VersionConflict } from '../common/types';

/**
 * Optimistic-concurrency update: `UPDATE … SET …, version = version + 1 WHERE id = ? AND version = ?`
 * and a check of the affected row count (TypeORM's @VersionColumn alone does not check it).
 * Returns the updated entity, or VersionConflict (nothing changed); throws NOT_FOUND if the row is gone.
 */
export async function updateVersioned<T extends ObjectLiteral & { rowId: number; version: number }>(
  uow: UnitOfWork,
  entity: EntityTarget<T>,
  typeName: string,
  rowId: number,
  expectedVersion: number,
  changes: Partial<T>,
  now: Date,
): Promise<T | VersionConflict> {
  const repo = uow.manager.getRepository(entity);
  const hasUpdatedAt = repo.metadata.findColumnWithPropertyName('updatedAt') !== undefined;
  const result = await repo
    .createQueryBuilder()
    .update()
    .set({ ...changes, ...(hasUpdatedAt ? { updatedAt: now } : {}), version: () => 'version + 1' } as never)
    .where({ rowId, version: expectedVersion } as never)
    .execute();
  const current = await repo.findOneBy({ rowId } as never);
  if (!current) throw notFound(typeName, toGlobalId(typeName, rowId));
  if (!result.affected) return new VersionConflict(toGlobalId(typeName, rowId), expectedVersion, current.version);
  return current;
}

/** Loads a row inside a transaction, optionally locking it (MySQL `FOR UPDATE`); throws NOT_FOUND. */
export async function loadForUpdate<T extends ObjectLiteral & { rowId: number }>(
  uow: UnitOfWork,
  entity: EntityTarget<T>,
  typeName: string,
  rowId: number,
  lock = true,
): Promise<T> {
  const qb = uow.manager.getRepository(entity).createQueryBuilder('t').where('t.id = :rowId', { rowId });
  if (lock && uow.supportsRowLocks) qb.setLock('pessimistic_write');
  const row = await qb.getOne();
  if (!row) throw notFound(typeName, toGlobalId(typeName, rowId));
  return row;
}
