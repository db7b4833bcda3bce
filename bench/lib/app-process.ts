/**
 * Child-process entry that runs the real opsgraph app for a benchmark: `createApp(loadConfig())`
 * on 127.0.0.1, port 0. Prints one JSON line `{"ready":true,"url":"http://127.0.0.1:PORT"}` on
 * stdout, then answers IPC requests from the runner (see `ChildRequest` in children.ts):
 * `stats` (CPU, memory, SQL statements so far), `gc` (needs --expose-gc) and `stop`.
 * Exits when the runner disconnects, so a crashed runner leaves no server behind.
 */
import 'reflect-metadata';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { queryCounter } from '../../src/db/data-source';
import { serveChildRequests } from './child-protocol';

async function main() {
  let app: App | null = null;
  const stop = async () => {
    if (app) await app.stop();
  };
  serveChildRequests({
    stats: () => ({ sql: app ? queryCounter(app.dataSource).count : 0 }),
    stop,
  });
  app = await createApp(loadConfig());
  const url = await app.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ ready: true, url })}\n`);
  process.send?.({ type: 'ready', url });
}

main().catch((error) => {
  process.stderr.write(`app-process failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
