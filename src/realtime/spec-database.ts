import type { DataSource } from 'typeorm';
import { systemClock } from '../common/clock';
import { createDataSource } from '../db/data-source';
import { createTransactionRunner } from '../db/transaction';
import { createMemoryEventBus, type EventBus } from './event-bus';
import { appendEvents, type StreamEvent } from './event-store';
import { StreamWriter } from './streams';

/**
 * For unit specs of the realtime and transport layers (never used by the app): a real SQLite
 * database, built like the app's (`createDataSource` + migrations), in memory, with the app's
 * writer path (transaction, then notify after commit) to append events to streams.
 */
export interface SpecDatabase {
  dataSource: DataSource;
  /** The bus the writes notify (a memory bus, as a single instance uses). */
  bus: EventBus;
  /** Appends `count` events (`type`, default 'tick') to a stream in one transaction, then notifies after commit. */
  append(streamKey: string, count?: number, type?: string): Promise<StreamEvent[]>;
  /** The same write with no notification, as when one is lost (Redis pub/sub is at-most-once). */
  appendUnannounced(streamKey: string, count?: number, type?: string): Promise<StreamEvent[]>;
  close(): Promise<void>;
}

export async function openSpecDatabase(): Promise<SpecDatabase> {
  const dataSource = createDataSource({ kind: 'sqlite', url: ':memory:', poolSize: 1, logging: false }, { entities: [] });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const bus = createMemoryEventBus();
  const transaction = createTransactionRunner(dataSource);
  const streams = new StreamWriter(bus, systemClock);
  const events = (count: number, type: string) =>
    Array.from({ length: count }, (_, i) => ({ type, subjectId: `subject-${i}`, payload: { index: i } }));
  return {
    dataSource,
    bus,
    append: (streamKey, count = 1, type = 'tick') => transaction((uow) => streams.append(uow, streamKey, events(count, type))),
    appendUnannounced: (streamKey, count = 1, type = 'tick') =>
      transaction((uow) => appendEvents(uow, streamKey, events(count, type), systemClock.now())),
    async close() {
      await bus.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** Resolves once `condition` holds (checked every 5 ms); rejects after `timeoutMs` (default 5 s) naming `what`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
