import 'reflect-metadata';
import { createApp } from './app';
import { loadConfig } from './config';
import { seedDemoIfEmpty } from './demo/seed';
import { pageUrls, printDemoTokens } from './demo/tokens';
import { startSimulator } from './demo/simulator';
import { inProcessTarget } from './demo/simulator-targets';

/** Process entry: loadConfig → createApp → seed demo → listen → handle signals → stop. */
async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  if (config.seedDemo) await seedDemoIfEmpty(app);
  // The real address: PORT=0 picks a free port, and the printed URLs must name it.
  const urls = pageUrls(await app.listen(), { graphiql: config.graphiql });
  app.logger.info(
    { url: urls.api, graphiql: urls.graphiql ?? undefined, dashboard: urls.dashboard, database: config.database.kind },
    'opsgraph listening',
  );
  if (config.printDemoTokens && config.auth.jwtSecret)
    await printDemoTokens(config.auth.jwtSecret, urls, {
      devSecret: config.auth.usingDevSecret,
      maxLifetimeSeconds: config.auth.maxLifetimeSeconds,
    });
  // Live demo: line terminals and project updates through the same services as the API (SIMULATOR=off disables).
  const simulator = config.realtime.simulator ? startSimulator(inProcessTarget(app), { logger: app.logger }) : null;
  if (simulator) {
    // Catch up at once: the seeded history ends on the last 15-minute boundary, and charts should reach "now".
    void simulator.tick();
    app.logger.info('demo simulator running (SIMULATOR=off to disable)');
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    // A last resort beyond app.stop()'s own bound (SHUTDOWN_TIMEOUT_MS for in-flight requests, then closing).
    const timer = setTimeout(() => process.exit(1), config.hardening.shutdownTimeoutMs + 5_000);
    timer.unref();
    Promise.resolve(simulator?.stop())
      .then(() => app.stop())
      .then(
        () => process.exit(0),
        (error) => {
          app.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
