import { createConnection } from 'mysql2/promise';
import { Role, startTestApp, TEST_MYSQL_URL } from '../harness/app';
import type { TestApp } from '../harness/app';
import { RECORD_THROUGHPUT } from '../harness/documents';
import { createLine, minuteSample } from '../harness/factories';
import { describeApp } from '../harness/suite';
import { eventually, sleep } from '../harness/wait';
import { collect, rawSocket, wsClient } from '../harness/ws';
import type { QueryCounter } from '../../src/db/query-counter';
import { attackTarget, trendAttack, trendAttackSubscription } from './attack-queries';

/**
 * Issue 13, "a deadline that cancels": an operation past OPERATION_TIMEOUT_MS is answered
 * SERVICE_UNAVAILABLE naming the deadline, and its work stops: no more SQL, the event loop free for
 * /healthz. Before, the deadline could not fire while trend points were built (the event loop was
 * blocked), the 503 came late, and the work ran on to the end; WebSocket operations had no deadline.
 *
 * Settings that differ from the shipped ones, and why:
 * - OPERATION_TIMEOUT_MS=1000: the attack passes its deadline after one second instead of ten.
 * - RATE_LIMIT=off, QUERY_MAX_COMPLEXITY and SUBSCRIPTION_MAX_EVENT_COMPLEXITY at 10^9: the issue's
 *   attack query must be admitted whatever the cost guard makes of it: this suite is about what
 *   happens to work that runs too long, not about refusing it.
 */
const ADMIT_THE_ATTACK = {
  RATE_LIMIT: 'off',
  QUERY_MAX_COMPLEXITY: '1000000000',
  QUERY_MAX_NODES: '1000000000',
  SUBSCRIPTION_MAX_EVENT_COMPLEXITY: '1000000000',
};

/** The statements of the attack: only a trend groups samples by hour with this expression. */
const TREND_STATEMENT = /strftime\('%Y-%m-%dT%H:00:00Z'|DATE_FORMAT\([^)]*'%Y-%m-%dT%H:00:00Z'\)/;

function counterOf(t: TestApp): QueryCounter {
  return t.app.dataSource.logger as unknown as QueryCounter;
}

/** Counts the trend statements the app issues from now on. */
function watchTrendStatements(t: TestApp) {
  let count = 0;
  const stop = counterOf(t).watch((sql) => {
    if (TREND_STATEMENT.test(sql)) count++;
  });
  return {
    get count() {
      return count;
    },
    stop,
  };
}

/**
 * Asks /healthz over and over until stopped; each probe must answer 200 within 2 s (a liveness
 * bound: a blocked event loop fails it). Returns every probe's latency.
 */
