import net from 'node:net';
import WebSocket from 'ws';
import { Role, startTestApp, type TestApp } from '../harness/app';
import { createLine, minuteSamples, recordSamples } from '../harness/factories';
import { freePort, startRedis } from '../harness/redis';
import { describeApp } from '../harness/suite';
import { sleep } from '../harness/wait';
import { collect, wsClient } from '../harness/ws';

const batch = (t: TestApp, processId: string, from: number, count: number) => recordSamples(t, minuteSamples(processId, from, count));

// A 64 KiB send buffer and 150 unread events (shipped: 4 MiB and 1,000) so a stalled reader is cut
// off within 600 samples on both databases; test/hardening/ws-defaults.test.ts cuts one off at the defaults.
describeApp('fan-out limits on %s', { env: { WS_MAX_BUFFERED_BYTES: '65536', SUBSCRIBER_QUEUE_LIMIT: '150' } }, ({ t }) => {
  it('cuts off a subscriber that stops reading with 4008 while another keeps receiving and the server stays up', async () => {
    const { processId: p } = await createLine(t, 'Slow consumer');
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

// Two instances need a shared server database: this block exists only when TEST_MYSQL_URL is set (CI sets it).
if (process.env.TEST_MYSQL_URL)
  describe('two instances sharing MariaDB and Redis', () => {
    let a: TestApp;
    let b: TestApp;
    let redis: Awaited<ReturnType<typeof startRedis>>;
    let redisPort: number;
    beforeAll(async () => {
      redisPort = await freePort();
      redis = await startRedis(redisPort);
      // Polling every minute: only Redis can wake the other instance within the test's waits.
      const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}`, EVENT_POLL_MS: '60000' };
      a = await startTestApp({ db: 'mysql', env });
      b = await startTestApp({ db: 'mysql', env, databaseUrl: a.databaseUrl });
    });
    afterAll(async () => {
      await b?.stop();
      await a?.stop();
      await redis?.stop();
    });

    it('delivers a mutation on one instance to a subscriber on the other, and loses nothing across a Redis restart', async () => {
      const { processId: p } = await createLine(a, 'Two instances');
      const { client } = wsClient(b.wsUrl, await b.token(Role.VIEWER));
      const sub = collect(client, `subscription ($p: ID) { throughputUpdated(processId: $p) { cursor sample { id } } }`, { p });
      await new Promise((r) => setTimeout(r, 300));
      await batch(a, p, 0, 3);
      await sub.until(() => sub.results.length >= 3, 10_000);

      await redis.stop();
      await sleep(300);
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
