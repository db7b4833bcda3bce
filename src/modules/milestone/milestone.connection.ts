import { Connection } from '../../common/pagination';
import { Milestone } from './milestone.entity';

/** A page of milestones: `Project.milestones`. */
export const MilestoneConnection = Connection(Milestone, 'Milestone', 'A milestone.');
