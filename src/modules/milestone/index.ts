import { defineModule } from '../module';
import { MilestoneRevision } from './milestone-revision.entity';
import { Milestone } from './milestone.entity';
import { MilestoneResolver, ProjectMilestoneResolver } from './milestone.resolver';
import { MilestoneService } from './milestone.service';

/** Milestones of a project and their revisions (as-of reads). */
export default defineModule({
  name: 'milestone',
  entities: [Milestone, MilestoneRevision],
  resolvers: [MilestoneResolver, ProjectMilestoneResolver],
  nodeTypes: { Milestone },
  createService: (deps) => ({ milestones: new MilestoneService(deps) }),
});
