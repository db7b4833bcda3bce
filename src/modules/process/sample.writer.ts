import { In } from 'typeorm';
import {
  asIdempotencyRace,
  idempotencyEntriesStatement,
  idempotencyHashes,
  idempotencyTtl,
  liveIdempotencyEntries,
  type IdempotencyEntry,
  type IdempotencyHashes,
} from '../../db/idempotency';
import { faultPoint, isFaultPointArmed } from '../../db/fault-points';
import type { IdempotencyKeyReused, InvalidStateTransition } from '../../common/types';
import type { BatchedUnitOfWork, Statement } from '../../db/transaction';
import { streamKeys } from '../../realtime/streams';
import type { NewEvent } from '../../realtime/event-store';
import { toGlobalId } from '../../common/ids';
import { PRODUCTION_ORDER_UPDATED } from '../production-order/production-order.entity';
import type { ServiceDeps } from '../module';
import { ThroughputSample } from './process.entity';
import type { ThroughputSampleInput } from './process.inputs';
import { type ProductionOrderMismatch, type SampleOverlap, ThroughputBatch } from './process.results';
import { decideBatch, type OrderProgress, orderProgress, snapshotRanges } from './decide-batch';
import { GroupCommitQueue, type JobFate } from './group-commit';
import { insertSampleRows, orderProgressStatements, readSnapshot, type NewSampleRow } from './sample.store';

/** What one recordThroughput / recordThroughputBatch call gets back. */
export type RecordResult = ThroughputBatch | SampleOverlap | InvalidStateTransition | ProductionOrderMismatch | IdempotencyKeyReused;

/** One validated call waiting to be written. */
export interface RecordRequest {
  principal: string;
  /** The mutation's name (part of the idempotency key's scope). */
  operation: string;
  key: string | null | undefined;
  /** What the idempotency key's payload hash covers (null without a key). */
  payload: unknown;
  samples: ThroughputSampleInput[];
  /** The process of each sample, already decoded. */
  processIds: number[];
  /** The production order each sample is attributed to (null: none), already decoded; absent when no sample names one. */
  orderIds?: (number | null)[];
  now: Date;
}

/** A queued call: the request and its key's hashes, computed once however often its transaction is retried. */
type Job = RecordRequest & { hash: IdempotencyHashes | null };

/** Most calls written by one transaction, and most samples (a full 500-sample batch always fits). */
const MAX_JOBS_PER_TRANSACTION = 64;
const MAX_SAMPLES_PER_TRANSACTION = 2000;
/**
 * Transactions in flight at once on MySQL/MariaDB. Row locks keep them correct (processes in id
 * order, then event streams in id order), and a write spends most of its time waiting on round
 * trips, so a few at once keep the database busy. SQLite has one connection: one at a time.
 */
const MAX_CONCURRENT_TRANSACTIONS = 4;

/**
 * Writes throughput samples with group commit (GroupCommitQueue): calls that arrive while the
 * allowed number of transactions is running (one on SQLite, MAX_CONCURRENT_TRANSACTIONS on
 * MySQL/MariaDB) wait, and the next transaction writes all of them together (one lock statement,
 * one read, one INSERT, one event append per operation, one commit). A call that arrives when there
 * is room is written at once, so an idle server adds no latency.
 *
 * Each call keeps its own outcome, as if it ran alone: all of its samples or none, its own
 * SampleOverlap, InvalidStateTransition, NOT_FOUND or idempotency replay (decideBatch decides them
 * from what the transaction read). A call whose samples overlap an earlier call of the same
 * transaction, or that reuses its idempotency key, waits for the next transaction, where it sees
 * the earlier call's committed result (so the overlap names the stored sample and the retry
 * replays). A transaction that fails after its retries fails every call in it with that error.
 */
export class SampleWriter {
  private readonly queue: GroupCommitQueue<Job, RecordResult>;

