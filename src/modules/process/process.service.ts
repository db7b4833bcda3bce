import type { ServiceDeps } from '../module';
import type { Viewer } from '../../common/auth';
import { GraphQLError } from 'graphql';
import { badInput, ErrorCode } from '../../common/errors';
import { expectId, maybeId } from '../../common/ids';
import { type Ordering, paginateQuery } from '../../common/pagination';
import { childPage } from '../../common/child-pages';
import type { Loaders } from '../../common/loaders';
import { anyOf, applyFilter, equals, holds, textIn } from '../../common/filters';
import { InvalidStateTransition, type VersionConflict } from '../../common/types';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import { SampleWriter } from './sample.writer';
import { Operation, OperationStatus } from '../operation/operation.entity';
import { Process, ThroughputSample } from './process.entity';
import {
  type CreateProcessInput,
  PROCESS_ORDERINGS,
  type ProcessFilter,
  type ProcessesArgs,
  type RecordThroughputBatchInput,
  type RecordThroughputInput,
  type SamplesArgs,
  type ThroughputSampleInput,
  type UpdateProcessInput,
} from './process.inputs';
import { ThroughputBatch } from './process.results';
import { countProblems, MAX_SAMPLE_PERIOD_MS, periodProblem } from './sample.rules';

// Still imported from here by throughput/throughput.service.ts; its home is sample.rules.ts.

/** `Process.samples`: newest period first. */
const SAMPLE_ORDERING: Ordering<ThroughputSample> = {
  connection: 'Process.samples',
  name: 'PERIOD_START_DESC',
  keys: [{ sql: 's.periodStart', type: 'date', direction: 'DESC', read: (s) => s.periodStart }],
  id: { sql: 's.id', direction: 'DESC', read: (s) => s.rowId },
  // A process's samples never overlap (recording refuses it), so no two share a start: the covering
  // (process, periodStart, …) index reads a page as a seek, with no sort by id.
  keysUnique: true,
};

export class ProcessService {
  private readonly writer: SampleWriter;

  constructor(private readonly deps: ServiceDeps) {
    this.writer = new SampleWriter(deps);
  }

  /** Lists processes across operations with filters and ordering, one page at a time. */
  list(args: ProcessesArgs, belowTargetIds: Set<number> | null = null) {
    const qb = this.deps.dataSource.getRepository(Process).createQueryBuilder('p');
    const below = [...(belowTargetIds ?? [])];
    applyFilter<ProcessFilter, Process>(qb, args.filter, {
      operationId: (q, operationId, param) =>
        equals<Process>('p.operationRowId')(q, expectId(operationId, 'Operation', 'filter.operationId'), param),
      status: anyOf('p.status'),
      search: textIn('p.name'),
      // Which processes are below target is computed from throughput by the caller (null: not asked).
      belowTarget: belowTargetIds ? holds(below.length ? 'p.id IN (:...below)' : '1 = 0', { below }) : undefined,
    });
    return paginateQuery(qb, args, PROCESS_ORDERINGS[args.orderBy]);
  }

  /**
   * Samples of a process, newest first, optionally limited to a time range: batched with every
   * other process of the request asking the same (one windowed statement for all their pages).
   */
  samples(loaders: Loaders, process: Process, args: SamplesArgs) {
    if (args.from && args.to && args.to <= args.from) throw badInput('to', 'must be after from');
    const { from, to } = args;
    const query = () => {
      const qb = this.deps.dataSource.getRepository(ThroughputSample).createQueryBuilder('s');
      if (from)
        qb.andWhere('s.periodEnd > :from AND s.periodStart > :earliest', {
          from,
          earliest: new Date(from.getTime() - MAX_SAMPLE_PERIOD_MS),
        });
      if (to) qb.andWhere('s.periodStart < :to', { to });
      return qb;
    };
    const key = JSON.stringify([from?.getTime() ?? null, to?.getTime() ?? null]);
    return childPage(loaders, { key, query, parent: 's.processRowId', ordering: SAMPLE_ORDERING }, args, process.rowId);
  }

