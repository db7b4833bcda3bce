import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DatabaseIncarnation } from './incarnation.entity';

/** A new random incarnation id: 16 lowercase hex characters. */
export function newIncarnationId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * The incarnation of the database behind `dataSource` (row 1 of `database_incarnation`), or null
 * when the row is missing (a database whose migrations have not run). Read once per app by the live
 * service: it cannot change while the API runs, since `npm run restore` refuses then.
 */
export async function readIncarnation(dataSource: DataSource): Promise<string | null> {
  const row = await dataSource.getRepository(DatabaseIncarnation).findOneBy({ id: 1 });
  return row?.incarnation ?? null;
}

/**
 * Gives the database behind `dataSource` a new incarnation (MySQL/MariaDB after a restore with the
 * server's own tools: `npm run restore -- --mysql-restored`). Returns the new id.
 */
export async function rotateIncarnation(dataSource: DataSource, now: Date): Promise<string> {
  const incarnation = newIncarnationId();
  await dataSource.getRepository(DatabaseIncarnation).save({ id: 1, incarnation, startedAt: now });
  return incarnation;
}
