import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { signToken } from '../../src/common/auth';
import { Role, TEST_SECRET } from '../harness/app';
import { CREATE_OPERATION, CREATE_PROCESS, RECORD_THROUGHPUT, THROUGHPUT_UPDATED } from '../harness/documents';
import { minuteSample } from '../harness/factories';
import { graphqlPoster, startMain, whenReady } from '../harness/process';
import { freePort } from '../harness/redis';
import { eventually, sleep } from '../harness/wait';
import { rawSocket } from '../harness/ws';

/**
 * Issue 17: kill -9 in the middle of a stream of keyed writes, on the embedded database with the
 * shipped settings (WAL, synchronous NORMAL) and production posture, while queries and a live
 * subscriber read through the read connection. After a restart on the same file: every write the
 * API acknowledged is there, once (writers retry with their idempotency keys across the restart),
 * queries see all of them, and a subscriber resuming from the last cursor it got before the kill
 * receives every acknowledged sample it had not seen, once.
 */
describe('kill -9 during keyed writes on the embedded database', () => {
  const file = path.join(os.tmpdir(), `opsgraph-crash-${randomBytes(6).toString('hex')}.sqlite`);
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  });

  function start(port: number) {
    // The shipped defaults, in production posture; only what production requires is set.
    const started = startMain({
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${file}`,
      JWT_SECRET: TEST_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    children.push(started.child);
    return started;
  }

  it('loses no acknowledged write, duplicates none, and a resuming subscriber gets each one once', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const ready = () => whenReady(url);
    let instance = start(port);
    await ready();

    const admin = await signToken(TEST_SECRET, { sub: 'admin', roles: [Role.ADMIN] });
    const viewer = await signToken(TEST_SECRET, { sub: 'viewer', roles: [Role.VIEWER] });
    const post = graphqlPoster(url);
    const operationId = (await post(CREATE_OPERATION, { input: { name: 'Crash' } }, admin)).json.data.createOperation.id;
    const press = { operationId, name: 'P', unit: 'u', targetRatePerHour: 60, status: 'RUNNING' };
    const processId = (await post(CREATE_PROCESS, { input: press }, admin)).json.data.createProcess.id;

    // A live subscriber: what it saw before the kill, and its last cursor.
    const seen: string[] = [];
    let cursor: string | null = null;
    const follow = (socket: ReturnType<typeof rawSocket>) => {
      let n = 0;
      socket.ws.on('message', () => {
        for (; n < socket.messages.length; n++) {
          const m = socket.messages[n];
          if (m.type === 'next' && m.payload.data) {
            seen.push(m.payload.data.throughputUpdated.sample.id);
            cursor = m.payload.data.throughputUpdated.cursor;
          }
        }
      });
    };
    const live = rawSocket(`${url.replace('http', 'ws')}/graphql`);
    await live.init(viewer);
    live.send({ id: '1', type: 'subscribe', payload: { query: THROUGHPUT_UPDATED, variables: { operationId } } });
    follow(live);
    await sleep(300);

    // Four writers (an operator each, so no one's rate limit slows the stream), each retrying its
    // current write with the same idempotency key until acknowledged, across the crash.
    const acknowledged = new Map<string, string>();
    let writing = true;
    const writers = [0, 1, 2, 3].map(async (w) => {
      const operator = await signToken(TEST_SECRET, { sub: `operator-${w}`, roles: [Role.OPERATOR] });
      for (let i = w; writing; i += 4) {
        const key = `crash-${i}`;
        const input = minuteSample(processId, i, key);
        for (;;) {
          const r = await post(RECORD_THROUGHPUT, { input }, operator).catch(() => null);
          const payload = r?.json?.data?.recordThroughput;
          if (payload?.__typename === 'ThroughputSample') {
            acknowledged.set(key, payload.id);
            break;
          }
          await sleep(50);
        }
      }
    });
    // Readers on the read connection all along.
    let reads = 0;
    const reader = (async () => {
      while (writing) {
        const r = await post(SAMPLES, { id: processId, first: 100, after: null }, viewer).catch(() => null);
        if (r?.json?.data) reads++;
        await sleep(10);
      }
    })();

    await eventually(() => acknowledged.size >= 150, 60_000, '150 acknowledged writes');
    instance.child.kill('SIGKILL');
    await instance.exited;
    const beforeCrash = new Map(acknowledged);
    const seenBeforeCrash = seen.length;
    live.ws.terminate();

    instance = start(port);
    await ready();
    await eventually(() => acknowledged.size >= beforeCrash.size + 40, 60_000, 'writes after the restart');
    writing = false;
    await Promise.all([...writers, reader]);
    expect(reads).toBeGreaterThan(0);

    // Every acknowledged write is stored, under the ID it was acknowledged with, once.
    const stored: string[] = [];
    for (let after: string | null = null; ;) {
      const page: any = (await post(SAMPLES, { id: processId, first: 100, after }, viewer)).json.data.node.samples;
      stored.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.sort()).toEqual([...acknowledged.values()].sort());
    for (const [key, id] of beforeCrash) expect(acknowledged.get(key)).toBe(id);

    // The subscriber resumes after the last event it saw before the kill.
    expect(seenBeforeCrash).toBeGreaterThan(0);
    const resumed = rawSocket(`${url.replace('http', 'ws')}/graphql`);
    await resumed.init(viewer);
    resumed.send({ id: '1', type: 'subscribe', payload: { query: THROUGHPUT_UPDATED, variables: { operationId, after: cursor } } });
    follow(resumed);
    await eventually(() => seen.length >= acknowledged.size, 20_000, `all ${acknowledged.size} samples at the subscriber`);
    expect(seen.sort()).toEqual([...acknowledged.values()].sort());
    resumed.close();
    instance.child.kill('SIGTERM');
    await instance.exited;
  }, 180_000);
});

const SAMPLES = /* GraphQL */ `
  query Samples($id: ID!, $first: Int, $after: String) {
    node(id: $id) {
      ... on Process {
        samples(first: $first, after: $after) {
          edges {
            node {
              id
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;
