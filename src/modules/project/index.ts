import { defineModule } from '../module';
import { Project } from './project.entity';
import { ProjectResolver } from './project.resolver';
import { ProjectService } from './project.service';

/** Projects: temporary work that improves the business. */
export default defineModule({
  name: 'project',
  entities: [Project],
  resolvers: [ProjectResolver],
  nodeTypes: { Project },
  createService: (deps) => ({ projects: new ProjectService(deps) }),
});