function probeHealth(t: TestApp) {
  const latencies: number[] = [];
  const failures: string[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${t.url}/healthz`, { signal: AbortSignal.timeout(2000) });
        await res.text();
        if (res.status !== 200) failures.push(`status ${res.status}`);
      } catch (error) {
        failures.push(`no answer within 2 s (${(error as Error).name})`);
      }
      latencies.push(performance.now() - started);
      await sleep(50);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { latencies, failures };
    },
  };
}

describeApp('deadline on %s', { env: { OPERATION_TIMEOUT_MS: '1000', ...ADMIT_THE_ATTACK } }, ({ t, leftovers }) => {
  let operationId: string;
  let targetProcess: string;
  let viewer: string;

  beforeAll(async () => {
    ({
      operationId,
      processIds: [targetProcess],
    } = await attackTarget(t));
    viewer = await t.token(Role.VIEWER, { sub: 'attacker' });
  });

  it('answers HTTP 503 SERVICE_UNAVAILABLE naming the deadline, keeps /healthz answering, and issues no SQL after it', async () => {
    const statements = watchTrendStatements(t);
    leftovers.push(statements.stop);
    const probes = probeHealth(t);
    const res = await t.post({ query: trendAttack(), variables: { id: operationId } }, { token: viewer });
    const atDeadline = statements.count;
    // Nothing of the request keeps running: no statement of it after the answer, and /healthz answers meanwhile.
    await sleep(1500);
    const health = await probes.stop();
    expect(res.status).toBe(503);
    expect(res.json.errors).toHaveLength(1);
    expect(res.json.errors[0].message).toBe('The operation exceeded its deadline of 1000 ms');
    expect(res.json.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', deadlineMs: 1000 });
    expect(statements.count).toBe(atDeadline);
    expect(health.failures).toEqual([]);
    expect(health.latencies.length).toBeGreaterThan(5);
  });

  it('over WebSocket answers the query with SERVICE_UNAVAILABLE naming the deadline; the socket and its other operations go on', async () => {
    const s = rawSocket(t.wsUrl);
    leftovers.push(() => s.close());
    await s.init(viewer);
    s.send({ id: 'attack', type: 'subscribe', payload: { query: trendAttack(), variables: { id: operationId } } });
    s.send({ id: 'light', type: 'subscribe', payload: { query: '{ kpiDefinitions { key } }' } });
    const light = await s.waitFor((m) => m.id === 'light' && m.type === 'next');
    expect(light.payload.data.kpiDefinitions.length).toBeGreaterThan(0);
    const attack = await s.waitFor((m) => m.id === 'attack' && (m.type === 'next' || m.type === 'error'), 5000);
    expect(attack.type).toBe('next');
    expect(attack.payload.errors).toEqual([
      expect.objectContaining({
        message: 'The operation exceeded its deadline of 1000 ms',
        extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', deadlineMs: 1000 }),
      }),
    ]);
    // The same socket still answers.
    s.send({ id: 'after', type: 'subscribe', payload: { query: '{ kpiDefinitions { key } }' } });
    const after = await s.waitFor((m) => m.id === 'after' && m.type === 'next');
    expect(after.payload.errors).toBeUndefined();
    expect(s.ws.readyState).toBe(s.ws.OPEN);
  });

  it("gives each subscription event its own deadline: the heavy subscriber gets an error for the event and stays subscribed; a bystander's events keep coming", async () => {
    const { processId } = await createLine(t, 'Bystander line');
    const bystanderClient = wsClient(t.wsUrl, await t.token(Role.VIEWER, { sub: 'bystander' })).client;
    leftovers.push(() => bystanderClient.dispose());
    const bystander = collect(bystanderClient, `subscription ($p: ID) { throughputUpdated(processId: $p) { cursor } }`, { p: processId });
    const heavyClient = wsClient(t.wsUrl, viewer).client;
    leftovers.push(() => heavyClient.dispose());
    const heavy = collect(heavyClient, trendAttackSubscription(10), { operationId });
    await sleep(300);
    const writer = await t.token(Role.OPERATOR, { sub: 'writer' });
    const probes = probeHealth(t);
    await t.gql(RECORD_THROUGHPUT, { input: minuteSample(targetProcess, 1) }, { token: writer });
    await t.gql(RECORD_THROUGHPUT, { input: minuteSample(processId, 1) }, { token: writer });
    await heavy.until(() => heavy.results.length >= 1, 10_000);
    await bystander.until(() => bystander.results.length >= 1, 10_000);
    await t.gql(RECORD_THROUGHPUT, { input: minuteSample(targetProcess, 2) }, { token: writer });
    await t.gql(RECORD_THROUGHPUT, { input: minuteSample(processId, 2) }, { token: writer });
    await heavy.until(() => heavy.results.length >= 2, 10_000);
    await bystander.until(() => bystander.results.length >= 2, 10_000);
    const health = await probes.stop();
    expect(heavy.error).toBeNull();
    expect(heavy.completed).toBe(false);
    for (const result of heavy.results.slice(0, 2)) {
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: 'The operation exceeded its deadline of 1000 ms',
          extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', deadlineMs: 1000 }),
        }),
      ]);
    }
    expect(bystander.error).toBeNull();
    expect(bystander.results.slice(0, 2).every((r) => !r.errors)).toBe(true);
    expect(health.failures).toEqual([]);
  });
});

describeApp('cancellation when the client goes away on %s', { logs: true, env: ADMIT_THE_ATTACK }, ({ t }) => {
  it('stops the work of an HTTP request whose client closed the connection, long before its 10 s deadline', async () => {
    const { operationId } = await attackTarget(t);
    const viewer = await t.token(Role.VIEWER, { sub: 'leaver' });
    const requestId = 'client-goes-away';
    const client = new AbortController();
    const request = fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: trendAttack(), variables: { id: operationId } }),
      signal: client.signal,
    }).catch((error: Error) => error.name);
    await sleep(500);
    const probes = probeHealth(t);
    client.abort();
    expect(await request).toBe('AbortError');
    // The request is over (its log line written) once its work has stopped: within 3 s, not at its 10 s deadline or later.
    await eventually(
      () => t.logs.some((line) => line.includes(requestId) && line.includes('graphql request')),
      3000,
      'the abandoned request to finish',
    );
    const health = await probes.stop();
    expect(health.failures).toEqual([]);
  });
});

/**
 * MariaDB stops a statement the operation's deadline left behind: every session is bounded with
 * `max_statement_time` at OPERATION_TIMEOUT_MS + 1 s, and a statement stopped by it is reported as
 * SERVICE_UNAVAILABLE (logged as a warning), not INTERNAL_SERVER_ERROR. Before, a statement stuck on
 * a lock waited for as long as the lock was held (50 s of innodb_lock_wait_timeout, or forever on a
 * table lock), holding its pooled connection. OPERATION_TIMEOUT_MS=300 (as in the fault tests), so
 * the bound is 1.3 s.
 */
describe('statement time bound on MariaDB', () => {
  // The shipped deadline (10 s, bound 11 s) as users run it, and 300 ms (bound 1.3 s) as in the fault tests.
  it.each([
    { settings: 'the shipped OPERATION_TIMEOUT_MS', env: {} as Record<string, string>, deadlineMs: 10_000 },
    { settings: 'OPERATION_TIMEOUT_MS=300', env: { OPERATION_TIMEOUT_MS: '300' }, deadlineMs: 300 },
  ])(
    'bounds each session with max_statement_time and reports a statement stopped by it as SERVICE_UNAVAILABLE ($settings)',
    async ({ env, deadlineMs }) => {
      const t = await startTestApp({ db: 'mysql', logs: true, env });
      const target = new URL(TEST_MYSQL_URL.replace(/^mariadb:/, 'mysql:'));
      const locker = await createConnection({ host: target.hostname, port: Number(target.port || 3306), user: 'root' });
      try {
        const [{ bound }] = await t.app.dataSource.query('SELECT @@SESSION.max_statement_time AS bound');
        expect(Number(bound)).toBeCloseTo((deadlineMs + 1000) / 1000, 3);
        await createLine(t, 'Locked line');
        const name = new URL(t.databaseUrl.replace(/^mariadb:/, 'mysql:')).pathname.slice(1);
        await locker.query(`LOCK TABLES \`${name}\`.operation WRITE`);
        const stuck = await t.post({ query: '{ operations(first: 5) { totalCount } }' });
        expect(stuck.status).toBe(503);
        expect(stuck.json.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', deadlineMs });
        // The statement still waiting on the lock is stopped by the server and reported, not masked as an internal error.
        await eventually(
          () => t.logs.some((line) => line.includes('statement stopped at its time bound')),
          deadlineMs + 5000,
          'the statement to be stopped',
        );
        expect(t.logs.filter((line) => line.includes('"level":50'))).toEqual([]);
        await locker.query('UNLOCK TABLES');
        expect((await t.gql('{ operations(first: 5) { totalCount } }')).data.operations.totalCount).toBe(1);
      } finally {
        await locker.query('UNLOCK TABLES').catch(() => undefined);
        await locker.end();
        await t.stop();
      }
    },
    60_000,
  );
});
