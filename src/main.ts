import 'reflect-metadata';
import { createApp } from './app';
import { loadConfig } from './config';
import { seedDemoIfEmpty } from './demo/seed';
import { printDemoTokens } from './demo/tokens';
import { startSimulator } from './demo/simulator';
import { inProcessTarget } from './demo/simulator-targets';

/** Process entry: loadConfig → createApp → seed demo → listen → handle signals → stop. */
async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  if (config.seedDemo) await seedDemoIfEmpty(app);
  const url = await app.listen();
  app.logger.info({ url: `${url}/graphql`, database: config.database.kind }, 'opsgraph listening');
  if (config.printDemoTokens && config.auth.jwtSecret) await printDemoTokens(config.auth.jwtSecret, url);
  // Live demo: line terminals and project updates through the same services as the API (SIMULATOR=off disables).
  const simulator = config.realtime.simulator ? startSimulator(inProcessTarget(app), { logger: app.logger }) : null;
  if (simulator) app.logger.info('demo simulator running (SIMULATOR=off to disable)');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    // A last resort beyond app.stop()'s own bound (SHUTDOWN_TIMEOUT_MS for in-flight requests, then closing).
    const timer = setTimeout(() => process.exit(1), config.hardening.shutdownTimeoutMs + 5_000);
    timer.unref();
    Promise.resolve(simulator?.stop()).then(() => app.stop()).then(() => process.exit(0), (error) => {
      app.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
