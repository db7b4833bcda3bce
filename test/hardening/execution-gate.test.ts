import { loadConfig } from '../../src/config';
import type { QueryCounter } from '../../src/db/query-counter';
import { Role, type TestApp } from '../harness/app';
import { RECORD_THROUGHPUT } from '../harness/documents';
import { createLine, minuteSample } from '../harness/factories';
import { holdNextWrite } from '../harness/hold';
import { describeApp, type Leftovers } from '../harness/suite';
import { eventually, sleep } from '../harness/wait';
import { wsClient, wsOnce } from '../harness/ws';

/**
 * Issue 16: queries and mutations execute a few at a time (GRAPHQL_MAX_CONCURRENT_OPERATIONS,
 * default 2 on SQLite, 4 on MySQL/MariaDB); the rest wait their turn in arrival order, over
 * HTTP and over WebSocket alike (graphql-ws does not go through Apollo's plugins), and the wait counts
 * against the operation's deadline. Before, twenty concurrent dashboards all progressed at once:
 * each answered late (bench #2: p99 ≈ 4 × p50) and all their half-built results were alive together.
 *
 * Here a mutation is held inside its transaction (a test-only fault point) while it holds the
 * gate's place; queries sent meanwhile must wait, and once they run they see the mutation's commit.
 * Mutations take a place without waiting for one (they take turns at the writer instead).
 * GRAPHQL_MAX_CONCURRENT_OPERATIONS=1: with one place the held mutation is the only operation
 * executing, on both engines alike (with SQLite's shipped 2 the test would need two held writes,
 * with MySQL/MariaDB's 4 four).
 */
const ONE_PLACE = { GRAPHQL_MAX_CONCURRENT_OPERATIONS: '1' };

/** The shipped settings, as users run them: 2 places on SQLite, 4 on MySQL/MariaDB, a 10 s deadline. */
describeApp('execution gate with the shipped settings on %s', ({ t, db, leftovers }) => {
  it('ships 2 places on SQLite and 4 on MySQL/MariaDB unless set', async () => {
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' }).execution.maxConcurrentOperations).toBe(2);
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'mariadb://root@127.0.0.1:3306/test' }).execution.maxConcurrentOperations).toBe(4);
    expect(t.config.execution.maxConcurrentOperations).toBe(db === 'sqlite' ? 2 : 4);
    // Waiting: no bound but the deadline on SQLite; DATABASE_QUEUE_LIMIT (1000) on MySQL/MariaDB.
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' }).execution.maxWaitingOperations).toBe(0);
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'mariadb://root@127.0.0.1:3306/test' }).execution.maxWaitingOperations).toBe(1000);
    expect(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'mariadb://root@127.0.0.1:3306/test', DATABASE_QUEUE_LIMIT: '7' }).execution
        .maxWaitingOperations,
    ).toBe(7);
  });

  it('SQLite: a query waits while two writes hold both places (one held, one queued for the writer) and then sees both; MariaDB: it takes a third place at once', async () => {
    const { processId } = await createLine(t);
    const { held, first, second } = await twoWrites(t, leftovers, processId);
    const query = settled(t.gql(SAMPLES, { id: processId }, Role.VIEWER));
    if (db === 'sqlite') {
      await eventually(async () => (await gateLoad(t.url)).waiting === 1, 10_000, 'the query waiting');
      expect(await gateLoad(t.url)).toEqual({ executing: 2, waiting: 1 });
      await sleep(200);
      expect(query.done).toBe(false);
    } else {
      // Four places: the query takes one beside the two writes' and answers while the write is
      // held, reading committed rows only.
      const during = await query.promise;
      expect(during.data.node.samples.totalCount).toBe(0);
      expect(await gateLoad(t.url)).toEqual({ executing: 2, waiting: 0 });
    }
    held.release();
    for (const written of [await first, await second]) expect(written.data.recordThroughput.__typename).toBe('ThroughputSample');
    if (db === 'sqlite') expect((await query.promise).data.node.samples.totalCount).toBe(2);
    await eventually(async () => (await gateLoad(t.url)).executing === 0, 5_000, 'the gate empty');
  });
});

/**
 * SQLite's shipped 2 places and one writer: keyed single calls that arrive while a write runs are
 * all let in (mutations do not wait for a place) and written together in the writer's next
 * transaction (group commit). Before, the gate let one more in at a time, and each transaction held
 * one call. MySQL/MariaDB run up to 4 write transactions at once, so how calls group there depends
 * on timing; this is SQLite only.
 */
