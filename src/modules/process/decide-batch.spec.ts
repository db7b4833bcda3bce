import { GraphQLError } from 'graphql';
import { toGlobalId } from '../../common/ids';
import { IdempotencyKeyReused, InvalidStateTransition } from '../../common/types';
import { OperationStatus } from '../operation/operation.entity';
import { ProductionOrderStatus } from '../production-order/production-order.entity';
import {
  type BatchJob,
  type BatchOutcome,
  type BatchSnapshot,
  decideBatch,
  type OrderSnapshot,
  orderProgress,
  snapshotRanges,
  type StoredPeriod,
} from './decide-batch';
import { ProductionOrderMismatch, SampleOverlap } from './process.results';

// Processes 1 and 2 belong to operation 10 (active), process 3 to operation 30 (retired); process 9 does not exist.
const T0 = Date.parse('2026-03-02T08:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const sample = (from: number, to: number) => ({ periodStart: at(from), periodEnd: at(to) });

function job(processIds: number[], periods: [number, number][], key?: { keyHash: string; requestHash: string }): BatchJob {
  return { hash: key ?? null, processIds, samples: periods.map(([from, to]) => sample(from, to)) };
}

function snapshot(
  parts: { answers?: Record<string, { requestHash: string; rowIds: number[] }>; periods?: Record<number, StoredPeriod[]> } = {},
) {
  return {
    operationOf: new Map([
      [1, 10],
      [2, 10],
      [3, 30],
    ]),
    statuses: new Map([
      [10, OperationStatus.ACTIVE],
      [30, OperationStatus.RETIRED],
    ]),
    answers: new Map(
      Object.entries(parts.answers ?? {}).map(([keyHash, a]) => [
        keyHash,
        { requestHash: a.requestHash, response: JSON.stringify(a.rowIds) },
      ]),
    ),
    periods: new Map(Object.entries(parts.periods ?? {}).map(([p, list]) => [Number(p), list])),
  } satisfies BatchSnapshot;
}

const stored = (rowId: number, from: number, to: number): StoredPeriod => ({ rowId, ...sample(from, to) });

function refusal(outcome: BatchOutcome) {
  if (outcome.kind !== 'refuse') throw new Error(`expected a refusal, got ${outcome.kind}`);
  return outcome.result;
}

describe('decideBatch', () => {
  it('inserts a call whose samples overlap nothing', () => {
    expect(
      decideBatch(
        [
          job(
            [1, 2],
            [
              [0, 60],
              [0, 60],
            ],
          ),
        ],
        snapshot(),
      ),
    ).toEqual([{ kind: 'insert' }]);
  });

  it('inserts a call whose period only touches a stored one (the end is exclusive)', () => {
    const outcomes = decideBatch([job([1], [[60, 120]])], snapshot({ periods: { 1: [stored(7, 0, 60), stored(8, 120, 180)] } }));
    expect(outcomes).toEqual([{ kind: 'insert' }]);
  });

  it('fails a call naming a process that does not exist with NOT_FOUND, whatever else is wrong with it', () => {
    const [outcome] = decideBatch(
      [
        job(
          [3, 9],
          [
            [0, 60],
            [0, 60],
          ],
        ),
      ],
      snapshot(),
    );
    expect(outcome.kind).toBe('fail');
    const error = (outcome as { error: GraphQLError }).error;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', typeName: 'Process', id: toGlobalId('Process', 9) });
  });

  it('refuses a call for a process of a RETIRED operation with InvalidStateTransition', () => {
    const result = refusal(
      decideBatch(
        [
          job(
            [1, 3],
            [
              [0, 60],
              [0, 60],
            ],
          ),
        ],
        snapshot(),
      )[0],
    );
    expect(result).toBeInstanceOf(InvalidStateTransition);
    expect(result).toMatchObject({
      from: 'RETIRED',
      to: 'recordThroughput',
      message: `Process ${toGlobalId('Process', 3)} belongs to a RETIRED operation`,
    });
  });

  it('refuses two samples of one call that overlap each other, naming the later-starting one and no stored sample', () => {
    // Input order: index 0 starts last; by start the neighbours are 1 (0–60), then 0 (30–90).
    const result = refusal(
      decideBatch(
        [
          job(
            [1, 1],
            [
              [30, 90],
              [0, 60],
            ],
          ),
        ],
        snapshot(),
      )[0],
    );
    expect(result).toBeInstanceOf(SampleOverlap);
    expect(result).toMatchObject({ processId: toGlobalId('Process', 1), index: 0, existingSampleId: null });
  });

  it('refuses a sample that overlaps a stored one, naming both', () => {
    const outcomes = decideBatch(
      [
        job(
          [1, 1],
          [
            [0, 60],
            [100, 130],
          ],
        ),
      ],
      snapshot({ periods: { 1: [stored(7, 120, 180)] } }),
    );
    expect(refusal(outcomes[0])).toMatchObject({
      processId: toGlobalId('Process', 1),
      index: 1,
      existingSampleId: toGlobalId('ThroughputSample', 7),
    });
  });

  it('checks processes in id order: the lower process’s overlap is the one reported', () => {
    const outcomes = decideBatch(
      [
        job(
          [2, 1],
          [
            [0, 60],
            [0, 60],
          ],
        ),
      ],
      snapshot({ periods: { 1: [stored(5, 30, 40)], 2: [stored(6, 30, 40)] } }),
    );
    expect(refusal(outcomes[0])).toMatchObject({ processId: toGlobalId('Process', 1), index: 1 });
  });

  it('replays a keyed call whose key is stored with the same payload, with the stored samples’ ids', () => {
    const key = { keyHash: 'k1', requestHash: 'same' };
    // Its samples overlap the stored ones (they are those samples): a replay is not checked again.
    const outcomes = decideBatch(
      [job([1], [[0, 60]], key)],
      snapshot({ answers: { k1: { requestHash: 'same', rowIds: [7] } }, periods: { 1: [stored(7, 0, 60)] } }),
    );
    expect(outcomes).toEqual([{ kind: 'replay', rowIds: [7] }]);
  });

  it('refuses a keyed call whose key is stored with another payload with IdempotencyKeyReused', () => {
    const outcomes = decideBatch(
      [job([1], [[0, 60]], { keyHash: 'k1', requestHash: 'other' })],
      snapshot({ answers: { k1: { requestHash: 'same', rowIds: [7] } } }),
    );
    expect(refusal(outcomes[0])).toBeInstanceOf(IdempotencyKeyReused);
  });

  it('inserts a keyed call whose key is not stored', () => {
    expect(decideBatch([job([1], [[0, 60]], { keyHash: 'k1', requestHash: 'h' })], snapshot())).toEqual([{ kind: 'insert' }]);
  });

  describe('calls of one batch', () => {
    it('inserts calls that overlap neither each other nor what is stored, each on its own', () => {
      const outcomes = decideBatch([job([1], [[0, 60]]), job([1], [[60, 120]]), job([2], [[0, 60]])], snapshot());
      expect(outcomes.map((o) => o.kind)).toEqual(['insert', 'insert', 'insert']);
    });

    it('sends a call that overlaps an earlier accepted call to the next transaction, where the overlap will name the stored sample', () => {
      const outcomes = decideBatch(
        [
          job([1], [[0, 60]]),
          job(
            [2, 1],
            [
              [0, 60],
              [30, 90],
            ],
          ),
        ],
        snapshot(),
      );
      expect(outcomes).toEqual([{ kind: 'insert' }, { kind: 'later', reason: 'overlaps-earlier-call' }]);
    });

    it('lets a later call through when the earlier call it overlaps was refused (a refusal writes nothing)', () => {
      const outcomes = decideBatch(
        [
          job(
            [1, 3],
            [
              [0, 60],
              [0, 60],
            ],
          ),
          job([1], [[0, 60]]),
        ],
        snapshot(),
      );
      expect(outcomes.map((o) => o.kind)).toEqual(['refuse', 'insert']);
    });

    it('still refuses a later call for its own overlap with a stored sample before waiting for an earlier call', () => {
      const outcomes = decideBatch([job([1], [[0, 60]]), job([1], [[30, 90]])], snapshot({ periods: { 1: [stored(7, 80, 100)] } }));
      expect(outcomes[0]).toEqual({ kind: 'insert' });
      expect(refusal(outcomes[1])).toMatchObject({ index: 0, existingSampleId: toGlobalId('ThroughputSample', 7) });
    });

    it('sends a call with the key of an earlier accepted call to the next transaction, where it replays', () => {
      const key = { keyHash: 'k1', requestHash: 'h' };
      const outcomes = decideBatch(
        [job([1], [[0, 60]], key), job([1], [[0, 60]], key), job([2], [[0, 60]], { ...key, requestHash: 'x' })],
        snapshot(),
      );
      expect(outcomes).toEqual([{ kind: 'insert' }, { kind: 'later', reason: 'same-key' }, { kind: 'later', reason: 'same-key' }]);
    });

    it('does not claim the key of a refused call: the next call with that key is decided on its own', () => {
      const key = { keyHash: 'k1', requestHash: 'h' };
      const outcomes = decideBatch([job([3], [[0, 60]], key), job([1], [[0, 60]], key)], snapshot());
      expect(outcomes.map((o) => o.kind)).toEqual(['refuse', 'insert']);
    });

    it('replays every call with a stored key, however many carry it', () => {
      const key = { keyHash: 'k1', requestHash: 'h' };
      const outcomes = decideBatch(
        [job([1], [[0, 60]], key), job([1], [[0, 60]], key)],
        snapshot({ answers: { k1: { requestHash: 'h', rowIds: [7] } } }),
      );
      expect(outcomes).toEqual([
        { kind: 'replay', rowIds: [7] },
        { kind: 'replay', rowIds: [7] },
      ]);
    });

    it('never sends the first call of a batch to the next transaction, so every transaction makes progress', () => {
      const key = { keyHash: 'k1', requestHash: 'h' };
      const jobs = [job([1], [[0, 60]], key), job([1], [[0, 60]], key), job([1], [[30, 90]]), job([1], [[50, 70]])];
      for (let first = 0; first < jobs.length; first++) {
        const [outcome] = decideBatch(jobs.slice(first), snapshot());
        expect(outcome.kind).not.toBe('later');
      }
    });

    it('gives each call the outcome it would get alone: insert, overlap, retired, unknown process, replay, reused key', () => {
      const outcomes = decideBatch(
        [
          job([1], [[0, 60]]),
          job([2], [[0, 60]]),
          job([3], [[0, 60]]),
          job([9], [[0, 60]]),
          job([1], [[200, 260]], { keyHash: 'k1', requestHash: 'h' }),
          job([1], [[300, 360]], { keyHash: 'k2', requestHash: 'other' }),
        ],
        snapshot({
          periods: { 2: [stored(5, 30, 90)], 1: [stored(7, 200, 260)] },
          answers: { k1: { requestHash: 'h', rowIds: [7] }, k2: { requestHash: 'h', rowIds: [8] } },
        }),
      );
      expect(outcomes.map((o) => o.kind)).toEqual(['insert', 'refuse', 'refuse', 'fail', 'replay', 'refuse']);
      expect(refusal(outcomes[1])).toBeInstanceOf(SampleOverlap);
      expect(refusal(outcomes[2])).toBeInstanceOf(InvalidStateTransition);
      expect(refusal(outcomes[5])).toBeInstanceOf(IdempotencyKeyReused);
    });
  });
});

describe('snapshotRanges', () => {
  it('covers each call’s samples per existing process, from the earliest start to the latest end', () => {
    const ranges = snapshotRanges(
      [
        job(
          [1, 2, 1],
          [
            [60, 90],
            [0, 30],
            [0, 30],
          ],
        ),
        job(
          [1, 9],
          [
            [200, 260],
            [0, 60],
          ],
        ),
      ],
      snapshot().operationOf,
    );
    expect(ranges).toEqual([
      { processRowId: 1, from: at(0), to: at(90) },
      { processRowId: 2, from: at(0), to: at(30) },
      { processRowId: 1, from: at(200), to: at(260) },
    ]);
  });

  it('covers every process named, existing or not, when no operationOf is given', () => {
    const ranges = snapshotRanges([
      job(
        [1, 9],
        [
          [0, 30],
          [60, 120],
        ],
      ),
    ]);
    expect(ranges).toEqual([
      { processRowId: 1, from: at(0), to: at(30) },
      { processRowId: 9, from: at(60), to: at(120) },
    ]);
  });
});

describe('decideBatch and orderProgress with production orders', () => {
  // Orders: 100 RELEASED and 101 IN_PROGRESS (40 made) of operation 10; 102 PLANNED of 10; 103 RELEASED of operation 30.
  // Process 2 is operation 10's final process; process 1 comes before it.
  const orders = new Map<number, OrderSnapshot>([
    [100, { operationRowId: 10, status: ProductionOrderStatus.RELEASED, producedQuantity: 0 }],
    [101, { operationRowId: 10, status: ProductionOrderStatus.IN_PROGRESS, producedQuantity: 40 }],
    [102, { operationRowId: 10, status: ProductionOrderStatus.PLANNED, producedQuantity: 0 }],
    [103, { operationRowId: 30, status: ProductionOrderStatus.RELEASED, producedQuantity: 0 }],
  ]);
  const withOrders = () => ({ ...snapshot(), orders, finalProcessOf: new Map([[10, 2]]) }) satisfies BatchSnapshot;
  const attributed = (processIds: number[], orderIds: (number | null)[], goodUnits: number[]): BatchJob => ({
    hash: null,
    processIds,
    orderIds,
    samples: processIds.map((_, i) => ({ ...sample(i * 60, i * 60 + 60), goodUnits: goodUnits[i] })),
  });

  it('inserts samples naming RELEASED or IN_PROGRESS orders of their operation', () => {
    const jobs = [attributed([1, 2, 2], [100, 100, 101], [50, 30, 7])];
    const outcomes = decideBatch(jobs, withOrders());
    expect(outcomes).toEqual([{ kind: 'insert' }]);
    // Order 100 starts (its first samples) and gains only the final process's 30; order 101 gains 7.
    expect(orderProgress(jobs, outcomes, withOrders())).toEqual([
      {
        orderRowId: 100,
        operationRowId: 10,
        goodUnits: 30,
        status: ProductionOrderStatus.IN_PROGRESS,
        started: true,
        producedQuantity: 30,
      },
      {
        orderRowId: 101,
        operationRowId: 10,
        goodUnits: 7,
        status: ProductionOrderStatus.IN_PROGRESS,
        started: false,
        producedQuantity: 47,
      },
    ]);
  });

  it('starts an order on an earlier process’s sample without counting its units', () => {
    const jobs = [attributed([1], [100], [50])];
    const outcomes = decideBatch(jobs, withOrders());
    expect(orderProgress(jobs, outcomes, withOrders())).toEqual([
      { orderRowId: 100, operationRowId: 10, goodUnits: 0, status: ProductionOrderStatus.IN_PROGRESS, started: true, producedQuantity: 0 },
    ]);
  });

  it('refuses an order in another state, of another operation, and fails one that does not exist', () => {
    const [planned, other, missing] = decideBatch(
      [attributed([2], [102], [1]), attributed([1, 2], [null, 103], [1, 1]), attributed([2], [999], [1])],
      withOrders(),
    );
    const wrongState = refusal(planned);
    expect(wrongState).toBeInstanceOf(InvalidStateTransition);
    expect(wrongState).toMatchObject({ from: 'PLANNED', to: 'recordThroughput' });
    const wrongOperation = refusal(other);
    expect(wrongOperation).toBeInstanceOf(ProductionOrderMismatch);
    expect(wrongOperation).toMatchObject({
      productionOrderId: toGlobalId('ProductionOrder', 103),
      processId: toGlobalId('Process', 2),
      index: 1,
    });
    expect(missing.kind).toBe('fail');
  });

  it('changes no order for a refused call, and counts nothing without a final process', () => {
    const jobs = [attributed([2], [102], [5]), attributed([2], [100], [5])];
    const outcomes = decideBatch(jobs, withOrders());
    expect(orderProgress(jobs, outcomes, withOrders()).map((p) => p.orderRowId)).toEqual([100]);
    const noFinal = { ...withOrders(), finalProcessOf: new Map<number, number>() };
    expect(orderProgress(jobs, decideBatch(jobs, noFinal), noFinal)[0].goodUnits).toBe(0);
  });
});
