import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { Role, signToken } from '../../src/common/auth';
import type { Clock } from '../../src/common/clock';
import { createScratchMysqlDatabase } from '../../src/db/scratch';

export type TestDatabase = 'sqlite' | 'mysql';

/** The databases the e2e suites run on: SQLite always, MariaDB/MySQL when TEST_MYSQL_URL is set. */
export const TEST_DATABASES: TestDatabase[] = process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];

export const TEST_SECRET = 'opsgraph-test-secret-0123456789abcdef0123456789';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestApp {
  app: App;
  url: string;
  wsUrl: string;
  config: Config;
  /** A valid token for a role (subject `test-<role>`). */
  token(role: Role, options?: { expiresIn?: string | number; sub?: string }): Promise<string>;
  /** POSTs a GraphQL request; `as` is a role, a raw token, or null for no token. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: Role | { token: string } | null): Promise<GraphQLResponse<T>>;
  /** Raw HTTP for protocol-level tests. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Boots the real app on port 0 against a fresh database: a temporary SQLite file, or a scratch
 * MariaDB/MySQL database created beside TEST_MYSQL_URL and dropped on stop.
 */
export async function startTestApp(db: TestDatabase, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  let databaseUrl: string;
  let cleanup: () => Promise<void>;
  if (db === 'sqlite') {
    const file = path.join(os.tmpdir(), `opsgraph-test-${randomBytes(6).toString('hex')}.sqlite`);
    databaseUrl = `sqlite:${file}`;
    cleanup = async () => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    };
  } else {
    const scratch = await createScratchMysqlDatabase(process.env.TEST_MYSQL_URL!, 'opsgraph_test');
    databaseUrl = scratch.url;
    cleanup = scratch.drop;
  }
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET: TEST_SECRET, PORT: '0', ...options.env });
  const app = await createApp(config, { clock: options.clock });
  const url = await app.listen(0, '127.0.0.1');
  const tokens = new Map<string, string>();

  async function token(role: Role, tokenOptions: { expiresIn?: string | number; sub?: string } = {}) {
    const key = `${role}:${tokenOptions.sub ?? ''}`;
    if (tokenOptions.expiresIn !== undefined)
      return signToken(TEST_SECRET, { sub: tokenOptions.sub ?? `test-${role.toLowerCase()}`, roles: [role] }, tokenOptions);
    if (!tokens.has(key))
      tokens.set(key, await signToken(TEST_SECRET, { sub: tokenOptions.sub ?? `test-${role.toLowerCase()}`, roles: [role] }));
    return tokens.get(key)!;
  }

  return {
    app,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/graphql`,
    config,
    token,
    async gql(query, variables = {}, as = Role.ADMIN) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as !== null) headers.authorization = `Bearer ${typeof as === 'object' ? as.token : await token(as)}`;
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphQLResponse;
    },
    fetch: (pathname, init) => fetch(`${url}${pathname}`, init),
    async stop() {
      await app.stop();
      await cleanup();
    },
  };
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

export { Role };