  /** Creates a process at the given (or next free) sequence; refuses retired operations. */
  create(input: CreateProcessInput): Promise<Process | InvalidStateTransition> {
    const operationRowId = expectId(input.operationId, 'Operation', 'input.operationId');
    return this.deps.transaction(async (uow) => {
      const operation = await loadForUpdate(uow, Operation, 'Operation', operationRowId);
      if (operation.status === OperationStatus.RETIRED) {
        return new InvalidStateTransition('Cannot add a process to a RETIRED operation', operation.status, 'createProcess');
      }
      const siblings = await uow.manager.find(Process, { where: { operationRowId }, select: { rowId: true, sequence: true } });
      const sequence = input.sequence ?? Math.max(0, ...siblings.map((p) => p.sequence)) + 1;
      if (siblings.some((p) => p.sequence === sequence)) throw badInput('input.sequence', `${sequence} is already used in this operation`);
      const now = this.deps.clock.now();
      return uow.manager.save(
        uow.manager.create(Process, {
          operationRowId,
          name: input.name.trim(),
          sequence,
          status: input.status,
          unit: input.unit.trim(),
          targetRatePerHour: input.targetRatePerHour,
          targetYield: input.targetYield ?? null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      );
    });
  }

  /** Applies changes if `expectedVersion` is current; a taken sequence is BAD_USER_INPUT. */
  update(input: UpdateProcessInput): Promise<Process | VersionConflict> {
    const rowId = expectId(input.id, 'Process', 'input.id');
    return this.deps.transaction(async (uow) => {
      const current = await loadForUpdate(uow, Process, 'Process', rowId);
      const changes: Partial<Process> = {};
      if (input.name != null) changes.name = input.name.trim();
      if (input.unit != null) changes.unit = input.unit.trim();
      if (input.status != null) changes.status = input.status;
      if (input.targetRatePerHour != null) changes.targetRatePerHour = input.targetRatePerHour;
      if (input.targetYield != null) changes.targetYield = input.targetYield;
      if (input.sequence != null && input.sequence !== current.sequence) {
        const taken = await uow.manager.existsBy(Process, { operationRowId: current.operationRowId, sequence: input.sequence });
        if (taken) throw badInput('input.sequence', `${input.sequence} is already used in this operation`);
        changes.sequence = input.sequence;
      }
      return updateVersioned(uow, Process, 'Process', rowId, input.expectedVersion, changes, this.deps.clock.now());
    });
  }

  /** Records one sample (see recordSamples). */
  async recordThroughput(viewer: Viewer, input: RecordThroughputInput) {
    const result = await this.recordSamples(viewer, [input], input.idempotencyKey, 'recordThroughput', 'input');
    return result instanceof ThroughputBatch ? result.samples[0] : result;
  }

  /** Records up to 500 samples in one transaction, all or nothing. */
  recordThroughputBatch(viewer: Viewer, input: RecordThroughputBatchInput) {
    const invalid = input.samples.flatMap((sample, i) =>
      countProblems(sample).map((p) => ({ field: `input.samples[${i}].${p.property}`, problems: p.problems })),
    );
    // The same BAD_USER_INPUT that class-validator failures become (see format-error.ts).
    if (invalid.length) {
      throw new GraphQLError(`Invalid input: ${invalid.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | ')}`, {
        extensions: { code: ErrorCode.BadUserInput, fields: invalid.map((f) => f.field) },
      });
    }
    return this.recordSamples(viewer, input.samples, input.idempotencyKey, 'recordThroughputBatch', 'input.samples');
  }

  /** Decodes a sample's process and checks its period (sample.rules.ts); throws BAD_USER_INPUT naming the field under `path`. */
  private validateSample(sample: ThroughputSampleInput, path: string, now: Date): number {
    const processRowId = expectId(sample.processId, 'Process', `${path}.processId`);
    const problem = periodProblem(sample, now);
    if (problem) throw badInput(`${path}.${problem.field}`, problem.problem);
    return processRowId;
  }

  /**
   * Validates every sample, then hands the call to the SampleWriter, which in one transaction (shared
   * with calls that arrived meanwhile) locks each process row (so concurrent writers of one process
   * serialise), refuses overlaps with stored samples or each other (SampleOverlap), retired
   * operations (InvalidStateTransition) and production orders that may not take the samples
   * (ProductionOrderMismatch, InvalidStateTransition), inserts, adds the final process's good units
   * to their orders, appends one event per sample (and per changed order) to its operation's
   * stream, and returns the stored samples.
   */
  private recordSamples(
    viewer: Viewer,
    samples: ThroughputSampleInput[],
    key: string | null | undefined,
    operationName: string,
    path: string,
  ) {
    const now = this.deps.clock.now();
    const single = samples.length === 1 && path === 'input';
    const processIds = samples.map((s, i) => this.validateSample(s, single ? path : `${path}[${i}]`, now));
    const orderIds = samples.some((s) => s.productionOrderId != null)
      ? samples.map((s, i) => maybeId(s.productionOrderId, 'ProductionOrder', `${single ? path : `${path}[${i}]`}.productionOrderId`))
      : undefined;
    const payload = key
      ? samples.map((s) => ({ ...s, periodStart: s.periodStart.toISOString(), periodEnd: s.periodEnd.toISOString() }))
      : null;
    return this.writer.record({ principal: viewer.subject, operation: operationName, key, payload, samples, processIds, orderIds, now });
  }
}
