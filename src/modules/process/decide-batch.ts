import type { GraphQLError } from 'graphql';
import { notFound } from '../../common/errors';
import { toGlobalId } from '../../common/ids';
import { IdempotencyKeyReused, InvalidStateTransition } from '../../common/types';
import { idempotencyVerdict, type IdempotencyHashes } from '../../db/idempotency';
import { OperationStatus } from '../operation/operation.entity';
import { SampleOverlap } from './process.results';
import { periodsOverlap, type SamplePeriod } from './sample.rules';

/*
 * The decision of the ingest path, with no I/O: given the calls one transaction writes and what it
 * read after locking their processes, what becomes of each call. The SampleWriter reads the
 * snapshot, calls decideBatch, and carries the outcomes out (insert, store keys, replay, resolve).
 */

/** One queued recordThroughput / recordThroughputBatch call, as the decision sees it. */
export interface BatchJob {
  /** Its idempotency key's hashes; null for a call without a key. */
  hash: IdempotencyHashes | null;
  /** Its samples, in input order (already valid by sample.rules: each ends after it starts). */
  samples: readonly SamplePeriod[];
  /** The process row id of each sample, parallel to `samples`. */
  processIds: readonly number[];
}

/** A stored sample's period. */
export interface StoredPeriod extends SamplePeriod {
  rowId: number;
}

/** What the transaction read, after locking the processes, to decide on. */
export interface BatchSnapshot {
  /** Each process of the batch that exists, with its operation (a process missing here does not exist). */
  operationOf: ReadonlyMap<number, number>;
  /** The status of each of those operations. */
  statuses: ReadonlyMap<number, OperationStatus>;
  /** The stored answers of the batch's keys that have not expired, by key hash; `response` is the JSON of the samples' row ids. */
  answers: ReadonlyMap<string, { requestHash: string; response: string }>;
  /**
   * Stored samples of each process that could overlap the batch's periods (those starting inside
   * `snapshotRanges`, and the last one starting before), ordered by periodStart.
   */
  periods: ReadonlyMap<number, readonly StoredPeriod[]>;
}

/** What becomes of one call in this transaction. */
export type BatchOutcome =
  /** Write its samples (and, with a key, store their ids as the key's answer). */
  | { kind: 'insert' }
  /** A retry of a call stored under its key: answer with those samples, write nothing. */
  | { kind: 'replay'; rowIds: number[] }
  /** An expected refusal, returned to the caller; nothing is written or stored under its key (a retry is checked afresh). */
  | { kind: 'refuse'; result: SampleOverlap | InvalidStateTransition | IdempotencyKeyReused }
  /** Thrown to the caller (NOT_FOUND); nothing is written, as when the call's own transaction rolled back. */
  | { kind: 'fail'; error: GraphQLError }
  /**
   * Decide it in the next transaction, once the earlier call of this one has committed: it reuses
   * that call's key (it will replay) or overlaps that call's samples (its SampleOverlap will name them).
   */
  | { kind: 'later'; reason: 'same-key' | 'overlaps-earlier-call' };

/** A period of one process that the snapshot must cover: from its calls' earliest start to their latest end. */
export interface PeriodRange {
  processRowId: number;
  from: Date;
  to: Date;
}

/**
 * The ranges whose stored samples decideBatch needs: per call and existing process, from the
 * earliest start to the latest end of the call's samples of it. Processes not in `operationOf` (that
 * do not exist) are left out.
 */
export function snapshotRanges(jobs: readonly BatchJob[], operationOf: ReadonlyMap<number, number>): PeriodRange[] {
  const ranges: PeriodRange[] = [];
  for (const job of jobs) {
    for (const processRowId of new Set(job.processIds)) {
      if (!operationOf.has(processRowId)) continue;
      const own = job.samples.filter((_, i) => job.processIds[i] === processRowId);
      const from = Math.min(...own.map((s) => s.periodStart.getTime()));
      const to = Math.max(...own.map((s) => s.periodEnd.getTime()));
      ranges.push({ processRowId, from: new Date(from), to: new Date(to) });
    }
  }
  return ranges;
}

