import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { Role, signToken } from '../../src/common/auth';
import { systemClock, type Clock } from '../../src/common/clock';
import { createScratchMysqlDatabase } from '../../src/db/scratch';

/**
 * Where a test app keeps its data: a temporary SQLite file, a scratch database beside
 * TEST_MYSQL_URL, or `mysql-dialect`: a scratch database on that same server reached through a
 * mysql:// URL, so the app speaks MySQL proper (no INSERT … RETURNING) even to MariaDB.
 */
export type TestDatabase = 'sqlite' | 'mysql' | 'mysql-dialect';

/** The databases the e2e suites run on: SQLite always, MariaDB/MySQL when TEST_MYSQL_URL is set. */
export const TEST_DATABASES: TestDatabase[] = process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];

/** The server the `mysql` databases are made beside: TEST_MYSQL_URL, else the local MariaDB the hardening tests expect. */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test';

export const TEST_SECRET = 'opsgraph-test-secret-0123456789abcdef0123456789';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

/** Who a request is from: a role (a cached token with subject `test-<role>`), a raw token, or null for no token. */
export type Caller = Role | { token: string } | null;

/** A clock the test moves, so what the app records happens "on" chosen dates. */
export interface TestClock extends Clock {
  set(iso: string): void;
}

/** A clock that stands at `start` until the test moves it with `set`. */
export function testClock(start: string): TestClock {
  let now = new Date(start);
  return { now: () => new Date(now), set: (iso) => (now = new Date(iso)) };
}

/** The clock of an app started without a movable one: it reads as the app's clock does, and refuses `set`. */
function fixedClock(clock: Clock | undefined): TestClock {
  return {
    now: () => (clock ?? systemClock).now(),
    set() {
      throw new Error("this app's clock does not move: start it with clock: '<ISO instant>'");
    },
  };
}

export interface StartOptions {
  /** Where the fresh database is made (see TestDatabase): SQLite unless given. */
  db?: TestDatabase;
  /**
   * Settings on top of the test defaults (NODE_ENV=test, DATABASE_URL, JWT_SECRET=TEST_SECRET,
   * PORT=0). Everything else runs the shipped defaults: a test that sets a limit says why.
   */
  env?: Record<string, string>;
  /** The app's clock: a Clock, or an ISO instant to start a `testClock` at (then `t.clock` moves it). Default: the system clock. */
  clock?: Clock | string;
  /** Captures the app's JSON log lines in `t.logs` (level LOG_LEVEL from `env`, default info) instead of the default logger. */
  logs?: boolean;
  /** Runs on this database instead of a fresh one; it is left in place on stop (its owner drops it). */
  databaseUrl?: string;
  /** Where to listen on 127.0.0.1: port 0 (a free port) unless given, e.g. to restart on the same port. */
  listen?: { port: number };
}

