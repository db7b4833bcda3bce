import type { App } from '../../src/app';
import { signToken } from '../../src/common/auth';
import { createTestDatabase, Role, startTestApp, TEST_SECRET, type GraphQLResponse, type TestApp } from './app';

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
 * `startTestApp` on a temporary SQLite file the test owns, for tests that kill and restart the
 * server (reconnect and resume): each start boots a new app on the same file and the same port.
 */
export async function startRestartableApp(env: Record<string, string> = {}): Promise<RestartableApp> {
  const database = await createTestDatabase('sqlite');
  let port = 0;
  let running: TestApp | null = null;

  const boot = async () => {
    const t = await startTestApp({ databaseUrl: database.url, env, listen: { port } });
    port = Number(new URL(t.url).port);
    running = t;
    handle.app = t.app;
    handle.url = t.url;
    handle.wsUrl = t.wsUrl;
  };

  const current = () => {
    if (!running) throw new Error('The app is not running');
    return running;
  };

  const handle: RestartableApp = {
    app: null as unknown as App,
    url: '',
    wsUrl: '',
    token: (role) => signToken(TEST_SECRET, { sub: `test-${role.toLowerCase()}`, roles: [role] }),
    gql: (query, variables = {}, as = Role.ADMIN) => current().gql(query, variables, as),
    async kill() {
      const t = running;
      running = null;
      await t?.stop();
    },
    async start() {
      if (running) throw new Error('The app is already running');
      await boot();
    },
    async stop() {
      await handle.kill();
      await database.drop();
    },
  };
  await boot();
  return handle;
}
