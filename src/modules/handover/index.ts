import { defineModule } from '../module';
import type { ThroughputMetricsService } from '../throughput/throughput.service';
import { HandoverService } from '../project/handover.service';
import { AcceptanceCriterion, Handover } from './handover.entity';
import { AcceptanceCriterionResolver, HandoverResolver, OperationHandoverResolver, ProjectHandoverResolver } from './handover.resolver';
import { HandoverLifecycleService } from './handover.service';

/** Handing a finished project over to the operation that runs what it built. */
export default defineModule({
  name: 'handover',
  entities: [Handover, AcceptanceCriterion],
  resolvers: [HandoverResolver, AcceptanceCriterionResolver, ProjectHandoverResolver, OperationHandoverResolver],
  nodeTypes: { Handover, AcceptanceCriterion },
  createService: (deps, built) => {
    const handoverLifecycle = new HandoverLifecycleService(deps, built.throughputMetrics as ThroughputMetricsService);
    return { handoverLifecycle, handovers: new HandoverService(deps, handoverLifecycle) };
  },
});
