import type { GraphQLError } from 'graphql';
import { notFound } from '../../common/errors';
import { toGlobalId } from '../../common/ids';
import { IdempotencyKeyReused, InvalidStateTransition } from '../../common/types';
import { idempotencyVerdict, type IdempotencyHashes } from '../../db/idempotency';
import { OperationStatus } from '../operation/operation.entity';
import { ATTRIBUTABLE_STATUSES, ProductionOrderStatus } from '../production-order/production-order.entity';
import { ProductionOrderMismatch, SampleOverlap } from './process.results';
import { countsTowardOrder, periodsOverlap, type SamplePeriod } from './sample.rules';

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
  samples: readonly (SamplePeriod & { goodUnits?: number })[];
  /** The process row id of each sample, parallel to `samples`. */
  processIds: readonly number[];
  /** The production order row id each sample is attributed to (null: none), parallel to `samples`; absent when none is. */
  orderIds?: readonly (number | null)[];
}

/** A production order named by the batch, as read after locking it. */
export interface OrderSnapshot {
  operationRowId: number;
  status: ProductionOrderStatus;
  producedQuantity: number;
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
  /** The production orders the batch names that exist, locked (an order missing here does not exist). */
  orders?: ReadonlyMap<number, OrderSnapshot>;
  /** The final (highest-sequence) process of each operation of the batch, when any sample names an order. */
  finalProcessOf?: ReadonlyMap<number, number>;
}

/** What becomes of one call in this transaction. */
export type BatchOutcome =
  /** Write its samples (and, with a key, store their ids as the key's answer). */
  | { kind: 'insert' }
  /** A retry of a call stored under its key: answer with those samples, write nothing. */
  | { kind: 'replay'; rowIds: number[] }
  /** An expected refusal, returned to the caller; nothing is written or stored under its key (a retry is checked afresh). */
  | { kind: 'refuse'; result: SampleOverlap | InvalidStateTransition | ProductionOrderMismatch | IdempotencyKeyReused }
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
 * The ranges whose stored samples decideBatch needs: per call and process, from the earliest start
 * to the latest end of the call's samples of it. Given `operationOf`, processes not in it (that do
 * not exist) are left out; without it every process named is covered (the writer reads the ranges
 * in the same round trip as it locks the processes, and a process that does not exist has no samples).
 */
export function snapshotRanges(jobs: readonly BatchJob[], operationOf?: ReadonlyMap<number, number>): PeriodRange[] {
  const ranges: PeriodRange[] = [];
  for (const job of jobs) {
    for (const processRowId of new Set(job.processIds)) {
      if (operationOf && !operationOf.has(processRowId)) continue;
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
  const orderRefusal = decideOrders(job, snapshot);
  if (orderRefusal) return orderRefusal;
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

/**
 * The production orders a call names, in sample order (sample.rules.ts): an order that does not
 * exist fails the call (NOT_FOUND); one of another operation than its sample's process refuses it
 * (ProductionOrderMismatch); one that is not RELEASED or IN_PROGRESS refuses it
 * (InvalidStateTransition). Null when every named order may take the samples.
 */
function decideOrders(job: BatchJob, snapshot: BatchSnapshot): BatchOutcome | null {
  if (!job.orderIds) return null;
  for (let i = 0; i < job.orderIds.length; i++) {
    const orderRowId = job.orderIds[i];
    if (orderRowId === null) continue;
    const orderId = toGlobalId('ProductionOrder', orderRowId);
    const order = snapshot.orders?.get(orderRowId);
    if (!order) return { kind: 'fail', error: notFound('ProductionOrder', orderId) };
    const processRowId = job.processIds[i];
    if (order.operationRowId !== snapshot.operationOf.get(processRowId)) {
      return { kind: 'refuse', result: new ProductionOrderMismatch(orderId, toGlobalId('Process', processRowId), i) };
    }
    if (!ATTRIBUTABLE_STATUSES.includes(order.status)) {
      const message = `Sample ${i}: production order ${orderId} is ${order.status}; samples may only be attributed to a RELEASED or IN_PROGRESS order`;
      return { kind: 'refuse', result: new InvalidStateTransition(message, order.status, 'recordThroughput') };
    }
  }
  return null;
}

/** What the samples a transaction writes do to one production order. */
export interface OrderProgress {
  orderRowId: number;
  operationRowId: number;
  /** Good units of the operation's final process to add to producedQuantity. */
  goodUnits: number;
  /** The order's status after the write (a RELEASED order becomes IN_PROGRESS). */
  status: ProductionOrderStatus;
  /** True when this write moves it from RELEASED to IN_PROGRESS. */
  started: boolean;
  /** producedQuantity after the write. */
  producedQuantity: number;
}

/**
 * The order updates of the calls decided `insert`, in order id order: each attributed order moves
 * to IN_PROGRESS if it was RELEASED, and gains the good units of its samples taken by the
 * operation's final process (`countsTowardOrder`); other processes' samples are attributed but add
 * nothing.
 */
export function orderProgress(jobs: readonly BatchJob[], outcomes: readonly BatchOutcome[], snapshot: BatchSnapshot): OrderProgress[] {
  const byOrder = new Map<number, OrderProgress>();
  jobs.forEach((job, j) => {
    if (outcomes[j].kind !== 'insert' || !job.orderIds) return;
    job.orderIds.forEach((orderRowId, i) => {
      if (orderRowId === null) return;
      const order = snapshot.orders!.get(orderRowId)!;
      let progress = byOrder.get(orderRowId);
      if (!progress) {
        const started = order.status === ProductionOrderStatus.RELEASED;
        progress = {
          orderRowId,
          operationRowId: order.operationRowId,
          goodUnits: 0,
          status: started ? ProductionOrderStatus.IN_PROGRESS : order.status,
          started,
          producedQuantity: order.producedQuantity,
        };
        byOrder.set(orderRowId, progress);
      }
      const processRowId = job.processIds[i];
      const sample = job.samples[i];
      if (countsTowardOrder(processRowId, snapshot.finalProcessOf?.get(order.operationRowId))) {
        progress.goodUnits += sample.goodUnits ?? 0;
        progress.producedQuantity += sample.goodUnits ?? 0;
      }
    });
  });
  return [...byOrder.values()].sort((a, b) => a.orderRowId - b.orderRowId);
}
