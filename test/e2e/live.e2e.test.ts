import { dataOf, Role, startTestApp, TEST_DATABASES, type TestApp } from '../harness/app';
import { collect, wsClient } from '../harness/ws';
import { fromGlobalId } from '../../src/common/ids';
import { decodeEventCursor } from '../../src/realtime/cursor';
import { streamKeys } from '../../src/realtime/streams';

const minute = (i: number) => new Date(Date.UTC(2026, 1, 2, 0, 0) + i * 60_000).toISOString();

describe.each(TEST_DATABASES)('throughputUpdated on %s', (db) => {
  let t: TestApp;
  const leftovers: (() => unknown)[] = [];
  beforeAll(async () => {
    t = await startTestApp(db, { env: { EVENT_REPLAY_LIMIT: '2000' } });
  });
  afterEach(async () => {
    for (const f of leftovers.splice(0)) await f();
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function line(name: string, processes = 1) {
    const op = dataOf(await t.gql(CREATE_OPERATION, { input: { name } })).createOperation.id as string;
    const ids: string[] = [];
    for (let i = 0; i < processes; i++) {
      ids.push(
        dataOf(
          await t.gql(CREATE_PROCESS, { input: { operationId: op, name: `P${i}`, unit: 'u', targetRatePerHour: 60, status: 'RUNNING' } }),
        ).createProcess.id,
      );
    }
    return { op, ids };
  }

  async function record(processId: string, i: number, good = 10, as: Role | { token: string } = Role.OPERATOR) {
    const res = dataOf(
      await t.gql(
        RECORD,
        { input: { processId, periodStart: minute(i), periodEnd: minute(i + 1), goodUnits: good, rejectedUnits: 1 } },
        as,
      ),
    );
    expect(res.recordThroughput.__typename).toBe('ThroughputSample');
    return res.recordThroughput.id as string;
  }

  function connect(role: Role | null = Role.VIEWER) {
    return (async () => {
      const { client, closes } = wsClient(t.wsUrl, role ? await t.token(role) : null);
      leftovers.push(() => client.dispose());
      return { client, closes };
    })();
  }

  it('delivers an event with the sample and rolling stats after recordThroughput, and the sample is readable', async () => {
    const {
      ids: [p],
    } = await line('Live 1');
    const { client } = await connect();
    const sub = collect(client, SUBSCRIBE, { processId: p });
    await new Promise((r) => setTimeout(r, 150));
    const sampleId = await record(p, 0, 42);
    await sub.until(() => sub.results.length >= 1);
    const update = sub.results[0].data!.throughputUpdated;
    expect(update).toMatchObject({ replayed: false, sample: { id: sampleId, goodUnits: 42 }, process: { id: p } });
    expect(update.stats.goodUnits).toBeGreaterThanOrEqual(0);
    expect(typeof update.cursor).toBe('string');
  });

  it('filters by process within an operation stream and by operation', async () => {
    const {
      op,
      ids: [a, b],
    } = await line('Live filter', 2);
    const { client } = await connect();
    const onlyB = collect(client, SUBSCRIBE, { processId: b });
    const all = collect(client, SUBSCRIBE, { operationId: op });
    await new Promise((r) => setTimeout(r, 150));
    await record(a, 0);
    await record(b, 0);
    await all.until(() => all.results.length >= 2);
    await onlyB.until(() => onlyB.results.length >= 1);
    expect(onlyB.results.map((r) => r.data!.throughputUpdated.process.id)).toEqual([b]);
    expect(all.results.map((r) => r.data!.throughputUpdated.process.id)).toEqual([a, b]);
  });

  it('resumes exactly once: 4 concurrent writers, 1,000 samples, the subscriber disconnected and resumed several times', async () => {
    const { op, ids } = await line('Live resume', 4);
    const committed: string[] = [];
    const seen: string[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    let done = false;
    let writing: Promise<void> | null = null;
    for (let round = 0; !done || seen.length < committed.length; round++) {
      const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER));
      const sub = collect(client, SUBSCRIBE_SMALL, { operationId: op, after });
      if (!writing) {
        // The first subscriber is live before any write; every later one resumes from its cursor.
        await new Promise((r) => setTimeout(r, 200));
        // Each writer is its own line terminal (its own token, so its own rate-limit bucket: 250
        // samples at 6 points each fit the shipped 2,000-point bucket without pacing).
        writing = Promise.all(
          ids.map(async (p, w) => {
            const terminal = { token: await t.token(Role.OPERATOR, { sub: `terminal-${w}` }) };
            for (let i = 0; i < 250; i++) committed.push(await record(p, i, 10, terminal));
          }),
        ).then(() => {
          done = true;
        });
      }
      await sub.until(() => sub.results.length >= 120 || (done && seen.length + sub.results.length >= committed.length), 20_000);
      expect(sub.error).toBeNull();
      for (const r of sub.results) {
        seen.push(r.data!.throughputUpdated.sample.id);
        cursors.push(r.data!.throughputUpdated.cursor);
      }
      after = cursors[cursors.length - 1] ?? after;
      await client.dispose();
      if (round > 40) throw new Error('too many rounds');
    }
    await writing;
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(new Set(seen)).toEqual(new Set(committed));
    const seqs = cursors.map((c) => decodeEventCursor(c, streamKeys.operation(fromGlobalId(op)!.rowId)));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(seqs[seqs.length - 1] - seqs[0]).toBe(999);
  }, 120_000);

  it('ends a subscription whose cursor is beyond the replay limit with RESYNC_REQUIRED', async () => {
    const {
      op,
      ids: [p],
    } = await line('Live cap');
    const { client } = await connect();
    const first = collect(client, SUBSCRIBE_SMALL, { operationId: op });
    await new Promise((r) => setTimeout(r, 150));
    await record(p, 0);
    await first.until(() => first.results.length === 1);
    const cursor = first.results[0].data!.throughputUpdated.cursor;
    const samples = Array.from({ length: 2001 }, (_, i) => ({
      processId: p,
      periodStart: minute(10 + i),
      periodEnd: minute(11 + i),
      goodUnits: 1,
      rejectedUnits: 0,
    }));
    for (let i = 0; i < samples.length; i += 500) {
      expect(
        dataOf(await t.gql(BATCH, { input: { samples: samples.slice(i, i + 500) } }, Role.OPERATOR)).recordThroughputBatch.__typename,
      ).toBe('ThroughputBatch');
    }
    const late = collect(client, SUBSCRIBE_SMALL, { operationId: op, after: cursor });
    await late.until(() => false, 5000).catch(() => undefined);
    const errors = (late.results[0]?.errors ?? (late.error as any[])) as any[];
    expect(errors?.[0]?.extensions?.code).toBe('RESYNC_REQUIRED');
  });

  it('refuses a cursor of another stream and a subscription without a token', async () => {
    const a = await line('Live A');
    const b = await line('Live B');
    const { client } = await connect();
    const s = collect(client, SUBSCRIBE_SMALL, { operationId: a.op });
    await new Promise((r) => setTimeout(r, 150));
    await record(a.ids[0], 0);
    await s.until(() => s.results.length === 1);
    const foreign = collect(client, SUBSCRIBE_SMALL, { operationId: b.op, after: s.results[0].data!.throughputUpdated.cursor });
    await foreign.until(() => foreign.results.length > 0 || foreign.completed, 5000);
    const errors = (foreign.results[0]?.errors ?? (foreign.error as any[])) as any[];
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const anonymous = await connect(null);
    const denied = collect(anonymous.client, SUBSCRIBE_SMALL, { operationId: a.op });
    await denied.until(() => denied.results.length > 0 || denied.completed, 5000);
    const deniedErrors = (denied.results[0]?.errors ?? (denied.error as any[])) as any[];
    expect(deniedErrors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('closes the socket with 4403 when the token expires and sends nothing after', async () => {
    const {
      ids: [p],
    } = await line('Live expiry');
    const token = await t.token(Role.VIEWER, { expiresIn: Math.floor(Date.now() / 1000) + 2, sub: 'short-lived' });
    const { client, closes } = wsClient(t.wsUrl, token);
    leftovers.push(() => client.dispose());
    const sub = collect(client, SUBSCRIBE_SMALL, { processId: p });
    await new Promise((r) => setTimeout(r, 150));
    await record(p, 0);
    await sub.until(() => sub.results.length === 1);
    await new Promise((r) => setTimeout(r, 2500));
    await record(p, 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(sub.results).toHaveLength(1);
    expect(closes.map((c) => c.code)).toContain(4403);
  });
});

const CREATE_OPERATION = `mutation ($input: CreateOperationInput!) { createOperation(input: $input) { ... on Operation { id } } }`;
const CREATE_PROCESS = `mutation ($input: CreateProcessInput!) { createProcess(input: $input) { ... on Process { id } } }`;
const RECORD = `mutation ($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename ... on ThroughputSample { id } ... on ErrorResult { code message } } }`;
const BATCH = `mutation ($input: RecordThroughputBatchInput!) { recordThroughputBatch(input: $input) { __typename } }`;
const SUBSCRIBE = `subscription ($processId: ID, $operationId: ID, $after: String) {
  throughputUpdated(processId: $processId, operationId: $operationId, after: $after) {
    cursor replayed sample { id goodUnits } process { id } stats { goodUnits oee { oee { value } } }
  }
}`;
const SUBSCRIBE_SMALL = `subscription ($processId: ID, $operationId: ID, $after: String) {
  throughputUpdated(processId: $processId, operationId: $operationId, after: $after) { cursor replayed sample { id } }
}`;
