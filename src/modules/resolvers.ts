import type { NonEmptyArray } from 'type-graphql';
import { NodeResolver } from './node/node.resolver';
import { OperationResolver } from './operation/operation.resolver';
import { ProcessResolver, ThroughputSampleResolver } from './process/process.resolver';
import { ThroughputUpdateResolver } from './live/throughput.subscription';
import { AlertResolver } from './alert/alert.resolver';
import { ProjectProgressUpdateResolver } from './live/project.subscription';
import { InventoryMetricsResolver, ProjectMetricsResolver } from './metrics/project-metrics.resolver';
import { KpiDefinitionResolver, OperationMetricsResolver, ProcessMetricsResolver } from './metrics/metrics.resolver';
import { InventoryItemResolver, OperationInventoryResolver, StockMovementResolver } from './inventory/inventory.resolver';
import { PersonResolver, TeamMemberResolver, TeamResolver } from './team/team.resolver';
import { ProjectResolver } from './project/project.resolver';
import { MilestoneResolver } from './milestone/milestone.resolver';
import { RiskResolver } from './risk/risk.resolver';
import { CostEntryResolver } from './cost/cost.resolver';
import { PortfolioResolver } from './portfolio/portfolio.resolver';
import { AcceptanceCriterionResolver, HandoverResolver, OperationHandoverResolver, ProjectHandoverResolver } from './handover/handover.resolver';

/** Every resolver class of the graph. */
export const RESOLVERS: NonEmptyArray<Function> = [
  NodeResolver,
  OperationResolver,
  ProcessResolver,
  ThroughputSampleResolver,
  ProcessMetricsResolver,
  OperationMetricsResolver,
  KpiDefinitionResolver,
  ThroughputUpdateResolver,
  AlertResolver,
  ProjectProgressUpdateResolver,
  ProjectMetricsResolver,
  InventoryMetricsResolver,
  InventoryItemResolver,
  StockMovementResolver,
  OperationInventoryResolver,
  TeamResolver,
  TeamMemberResolver,
  PersonResolver,
  ProjectResolver,
  MilestoneResolver,
  RiskResolver,
  CostEntryResolver,
  PortfolioResolver,
  HandoverResolver,
  AcceptanceCriterionResolver,
  ProjectHandoverResolver,
  OperationHandoverResolver,
];