describeApp('group commit behind the shipped gate on %s', { databases: ['sqlite'] }, ({ t, leftovers }) => {
  it('writes six calls that arrive during a held write in one transaction after it, each answered with its own sample', async () => {
    const { processIds } = await createLine(t, undefined, 7);
    const inserts: string[] = [];
    const stop = (t.app.dataSource.logger as QueryCounter).watch((sql) => {
      if (sql.startsWith('INSERT INTO throughput_sample')) inserts.push(sql);
    });
    leftovers.push(stop);
    const held = holdNextWrite(leftovers);
    const first = t.gql(RECORD_THROUGHPUT, { input: minuteSample(processIds[0], 0, 'held') }, Role.OPERATOR);
    await held.reached;
    const calls = processIds.slice(1).map((id, i) => t.gql(RECORD_THROUGHPUT, { input: minuteSample(id, 0, `call-${i}`) }, Role.OPERATOR));
    await eventually(async () => (await gateLoad(t.url)).executing === 7, 10_000, 'all seven executing past the 2 places');
    // They reach the writer's queue right after they start executing (validation, then the queue).
    await sleep(200);
    held.release();
    const answers = await Promise.all([first, ...calls]);
    const ids = answers.map((a) => {
      expect(a.errors).toBeUndefined();
      expect(a.data.recordThroughput.__typename).toBe('ThroughputSample');
      return a.data.recordThroughput.id as string;
    });
    expect(new Set(ids).size).toBe(7);
    expect(inserts).toHaveLength(2);
  });
});

/** The shipped 10 s deadline while waiting for one of SQLite's 2 places. */
describeApp('execution gate at the shipped deadline on %s', { databases: ['sqlite'] }, ({ t, leftovers }) => {
  it('a query still waiting at the shipped 10 s deadline is answered 503 naming it over HTTP, and an error over WebSocket, and never runs', async () => {
    const { processId } = await createLine(t);
    const { held, first, second } = await twoWrites(t, leftovers, processId);
    await eventually(async () => (await gateLoad(t.url)).executing === 2, 5_000, 'both places taken');
    const executions = () => t.app.executor.stats.compiledExecutions + t.app.executor.stats.graphqlJsExecutions;
    const executedBefore = executions();
    // Over HTTP and WebSocket at once: both wait out the same 10 s.
    const ws = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    leftovers.push(() => ws.client.dispose());
    const [res, overWs] = await Promise.all([
      t.post({ query: SAMPLES, variables: { id: processId } }, { token: await t.token(Role.VIEWER) }),
      wsOnce<any>(ws.client, SAMPLES, { id: processId }),
    ]);
    expect(res.status).toBe(503);
    expect(res.json.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', deadlineMs: 10_000 });
    expect(overWs.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', deadlineMs: 10_000 }));
    expect(await gateLoad(t.url)).toEqual({ executing: 2, waiting: 0 });
    held.release();
    // The writes passed their own deadline too (their clients got 503), but run to their commit.
    await Promise.all([first, second]);
    await eventually(async () => (await gateLoad(t.url)).executing === 0, 5_000, 'the gate empty');
    // The refused query was never executed.
    expect(executions()).toBe(executedBefore);
    expect((await t.gql(SAMPLES, { id: processId }, Role.VIEWER)).data.node.samples.totalCount).toBe(2);
  }, 30_000);
});

/** A client that leaves while its query waits for one of SQLite's 2 shipped places. */
describeApp('execution gate when the client goes away on %s', { databases: ['sqlite'], logs: true }, ({ t, leftovers }) => {
  it('takes a query whose client closed the connection while it waited out of the queue, and logs nothing as an error', async () => {
    const { processId } = await createLine(t);
    const { held, first, second } = await twoWrites(t, leftovers, processId);
    await eventually(async () => (await gateLoad(t.url)).executing === 2, 5_000, 'both places taken');
    // Apollo writes what it takes for an unexpected error to console.error, outside the app's log.
    const consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    leftovers.push(() => consoleErrors.mockRestore());
    const requestId = 'left-while-waiting';
    const client = new AbortController();
    const request = fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.token(Role.VIEWER)}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: SAMPLES, variables: { id: processId } }),
      signal: client.signal,
    }).catch((error: Error) => error.name);
    await eventually(async () => (await gateLoad(t.url)).waiting === 1, 5_000, 'the query waiting');
    client.abort();
    expect(await request).toBe('AbortError');
    await eventually(async () => (await gateLoad(t.url)).waiting === 0, 5_000, 'the query out of the queue');
    await eventually(() => t.logs.some((line) => line.includes(requestId) && line.includes('graphql request')), 5_000, 'its log line');
    held.release();
    await Promise.all([first, second]);
    expect(t.logs.filter((line) => line.includes('"level":50'))).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
  });
});