  constructor(private readonly deps: ServiceDeps) {
    this.queue = new GroupCommitQueue<Job, RecordResult>({
      maxRunning: deps.dataSource.options.type === 'better-sqlite3' ? 1 : MAX_CONCURRENT_TRANSACTIONS,
      maxJobs: MAX_JOBS_PER_TRANSACTION,
      maxSize: MAX_SAMPLES_PER_TRANSACTION,
      size: (job) => job.samples.length,
      run: (jobs) => this.deps.transaction.batched((uow) => this.write(uow, jobs)),
    });
  }

  /** Queues the call; resolves after its transaction committed and its events were published. */
  record(request: RecordRequest): Promise<RecordResult> {
    const { principal, operation, key, payload } = request;
    const hash = key ? idempotencyHashes({ principal, operation, key, payload }) : null;
    return this.queue.push({ ...request, hash });
  }

  /**
   * One transaction attempt (the runner may repeat it after a deadlock): locks and reads the
   * snapshot, decides every call afresh with decideBatch, and carries the decisions out. On
   * MySQL/MariaDB that is three round trips in all: BEGIN with the locks and reads, the INSERT of
   * the samples (their ids are part of what follows), and everything else with the COMMIT.
   */
  private async write(uow: BatchedUnitOfWork, jobs: Job[]): Promise<JobFate<RecordResult>[]> {
    const allProcessIds = [...new Set(jobs.flatMap((j) => j.processIds))].sort((a, b) => a - b);
    const allOrderIds = [...new Set(jobs.flatMap((j) => (j.orderIds ?? []).filter((id): id is number => id !== null)))].sort(
      (a, b) => a - b,
    );
    const keyHashes = [...new Set(jobs.flatMap((j) => (j.hash ? [j.hash.keyHash] : [])))];
    const read = await readSnapshot(uow, allProcessIds, allOrderIds, keyHashes, snapshotRanges(jobs));
    const answers = await liveIdempotencyEntries(uow, read.answers.values(), jobs[0].now, idempotencyTtl(uow));
    const snapshot = { ...read, answers };
    const outcomes = decideBatch(jobs, snapshot);

    // Until carried out below: refusals and NOT_FOUND as decided, the rest next time.
    const fates = outcomes.map((outcome): JobFate<RecordResult> =>
      outcome.kind === 'refuse'
        ? { kind: 'done', result: outcome.result }
        : outcome.kind === 'fail'
          ? { kind: 'failed', error: outcome.error }
          : { kind: 'later' },
    );

    const inserts = jobs.flatMap((job, index) => (outcomes[index].kind === 'insert' ? [{ job, index, rows: sampleRows(job) }] : []));
    const ids = await insertSampleRows(
      uow,
      inserts.flatMap((insert) => insert.rows),
    );
    let offset = 0;
    const written: ThroughputSample[] = [];
    // Only written samples are remembered under a key, as their ids. A refusal or a NOT_FOUND stores
    // nothing (as when the call ran alone and rolled back): a retry is checked afresh.
    const keyAnswers: IdempotencyEntry[] = [];
    for (const { job, index, rows } of inserts) {
      const samples = rows.map((row, i) => Object.assign(new ThroughputSample(), row, { rowId: ids[offset + i] }));
      offset += rows.length;
      written.push(...samples);
      fates[index] = { kind: 'done', result: new ThroughputBatch(samples) };
      if (job.hash) {
        const { keyHash, requestHash } = job.hash;
        const response = JSON.stringify(samples.map((s) => s.rowId));
        keyAnswers.push({ keyHash, operation: job.operation, requestHash, response, createdAt: job.now });
      }
    }
    const replays = outcomes.flatMap((outcome, index) => (outcome.kind === 'replay' ? [{ index, rowIds: outcome.rowIds }] : []));
    if (replays.length) {
      const rows = await uow.manager.findBy(ThroughputSample, { rowId: In(replays.flatMap((r) => r.rowIds)) });
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      for (const { index, rowIds } of replays)
        fates[index] = { kind: 'done', result: new ThroughputBatch(rowIds.map((id) => byId.get(id)!).filter(Boolean)) };
    }
    // The keys' answers and the attributed orders, in the same transaction as their samples; the
    // events last before commit: writers of one operation queue on its stream row, so hold that lock briefly.
    const progress = orderProgress(jobs, outcomes, snapshot);
    const answerStatement = idempotencyEntriesStatement(uow.dialect, keyAnswers);
    const statements = [...(answerStatement ? [answerStatement] : []), ...orderProgressStatements(uow.dialect, progress, jobs[0].now)];
    const events = eventsByOperation(written, snapshot.operationOf, progress);
    try {
      if (uow.dialect.kind === 'sqlite') {
        await uow.send(statements);
        for (const [operationRowId, list] of events) await this.deps.streams.append(uow, streamKeys.operation(operationRowId), list);
      } else {
        await this.commitWithEvents(uow, statements, events);
      }
    } catch (error) {
      throw asIdempotencyRace(error, keyAnswers);
    }
    return fates;
  }

