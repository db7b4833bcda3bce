import { defineModule } from '../module';
import { ProjectMetricsResolver } from './project-metrics.resolver';
import { ProjectMetricsService } from './project-metrics.service';

/** Computed KPIs of projects and stock. */
export default defineModule({
  name: 'metrics',
  resolvers: [ProjectMetricsResolver],
  createService: (deps) => ({ projectMetrics: new ProjectMetricsService(deps) }),
});