describeApp('execution gate on %s', { env: ONE_PLACE }, ({ t, leftovers }) => {
  it('makes HTTP and WebSocket queries wait while the place is held, lets a mutation in at once, then runs the queries after both committed', async () => {
    const { processId } = await createLine(t);
    const held = holdNextWrite(leftovers);
    const write = t.gql(RECORD_THROUGHPUT, { input: minuteSample(processId, 0) }, Role.OPERATOR);
    await held.reached;

    const overHttp = settled(t.gql(SAMPLES, { id: processId }));
    const ws = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    leftovers.push(() => ws.client.dispose());
    const overWs = settled(wsOnce<any>(ws.client, SAMPLES, { id: processId }));
    await eventually(async () => (await gateLoad(t.url)).waiting === 2, 10_000, 'both queries waiting');
    expect(await gateLoad(t.url)).toEqual({ executing: 1, waiting: 2 });
    await sleep(200);
    expect(overHttp.done || overWs.done).toBe(false);

    // A mutation does not wait for a place (it takes turns at the writer instead): over WebSocket it
    // executes at once, past the one place, and waits behind the held write for the database.
    const operator = wsClient(t.wsUrl, await t.token(Role.OPERATOR));
    leftovers.push(() => operator.client.dispose());
    const second = wsOnce<any>(operator.client, RECORD_THROUGHPUT, { input: minuteSample(processId, 1) });
    await eventually(async () => (await gateLoad(t.url)).executing === 2, 10_000, 'the second mutation executing');
    expect(await gateLoad(t.url)).toEqual({ executing: 2, waiting: 2 });

    held.release();
    for (const written of [await write, await second]) {
      expect(written.errors).toBeUndefined();
      expect(written.data.recordThroughput.__typename).toBe('ThroughputSample');
    }
    // Each ran after both mutations left their places, so each sees both samples.
    for (const answer of [await overHttp.promise, await overWs.promise]) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data.node.samples.totalCount).toBe(2);
    }
    await eventually(async () => (await gateLoad(t.url)).executing === 0, 5_000, 'the gate empty');
    expect(await gateLoad(t.url)).toEqual({ executing: 0, waiting: 0 });
  });
});

/**
 * GRAPHQL_MAX_WAITING_OPERATIONS=1 with one place: a single held write fills the place and one
 * query the queue, so the next query finds it full (the shipped bound on MySQL/MariaDB is
 * DATABASE_QUEUE_LIMIT, 1000, and none on SQLite; the refusal is the same on both engines).
 */
