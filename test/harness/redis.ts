import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import WebSocket from 'ws';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { Role, signToken } from '../../src/common/auth';
import { createScratchMysqlDatabase } from '../../src/db/scratch';
import { TEST_SECRET, type GraphQLResponse } from '../harness/app';

export { Role, TEST_SECRET };

/** An app started with a logger whose JSON lines the test can read. */
export interface LoggedApp {
  app: App;
  url: string;
  wsUrl: string;
  logs: string[];
  databaseUrl: string;
  token(role: Role, sub?: string, expiresIn?: string | number): Promise<string>;
  post(
    body: unknown,
    init?: { token?: string | null; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; json: any }>;
  gql(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

/**
 * Boots createApp() on port 0 against a fresh SQLite file or a scratch MariaDB database, with a
 * capturing pino logger (level from LOG_LEVEL in `env`, default info).
 */
export async function startLoggedApp(
  db: 'sqlite' | 'mysql',
  env: Record<string, string> = {},
  options: { databaseUrl?: string; listen?: boolean } = {},
): Promise<LoggedApp> {
  let databaseUrl = options.databaseUrl ?? '';
  let cleanup = async () => undefined as void;
  if (!databaseUrl && db === 'sqlite') {
    const file = path.join(os.tmpdir(), `opsgraph-hardening-${randomBytes(6).toString('hex')}.sqlite`);
    databaseUrl = `sqlite:${file}`;
    cleanup = async () => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    };
  } else if (!databaseUrl) {
    const scratch = await createScratchMysqlDatabase(process.env.TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test', 'opsgraph_hard');
    databaseUrl = scratch.url;
    cleanup = scratch.drop;
  }
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET: TEST_SECRET, PORT: '0', ...env });
  const logger = pino({ level: env.LOG_LEVEL ?? 'info', base: { service: 'opsgraph' } }, sink);
  const app = await createApp(config, { logger });
  const url = await app.listen(0, '127.0.0.1');
  const token = (role: Role, sub = `test-${role.toLowerCase()}`, expiresIn?: string | number) =>
    signToken(TEST_SECRET, { sub, roles: [role] }, { expiresIn });
  const post: LoggedApp['post'] = async (body, init = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    const tok = init.token === undefined ? await token(Role.ADMIN) : init.token;
    if (tok) headers.authorization = `Bearer ${tok}`;
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' || Buffer.isBuffer(body) ? (body as string) : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any = {};
    try {
      json = JSON.parse(text);
    } catch {
      json = { raw: text };
    }
    return { status: response.status, headers: response.headers, json };
  };
  return {
    app,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/graphql`,
    logs,
    databaseUrl,
    token,
    post,
    async gql(query, variables = {}, tok) {
      return (await post({ query, variables }, { token: tok })).json;
    },
    async stop() {
      await app.stop();
      await cleanup();
    },
  };
}

/** A raw graphql-transport-ws socket: every message and the close code, for protocol-level abuse. */
export function rawSocket(url: string, options: { origin?: string; protocol?: string | null } = {}) {
  const ws = new WebSocket(url, options.protocol === null ? [] : [options.protocol ?? 'graphql-transport-ws'], {
    headers: options.origin ? { origin: options.origin } : {},
  });
  const messages: any[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    try {
      messages.push(JSON.parse(String(data)));
    } catch {
      messages.push(String(data));
    }
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const upgrade = new Promise<number>((resolve) => {
    ws.on('open', () => resolve(101));
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(0));
  });
  return {
    ws,
    messages,
    closed,
    /** 101 when the upgrade succeeded, else the HTTP status of the refusal. */
    upgrade,
    send: (message: unknown) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    async init(token?: string) {
      await upgrade;
      ws.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} }));
      await this.waitFor((m) => m.type === 'connection_ack');
    },
    async waitFor(predicate: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline || ws.readyState === ws.CLOSED)
          throw new Error(`no matching message; got ${JSON.stringify(messages).slice(0, 500)}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 100);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    close: () => ws.terminate(),
  };
}

/** A private redis-server on a free loopback port (never the shared one on 6379), so a test may stop it. */
export async function startRedis(port?: number): Promise<{ port: number; child: ChildProcess; stop(): Promise<void> }> {
  const p = port ?? (await freePort());
  const child = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50; i++) {
    if (await canConnect(p)) {
      return {
        port: p,
        child,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      };
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not start');
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `predicate()` holds or throws after `timeoutMs`. */
export async function eventually(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export const minute = (i: number) => new Date(Date.UTC(2026, 4, 1, 0, 0) + i * 60_000).toISOString();

/** Creates an operation with one running process; returns their IDs. */
export async function createLine(t: Pick<LoggedApp, 'gql'>, name: string) {
  const op = await t.gql(`mutation ($n: String!) { createOperation(input: { name: $n }) { ... on Operation { id } } }`, { n: name });
  const opId = op.data!.createOperation.id as string;
  const p = await t.gql(
    `mutation ($op: ID!) { createProcess(input: { operationId: $op, name: "Press", unit: "u", targetRatePerHour: 60, status: RUNNING }) { ... on Process { id } } }`,
    { op: opId },
  );
  return { operationId: opId, processId: p.data!.createProcess.id as string };
}

export const RECORD = `mutation ($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename ... on ThroughputSample { id } ... on ErrorResult { code message } } }`;
export const SUBSCRIBE = `subscription ($processId: ID, $operationId: ID, $after: String) { throughputUpdated(processId: $processId, operationId: $operationId, after: $after) { cursor sample { id } } }`;

/** Sequence number inside an event cursor (base64url "ev1:<stream>:<seq>"). */
export function cursorSeq(cursor: string): number {
  return Number(Buffer.from(cursor, 'base64url').toString('utf8').split(':').pop());
}
