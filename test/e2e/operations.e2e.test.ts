import { countStatements, dataOf, errorCode, Role } from '../harness/app';
import { CREATE_OPERATION, CREATE_PROCESS, RECORD_THROUGHPUT, RECORD_THROUGHPUT_BATCH, UPDATE_OPERATION } from '../harness/documents';
import { createOperation, createProcess } from '../harness/factories';
import { describeApp } from '../harness/suite';
import { toGlobalId } from '../../src/common/ids';

describeApp('operations and processes on %s', ({ t }) => {
  async function sampleCount(processId: string): Promise<number> {
    return dataOf(await t.gql(SAMPLES, { id: processId })).process.samples.totalCount;
  }

  const hour = (h: number, m = 0) => new Date(Date.UTC(2026, 0, 5, h, m)).toISOString();

  it('creates an operation with processes in sequence order and reads it back through node and connections', async () => {
    const op = await createOperation(t, { name: 'Garment production' });
    await createProcess(t, { operationId: op.id, name: 'Fabric sourcing', unit: 'rolls', targetRatePerHour: 12 });
    await createProcess(t, { operationId: op.id, name: 'Cutting' });
    await createProcess(t, { operationId: op.id, name: 'Sewing', sequence: 10 });
    const node = dataOf(await t.gql(NODE_OPERATION, { id: op.id }, Role.VIEWER)).node;
    expect(node.__typename).toBe('Operation');
    expect(node.name).toBe('Garment production');
    expect(node.processes.totalCount).toBe(3);
    expect(node.processes.edges.map((e: any) => [e.node.name, e.node.sequence])).toEqual([
      ['Fabric sourcing', 1],
      ['Cutting', 2],
      ['Sewing', 10],
    ]);
    expect(node.processes.edges[0].node.operation.id).toBe(op.id);
  });

  it('records a sample, lists samples newest first and filters them by time range', async () => {
    const op = await createOperation(t, { name: 'Sampling' });
    const p = await createProcess(t, { operationId: op.id });
    for (const h of [8, 9, 10]) {
      const res = dataOf(
        await t.gql(
          RECORD_THROUGHPUT,
          {
            input: {
              processId: p.id,
              periodStart: hour(h),
              periodEnd: hour(h + 1),
              goodUnits: 200 + h,
              rejectedUnits: 3,
              downtimeMinutes: 5,
            },
          },
          Role.OPERATOR,
        ),
      );
      expect(res.recordThroughput.__typename).toBe('ThroughputSample');
      expect(res.recordThroughput.process.id).toBe(p.id);
    }
    const all = dataOf(await t.gql(SAMPLES, { id: p.id })).process.samples;
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((e: any) => e.node.goodUnits)).toEqual([210, 209, 208]);
    const window = dataOf(await t.gql(SAMPLES, { id: p.id, from: hour(9, 30), to: hour(10, 30) })).process.samples;
    expect(window.edges.map((e: any) => e.node.periodStart)).toEqual([hour(10), hour(9)]);
  });

  it('returns the first result for a retried idempotency key and refuses the key with another payload', async () => {
    const op = await createOperation(t, { name: 'Idempotent' });
    const p = await createProcess(t, { operationId: op.id });
    const input = {
      processId: p.id,
      periodStart: hour(1),
      periodEnd: hour(2),
      goodUnits: 10,
      rejectedUnits: 0,
      idempotencyKey: 'terminal-7:0001',
    };
    const first = dataOf(await t.gql(RECORD_THROUGHPUT, { input }, Role.OPERATOR)).recordThroughput;
    const retry = dataOf(await t.gql(RECORD_THROUGHPUT, { input }, Role.OPERATOR)).recordThroughput;
    expect(retry.id).toBe(first.id);
    const reused = dataOf(await t.gql(RECORD_THROUGHPUT, { input: { ...input, goodUnits: 11 } }, Role.OPERATOR)).recordThroughput;
    expect(reused).toMatchObject({ __typename: 'IdempotencyKeyReused', code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await sampleCount(p.id)).toBe(1);
  });

  it('records a batch all-or-nothing: one overlapping sample stores none', async () => {
    const op = await createOperation(t, { name: 'Batch' });
    const p = await createProcess(t, { operationId: op.id });
    const ok = dataOf(
      await t.gql(
        RECORD_THROUGHPUT_BATCH,
        {
          input: {
            samples: [0, 1, 2].map((i) => ({
              processId: p.id,
              periodStart: hour(i),
              periodEnd: hour(i + 1),
              goodUnits: 100,
              rejectedUnits: 1,
            })),
          },
        },
        Role.OPERATOR,
      ),
    );
    expect(ok.recordThroughputBatch).toMatchObject({ __typename: 'ThroughputBatch', count: 3 });
    const overlapping = dataOf(
      await t.gql(
        RECORD_THROUGHPUT_BATCH,
        {
          input: {
            samples: [
              { processId: p.id, periodStart: hour(5), periodEnd: hour(6), goodUnits: 1, rejectedUnits: 0 },
              { processId: p.id, periodStart: hour(2, 30), periodEnd: hour(3, 30), goodUnits: 1, rejectedUnits: 0 },
            ],
          },
        },
        Role.OPERATOR,
      ),
    );
    expect(overlapping.recordThroughputBatch).toMatchObject({ __typename: 'SampleOverlap', code: 'SAMPLE_OVERLAP', index: 1 });
    const inner = dataOf(
      await t.gql(
        RECORD_THROUGHPUT_BATCH,
        {
          input: {
            samples: [
              { processId: p.id, periodStart: hour(7), periodEnd: hour(8), goodUnits: 1, rejectedUnits: 0 },
              { processId: p.id, periodStart: hour(7, 30), periodEnd: hour(9), goodUnits: 1, rejectedUnits: 0 },
            ],
          },
        },
        Role.OPERATOR,
      ),
    );
    expect(inner.recordThroughputBatch).toMatchObject({ __typename: 'SampleOverlap', existingSampleId: null });
    expect(await sampleCount(p.id)).toBe(3);
  });

  it('rejects a batch of 501 samples naming the field', async () => {
    const op = await createOperation(t, { name: 'Huge batch' });
    const p = await createProcess(t, { operationId: op.id });
    const samples = Array.from({ length: 501 }, (_, i) => ({
      processId: p.id,
      periodStart: new Date(Date.UTC(2026, 0, 1) + i * 60000).toISOString(),
      periodEnd: new Date(Date.UTC(2026, 0, 1) + (i + 1) * 60000).toISOString(),
      goodUnits: 1,
      rejectedUnits: 0,
    }));
    const res = await t.gql(RECORD_THROUGHPUT_BATCH, { input: { samples } }, Role.OPERATOR);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.fields).toEqual(['input.samples']);
    expect(await sampleCount(p.id)).toBe(0);
  });

  it('returns VersionConflict for a stale expectedVersion and changes nothing', async () => {
    const op = await createOperation(t, { name: 'Versioned' });
    const updated = dataOf(
      await t.gql(UPDATE_OPERATION, { input: { id: op.id, expectedVersion: 1, name: 'Versioned v2' } }),
    ).updateOperation;
    expect(updated).toMatchObject({ __typename: 'Operation', name: 'Versioned v2', version: 2 });
    const stale = dataOf(await t.gql(UPDATE_OPERATION, { input: { id: op.id, expectedVersion: 1, name: 'Lost update' } })).updateOperation;
    expect(stale).toMatchObject({ __typename: 'VersionConflict', code: 'VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2 });
    expect(dataOf(await t.gql(NODE_OPERATION, { id: op.id })).node.name).toBe('Versioned v2');
  });

  describe('bad input gets a specific error and leaves data unchanged', () => {
    let processId: string;
    let operationId: string;
    beforeAll(async () => {
      operationId = (await createOperation(t, { name: 'Validation' })).id;
      processId = (await createProcess(t, { operationId })).id;
    });
    afterEach(async () => {
      expect(await sampleCount(processId)).toBe(0);
    });

    const base = () => ({ processId, periodStart: hour(3), periodEnd: hour(4), goodUnits: 5, rejectedUnits: 0 });
    const cases: [string, () => Record<string, unknown>, string, string][] = [
      ['period end before start', () => ({ ...base(), periodEnd: hour(2) }), 'BAD_USER_INPUT', 'input.periodEnd'],
      [
        'period longer than a day',
        () => ({
          ...base(),
          periodStart: new Date(Date.UTC(2026, 0, 1)).toISOString(),
          periodEnd: new Date(Date.UTC(2026, 0, 3)).toISOString(),
        }),
        'BAD_USER_INPUT',
        'input.periodEnd',
      ],
      [
        'period in the future',
        () => ({
          ...base(),
          periodStart: new Date(Date.now() + 3600e3).toISOString(),
          periodEnd: new Date(Date.now() + 7200e3).toISOString(),
        }),
        'BAD_USER_INPUT',
        'input.periodEnd',
      ],
      ['negative units', () => ({ ...base(), goodUnits: -1 }), 'BAD_USER_INPUT', 'input.goodUnits'],
      ['absurd units', () => ({ ...base(), rejectedUnits: 2_000_000_000 }), 'BAD_USER_INPUT', 'input.rejectedUnits'],
      ['downtime longer than the period', () => ({ ...base(), downtimeMinutes: 61 }), 'BAD_USER_INPUT', 'input.downtimeMinutes'],
      ['a project ID as processId', () => ({ ...base(), processId: toGlobalId('Project', 1) }), 'BAD_USER_INPUT', 'input.processId'],
      ['a malformed processId', () => ({ ...base(), processId: 'not-an-id!' }), 'BAD_USER_INPUT', 'input.processId'],
      ['an unknown process', () => ({ ...base(), processId: toGlobalId('Process', 999999) }), 'NOT_FOUND', ''],
      [
        'a 10,000-character idempotency key',
        () => ({ ...base(), idempotencyKey: 'k'.repeat(10_000) }),
        'BAD_USER_INPUT',
        'input.idempotencyKey',
      ],
    ];
    it.each(cases)('recordThroughput with %s', async (_name, input, code, field) => {
      const res = await t.gql(RECORD_THROUGHPUT, { input: input() }, Role.OPERATOR);
      expect(errorCode(res)).toBe(code);
      if (field) expect(res.errors![0].extensions!.fields).toContain(field);
      expect(JSON.stringify(res)).not.toMatch(/SELECT|INSERT|at .*\.ts:\d+/);
    });

    it('refuses a 10,000-character operation name naming the field', async () => {
      const res = await t.gql(CREATE_OPERATION, { input: { name: 'x'.repeat(10_000) } });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.fields).toEqual(['input.name']);
      expect(res.errors![0].message.length).toBeLessThan(300);
    });

    it('refuses a duplicate process sequence', async () => {
      const res = await t.gql(CREATE_PROCESS, { input: { operationId, name: 'Clash', unit: 'x', targetRatePerHour: 1, sequence: 1 } });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.fields).toEqual(['input.sequence']);
    });

    it('refuses a zero target rate', async () => {
      const res = await t.gql(CREATE_PROCESS, { input: { operationId, name: 'Zero', unit: 'x', targetRatePerHour: 0 } });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.fields).toEqual(['input.targetRatePerHour']);
    });

    it('refuses a page size above 100', async () => {
      const res = await t.gql('{ operations(first: 101) { totalCount } }');
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.fields).toEqual(['first']);
    });

    it('refuses an invalid cursor', async () => {
      const res = await t.gql('{ operations(after: "bm9wZQ") { totalCount } }');
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    });

    it('refuses a sample without a token, and from a viewer', async () => {
      expect(errorCode(await t.gql(RECORD_THROUGHPUT, { input: base() }, null))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(RECORD_THROUGHPUT, { input: base() }, Role.VIEWER))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(CREATE_OPERATION, { input: { name: 'x' } }, Role.OPERATOR))).toBe('FORBIDDEN');
    });

    it('refuses a forged token with 401 UNAUTHENTICATED', async () => {
      const forged = (await t.token(Role.ADMIN)).replace(/\.[^.]+$/, '.AAAA');
      const res = await t.gql('{ viewer { subject } }', {}, { token: forged });
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    });
  });

  it('pages through operations with cursors and a total count', async () => {
    for (let i = 0; i < 3; i++) await createOperation(t, { name: `Paged ${i}` });
    const page1 = dataOf(await t.gql(LIST, { first: 2, filter: { search: 'paged' } })).operations;
    expect(page1.totalCount).toBe(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = dataOf(await t.gql(LIST, { first: 2, after: page1.pageInfo.endCursor, filter: { search: 'paged' } })).operations;
    expect(page2.edges.map((e: any) => e.node.name)).toEqual(['Paged 2']);
    expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const literal = dataOf(await t.gql(LIST, { first: 2, filter: { search: '50%_' } })).operations;
    expect(literal.totalCount).toBe(0);
  });

  it('reads a page of processes with their operation and team in a constant number of SQL statements', async () => {
    const counts: number[] = [];
    for (const size of [5, 40]) {
      const prefix = `N+1 ${size}`;
      for (let i = 0; i < size / 5; i++) {
        const op = await createOperation(t, { name: `${prefix} op ${i}` });
        for (let k = 0; k < 5; k++) await createProcess(t, { operationId: op.id, name: `${prefix} p ${i}.${k}` });
      }
      const { statements, result } = await countStatements(t, () => t.gql(PROCESS_PAGE, { first: size, search: prefix }));
      counts.push(statements);
      const res = dataOf(result);
      expect(res.processes.edges).toHaveLength(size);
      expect(res.processes.edges.every((e: any) => e.node.operation.name.startsWith(prefix))).toBe(true);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[1]).toBeLessThanOrEqual(5);
  });
});

const SAMPLES = /* GraphQL */ `
  query ($id: ID!, $from: DateTimeISO, $to: DateTimeISO) {
    process(id: $id) {
      samples(first: 100, from: $from, to: $to) {
        totalCount
        edges {
          node {
            periodStart
            goodUnits
          }
        }
      }
    }
  }
`;
const NODE_OPERATION = /* GraphQL */ `
  query ($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Operation {
        name
        processes {
          totalCount
          edges {
            node {
              name
              sequence
              operation {
                id
              }
            }
          }
        }
      }
    }
  }
`;
const LIST = /* GraphQL */ `
  query ($first: Int, $after: String, $filter: OperationFilter) {
    operations(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      edges {
        cursor
        node {
          name
        }
      }
    }
  }
`;
const PROCESS_PAGE = /* GraphQL */ `
  query ($first: Int, $search: String) {
    processes(first: $first, filter: { search: $search }) {
      edges {
        node {
          name
          operation {
            name
            team {
              name
            }
          }
        }
      }
    }
  }
`;
