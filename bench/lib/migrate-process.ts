/**
 * Child-process entry that runs the app's migrations on DATABASE_URL and exits. Run in a fresh
 * process so the migrations are the ones on disk now, even if they changed since the runner started.
 */
import 'reflect-metadata';
import { loadConfig } from '../../src/config';
import { createDataSource, prepareConnection } from '../../src/db/data-source';
import { MODULE_ENTITIES } from '../../src/modules';

async function main() {
  const config = loadConfig();
  const dataSource = createDataSource(config.database, { entities: MODULE_ENTITIES });
  await dataSource.initialize();
  await prepareConnection(dataSource);
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.send?.({ type: 'ready' });
  setTimeout(() => process.exit(0), 50);
}

main().catch((error) => {
  process.stderr.write(`migrate failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