  /**
   * MySQL/MariaDB: sends the statements and the events' appends with the COMMIT, one round trip.
   * While a test holds the `events-appended` fault point, the COMMIT goes alone after it.
   */
  private async commitWithEvents(uow: BatchedUnitOfWork, statements: Statement[], events: [number, NewEvent[]][]): Promise<void> {
    const appends = events.map(([operationRowId, list]) => ({
      streamKey: streamKeys.operation(operationRowId),
      append: this.deps.streams.appendStatements(uow, streamKeys.operation(operationRowId), list),
    }));
    const all = [...statements, ...appends.flatMap((a) => a.append.statements)];
    let results: unknown[];
    if (isFaultPointArmed('events-appended')) {
      results = await uow.send(all);
      for (const { streamKey } of appends) await faultPoint('events-appended', { streamKey });
      await uow.sendAndCommit([]);
    } else {
      results = await uow.sendAndCommit(all);
    }
    let offset = statements.length;
    for (const { append } of appends) {
      append.stored(results.slice(offset, offset + append.statements.length));
      offset += append.statements.length;
    }
  }
}

/**
 * The events of a transaction by operation, operations in id order (the order their stream rows
 * are locked in): one per sample in its operation's stream, then one per production order the
 * samples changed (`productionOrderUpdated`).
 */
function eventsByOperation(
  rows: ThroughputSample[],
  operationOf: ReadonlyMap<number, number>,
  progress: OrderProgress[],
): [number, NewEvent[]][] {
  const byOperation = new Map<number, NewEvent[]>();
  const add = (operationRowId: number, event: NewEvent) => {
    const list = byOperation.get(operationRowId);
    if (list) list.push(event);
    else byOperation.set(operationRowId, [event]);
  };
  for (const row of rows) {
    const operationRowId = operationOf.get(row.processRowId)!;
    add(operationRowId, {
      type: 'throughput.recorded',
      subjectId: row.id,
      payload: { sampleRowId: row.rowId, processRowId: row.processRowId, operationRowId, productionOrderRowId: row.productionOrderRowId },
    });
  }
  for (const p of progress) {
    add(p.operationRowId, {
      type: PRODUCTION_ORDER_UPDATED,
      subjectId: toGlobalId('ProductionOrder', p.orderRowId),
      payload: {
        productionOrderRowId: p.orderRowId,
        operationRowId: p.operationRowId,
        change: p.started ? 'STARTED' : 'PROGRESSED',
        status: p.status,
        producedQuantity: p.producedQuantity,
      },
    });
  }
  return [...byOperation].sort(([a], [b]) => a - b);
}

/** The rows a call's samples are stored as. */
function sampleRows(job: Job): NewSampleRow[] {
  return job.samples.map((s, i) => ({
    processRowId: job.processIds[i],
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    goodUnits: s.goodUnits,
    rejectedUnits: s.rejectedUnits,
    downtimeMinutes: s.downtimeMinutes,
    recordedAt: job.now,
    productionOrderRowId: job.orderIds?.[i] ?? null,
  }));
}
