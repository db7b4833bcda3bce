import { defineModule } from '../module';
import { KpiDefinitionResolver, OperationMetricsResolver, ProcessMetricsResolver } from './metrics.resolver';
import { ProjectMetricsResolver } from './project-metrics.resolver';
import { ProjectMetricsService } from './project-metrics.service';
import { ThroughputMetricsService } from './throughput.service';

/** Computed KPIs of processes, operations, projects and stock. */
export default defineModule({
  name: 'metrics',
  resolvers: [ProcessMetricsResolver, OperationMetricsResolver, KpiDefinitionResolver, ProjectMetricsResolver],
  createService: (deps) => ({ throughputMetrics: new ThroughputMetricsService(deps), projectMetrics: new ProjectMetricsService(deps) }),
});