/**
 * Decides every call of one transaction, in queue order, as if each ran alone after the ones before
 * it. A keyed call replays a stored answer with its payload, or is refused IdempotencyKeyReused with
 * another. Otherwise: an unknown process fails it (NOT_FOUND); a RETIRED operation refuses it
 * (InvalidStateTransition); then, process by process in id order, two of its own samples that
 * overlap refuse it (SampleOverlap without a stored sample), as does one overlapping a stored sample
 * (SampleOverlap naming it). A call overlapping a call accepted earlier in this batch, or reusing its
 * key, is decided `later`; so the first call is never `later`, and every transaction makes progress.
 */
export function decideBatch(jobs: readonly BatchJob[], snapshot: BatchSnapshot): BatchOutcome[] {
  const claimedKeys = new Set<string>();
  /** Periods of the calls accepted so far, by process. */
  const accepted = new Map<number, SamplePeriod[]>();
  return jobs.map((job) => {
    if (job.hash) {
      if (claimedKeys.has(job.hash.keyHash)) return { kind: 'later', reason: 'same-key' };
      const stored = snapshot.answers.get(job.hash.keyHash);
      const verdict = idempotencyVerdict(stored, job.hash.requestHash);
      if (verdict === 'reused') return { kind: 'refuse', result: new IdempotencyKeyReused() };
      if (verdict === 'replay') return { kind: 'replay', rowIds: JSON.parse(stored!.response) as number[] };
    }
    const outcome = decideJob(job, snapshot, accepted);
    if (outcome.kind === 'insert') {
      if (job.hash) claimedKeys.add(job.hash.keyHash);
      job.samples.forEach((sample, i) => {
        const periods = accepted.get(job.processIds[i]);
        if (periods) periods.push(sample);
        else accepted.set(job.processIds[i], [sample]);
      });
    }
    return outcome;
  });
}

/** One call's outcome against the snapshot and the calls accepted before it (see decideBatch). */
function decideJob(job: BatchJob, snapshot: BatchSnapshot, accepted: ReadonlyMap<number, SamplePeriod[]>): BatchOutcome {
  const processIds = [...new Set(job.processIds)].sort((a, b) => a - b);
  const missing = processIds.find((id) => !snapshot.operationOf.has(id));
  if (missing !== undefined) return { kind: 'fail', error: notFound('Process', toGlobalId('Process', missing)) };
  for (const rowId of processIds) {
    const status = snapshot.statuses.get(snapshot.operationOf.get(rowId)!);
    if (status === OperationStatus.RETIRED) {
      const message = `Process ${toGlobalId('Process', rowId)} belongs to a RETIRED operation`;
      return { kind: 'refuse', result: new InvalidStateTransition(message, status, 'recordThroughput') };
    }
  }
  const { samples } = job;
  let waits = false;
  for (const rowId of processIds) {
    const processId = toGlobalId('Process', rowId);
    // This process's samples of the call, by start: only neighbours can overlap.
    const indexes = job.processIds.flatMap((p, i) => (p === rowId ? [i] : []));
    indexes.sort((a, b) => samples[a].periodStart.getTime() - samples[b].periodStart.getTime());
    for (let k = 1; k < indexes.length; k++) {
      if (periodsOverlap(samples[indexes[k - 1]], samples[indexes[k]]))
        return { kind: 'refuse', result: new SampleOverlap(processId, indexes[k], null) };
    }
    const stored = snapshot.periods.get(rowId) ?? [];
    for (const i of indexes) {
      const clash = stored.find((s) => periodsOverlap(s, samples[i]));
      if (clash) return { kind: 'refuse', result: new SampleOverlap(processId, i, toGlobalId('ThroughputSample', clash.rowId)) };
    }
    const earlier = accepted.get(rowId) ?? [];
    if (indexes.some((i) => earlier.some((e) => periodsOverlap(e, samples[i])))) waits = true;
  }
  return waits ? { kind: 'later', reason: 'overlaps-earlier-call' } : { kind: 'insert' };
}
