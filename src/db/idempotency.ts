import { createHash } from 'node:crypto';
import { LessThan } from 'typeorm';
import { sqlDialect, type SqlDialect, type Statement, type TransactionRunner, type UnitOfWork } from './transaction';
import type { Logger } from '../common/logger';
import { IdempotencyRecord } from './idempotency.entity';
import { IdempotencyKeyReused } from '../common/types';

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

/** A stored first result. */
export interface IdempotencyEntry {
  keyHash: string;
  operation: string;
  requestHash: string;
  /** The first result, as JSON the service knows how to rehydrate. */
  response: string;
  createdAt: Date;
}

/** What a keyed request is remembered by. */
export interface IdempotencyHashes {
  /** sha256(principal, operation, key): the stored row's key. */
  keyHash: string;
  /** sha256(canonical payload): tells a retry from a reuse of the key. */
  requestHash: string;
}

/** The hashes a request is remembered by: sha256(principal, operation, key) and sha256(canonical payload). */
export function idempotencyHashes(
  request: Pick<IdempotencyRequest, 'principal' | 'operation' | 'payload'> & { key: string },
): IdempotencyHashes {
  return {
    keyHash: sha256(`${request.principal}\n${request.operation}\n${request.key}`),
    requestHash: sha256(canonicalJson(request.payload)),
  };
}

/** The TTL in effect for `uow`: the request's, else the configured one, else 24 hours. */
export function idempotencyTtl(uow: UnitOfWork, ttlMs?: number): number {
  return ttlMs ?? uow.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
}

/**
 * The one expiry rule: of these stored entries, returns those still within `ttlMs` of `now` by key
 * hash, and deletes the expired ones (one statement each) so their keys can be used again. Every
 * keyed write reads its entries, by whatever statement, and passes them through here.
 */
export async function liveIdempotencyEntries<E extends { keyHash: string; createdAt: Date }>(
  uow: UnitOfWork,
  entries: Iterable<E>,
  now: Date,
  ttlMs: number,
): Promise<Map<string, E>> {
  const live = new Map<string, E>();
  for (const entry of entries) {
    if (entry.createdAt.getTime() >= now.getTime() - ttlMs) live.set(entry.keyHash, entry);
    else await forgetIdempotencyKey(uow, entry.keyHash);
  }
  return live;
}

/**
 * What a keyed request does, given the live entry stored under its key (if any): `run` it (nothing
 * stored), `replay` the stored answer (same payload), or refuse it as `reused` (another payload:
 * IdempotencyKeyReused, nothing changes).
 */
export function idempotencyVerdict(stored: { requestHash: string } | undefined, requestHash: string): 'run' | 'replay' | 'reused' {
  if (!stored) return 'run';
  return stored.requestHash === requestHash ? 'replay' : 'reused';
}

/**
 * Reads the stored entries of these key hashes that are still within `ttlMs` of `now`; expired ones
 * are deleted (so the key can be used again) and left out.
 */
export async function findIdempotencyEntries(
  uow: UnitOfWork,
  keyHashes: string[],
  now: Date,
  ttlMs: number,
): Promise<Map<string, IdempotencyEntry>> {
  if (keyHashes.length === 0) return new Map();
  // Plain SQL: this runs on every keyed write, and the query builder costs more than the lookup.
  const dialect = sqlDialect(uow.manager);
  const rows: { keyHash: string; operation: string; requestHash: string; response: string; createdAt: Date | string }[] =
    await uow.manager.query(
      `SELECT keyHash, operation, requestHash, response, createdAt FROM idempotency_key WHERE keyHash IN (${keyHashes.map(() => '?').join(', ')})`,
      keyHashes,
    );
  return liveIdempotencyEntries(
    uow,
    rows.map((row) => ({ ...row, createdAt: dialect.readDate(row.createdAt) })),
    now,
    ttlMs,
  );
}

/** Deletes a stored answer (an expired one, before its key is used again). */
export async function forgetIdempotencyKey(uow: UnitOfWork, keyHash: string): Promise<void> {
  await uow.manager.getRepository(IdempotencyRecord).delete({ keyHash });
}

/** Stores first results in one statement. A key stored meanwhile by another transaction raises IdempotencyRace (the runner retries, and the retry replays). */
export async function storeIdempotencyEntries(uow: UnitOfWork, entries: IdempotencyEntry[]): Promise<void> {
  const statement = idempotencyEntriesStatement(sqlDialect(uow.manager), entries);
  if (!statement) return;
  try {
    await uow.manager.query(statement.sql, statement.params);
  } catch (error) {
    throw asIdempotencyRace(error, entries);
  }
}

/** storeIdempotencyEntries' INSERT, for a batch (null without entries); a failed batch's error goes through asIdempotencyRace. */
export function idempotencyEntriesStatement(dialect: SqlDialect, entries: IdempotencyEntry[]): Statement | null {
  if (entries.length === 0) return null;
  return {
    sql: `INSERT INTO idempotency_key (keyHash, operation, requestHash, response, createdAt) VALUES ${entries.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
    params: entries.flatMap((e) => [e.keyHash, e.operation, e.requestHash, e.response, dialect.date(e.createdAt)]),
  };
}

/**
 * IdempotencyRace when `error` is a duplicate of one of these entries' keys (another transaction
 * stored it meanwhile); otherwise `error` itself. The message names the table (SQLite) or the key
 * hash (MySQL/MariaDB), which tells it apart from another statement's duplicate in the same batch.
 */
export function asIdempotencyRace(error: unknown, entries: IdempotencyEntry[]): unknown {
  const message = String((error as Error)?.message);
  if (/duplicate|unique/i.test(message) && (message.includes('idempotency_key') || entries.some((e) => message.includes(e.keyHash))))
    return new IdempotencyRace('idempotency key raced');
  return error;
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
  const { keyHash, requestHash } = idempotencyHashes({ ...request, key: request.key });
  const existing = (await findIdempotencyEntries(uow, [keyHash], request.now, idempotencyTtl(uow, request.ttlMs))).get(keyHash);
  const verdict = idempotencyVerdict(existing, requestHash);
  if (verdict === 'reused') return new IdempotencyKeyReused();
  if (verdict === 'replay') return codec.decode(JSON.parse(existing!.response) as S);
  const result = await execute();
  await storeIdempotencyEntries(uow, [
    { keyHash, operation: request.operation, requestHash, response: JSON.stringify(codec.encode(result)), createdAt: request.now },
  ]);
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
export function scheduleIdempotencyPurge(args: {
  transaction: TransactionRunner;
  now: () => Date;
  ttlMs: number;
  everyMs: number;
  logger: Logger;
}): () => void {
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
