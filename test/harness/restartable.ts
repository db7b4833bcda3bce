import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { Role, signToken } from '../../src/common/auth';
import { TEST_SECRET, type GraphQLResponse } from './app';

/** A SQLite-backed app that can be stopped and started again on the same file and port. */
export interface RestartableApp {
  /** The running app; replaced by `restart()`/`start()`. */
  app: App;
  url: string;
  wsUrl: string;
  token(role: Role): Promise<string>;
  /** POSTs a GraphQL request as a role (default ADMIN). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: Role): Promise<GraphQLResponse<T>>;
  /** Stops the app (clients see their sockets close); the database file stays. */
  kill(): Promise<void>;
  /** Starts a fresh app on the same database file and port. */
  start(): Promise<void>;
  /** Stops the app if running and deletes the database file. */
  stop(): Promise<void>;
}

/**
 * Boots the real app on a free port against a temporary SQLite file, for tests that kill and
 * restart the server (reconnect and resume). Use `startTestApp` from ./app for everything else.
 */
export async function startRestartableApp(env: Record<string, string> = {}): Promise<RestartableApp> {
  const file = path.join(os.tmpdir(), `opsgraph-restart-${randomBytes(6).toString('hex')}.sqlite`);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${file}`, JWT_SECRET: TEST_SECRET, PORT: '0', ...env });
  let port = 0;
  let running: App | null = null;

  const boot = async () => {
    const app = await createApp(config);
    const url = await app.listen(port, '127.0.0.1');
    port = Number(new URL(url).port);
    running = app;
    handle.app = app;
    handle.url = url;
    handle.wsUrl = `${url.replace(/^http/, 'ws')}/graphql`;
  };

  const handle: RestartableApp = {
    app: null as unknown as App,
    url: '',
    wsUrl: '',
    token: (role) => signToken(TEST_SECRET, { sub: `test-${role.toLowerCase()}`, roles: [role] }),
    async gql(query, variables = {}, as = Role.ADMIN) {
      const response = await fetch(`${handle.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await handle.token(as)}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    },
    async kill() {
      const app = running;
      running = null;
      await app?.stop();
    },
    async start() {
      if (running) throw new Error('The app is already running');
      await boot();
    },
    async stop() {
      await handle.kill();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
  await boot();
  return handle;
}
