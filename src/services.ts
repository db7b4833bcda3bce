import type { DataSource } from 'typeorm';
import type { Config } from './config';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import type { TransactionRunner } from './db/transaction';
import type { EventBus } from './realtime/event-bus';
import type { StreamWriter } from './realtime/streams';
import { OperationService } from './modules/operation/operation.service';
import { ProcessService } from './modules/process/process.service';
import { ThroughputMetricsService } from './modules/metrics/throughput.service';
import { ProjectMetricsService } from './modules/metrics/project-metrics.service';
import { LiveService } from './realtime/live.service';
import { AlertService } from './modules/alert/alert.service';
import { InventoryService } from './modules/inventory/inventory.service';
import { ProjectService } from './modules/project/project.service';
import { HandoverService } from './modules/project/handover.service';
import { HandoverLifecycleService } from './modules/handover/handover.service';
import { MilestoneService } from './modules/milestone/milestone.service';
import { RiskService } from './modules/risk/risk.service';
import { CostService } from './modules/cost/cost.service';
import { TeamService } from './modules/team/team.service';
import { PortfolioService } from './modules/portfolio/portfolio.service';

/** What every service is built from. */
export interface ServiceDeps {
  config: Config;
  dataSource: DataSource;
  transaction: TransactionRunner;
  clock: Clock;
  events: EventBus;
  /** Appends events inside a transaction and notifies subscribers after commit. */
  streams: StreamWriter;
  logger: Logger;
}

/** One plain object of services, shared by HTTP and WebSocket contexts. */
export function createServices(deps: ServiceDeps) {
  const throughputMetrics = new ThroughputMetricsService(deps);
  const projectMetrics = new ProjectMetricsService(deps);
  const handoverLifecycle = new HandoverLifecycleService(deps, throughputMetrics);
  return {
    dataSource: deps.dataSource,
    live: new LiveService(deps),
    operations: new OperationService(deps),
    processes: new ProcessService(deps),
    throughputMetrics,
    projectMetrics,
    alerts: new AlertService(deps, { throughput: throughputMetrics, projects: projectMetrics }),
    inventory: new InventoryService(deps),
    projects: new ProjectService(deps),
    handovers: new HandoverService(deps, handoverLifecycle),
    handoverLifecycle,
    milestones: new MilestoneService(deps),
    risks: new RiskService(deps),
    costs: new CostService(deps),
    teams: new TeamService(deps),
    portfolio: new PortfolioService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
