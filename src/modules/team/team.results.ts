import { createUnionType } from 'type-graphql';
import { InvalidStateTransition } from '../../common/types';
import { Person, Team, TeamMember } from './team.entity';

export const CreateTeamResult = createUnionType({
  name: 'CreateTeamResult',
  description:
    'The created team, or InvalidStateTransition when the project a temporary team would staff has already ended (nothing was created).',
  types: () => [Team, InvalidStateTransition] as const,
});

export const AddTeamMemberResult = createUnionType({
  name: 'AddTeamMemberResult',
  description: 'The new membership, or InvalidStateTransition when the team is disbanded (nothing was changed, no person was created).',
  types: () => [TeamMember, InvalidStateTransition] as const,
});

export const CreatePersonResult = createUnionType({
  name: 'CreatePersonResult',
  description: 'The created person.',
  types: () => [Person] as const,
});
