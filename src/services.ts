import type { DataSource } from 'typeorm';
import type { Config } from './config';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import type { TransactionRunner } from './db/transaction';
import type { EventBus } from './realtime/event-bus';
import { OperationService } from './modules/operation/operation.service';
import { ProcessService } from './modules/process/process.service';

/** What every service is built from. */
export interface ServiceDeps {
  config: Config;
  dataSource: DataSource;
  transaction: TransactionRunner;
  clock: Clock;
  events: EventBus;
  logger: Logger;
}

/** One plain object of services, shared by HTTP and WebSocket contexts. */
export function createServices(deps: ServiceDeps) {
  return {
    operations: new OperationService(deps),
    processes: new ProcessService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
