import WebSocket from 'ws';
import { createConnection } from 'mysql2/promise';
import { Role, startTestApp, type TestApp } from '../harness/app';
import { operationEventSeq } from '../harness/cursors';
import { RECORD_THROUGHPUT, THROUGHPUT_UPDATED } from '../harness/documents';
import { createLine, minuteSample } from '../harness/factories';
import { eventually, sleep } from '../harness/wait';

/**
 * Bounded loopback load: concurrent writers with idempotency keys and retries, and many subscribers,
 * for a fixed time. Afterwards the rows in the database equal the acknowledged writes, and every
 * subscriber saw every committed cursor of its stream exactly once, in order.
 *
 * Size: LOAD_SECONDS, LOAD_WRITERS, LOAD_SUBSCRIBERS, LOAD_STREAMS (and LOAD_DB=mysql for MariaDB).
 * `npm run test:hardening` defaults to the 60 s / 200 writers / 1,000 subscribers; any
 * other run (`npm test`, plain `jest`) defaults to a short 10 s / 50 / 200 so the suite stays quick.
 */
const full = process.env.npm_lifecycle_event === 'test:hardening';
const SECONDS = Number(process.env.LOAD_SECONDS ?? (full ? 60 : 10));
const WRITERS = Number(process.env.LOAD_WRITERS ?? (full ? 200 : 50));
const SUBSCRIBERS = Number(process.env.LOAD_SUBSCRIBERS ?? (full ? 1000 : 200));
const STREAMS = Number(process.env.LOAD_STREAMS ?? 20);
const PER_SOCKET = 10;

describe(`load: ${WRITERS} writers, ${SUBSCRIBERS} subscribers, ${SECONDS} s`, () => {
  let t: TestApp;
  const sockets: WebSocket[] = [];
  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    await t?.stop();
  });

  it(
    'loses no acknowledged write, duplicates none, and delivers every committed cursor to every subscriber once',
    async () => {
      t = await startTestApp({
        db: process.env.LOAD_DB === 'mysql' ? 'mysql' : 'sqlite',
        logs: true,
        env: {
          WS_MAX_CONNECTIONS_PER_IP: '100000',
          // Every writer is a client on 127.0.0.1 with its own keep-alive connection: 200 of them at the size.
          HTTP_MAX_CONNECTIONS_PER_IP: '100000',
          WS_MAX_CONNECTIONS_PER_PRINCIPAL: '100000',
          WS_MAX_SUBSCRIPTIONS_PER_SOCKET: String(PER_SOCKET),
          SUBSCRIBER_QUEUE_LIMIT: '100000',
          DATABASE_POOL_SIZE: '20',
          DATABASE_QUEUE_LIMIT: '1000',
          LOG_LEVEL: 'warn',
        },
      });
      const lines: { operationId: string; processId: string }[] = [];
      for (let i = 0; i < STREAMS; i++) lines.push(await createLine(t, `Load ${i}`));
      const viewer = await t.token(Role.VIEWER, { sub: 'load-viewer' });

      // Subscribers: raw graphql-transport-ws sockets, PER_SOCKET subscriptions each, subscriber j on stream j % STREAMS.
      const received: { stream: number; seqs: number[]; samples: string[]; errors: number }[] = [];
      for (let s = 0; s * PER_SOCKET < SUBSCRIBERS; s++) {
        const ws = new WebSocket(t.wsUrl, 'graphql-transport-ws');
        sockets.push(ws);
        const mine: number[] = [];
        await new Promise((r) => ws.once('open', r));
        ws.on('message', (data) => {
          const m = JSON.parse(String(data));
          if (m.type === 'connection_ack') {
            for (const j of mine)
              ws.send(
                JSON.stringify({
                  id: String(j),
                  type: 'subscribe',
                  payload: { query: THROUGHPUT_UPDATED, variables: { operationId: lines[received[j].stream].operationId } },
                }),
              );
          } else if (m.type === 'next') {
            const r = received[Number(m.id)];
            if (m.payload.errors) r.errors++;
            else {
              r.seqs.push(operationEventSeq(m.payload.data.throughputUpdated.cursor, lines[r.stream].operationId));
              r.samples.push(m.payload.data.throughputUpdated.sample.id);
            }
          } else if (m.type === 'error') received[Number(m.id)].errors++;
        });
        for (let k = 0; k < PER_SOCKET && s * PER_SOCKET + k < SUBSCRIBERS; k++) {
          const j = s * PER_SOCKET + k;
          received[j] = { stream: j % STREAMS, seqs: [], samples: [], errors: 0 };
          mine.push(j);
        }
        ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${viewer}` } }));
      }
      await sleep(1000 + SUBSCRIBERS * 2);

      // Writers: one principal each, idempotency keys, retry until acknowledged.
      const acknowledged = Array.from({ length: STREAMS }, () => new Set<string>());
      let retries = 0;
      const stopAt = Date.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          const token = await t.token(Role.OPERATOR, { sub: `writer-${w}` });
          const stream = w % STREAMS;
          await sleep(Math.random() * 1000);
          for (let i = 0; Date.now() < stopAt; i++) {
            // Disjoint, past minutes per writer: writers sharing a process never overlap.
            const input = minuteSample(lines[stream].processId, w * 500 + i, `load-${w}-${i}`);
            for (let attempt = 0; ; attempt++) {
              const r = await t.post({ query: RECORD_THROUGHPUT, variables: { input } }, { token }).catch(() => null);
              const payload = r?.json?.data?.recordThroughput;
              if (payload?.__typename === 'ThroughputSample') {
                acknowledged[stream].add(payload.id);
                break;
              }
              const code = r?.json?.errors?.[0]?.extensions?.code;
              if (code && !['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'RATE_LIMITED'].includes(code))
                throw new Error(`write refused: ${JSON.stringify(r?.json)}`);
              retries++;
              if (attempt > 100) throw new Error(`write never acknowledged: ${JSON.stringify(r?.json)}`);
              await sleep(Math.min(2000, 50 * 2 ** attempt) * Math.random() + 10);
            }
            await sleep(500 + Math.random() * 500);
          }
        }),
      );
      const totalAcknowledged = acknowledged.reduce((n, s) => n + s.size, 0);

      // Rows equal acknowledged writes (no loss, no duplicate).
      let rows: number;
      if (t.app.dataSource.options.type === 'better-sqlite3') {
        rows = Number((await t.app.dataSource.query('SELECT COUNT(*) AS n FROM throughput_sample'))[0].n);
      } else {
        const c = await createConnection(t.databaseUrl.replace(/^mariadb:/, 'mysql:'));
        rows = Number(((await c.query('SELECT COUNT(*) AS n FROM throughput_sample'))[0] as { n: number }[])[0].n);
        await c.end();
      }
      expect(rows).toBe(totalAcknowledged);

      // Every subscriber saw every committed sample of its stream once, in cursor order, with no gap.
      await eventually(
        () => received.every((r) => r.samples.length >= acknowledged[r.stream].size),
        60_000,
        'delivery to every subscriber',
      );
      await sleep(500);
      for (const r of received) {
        expect(r.errors).toBe(0);
        expect(r.samples.length).toBe(acknowledged[r.stream].size);
        expect(new Set(r.samples)).toEqual(acknowledged[r.stream]);
        for (let i = 1; i < r.seqs.length; i++) expect(r.seqs[i]).toBe(r.seqs[i - 1] + 1);
      }
      console.log(
        `load: ${totalAcknowledged} writes acknowledged (${retries} retries), ${received.length} subscribers × their stream delivered`,
      );
    },
    (SECONDS + 180) * 1000,
  );
});
