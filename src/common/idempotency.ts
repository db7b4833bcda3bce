import { createHash } from 'node:crypto';
import { LessThan } from 'typeorm';
import { sqlDialect, type TransactionRunner, type UnitOfWork } from '../db/transaction';
import type { Logger } from './logger';
import { IdempotencyRecord } from '../db/idempotency.entity';
import { IdempotencyKeyReused } from './types';

/** How long an idempotency key is remembered. Configurable; default 24 hours. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Raised when two requests race on one key; the transaction runner retries, and the retry replays. */
export class IdempotencyRace extends Error {
  override name = 'IdempotencyRace';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Stable JSON (sorted keys) so the same payload always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export interface IdempotencyRequest {
  principal: string;
  operation: string;
  key: string | null | undefined;
  payload: unknown;
  now: Date;
  ttlMs?: number;
}

/**
 * Runs `execute` at most once per (principal, key): the first result is stored, in the same
 * transaction, as whatever `encode` returns; a retry with the same payload gets `decode(stored)`;
 * the same key with a different payload gets IdempotencyKeyReused and changes nothing.
 */
export async function withIdempotency<T, S>(
  uow: UnitOfWork,
  request: IdempotencyRequest,
  execute: () => Promise<T>,
  codec: { encode(result: T): S; decode(stored: S): Promise<T> },
): Promise<T | IdempotencyKeyReused> {
  if (!request.key) return execute();
  // Plain SQL: this runs on every keyed write, and the query builder costs more than the lookup.
  const dialect = sqlDialect(uow.manager);
  const keyHash = sha256(`${request.principal}\n${request.operation}\n${request.key}`);
  const requestHash = sha256(canonicalJson(request.payload));
  const ttl = request.ttlMs ?? uow.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  const [existing]: { requestHash: string; response: string; createdAt: Date | string }[] = await uow.manager.query(
    'SELECT requestHash, response, createdAt FROM idempotency_key WHERE keyHash = ?',
    [keyHash],
  );
  if (existing) {
    if (dialect.readDate(existing.createdAt).getTime() >= request.now.getTime() - ttl) {
      if (existing.requestHash !== requestHash) return new IdempotencyKeyReused();
      return codec.decode(JSON.parse(existing.response) as S);
    }
    await uow.manager.getRepository(IdempotencyRecord).delete({ keyHash });
  }
  const result = await execute();
  try {
    await uow.manager.query(
      'INSERT INTO idempotency_key (keyHash, operation, requestHash, response, createdAt) VALUES (?, ?, ?, ?, ?)',
      [keyHash, request.operation, requestHash, JSON.stringify(codec.encode(result)), dialect.date(request.now)],
    );
  } catch (error) {
    if (/duplicate|unique/i.test(String((error as Error).message))) throw new IdempotencyRace('idempotency key raced');
    throw error;
  }
  return result;
}

/** Deletes expired keys; run periodically. Returns how many were removed. */
export async function purgeExpiredIdempotencyKeys(uow: UnitOfWork, now: Date, ttlMs = DEFAULT_IDEMPOTENCY_TTL_MS): Promise<number> {
  const result = await uow.manager.getRepository(IdempotencyRecord).delete({ createdAt: LessThan(new Date(now.getTime() - ttlMs)) });
  return result.affected ?? 0;
}

/**
 * Purges expired keys every `everyMs` (IDEMPOTENCY_PURGE_MS, default hourly) so the table stays the
 * size of one TTL's traffic. A failed purge is logged and retried at the next tick. Returns stop().
 */
export function scheduleIdempotencyPurge(args: { transaction: TransactionRunner; now: () => Date; ttlMs: number; everyMs: number; logger: Logger }): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    args
      .transaction((uow) => purgeExpiredIdempotencyKeys(uow, args.now(), args.ttlMs))
      .then((removed) => removed > 0 && args.logger.info({ removed }, 'purged expired idempotency keys'))
      .catch((err) => args.logger.warn({ err: (err as Error).message }, 'idempotency purge failed; retrying at the next tick'))
      .finally(() => {
        running = false;
      });
  }, args.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
