import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import WebSocket from 'ws';
import { dataOf, Role, startTestApp, TEST_DATABASES, type TestApp } from '../harness/app';
import { collect, wsClient } from '../harness/ws';

const minute = (i: number) => new Date(Date.UTC(2026, 2, 2, 0, 0) + i * 60_000).toISOString();

async function line(t: TestApp, name: string) {
  const op = dataOf(await t.gql(`mutation ($n: String!) { createOperation(input: { name: $n }) { ... on Operation { id } } }`, { n: name }))
    .createOperation.id as string;
  const p = dataOf(
    await t.gql(
      `mutation ($op: ID!) { createProcess(input: { operationId: $op, name: "Press", unit: "u", targetRatePerHour: 60, status: RUNNING }) { ... on Process { id } } }`,
      { op },
    ),
  ).createProcess.id as string;
  return { op, p };
}

async function batch(t: TestApp, processId: string, from: number, count: number) {
  const samples = Array.from({ length: count }, (_, i) => ({
    processId,
    periodStart: minute(from + i),
    periodEnd: minute(from + i + 1),
    goodUnits: 1,
    rejectedUnits: 0,
  }));
  expect(
    dataOf(
      await t.gql(
        `mutation ($input: RecordThroughputBatchInput!) { recordThroughputBatch(input: $input) { __typename } }`,
        { input: { samples } },
        Role.OPERATOR,
      ),
    ).recordThroughputBatch.__typename,
  ).toBe('ThroughputBatch');
}

describe.each(TEST_DATABASES)('fan-out limits on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(db, { env: { WS_MAX_BUFFERED_BYTES: '65536', SUBSCRIBER_QUEUE_LIMIT: '150' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('cuts off a subscriber that stops reading with 4008 while another keeps receiving and the server stays up', async () => {
    const { p } = await line(t, 'Slow consumer');
    // A raw graphql-ws client that subscribes to a large payload and then stops reading its socket.
    const slow = new WebSocket(t.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => slow.on('close', (code) => resolve(code)));
    await new Promise((r) => slow.once('open', r));
    slow.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await t.token(Role.VIEWER)}` } }));
    await new Promise((r) => slow.once('message', r));
    slow.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: {
          query: `subscription ($p: ID) { throughputUpdated(processId: $p) { cursor process { samples(first: 100) { edges { node { id periodStart periodEnd goodUnits rejectedUnits downtimeMinutes recordedAt } } } } } }`,
          variables: { p },
        },
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    (slow as unknown as { _socket: net.Socket })._socket.pause();

    const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    const healthy = collect(client, `subscription ($p: ID) { throughputUpdated(processId: $p) { cursor } }`, { p });
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 6; i++) await batch(t, p, 100 * i, 100);
    await healthy.until(() => healthy.results.length >= 600, 60_000);
    expect(new Set(healthy.results.map((r) => r.data!.throughputUpdated.cursor)).size).toBe(600);

    (slow as unknown as { _socket: net.Socket })._socket.resume();
    expect(await closed).toBe(4008);
    expect((await t.fetch('/healthz')).status).toBe(200);
    await client.dispose();
  }, 90_000);
});

/** A private redis-server on a free loopback port, so the test can stop and restart it. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start');
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

// Two instances need a shared server database: this block exists only when TEST_MYSQL_URL is set (CI sets it).
if (process.env.TEST_MYSQL_URL)
  describe('two instances sharing MariaDB and Redis', () => {
    let a: TestApp;
    let b: TestApp;
    let redis: ChildProcess;
    let redisPort: number;
    beforeAll(async () => {
      redisPort = await freePort();
      redis = await startRedis(redisPort);
      // Polling every minute: only Redis can wake the other instance within the test's waits.
      const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}`, EVENT_POLL_MS: '60000' };
      a = await startTestApp('mysql', { env });
      b = await startTestApp('mysql', { env: { ...env, DATABASE_URL: a.config.database.url } });
    });
    afterAll(async () => {
      await b?.stop();
      await a?.stop();
      redis?.kill('SIGKILL');
    });

    it('delivers a mutation on one instance to a subscriber on the other, and loses nothing across a Redis restart', async () => {
      const { p } = await line(a, 'Two instances');
      const { client } = wsClient(b.wsUrl, await b.token(Role.VIEWER));
      const sub = collect(client, `subscription ($p: ID) { throughputUpdated(processId: $p) { cursor sample { id } } }`, { p });
      await new Promise((r) => setTimeout(r, 300));
      await batch(a, p, 0, 3);
      await sub.until(() => sub.results.length >= 3, 10_000);

      redis.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      await batch(a, p, 10, 4); // published while Redis is down: fails fast, the write still succeeds
      redis = await startRedis(redisPort);
      for (let i = 0; i < 100 && (a.app.events.state() !== 'ready' || b.app.events.state() !== 'ready'); i++)
        await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 300));
      await batch(a, p, 20, 1);
      await sub.until(() => sub.results.length >= 8, 15_000);
      const cursors = sub.results.map((r) => r.data!.throughputUpdated.cursor);
      expect(new Set(cursors).size).toBe(8);
      expect(sub.results).toHaveLength(8);
      await client.dispose();
    }, 60_000);
  });
