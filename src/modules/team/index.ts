import { defineModule } from '../module';
import { Person, Team, TeamMember } from './team.entity';
import { PersonResolver, TeamMemberResolver, TeamResolver } from './team.resolver';
import { TeamService } from './team.service';

/** Permanent and temporary teams, the people in them and their memberships. */
export default defineModule({
  name: 'team',
  entities: [Person, Team, TeamMember],
  resolvers: [TeamResolver, TeamMemberResolver, PersonResolver],
  nodeTypes: { Person, Team },
  createService: (deps) => ({ teams: new TeamService(deps) }),
});
