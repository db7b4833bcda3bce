import WebSocket from 'ws';
import { dataOf, Role, startTestApp, TEST_DATABASES, type TestApp } from '../harness/app';
import { collect, wsClient } from '../harness/ws';
import { fromGlobalId } from '../../src/common/ids';
import { decodeEventCursor } from '../../src/realtime/cursor';
import { streamKeys } from '../../src/realtime/streams';

const minute = (i: number) => new Date(Date.UTC(2026, 4, 4, 0, 0) + i * 60_000).toISOString();

/** A graphql-transport-ws socket spoken by hand, to see the exact bytes the server writes. */
async function rawSocket(t: TestApp, token: string) {
  const socket = new WebSocket(t.wsUrl, 'graphql-transport-ws');
  const texts: string[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    texts.push(data.toString());
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  const raw = {
    texts,
    messages: () => texts.map((text) => JSON.parse(text)),
    subscribe(id: string, query: string, variables: Record<string, unknown>) {
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    },
    complete(id: string) {
      socket.send(JSON.stringify({ id, type: 'complete' }));
    },
    async until(predicate: () => boolean, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out with ${texts.length} messages: ${texts.slice(-3).join(' | ')}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => socket.terminate(),
  };
  await raw.until(() => texts.some((text) => text.includes('connection_ack')));
  return raw;
}

/** The sequence number of a throughputUpdated cursor (streams are per operation). */
const seqOf = (cursor: string, operationId: string) => decodeEventCursor(cursor, streamKeys.operation(fromGlobalId(operationId)!.rowId));

describe.each(TEST_DATABASES)('direct fan-out of live results on %s', (db) => {
  let t: TestApp;
  const leftovers: (() => unknown)[] = [];
  beforeAll(async () => {
    t = await startTestApp(db);
  });
  afterEach(async () => {
    for (const f of leftovers.splice(0)) await f();
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** The operation of each process `line` made (its events' stream). */
  const operationOf = new Map<string, string>();

  async function line(name: string) {
    const op = dataOf(await t.gql(CREATE_OPERATION, { input: { name } })).createOperation.id as string;
    const p = dataOf(
      await t.gql(CREATE_PROCESS, { input: { operationId: op, name: 'Press', unit: 'u', targetRatePerHour: 60, status: 'RUNNING' } }),
    ).createProcess.id as string;
    operationOf.set(p, op);
    return p;
  }

  async function batch(processId: string, from: number, count: number) {
    const samples = Array.from({ length: count }, (_, i) => ({
      processId,
      periodStart: minute(from + i),
      periodEnd: minute(from + i + 1),
      goodUnits: 1,
      rejectedUnits: 0,
    }));
    expect(dataOf(await t.gql(BATCH, { input: { samples } }, Role.OPERATOR)).recordThroughputBatch.__typename).toBe('ThroughputBatch');
  }

  /** Waits until the stream hub has `n` live listeners: the subscriptions are then registered. */
  async function listeners(n: number) {
    const deadline = Date.now() + 10_000;
    while (t.app.services.live.hub.stats().listeners < n) {
      if (Date.now() > deadline) throw new Error(`only ${t.app.services.live.hub.stats().listeners} of ${n} listeners`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function delivered(): Promise<number> {
    const text = await (await t.fetch('/metrics')).text();
    return Number(/^opsgraph_events_delivered_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0);
  }

  it('writes every live result as a byte-exact graphql-ws next message, in stream order, to each subscriber of a shared group', async () => {
    const p = await line('Direct bytes');
    const token = await t.token(Role.VIEWER);
    const sockets = await Promise.all([0, 1, 2].map(() => rawSocket(t, token)));
    leftovers.push(() => sockets.forEach((s) => s.close()));
    sockets.forEach((s, i) => s.subscribe(`op-${i}"\\é`, SUBSCRIBE, { processId: p }));
    await listeners(3);
    await batch(p, 0, 25);
    await batch(p, 25, 25);
    for (const [i, s] of sockets.entries()) {
      await s.until(() => s.texts.filter((text) => text.includes('"next"')).length >= 50);
      const nexts = s.texts.filter((text) => text.includes('"next"'));
      for (const text of nexts) {
        const message = JSON.parse(text);
        expect(message).toMatchObject({ id: `op-${i}"\\é`, type: 'next' });
        // What graphql-ws itself would have written for this message.
        expect(text).toBe(JSON.stringify({ id: message.id, type: 'next', payload: message.payload }));
      }
      const seqs = nexts.map((text) => seqOf(JSON.parse(text).payload.data.throughputUpdated.cursor, operationOf.get(p)!));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(50);
    }
    // The first message of each subscription carries its own cost report (each drew from the bucket in turn); no later one does.
    for (const s of sockets) {
      const nexts = s.messages().filter((m) => m.type === 'next');
      expect(nexts[0].payload.extensions.cost).toMatchObject({ requested: 1 });
      expect(nexts.slice(1).every((m) => m.payload.extensions === undefined)).toBe(true);
    }
    // One group: apart from that report, every socket got the very same payload bytes for an event.
    const payloads = sockets.map((s) =>
      s
        .messages()
        .filter((m) => m.type === 'next')
        .map((m) => JSON.stringify({ ...m.payload, extensions: undefined })),
    );
    expect(payloads[1]).toEqual(payloads[0]);
    expect(payloads[2]).toEqual(payloads[0]);
  });

  it("replays a resuming subscriber's missed events before live ones while its group receives live, with no gap and no duplicate", async () => {
    const p = await line('Direct resume');
    const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    leftovers.push(() => client.dispose());
    const first = collect(client, SUBSCRIBE, { processId: p });
    leftovers.push(() => first.dispose());
    await listeners(1);
    await batch(p, 0, 30);
    await first.until(() => first.results.length >= 30);
    const cursors = first.results.map((r) => r.data!.throughputUpdated.cursor as string);

    const resumed = collect(client, SUBSCRIBE, { processId: p, after: cursors[9] });
    leftovers.push(() => resumed.dispose());
    // Live events keep arriving while the resumed subscription replays from the database.
    const writing = (async () => {
      for (let i = 0; i < 5; i++) await batch(p, 30 + i * 10, 10);
    })();
    await writing;
    await first.until(() => first.results.length >= 80);
    await resumed.until(() => resumed.results.length >= 70);
    const got = resumed.results.map((r) => r.data!.throughputUpdated);
    const all = first.results.map((r) => r.data!.throughputUpdated.cursor);
    expect(got.map((u) => u.cursor)).toEqual(all.slice(10));
    // Where replay hands over to live depends on timing; that it does so once, after the missed events, does not.
    expect(got.slice(0, 20).every((u) => u.replayed)).toBe(true);
    const firstLive = got.findIndex((u) => !u.replayed);
    if (firstLive >= 0) expect(got.slice(firstLive).every((u) => !u.replayed)).toBe(true);
    expect(resumed.error).toBeNull();
  });

  it('hands a result with errors to graphql-ws to be masked like on HTTP, then completes that subscription only', async () => {
    const p = await line('Direct errors');
    const s = await rawSocket(t, await t.token(Role.VIEWER));
    leftovers.push(() => s.close());
    s.subscribe('bad', SUBSCRIBE_FAILING_FIELD, { processId: p });
    s.subscribe('good', SUBSCRIBE, { processId: p });
    await listeners(2);
    await batch(p, 0, 20);
    await s.until(
      () => s.messages().filter((m) => m.id === 'good').length >= 20 && s.messages().some((m) => m.id === 'bad' && m.type === 'complete'),
    );
    const bad = s.messages().filter((m) => m.id === 'bad');
    // The failing field nulls the whole (non-null) result: the stream ends after its error, so the
    // client resumes from its last cursor and nothing is skipped.
    expect(bad.map((m) => m.type)).toEqual(['next', 'complete']);
    expect(bad[0].payload.data).toBeNull();
    expect(bad[0].payload.errors).toHaveLength(1);
    expect(bad[0].payload.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad[0].payload.errors)).not.toMatch(/stack|SELECT/i);
    const good = s.messages().filter((m) => m.id === 'good');
    expect(good.map((m) => m.type)).toEqual(Array(20).fill('next'));
  });

  it('counts every result written directly in opsgraph_events_delivered_total', async () => {
    const p = await line('Direct metrics');
    const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    leftovers.push(() => client.dispose());
    const subs = [0, 1, 2].map(() => collect(client, SUBSCRIBE, { processId: p }));
    leftovers.push(() => subs.forEach((s) => s.dispose()));
    await listeners(3);
    const before = await delivered();
    await batch(p, 0, 7);
    for (const s of subs) await s.until(() => s.results.length >= 7);
    expect((await delivered()) - before).toBe(21);
  });

  it("sends nothing more for a subscription the client completed, while the socket's other subscription goes on", async () => {
    const p = await line('Direct complete');
    const s = await rawSocket(t, await t.token(Role.VIEWER));
    leftovers.push(() => s.close());
    s.subscribe('stays', SUBSCRIBE, { processId: p });
    s.subscribe('leaves', SUBSCRIBE, { processId: p });
    await listeners(2);
    await batch(p, 0, 5);
    await s.until(() => s.messages().filter((m) => m.type === 'next').length >= 10);
    s.complete('leaves');
    while (t.app.services.live.hub.stats().listeners > 1) await new Promise((r) => setTimeout(r, 20));
    await batch(p, 5, 5);
    await s.until(() => s.messages().filter((m) => m.id === 'stays').length >= 10);
    expect(s.messages().filter((m) => m.id === 'leaves')).toHaveLength(5);
    expect(s.messages().filter((m) => m.type === 'complete' || m.type === 'error')).toHaveLength(0);
  });
});

const CREATE_OPERATION = `mutation ($input: CreateOperationInput!) { createOperation(input: $input) { ... on Operation { id } } }`;
const CREATE_PROCESS = `mutation ($input: CreateProcessInput!) { createProcess(input: $input) { ... on Process { id } } }`;
const BATCH = `mutation ($input: RecordThroughputBatchInput!) { recordThroughputBatch(input: $input) { __typename } }`;
const SUBSCRIBE = `subscription ($processId: ID, $after: String) {
  throughputUpdated(processId: $processId, after: $after) { cursor replayed sample { id goodUnits recordedAt } stats { goodUnits sampleCount } }
}`;
/** `samples(from, to)` with `to` before `from` fails with BAD_USER_INPUT on every event. */
const SUBSCRIBE_FAILING_FIELD = `subscription ($processId: ID) {
  throughputUpdated(processId: $processId) { cursor process { samples(from: "2026-05-05T00:00:00.000Z", to: "2026-05-04T00:00:00.000Z", first: 1) { edges { node { id } } } } }
}`;
