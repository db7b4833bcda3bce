import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { signToken } from '../../src/common/auth';
import { Role, TEST_SECRET } from '../harness/app';
import { CREATE_OPERATION, CREATE_PROCESS, RECORD_THROUGHPUT, RECORD_THROUGHPUT_BATCH, THROUGHPUT_UPDATED } from '../harness/documents';
import { minuteSample, minuteSamples } from '../harness/factories';
import { freePort } from '../harness/redis';
import { eventually, sleep } from '../harness/wait';
import { rawSocket } from '../harness/ws';

const ROOT = path.resolve(__dirname, '../..');

/** Runs `npm start`'s entry (src/main.ts) as a real process, so SIGTERM is a real signal. */
function startProcess(env: Record<string, string>): { child: ChildProcess; output: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

describe('graceful shutdown on SIGTERM', () => {
  const file = path.join(os.tmpdir(), `opsgraph-sigterm-${randomBytes(6).toString('hex')}.sqlite`);
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  });

  it('finishes in-flight HTTP, closes sockets with 1001, exits 0, and a resuming subscriber misses no committed sample', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${file}`,
      JWT_SECRET: TEST_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '5000',
      EVENT_POLL_MS: '200',
    };
    const first = startProcess(env);
    children.push(first.child);
    await eventually(async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200, 30_000, 'first instance ready');

    const admin = await signToken(TEST_SECRET, { sub: 'admin', roles: [Role.ADMIN] });
    const operator = await signToken(TEST_SECRET, { sub: 'op', roles: [Role.OPERATOR] });
    const viewer = await signToken(TEST_SECRET, { sub: 'viewer', roles: [Role.VIEWER] });
    const post = async (query: string, variables: Record<string, unknown>, token: string) => {
      const r = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: r.status, json: (await r.json()) as any };
    };
    // The harness factories need a TestApp: this app is a child process, so the documents go by hand.
    const op = await post(CREATE_OPERATION, { input: { name: 'Shutdown' } }, admin);
    const operationId = op.json.data.createOperation.id;
    const press = { operationId, name: 'P', unit: 'u', targetRatePerHour: 60, status: 'RUNNING' };
    const processId = (await post(CREATE_PROCESS, { input: press }, admin)).json.data.createProcess.id;

    // A live subscriber on the first instance.
    const seen: string[] = [];
    let cursor: string | null = null;
    const take = (s: ReturnType<typeof rawSocket>, from: number) => {
      let n = from;
      return () => {
        for (; n < s.messages.length; n++) {
          const m = s.messages[n];
          if (m.type === 'next' && m.payload.data) {
            seen.push(m.payload.data.throughputUpdated.sample.id);
            cursor = m.payload.data.throughputUpdated.cursor;
          }
        }
      };
    };
    const s1 = rawSocket(`${url.replace('http', 'ws')}/graphql`);
    await s1.init(viewer);
    s1.send({ id: '1', type: 'subscribe', payload: { query: THROUGHPUT_UPDATED, variables: { operationId } } });
    const drain1 = take(s1, 0);
    s1.ws.on('message', drain1);
    await sleep(300);

    // A writer with idempotency keys that keeps retrying across the restart.
    const acknowledged = new Set<string>();
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const input = minuteSample(processId, i, `sigterm-${i}`);
        for (;;) {
          const r = await post(RECORD_THROUGHPUT, { input }, operator).catch(() => null);
          if (r?.json?.data?.recordThroughput?.__typename === 'ThroughputSample') {
            acknowledged.add(r.json.data.recordThroughput.id);
            break;
          }
          await sleep(100);
        }
        await sleep(20);
      }
    })();
    await eventually(() => acknowledged.size >= 10, 10_000, 'writes before SIGTERM');

    // An in-flight request when the signal arrives finishes normally.
    const samples = minuteSamples(processId, 100_000, 300);
    const inFlight = post(RECORD_THROUGHPUT_BATCH, { input: { samples } }, operator);
    await sleep(30);
    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    const batch = await inFlight;
    expect(batch.status).toBe(200);
    expect(batch.json.data.recordThroughputBatch.__typename).toBe('ThroughputBatch');
    expect((await s1.closed).code).toBe(1001);
    expect(await first.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(first.output.join('')).toMatch(/"msg":"stopped"/);

    // The replacement instance on the same database; the subscriber resumes from its cursor.
    const second = startProcess(env);
    children.push(second.child);
    await eventually(async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200, 30_000, 'second instance ready');
    await sleep(500);
    writing = false;
    await writer;
    const s2 = rawSocket(`${url.replace('http', 'ws')}/graphql`);
    await s2.init(viewer);
    s2.send({ id: '1', type: 'subscribe', payload: { query: THROUGHPUT_UPDATED, variables: { operationId, after: cursor } } });
    const drain2 = take(s2, 0);
    s2.ws.on('message', drain2);
    const total = acknowledged.size + 300;
    await eventually(() => seen.length >= total, 20_000, `all ${total} committed samples`);
    await sleep(300);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    for (const id of acknowledged) expect(seen).toContain(id);
    s2.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    // Nothing logs a token.
    for (const token of [admin, operator, viewer]) expect([...first.output, ...second.output].join('')).not.toContain(token.split('.')[2]);
  }, 120_000);
});