describeApp(
  'execution gate with a full queue on %s',
  { env: { ...ONE_PLACE, GRAPHQL_MAX_WAITING_OPERATIONS: '1' } },
  ({ t, leftovers }) => {
    it('refuses a query at once with 503 SERVICE_UNAVAILABLE and Retry-After over HTTP, and an error over WebSocket, never running it; /readyz says not ready meanwhile', async () => {
      const { processId } = await createLine(t);
      const held = holdNextWrite(leftovers);
      const write = t.gql(RECORD_THROUGHPUT, { input: minuteSample(processId, 0) }, Role.OPERATOR);
      await held.reached;
      const waiting = settled(t.gql(SAMPLES, { id: processId }, Role.VIEWER));
      await eventually(async () => (await gateLoad(t.url)).waiting === 1, 10_000, 'one query waiting');
      const executions = () => t.app.executor.stats.compiledExecutions + t.app.executor.stats.graphqlJsExecutions;
      const executedBefore = executions();

      const started = Date.now();
      const res = await t.post({ query: SAMPLES, variables: { id: processId } }, { token: await t.token(Role.VIEWER) });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.json.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', waiting: 1, retryAfterSeconds: 1 });
      const ws = wsClient(t.wsUrl, await t.token(Role.VIEWER));
      leftovers.push(() => ws.client.dispose());
      const overWs = await wsOnce<any>(ws.client, SAMPLES, { id: processId });
      expect(overWs.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', waiting: 1 }));
      // At once, not at a deadline, and neither ran.
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(executions()).toBe(executedBefore);
      expect(await gateLoad(t.url)).toEqual({ executing: 1, waiting: 1 });
      // While the queue is full the instance is not ready, so a load balancer sends its traffic elsewhere.
      const busy = await fetch(`${t.url}/readyz`);
      expect(busy.status).toBe(503);
      expect(await busy.json()).toMatchObject({ status: 'not ready', database: 'up', queue: 'full' });

      held.release();
      expect((await write).data.recordThroughput.__typename).toBe('ThroughputSample');
      const answer = await waiting.promise;
      expect(answer.errors).toBeUndefined();
      expect(answer.data.node.samples.totalCount).toBe(1);
      await eventually(async () => (await gateLoad(t.url)).executing === 0, 5_000, 'the gate empty');
      const ready = await fetch(`${t.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', queue: 'ok' });
      // The socket is fine: its next query runs.
      expect((await wsOnce<any>(ws.client, SAMPLES, { id: processId })).data.node.samples.totalCount).toBe(1);
    });
  },
);

/**
 * OPERATION_TIMEOUT_MS=1000: the waiting query passes its deadline after one second instead of ten,
 * so this test can also check, within its time, that no place is lost and the next queries run at
 * once on both transports. The shipped 10 s deadline on the same path (HTTP and WebSocket, SQLite's
 * shipped 2 places) is the "execution gate at the shipped deadline" test above.
 */
describeApp('execution gate with a deadline on %s', { env: { ...ONE_PLACE, OPERATION_TIMEOUT_MS: '1000' } }, ({ t, leftovers }) => {
  it('answers a query whose deadline passes while it waits with 503 SERVICE_UNAVAILABLE, over HTTP and WebSocket, and loses no place', async () => {
    const { processId } = await createLine(t);
    const held = holdNextWrite(leftovers);
    const write = t.gql(RECORD_THROUGHPUT, { input: minuteSample(processId, 0) }, Role.OPERATOR);
    await held.reached;

    const started = Date.now();
    const res = await t.post({ query: SAMPLES, variables: { id: processId } }, { token: await t.token(Role.VIEWER) });
    expect(res.status).toBe(503);
    expect(res.json.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', deadlineMs: 1000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const ws = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    leftovers.push(() => ws.client.dispose());
    const overWs = await wsOnce<any>(ws.client, SAMPLES, { id: processId });
    expect(overWs.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', deadlineMs: 1000 }));
    // Both left the queue; the mutation still holds the one place.
    expect(await gateLoad(t.url)).toEqual({ executing: 1, waiting: 0 });

    held.release();
    await write;
    await eventually(async () => (await gateLoad(t.url)).executing === 0, 5_000, 'the gate empty');
    // The place came back: the next query runs at once, over both transports.
    const after = await t.gql(SAMPLES, { id: processId }, Role.VIEWER);
    expect(after.errors).toBeUndefined();
    expect(after.data.node.samples.totalCount).toBe(1);
    const wsAfter = await wsOnce<any>(ws.client, SAMPLES, { id: processId });
    expect(wsAfter.errors).toBeUndefined();
    expect(wsAfter.data.node.samples.totalCount).toBe(1);
    // The lazy client closes with 1000 once it has nothing running; never with an error code.
    expect(ws.closes.filter((c) => c.code !== 1000)).toEqual([]);
  });
});

/** Two writes of one process holding SQLite's two places: the first held inside its transaction, the second queued behind it at the writer. */
async function twoWrites(t: TestApp, leftovers: Leftovers, processId: string) {
  const held = holdNextWrite(leftovers);
  const first = t.gql(RECORD_THROUGHPUT, { input: minuteSample(processId, 0) }, Role.OPERATOR);
  await held.reached;
  const second = t.gql(RECORD_THROUGHPUT, { input: minuteSample(processId, 1) }, Role.OPERATOR);
  return { held, first, second };
}

/** A promise with a flag that says whether it has settled. */
function settled<T>(promise: Promise<T>) {
  const box = { promise, done: false };
  promise.then(
    () => (box.done = true),
    () => (box.done = true),
  );
  return box;
}

/** The gate's gauges as /metrics shows them. */
async function gateLoad(url: string): Promise<{ executing: number; waiting: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (state: string) =>
    Number(new RegExp(`^opsgraph_graphql_operations\\{state="${state}"[^}]*\\} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  return { executing: read('executing'), waiting: read('waiting') };
}

const SAMPLES = /* GraphQL */ `
  query Samples($id: ID!) {
    node(id: $id) {
      ... on Process {
        samples(first: 50) {
          totalCount
        }
      }
    }
  }
`;
