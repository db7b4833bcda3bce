import { In } from 'typeorm';
import { notFound } from '../../common/errors';
import { toGlobalId } from '../../common/ids';
import {
  forgetIdempotencyKey,
  idempotencyHashes,
  idempotencyTtl,
  storeIdempotencyEntries,
  type IdempotencyEntry,
} from '../../db/idempotency';
import { IdempotencyKeyReused, InvalidStateTransition } from '../../common/types';
import type { UnitOfWork } from '../../db/transaction';
import { streamKeys } from '../../realtime/streams';
import type { ServiceDeps } from '../module';
import { OperationStatus } from '../operation/operation.entity';
import { ThroughputSample } from './process.entity';
import type { ThroughputSampleInput } from './process.inputs';
import { SampleOverlap, ThroughputBatch } from './process.results';
import { insertSampleRows, lockProcesses, readForWrite, type NewSampleRow, type PeriodRange, type StoredAnswer } from './sample.store';

/** What one recordThroughput / recordThroughputBatch call gets back. */
export type RecordResult = ThroughputBatch | SampleOverlap | InvalidStateTransition | IdempotencyKeyReused;

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
  now: Date;
}

interface Job extends RecordRequest {
  resolve(result: RecordResult): void;
  reject(error: unknown): void;
}

/** A call's fate in one transaction attempt. */
type Decision = { kind: 'done'; result: RecordResult } | { kind: 'failed'; error: unknown } | { kind: 'later' };

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
 * Writes throughput samples with group commit: calls that arrive while the allowed number of
 * transactions is running (one on SQLite, MAX_CONCURRENT_TRANSACTIONS on MySQL/MariaDB) wait, and
 * the next transaction writes all of them together (one lock statement, one overlap query, one
 * INSERT, one event append per operation, one commit). A call that arrives when there is room is
 * written at once, so an idle server adds no latency.
 *
 * Each call keeps its own outcome: all of its samples or none, its own SampleOverlap,
 * InvalidStateTransition, NOT_FOUND or idempotency replay, as if it ran alone. A call whose samples
 * overlap an earlier call of the same transaction, or that reuses its idempotency key, waits for
 * the next transaction, where it sees the earlier call's committed result (so the overlap names the
 * stored sample and the retry replays). A transaction that fails after its retries fails every
 * call in it with that error.
 */
export class SampleWriter {
  private readonly queue: Job[] = [];
  private running = 0;
  private readonly maxRunning: number;

  constructor(private readonly deps: ServiceDeps) {
    this.maxRunning = deps.dataSource.options.type === 'better-sqlite3' ? 1 : MAX_CONCURRENT_TRANSACTIONS;
  }

