import { Connection } from '../../common/pagination';
import { Project } from './project.entity';

/** A page of projects: the `projects` query and `Operation.improvingProjects`. */
export const ProjectConnection = Connection(Project, 'Project', 'A project.');
