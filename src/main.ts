import 'reflect-metadata';
import { Worker } from 'node:worker_threads';
import type { Logger } from './common/logger';
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
    // Exit code 0 at SHUTDOWN_TIMEOUT_MS even if a step has not finished (see exitAtDeadline).
    exitAtDeadline(config.hardening.shutdownTimeoutMs, app.logger);
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

/**
 * The bound of a shutdown: the process exits with code 0 `ms` after the signal, whatever is still
 * running. Code 0 because the shutdown did what it promises: what is cut at SHUTDOWN_TIMEOUT_MS
 * is what that setting is defined to cut (clients retry with their idempotency keys, subscribers
 * resume from their cursors), and a supervisor should not count a deploy as a crash. Code 1 is
 * kept for a stop sequence that failed (app.stop() threw).
 *
 * A timer on this thread cannot fire while a long synchronous piece of work runs, so a worker
 * thread keeps the time: at the deadline it writes the log line itself and runs `process.exit(0)`
 * on this thread through the in-process inspector, which interrupts running JavaScript (no port
 * is opened). Where the inspector is not built in, the timer here is the bound.
 */
function exitAtDeadline(ms: number, logger: Logger): void {
  const message = 'shutdown: SHUTDOWN_TIMEOUT_MS reached; exiting, cutting what still runs';
  const timer = setTimeout(() => {
    logger.warn({ timeoutMs: ms }, message);
    process.exit(0);
  }, ms);
  timer.unref();
  const watchdog = new Worker(
    `const { workerData } = require('node:worker_threads');
    setTimeout(() => {
      require('node:fs').writeSync(1, JSON.stringify({ level: 40, time: Date.now(), service: 'opsgraph', timeoutMs: workerData.ms, msg: workerData.message }) + '\\n');
      try {
        const session = new (require('node:inspector').Session)();
        session.connectToMainThread();
        session.post('Runtime.evaluate', { expression: 'process.exit(0)' });
      } catch {}
    }, workerData.ms);`,
    { eval: true, workerData: { ms, message } },
  );
  watchdog.unref();
  watchdog.on('error', () => undefined);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
