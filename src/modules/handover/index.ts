import { defineModule } from '../module';
import type { ThroughputMetricsService } from '../throughput/throughput.service';
import { AcceptanceCriterion, Handover } from './handover.entity';
import { AcceptanceCriterionResolver, HandoverResolver, OperationHandoverResolver, ProjectHandoverResolver } from './handover.resolver';
import { HandoverService } from './handover.service';

/** Handing a finished project over to the operation that runs what it built, and the handover's life after it. */
export default defineModule({
  name: 'handover',
  entities: [Handover, AcceptanceCriterion],
  resolvers: [HandoverResolver, AcceptanceCriterionResolver, ProjectHandoverResolver, OperationHandoverResolver],
  nodeTypes: { Handover, AcceptanceCriterion },
  createService: (deps, built) => ({ handovers: new HandoverService(deps, built.throughputMetrics as ThroughputMetricsService) }),
});