  /** Queues the call; resolves after its transaction committed and its events were published. */
  record(request: RecordRequest): Promise<RecordResult> {
    return new Promise<RecordResult>((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.maxRunning && this.queue.length > 0) {
      this.running++;
      const jobs = this.take();
      this.write(jobs)
        .catch((error) => jobs.forEach((job) => job.reject(error)))
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }

  private take(): Job[] {
    let samples = this.queue[0].samples.length;
    let count = 1;
    while (
      count < this.queue.length &&
      count < MAX_JOBS_PER_TRANSACTION &&
      samples + this.queue[count].samples.length <= MAX_SAMPLES_PER_TRANSACTION
    ) {
      samples += this.queue[count].samples.length;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async write(jobs: Job[]): Promise<void> {
    const decisions = await this.deps.transaction((uow) => this.decideAndWrite(uow, jobs));
    const later: Job[] = [];
    jobs.forEach((job, i) => {
      const decision = decisions[i];
      if (decision.kind === 'done') job.resolve(decision.result);
      else if (decision.kind === 'failed') job.reject(decision.error);
      else later.push(job);
    });
    // First in line next time: nothing ahead of them can make them wait again.
    this.queue.unshift(...later);
  }

  /** One transaction attempt (the runner may repeat it after a deadlock): decides every call afresh. */
  private async decideAndWrite(uow: UnitOfWork, jobs: Job[]): Promise<Decision[]> {
    const decisions: Decision[] = jobs.map(() => ({ kind: 'later' }));
    // Lock first: a REPEATABLE READ snapshot starts at the first plain read, so every read below
    // then sees what earlier holders of these locks committed (the overlap check depends on it).
    const allProcessIds = [...new Set(jobs.flatMap((j) => j.processIds))].sort((a, b) => a - b);
    const operationOf = await lockProcesses(uow, allProcessIds);

    const hashes = jobs.map((job) =>
      job.key ? idempotencyHashes({ principal: job.principal, operation: job.operation, key: job.key, payload: job.payload }) : null,
    );
    const ranges: PeriodRange[] = [];
    for (const job of jobs) {
      for (const processRowId of new Set(job.processIds)) {
        const own = job.samples.filter((_, i) => job.processIds[i] === processRowId);
        const from = Math.min(...own.map((s) => s.periodStart.getTime()));
        const to = Math.max(...own.map((s) => s.periodEnd.getTime()));
        if (operationOf.has(processRowId)) ranges.push({ processRowId, from: new Date(from), to: new Date(to) });
      }
    }
    const keyHashes = [...new Set(hashes.filter((h) => h !== null).map((h) => h.keyHash))];
    const { statuses, answers, periods: storedPeriods } = await readForWrite(uow, [...new Set(operationOf.values())], keyHashes, ranges);
    const stored = new Map<string, StoredAnswer>();
    const ttl = idempotencyTtl(uow);
    for (const answer of answers.values()) {
      // An expired answer is forgotten: the key may be used again.
      if (answer.createdAt.getTime() >= jobs[0].now.getTime() - ttl) stored.set(answer.keyHash, answer);
      else await forgetIdempotencyKey(uow, answer.keyHash);
    }

    const claimedKeys = new Set<string>();
    const pending = new Map<number, { start: number; end: number }[]>();
    const accepted: { index: number; rows: NewSampleRow[] }[] = [];
    const replays: { index: number; rowIds: number[] }[] = [];
    const toStore: { index: number; entry: IdempotencyEntry }[] = [];

    jobs.forEach((job, index) => {
      const hash = hashes[index];
      if (hash) {
        if (claimedKeys.has(hash.keyHash)) return; // Same key as an earlier call here: replays next time.
        const entry = stored.get(hash.keyHash);
        if (entry) {
          if (entry.requestHash !== hash.requestHash) decisions[index] = { kind: 'done', result: new IdempotencyKeyReused() };
          else replays.push({ index, rowIds: JSON.parse(entry.response) as number[] });
          return;
        }
      }
      const outcome = this.check(job, operationOf, statuses, storedPeriods, pending);
      if (outcome === 'later') return;
      if (outcome instanceof Error) {
        // Thrown errors store nothing, as when the call ran alone and its transaction rolled back.
        decisions[index] = { kind: 'failed', error: outcome };
        return;
      }
      if (outcome) {
        // A refusal changes nothing, so nothing is kept under the key: a retry is checked afresh and,
        // while nothing has changed, refused the same way (storing it as "no samples" made the retry
        // of a single call fail with INTERNAL_SERVER_ERROR and a batch replay claim success).
        decisions[index] = { kind: 'done', result: outcome };
        return;
      }
      if (hash) {
        claimedKeys.add(hash.keyHash);
        // The stored answer is the samples' ids, filled in once they are known.
        toStore.push({
          index,
          entry: { keyHash: hash.keyHash, operation: job.operation, requestHash: hash.requestHash, response: '[]', createdAt: job.now },
        });
      }
      job.samples.forEach((s, i) => pending.get(job.processIds[i])!.push({ start: s.periodStart.getTime(), end: s.periodEnd.getTime() }));
      accepted.push({
        index,
        rows: job.samples.map((s, i) => ({
          processRowId: job.processIds[i],
          periodStart: s.periodStart,
          periodEnd: s.periodEnd,
          goodUnits: s.goodUnits,
          rejectedUnits: s.rejectedUnits,
          downtimeMinutes: s.downtimeMinutes,
          recordedAt: job.now,
        })),
      });
    });

    const ids = await insertSampleRows(
      uow,
      accepted.flatMap((a) => a.rows),
    );
    let offset = 0;
    const written: ThroughputSample[] = [];
    for (const { index, rows } of accepted) {
      const samples = rows.map((row, i) => Object.assign(new ThroughputSample(), row, { rowId: ids[offset + i] }));
      offset += rows.length;
      written.push(...samples);
      decisions[index] = { kind: 'done', result: new ThroughputBatch(samples) };
    }
    for (const { index, entry } of toStore) {
      const decision = decisions[index];
      if (decision.kind === 'done' && decision.result instanceof ThroughputBatch)
        entry.response = JSON.stringify(decision.result.samples.map((s) => s.rowId));
    }
    await storeIdempotencyEntries(
      uow,
      toStore.map((s) => s.entry),
    );
    if (replays.length) {
      const rows = await uow.manager.findBy(ThroughputSample, { rowId: In(replays.flatMap((r) => r.rowIds)) });
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      for (const { index, rowIds } of replays)
        decisions[index] = { kind: 'done', result: new ThroughputBatch(rowIds.map((id) => byId.get(id)!).filter(Boolean)) };
    }
    // Last before commit: writers of one operation queue on its stream row, so hold that lock briefly.
    await this.appendEvents(uow, written, operationOf);
    return decisions;
  }

  /**
   * Decides one call against what is stored and what earlier calls of this transaction will write:
   * null = write it; a result = refuse it with that; an Error = fail it; 'later' = next transaction.
   * Adds its processes to `pending` when it returns null.
   */
  private check(
    job: Job,
    operationOf: Map<number, number>,
    statuses: Map<number, OperationStatus>,
    storedPeriods: Map<number, { rowId: number; periodStart: Date; periodEnd: Date }[]>,
    pending: Map<number, { start: number; end: number }[]>,
  ): RecordResult | Error | 'later' | null {
    const processIds = [...new Set(job.processIds)].sort((a, b) => a - b);
    const missing = processIds.find((id) => !operationOf.has(id));
    if (missing !== undefined) return notFound('Process', toGlobalId('Process', missing));
    for (const rowId of processIds) {
      const status = statuses.get(operationOf.get(rowId)!);
      if (status === OperationStatus.RETIRED) {
        return new InvalidStateTransition(
          `Process ${toGlobalId('Process', rowId)} belongs to a RETIRED operation`,
          status,
          'recordThroughput',
        );
      }
    }
    const { samples } = job;
    let waits = false;
    for (const rowId of processIds) {
      const indexes = job.processIds.flatMap((p, i) => (p === rowId ? [i] : []));
      indexes.sort((a, b) => samples[a].periodStart.getTime() - samples[b].periodStart.getTime());
      for (let k = 1; k < indexes.length; k++) {
        if (samples[indexes[k]].periodStart < samples[indexes[k - 1]].periodEnd)
          return new SampleOverlap(toGlobalId('Process', rowId), indexes[k], null);
      }
      const stored = storedPeriods.get(rowId) ?? [];
      for (const i of indexes) {
        const clash = stored.find((s) => s.periodStart < samples[i].periodEnd && s.periodEnd > samples[i].periodStart);
        if (clash) return new SampleOverlap(toGlobalId('Process', rowId), i, toGlobalId('ThroughputSample', clash.rowId));
      }
      const others = pending.get(rowId) ?? [];
      if (indexes.some((i) => others.some((o) => o.start < samples[i].periodEnd.getTime() && o.end > samples[i].periodStart.getTime())))
        waits = true;
    }
    if (waits) return 'later';
    for (const rowId of processIds) if (!pending.has(rowId)) pending.set(rowId, []);
    return null;
  }

  /** One event per sample in its operation's stream, operations in id order; sequence numbers are assigned under the stream lock. */
  private async appendEvents(uow: UnitOfWork, rows: ThroughputSample[], operationOf: Map<number, number>): Promise<void> {
    const byOperation = new Map<number, ThroughputSample[]>();
    for (const row of rows) {
      const operationRowId = operationOf.get(row.processRowId)!;
      const list = byOperation.get(operationRowId);
      if (list) list.push(row);
      else byOperation.set(operationRowId, [row]);
    }
    for (const [operationRowId, samplesOfOperation] of [...byOperation].sort(([a], [b]) => a - b)) {
      await this.deps.streams.append(
        uow,
        streamKeys.operation(operationRowId),
        samplesOfOperation.map((row) => ({
          type: 'throughput.recorded',
          subjectId: row.id,
          payload: { sampleRowId: row.rowId, processRowId: row.processRowId, operationRowId },
        })),
      );
    }
  }
}
