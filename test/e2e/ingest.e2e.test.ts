import { toGlobalId } from '../../src/common/ids';
import { StoredEvent } from '../../src/realtime/event.entity';
import { streamKeys } from '../../src/realtime/streams';
import { dataOf, Role, TEST_DATABASES, type TestDatabase } from '../harness/app';
import { RECORD_THROUGHPUT, RECORD_THROUGHPUT_BATCH, UPDATE_OPERATION } from '../harness/documents';
import { rowIdOf } from '../harness/cursors';
import { createProcess } from '../harness/factories';
import { describeApp } from '../harness/suite';

/**
 * The ingest path (recordThroughput, recordThroughputBatch) writes in plain SQL: these tests pin
 * what it must keep doing on every dialect, including MySQL proper (no INSERT … RETURNING), which
 * runs against the MariaDB server through a mysql:// URL.
 */
const INGEST_DATABASES = TEST_DATABASES.flatMap((db): TestDatabase[] => (db === 'sqlite' ? [db] : [db, 'mysql-dialect']));

describeApp('throughput ingest on %s', { databases: INGEST_DATABASES }, ({ t }) => {
  const at = (day: number, h: number, m = 0) => new Date(Date.UTC(2026, 1, day, h, m)).toISOString();
  const sample = (processId: string, start: string, end: string, goodUnits = 10) => ({
    processId,
    periodStart: start,
    periodEnd: end,
    goodUnits,
    rejectedUnits: 0,
  });

  /** A RUNNING process in `operationId`, or in an operation of its own. */
  async function createStep(operationId?: string) {
    const step = await createProcess(t, { operationId, name: 'Step' });
    return { operationId: step.operationId, processId: step.id };
  }

  async function storedSamples(processId: string) {
    const edges = dataOf(await t.gql(SAMPLES, { id: processId })).process.samples.edges as {
      node: { id: string; periodStart: string; goodUnits: number };
    }[];
    return edges.map((e) => e.node);
  }

  it('returns every sample of a batch in input order with the ids it was stored under', async () => {
    const a = await createStep();
    const b = await createStep(a.operationId);
    const c = await createStep();
    // Interleaved processes and periods out of order: the ids must still match input positions.
    const samples = [
      sample(b.processId, at(2, 3), at(2, 4), 1),
      sample(a.processId, at(2, 5), at(2, 6), 2),
      sample(c.processId, at(2, 1), at(2, 2), 3),
      sample(a.processId, at(2, 1), at(2, 2), 4),
      sample(b.processId, at(2, 1), at(2, 2), 5),
    ];
    const batch = dataOf(await t.gql(RECORD_THROUGHPUT_BATCH, { input: { samples } }, Role.OPERATOR)).recordThroughputBatch;
    expect(batch.__typename).toBe('ThroughputBatch');
    expect(
      batch.samples.map((s: { goodUnits: number; periodStart: string; process: { id: string } }) => [
        s.process.id,
        s.periodStart,
        s.goodUnits,
      ]),
    ).toEqual(samples.map((s) => [s.processId, s.periodStart, s.goodUnits]));
    const stored = [...(await storedSamples(a.processId)), ...(await storedSamples(b.processId)), ...(await storedSamples(c.processId))];
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const [i, s] of batch.samples.entries()) {
      expect(byId.get(s.id)).toMatchObject({ periodStart: samples[i].periodStart, goodUnits: samples[i].goodUnits });
    }
  });

  it('refuses a sample inside a long stored period that started before the batch, naming that sample', async () => {
    const { processId } = await createStep();
    const long = dataOf(await t.gql(RECORD_THROUGHPUT, { input: sample(processId, at(3, 0), at(3, 20)) }, Role.OPERATOR)).recordThroughput;
    for (let h = 0; h < 5; h++) {
      const filler = dataOf(
        await t.gql(RECORD_THROUGHPUT, { input: sample(processId, at(2, h), at(2, h + 1)) }, Role.OPERATOR),
      ).recordThroughput;
      expect(filler.__typename).toBe('ThroughputSample');
    }
    const res = dataOf(
      await t.gql(
        RECORD_THROUGHPUT_BATCH,
        { input: { samples: [sample(processId, at(3, 21), at(3, 22)), sample(processId, at(3, 19), at(3, 21))] } },
        Role.OPERATOR,
      ),
    ).recordThroughputBatch;
    expect(res).toMatchObject({ __typename: 'SampleOverlap', index: 1, existingSampleId: long.id });
    expect(await storedSamples(processId)).toHaveLength(6);
  });

  it('tells samples that touch from samples that overlap by one millisecond', async () => {
    const { processId } = await createStep();
    const ms = (offset: number) => new Date(Date.UTC(2026, 1, 12, 8) + offset).toISOString();
    const first = dataOf(await t.gql(RECORD_THROUGHPUT, { input: sample(processId, ms(0), ms(1500)) }, Role.OPERATOR)).recordThroughput;
    const overlapping = dataOf(
      await t.gql(RECORD_THROUGHPUT, { input: sample(processId, ms(1499), ms(3000)) }, Role.OPERATOR),
    ).recordThroughput;
    expect(overlapping).toMatchObject({ __typename: 'SampleOverlap' });
    const before = dataOf(await t.gql(RECORD_THROUGHPUT, { input: sample(processId, ms(-1000), ms(1)) }, Role.OPERATOR)).recordThroughput;
    expect(before).toMatchObject({ __typename: 'SampleOverlap' });
    const touching = dataOf(
      await t.gql(
        RECORD_THROUGHPUT_BATCH,
        { input: { samples: [sample(processId, ms(1500), ms(3000)), sample(processId, ms(-1000), ms(0))] } },
        Role.OPERATOR,
      ),
    ).recordThroughputBatch;
    expect(touching).toMatchObject({ __typename: 'ThroughputBatch', count: 2 });
    expect((await storedSamples(processId)).map((s) => s.id)).toContain(first.id);
  });

  it('fills gaps between stored samples but refuses a sample that overlaps one inside the batch range', async () => {
    const { processId } = await createStep();
    const stored = dataOf(
      await t.gql(
        RECORD_THROUGHPUT_BATCH,
        {
          input: {
            samples: [sample(processId, at(4, 1), at(4, 2)), sample(processId, at(4, 3), at(4, 4)), sample(processId, at(4, 5), at(4, 6))],
          },
        },
        Role.OPERATOR,
      ),
    ).recordThroughputBatch;
    const gaps = dataOf(
      await t.gql(
        RECORD_THROUGHPUT_BATCH,
        {
          input: {
            samples: [
              sample(processId, at(4, 0), at(4, 1)),
              sample(processId, at(4, 2), at(4, 3)),
              sample(processId, at(4, 4), at(4, 5)),
              sample(processId, at(4, 6), at(4, 7)),
            ],
          },
        },
        Role.OPERATOR,
      ),
    ).recordThroughputBatch;
    expect(gaps).toMatchObject({ __typename: 'ThroughputBatch', count: 4 });
    const clash = dataOf(
      await t.gql(
        RECORD_THROUGHPUT_BATCH,
        { input: { samples: [sample(processId, at(4, 8), at(4, 9)), sample(processId, at(4, 3, 30), at(4, 3, 45))] } },
        Role.OPERATOR,
      ),
    ).recordThroughputBatch;
    expect(clash).toMatchObject({ __typename: 'SampleOverlap', index: 1, existingSampleId: stored.samples[1].id });
    expect(await storedSamples(processId)).toHaveLength(7);
  });

  it('records exactly one of many concurrent keyed calls for the same period of one process', async () => {
    const { processId } = await createStep();
    // Each call sees the others' commits once it holds the process lock, whatever it read before.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.gql(RECORD_THROUGHPUT, { input: { ...sample(processId, at(5, 1), at(5, 2)), idempotencyKey: `race-${i}` } }, Role.OPERATOR),
      ),
    );
    const typenames = results.map((r) => dataOf(r).recordThroughput.__typename).sort();
    expect(typenames).toEqual([
      'SampleOverlap',
      'SampleOverlap',
      'SampleOverlap',
      'SampleOverlap',
      'SampleOverlap',
      'SampleOverlap',
      'SampleOverlap',
      'ThroughputSample',
    ]);
    expect(await storedSamples(processId)).toHaveLength(1);
  });

  it('appends one event per sample with consecutive sequence numbers, concurrent batches included', async () => {
    const a = await createStep();
    const b = await createStep(a.operationId);
    const batches = [a, b].map(({ processId }) => ({
      samples: Array.from({ length: 20 }, (_, i) => sample(processId, at(6, 0, i), at(6, 0, i + 1))),
    }));
    const results = await Promise.all(batches.map((input) => t.gql(RECORD_THROUGHPUT_BATCH, { input }, Role.OPERATOR)));
    const ids = results.flatMap((r) => dataOf(r).recordThroughputBatch.samples.map((s: { id: string }) => s.id));
    expect(ids).toHaveLength(40);
    const events = await t.app.dataSource
      .getRepository(StoredEvent)
      .find({ where: { streamKey: streamKeys.operation(rowIdOf(a.operationId)) }, order: { seq: 'ASC' } });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(events.map((e) => e.subjectId).sort()).toEqual([...ids].sort());
    expect(events.every((e) => e.type === 'throughput.recorded')).toBe(true);
  });

  it("names every out-of-range field of a batch by its path, in class-validator's words, and stores nothing", async () => {
    const { processId } = await createStep();
    const samples = Array.from({ length: 6 }, (_, i) => sample(processId, at(8, i), at(8, i + 1)));
    samples[3] = { ...samples[3], goodUnits: -1 };
    Object.assign(samples[5], { rejectedUnits: 10_000_001, downtimeMinutes: 1441 });
    const res = await t.gql(RECORD_THROUGHPUT_BATCH, { input: { samples } }, Role.OPERATOR);
    expect(res.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['input.samples[3].goodUnits', 'input.samples[5].rejectedUnits', 'input.samples[5].downtimeMinutes'],
    });
    expect(res.errors![0].message).toBe(
      'Invalid input: input.samples[3].goodUnits: goodUnits must not be less than 0 | input.samples[5].rejectedUnits: rejectedUnits must not be greater than 10000000 | input.samples[5].downtimeMinutes: downtimeMinutes must not be greater than 1440',
    );
    expect(await storedSamples(processId)).toHaveLength(0);
  });

  describe('concurrent calls (written together when they arrive during another write)', () => {
    it('gives each call its own outcome: recorded, overlap, retired, unknown process, replay', async () => {
      const a = await createStep();
      const b = await createStep(a.operationId);
      const retired = await createStep();
      dataOf(await t.gql(UPDATE_OPERATION, { input: { id: retired.operationId, expectedVersion: 1, status: 'RETIRED' } }));
      const earlier = dataOf(
        await t.gql(
          RECORD_THROUGHPUT,
          { input: { ...sample(a.processId, at(9, 1), at(9, 2)), idempotencyKey: 'mixed-replay' } },
          Role.OPERATOR,
        ),
      ).recordThroughput;
      const unknown = toGlobalId('Process', 999999);
      const calls = [
        t.gql(RECORD_THROUGHPUT, { input: sample(a.processId, at(9, 2), at(9, 3)) }, Role.OPERATOR),
        t.gql(RECORD_THROUGHPUT, { input: sample(a.processId, at(9, 1, 30), at(9, 1, 45)) }, Role.OPERATOR),
        t.gql(RECORD_THROUGHPUT, { input: sample(retired.processId, at(9, 1), at(9, 2)) }, Role.OPERATOR),
        t.gql(RECORD_THROUGHPUT, { input: sample(unknown, at(9, 1), at(9, 2)) }, Role.OPERATOR),
        t.gql(RECORD_THROUGHPUT, { input: { ...sample(a.processId, at(9, 1), at(9, 2)), idempotencyKey: 'mixed-replay' } }, Role.OPERATOR),
        t.gql(
          RECORD_THROUGHPUT_BATCH,
          { input: { samples: [sample(b.processId, at(9, 1), at(9, 2)), sample(b.processId, at(9, 2), at(9, 3))] } },
          Role.OPERATOR,
        ),
      ];
      const [recorded, overlap, refused, missing, replay, batch] = await Promise.all(calls);
      expect(dataOf(recorded).recordThroughput.__typename).toBe('ThroughputSample');
      expect(dataOf(overlap).recordThroughput).toMatchObject({ __typename: 'SampleOverlap', code: 'SAMPLE_OVERLAP' });
      expect(dataOf(refused).recordThroughput).toMatchObject({ __typename: 'InvalidStateTransition', from: 'RETIRED' });
      expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
      expect(dataOf(replay).recordThroughput.id).toBe(earlier.id);
      expect(dataOf(batch).recordThroughputBatch).toMatchObject({ __typename: 'ThroughputBatch', count: 2 });
      expect(await storedSamples(a.processId)).toHaveLength(2);
      expect(await storedSamples(b.processId)).toHaveLength(2);
      expect(await storedSamples(retired.processId)).toHaveLength(0);
    });

    it("records one of two calls that overlap each other, and names it in the other's SampleOverlap", async () => {
      const { processId } = await createStep();
      const results = await Promise.all([
        t.gql(
          RECORD_THROUGHPUT_BATCH,
          { input: { samples: [sample(processId, at(10, 1), at(10, 2)), sample(processId, at(10, 2), at(10, 3))] } },
          Role.OPERATOR,
        ),
        t.gql(
          RECORD_THROUGHPUT_BATCH,
          { input: { samples: [sample(processId, at(10, 4), at(10, 5)), sample(processId, at(10, 2, 30), at(10, 4))] } },
          Role.OPERATOR,
        ),
      ]);
      const outcomes = results.map((r) => dataOf(r).recordThroughputBatch);
      const winner = outcomes.find((o) => o.__typename === 'ThroughputBatch');
      const loser = outcomes.find((o) => o.__typename === 'SampleOverlap');
      expect(winner && loser).toBeTruthy();
      expect(winner.samples.map((s: { id: string }) => s.id)).toContain(loser.existingSampleId);
      expect(await storedSamples(processId)).toHaveLength(2);
    });

    it('writes a key sent twice at once only once and answers both with the same sample', async () => {
      const { processId } = await createStep();
      const input = { ...sample(processId, at(11, 1), at(11, 2)), idempotencyKey: 'twice-at-once' };
      const [first, second] = await Promise.all([
        t.gql(RECORD_THROUGHPUT, { input }, Role.OPERATOR),
        t.gql(RECORD_THROUGHPUT, { input }, Role.OPERATOR),
      ]);
      expect(dataOf(first).recordThroughput.__typename).toBe('ThroughputSample');
      expect(dataOf(second).recordThroughput.id).toBe(dataOf(first).recordThroughput.id);
      expect(await storedSamples(processId)).toHaveLength(1);
    });
  });

  it('replays a keyed batch with the same samples and refuses the key with other samples', async () => {
    const { processId } = await createStep();
    const input = {
      samples: [sample(processId, at(7, 1), at(7, 2)), sample(processId, at(7, 2), at(7, 3))],
      idempotencyKey: 'batch-replay-1',
    };
    const first = dataOf(await t.gql(RECORD_THROUGHPUT_BATCH, { input }, Role.OPERATOR)).recordThroughputBatch;
    const again = dataOf(await t.gql(RECORD_THROUGHPUT_BATCH, { input }, Role.OPERATOR)).recordThroughputBatch;
    expect(again.samples.map((s: { id: string }) => s.id)).toEqual(first.samples.map((s: { id: string }) => s.id));
    const other = dataOf(
      await t.gql(RECORD_THROUGHPUT_BATCH, { input: { ...input, samples: input.samples.slice(0, 1) } }, Role.OPERATOR),
    ).recordThroughputBatch;
    expect(other.__typename).toBe('IdempotencyKeyReused');
    expect(await storedSamples(processId)).toHaveLength(2);
  });

  it('answers a retried keyed call that was refused with the same refusal, and the key stays usable', async () => {
    const { processId } = await createStep();
    const stored = dataOf(await t.gql(RECORD_THROUGHPUT, { input: sample(processId, at(8, 1), at(8, 2)) }, Role.OPERATOR)).recordThroughput;
    const clashing = { ...sample(processId, at(8, 1, 30), at(8, 2, 30)), idempotencyKey: 'refused-single-1' };
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await t.gql(RECORD_THROUGHPUT, { input: clashing }, Role.OPERATOR);
      expect(res.errors).toBeUndefined();
      expect(res.data.recordThroughput).toMatchObject({ __typename: 'SampleOverlap' });
    }
    const batch = {
      samples: [sample(processId, at(8, 3), at(8, 4)), sample(processId, at(8, 0, 30), at(8, 1, 30))],
      idempotencyKey: 'refused-batch-1',
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = dataOf(await t.gql(RECORD_THROUGHPUT_BATCH, { input: batch }, Role.OPERATOR)).recordThroughputBatch;
      expect(res).toMatchObject({ __typename: 'SampleOverlap', index: 1, existingSampleId: stored.id });
    }
    // Nothing was written under the refused key, so once the clash is gone the same key records.
    const fixed = dataOf(
      await t.gql(
        RECORD_THROUGHPUT_BATCH,
        { input: { ...batch, samples: batch.samples.slice(0, 1), idempotencyKey: 'refused-batch-1' } },
        Role.OPERATOR,
      ),
    ).recordThroughputBatch;
    expect(fixed).toMatchObject({ __typename: 'ThroughputBatch', count: 1 });
    expect(await storedSamples(processId)).toHaveLength(2);
  });
});

const SAMPLES = /* GraphQL */ `
  query ($id: ID!) {
    process(id: $id) {
      samples(first: 100) {
        edges {
          node {
            id
            periodStart
            goodUnits
          }
        }
      }
    }
  }
`;
