import { defineModule } from '../module';
import { Project } from './project.entity';
import { ProjectMetricsResolver } from './project-metrics.resolver';
import { ProjectMetricsService } from './project-metrics.service';
import { OperationProjectsResolver, ProjectResolver } from './project.resolver';
import { ProjectService } from './project.service';
import { ProjectProgressUpdateResolver } from './project.subscription';

/** Projects: temporary work that improves the business, its computed KPIs and `projectProgressUpdated`. */
export default defineModule({
  name: 'project',
  entities: [Project],
  resolvers: [ProjectResolver, OperationProjectsResolver, ProjectMetricsResolver, ProjectProgressUpdateResolver],
  nodeTypes: { Project },
  createService: (deps) => ({ projects: new ProjectService(deps), projectMetrics: new ProjectMetricsService(deps) }),
});