export interface TestApp {
  app: App;
  url: string;
  wsUrl: string;
  config: Config;
  /** The database the app runs on (a scratch one is dropped on stop; one passed in is kept). */
  databaseUrl: string;
  /** The app's log lines when started with `logs: true`; otherwise always empty. */
  logs: string[];
  /** The clock started with `clock: '<ISO instant>'`, which the test moves; any other app's refuses to move. */
  clock: TestClock;
  /**
   * A valid token for a role (subject `test-<role>` unless `sub`), with `exp` 12 h after `iat` (or
   * TOKEN_MAX_LIFETIME when shorter); cached unless it has its own `expiresIn` (a duration, or an
   * absolute expiry in epoch seconds).
   */
  token(role: Role, options?: { expiresIn?: string | number; sub?: string }): Promise<string>;
  /** POSTs a GraphQL request; `as` is a role (default ADMIN), a raw token, or null for no token. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<GraphQLResponse<T>>;
  /**
   * POSTs any body to /graphql (a string or Buffer as it is, anything else as JSON) with an ADMIN
   * token unless `token` says otherwise (null: none). A body that is not JSON comes back as `{ raw }`.
   */
  post(
    body: unknown,
    init?: { token?: string | null; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; json: any }>;
  /** Raw HTTP for protocol-level tests. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  /** Stops the app, then drops the database it made. */
  stop(): Promise<void>;
}

/** A fresh database for a test app (see TestDatabase); `drop()` removes it. */
export async function createTestDatabase(db: TestDatabase): Promise<{ url: string; drop(): Promise<void> }> {
  if (db === 'mysql') return createScratchMysqlDatabase(TEST_MYSQL_URL, 'opsgraph_test');
  if (db === 'mysql-dialect') return createScratchMysqlDatabase(TEST_MYSQL_URL.replace(/^mariadb:/, 'mysql:'), 'opsgraph_test_mysql');
  const file = path.join(os.tmpdir(), `opsgraph-test-${randomBytes(6).toString('hex')}.sqlite`);
  return {
    url: `sqlite:${file}`,
    async drop() {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
}

/**
 * Boots the real app (createApp) on 127.0.0.1 against a fresh database, as every e2e and
 * hardening test does: one way to start an app, whatever the test needs from it.
 */
export async function startTestApp(options?: StartOptions): Promise<TestApp>;
/** The older positional form, kept for callers not yet moved to the options form. */
export async function startTestApp(db: TestDatabase, options?: Omit<StartOptions, 'db'>): Promise<TestApp>;
export async function startTestApp(first: TestDatabase | StartOptions = {}, rest: Omit<StartOptions, 'db'> = {}): Promise<TestApp> {
  const options: StartOptions = typeof first === 'string' ? { ...rest, db: first } : first;
  const env = options.env ?? {};
  const fresh = options.databaseUrl ? null : await createTestDatabase(options.db ?? 'sqlite');
  const databaseUrl = options.databaseUrl ?? fresh!.url;
  const clock = typeof options.clock === 'string' ? testClock(options.clock) : options.clock;
  const logs: string[] = [];
  const logger = options.logs
    ? pino(
        { level: env.LOG_LEVEL ?? 'info', base: { service: 'opsgraph' } },
        new Writable({
          write(chunk, _encoding, done) {
            logs.push(String(chunk));
            done();
          },
        }),
      )
    : undefined;
  // GRAPHQL_EXECUTOR of the test run picks the executor of every app (CI runs e2e and hardening under both).
  const executor = process.env.GRAPHQL_EXECUTOR ? { GRAPHQL_EXECUTOR: process.env.GRAPHQL_EXECUTOR } : {};
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET: TEST_SECRET, PORT: '0', ...executor, ...env });
  let app: App;
  let url: string;
  try {
    app = await createApp(config, { clock, logger });
    url = await app.listen(options.listen?.port ?? 0, '127.0.0.1');
  } catch (error) {
    await fresh?.drop();
    throw error;
  }
  const tokens = new Map<string, Promise<string>>();

  function token(role: Role, tokenOptions: { expiresIn?: string | number; sub?: string } = {}) {
    const claims = { sub: tokenOptions.sub ?? `test-${role.toLowerCase()}`, roles: [role] };
    if (tokenOptions.expiresIn !== undefined) return signToken(TEST_SECRET, claims, { expiresIn: tokenOptions.expiresIn });
    const key = `${role}:${claims.sub}`;
    // 12 h, or the app's TOKEN_MAX_LIFETIME when shorter: a longer-lived token would be refused.
    const lifetime = Math.min(12 * 3600, config.auth.maxLifetimeSeconds);
    if (!tokens.has(key)) tokens.set(key, signToken(TEST_SECRET, claims, { expiresIn: `${lifetime}s` }));
    return tokens.get(key)!;
  }

  const post: TestApp['post'] = async (body, init = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    const bearer = init.token === undefined ? await token(Role.ADMIN) : init.token;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' || Buffer.isBuffer(body) ? (body as string) : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any;
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
    config,
    databaseUrl,
    logs,
    clock: typeof options.clock === 'string' ? (clock as TestClock) : fixedClock(clock),
    token,
    post,
    async gql(query, variables = {}, as = Role.ADMIN) {
      const bearer = as === null ? null : typeof as === 'object' ? as.token : await token(as);
      return (await post({ query, variables }, { token: bearer })).json as GraphQLResponse;
    },
    fetch: (pathname, init) => fetch(`${url}${pathname}`, init),
    async stop() {
      await app.stop();
      await fresh?.drop();
    },
  };
}

/**
 * Runs `request` and counts the SQL statements the app issued meanwhile (the data source's logger
 * counts them). Alert evaluation runs after commits, in the background: it is let finish first so
 * only this request is counted.
 */
export async function countStatements<T>(t: TestApp, request: () => Promise<T>): Promise<{ statements: number; result: T }> {
  const counter = t.app.dataSource.logger as unknown as { count: number };
  await t.app.services.alerts.idle();
  const before = counter.count;
  const result = await request();
  return { statements: counter.count - before, result };
}

/**
 * Waits until the app has closed every idle keep-alive connection of this process's HTTP client,
 * and the client has seen it close. For tests that held the event loop with seconds of synchronous
 * work (the worst-query search, under CI load): the client's own idle timer could not run
 * meanwhile, so its next request could go out on a connection whose server-side keep-alive timer
 * fires before the server reads that request, which then fails with ECONNRESET (seen in CI).
 * The margin covers keepAliveTimeoutBuffer (Node 24.6 and later, 1 s by default), added to the server's timer.
 */
export async function waitOutKeepAlive(t: TestApp): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, t.config.hardening.http.keepAliveTimeoutMs + 1_500));
  // The server's timers expired before this one; one more turn lets the client read the closes they sent.
  await new Promise((resolve) => setImmediate(resolve));
}

/** Asserts a response has no errors and returns its data. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data as T;
}

/** The `extensions.code` of the first error. */
export function errorCode(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** Asserts a BAD_USER_INPUT error that names `field` among its fields. */
export function expectBadInput(response: GraphQLResponse, field: string): void {
  expect(errorCode(response)).toBe('BAD_USER_INPUT');
  expect(response.errors![0].extensions!.fields).toContain(field);
}

export { Role };
