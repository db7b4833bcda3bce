import { dataOf, errorCode, expectBadInput, Role } from '../harness/app';
import { ADD_TEAM_MEMBER, CREATE_PERSON, CREATE_TEAM, UPDATE_PROJECT } from '../harness/documents';
import { describeApp } from '../harness/suite';
import { addTeamMember, createOperation, createPerson, createProject, createTeam, uniqueName } from '../harness/factories';
import { toGlobalId } from '../../src/common/ids';

describeApp('teams and people on %s', ({ t }) => {
  async function teamMembers(teamId: string) {
    return dataOf(await t.gql(TEAM, { id: teamId })).node;
  }

  async function countTeamsNamed(search: string) {
    return dataOf(await t.gql(TEAMS, { filter: { search } })).teams.totalCount as number;
  }

  async function countPeopleMatching(search: string) {
    return dataOf(await t.gql(PEOPLE, { filter: { search } })).people.totalCount as number;
  }

  it('creates a permanent team, adds existing and new people, and lists members in joining order', async () => {
    const team = await createTeam(t, { name: uniqueName('Line crew') });
    const ada = await createPerson(t, { name: uniqueName('Ada') });
    await addTeamMember(t, team.id, ada.id, 'Line supervisor');
    const email = `${uniqueName('grace').replace(/\W+/g, '.')}@Example.COM`;
    const added = dataOf(
      await t.gql(ADD_TEAM_MEMBER, { input: { teamId: team.id, newPerson: { name: 'Grace Hopper', email }, role: 'Engineer' } }),
    );
    expect(added.addTeamMember).toMatchObject({
      __typename: 'TeamMember',
      role: 'Engineer',
      person: { name: 'Grace Hopper', email: email.toLowerCase() },
    });

    const node = await teamMembers(team.id);
    expect(node).toMatchObject({ __typename: 'Team', kind: 'PERMANENT', disbandedAt: null, project: null });
    expect(node.members.totalCount).toBe(2);
    expect(node.members.edges.map((e: any) => [e.node.person.id, e.node.role])).toEqual([
      [ada.id, 'Line supervisor'],
      [added.addTeamMember.person.id, 'Engineer'],
    ]);
    expect(new Date(node.members.edges[0].node.joinedAt).getTime()).toBeGreaterThan(0);
  });

  it('lists teams filtered by kind and search, and people by search', async () => {
    const tag = uniqueName('Zebra').replace(/\W+/g, '');
    await createTeam(t, { name: `${tag} permanent` });
    const project = await createProject(t);
    await createTeam(t, { name: `${tag} temporary`, kind: 'TEMPORARY', projectId: project.id });
    await createPerson(t, { name: `${tag} Person` });

    const all = dataOf(await t.gql(TEAMS, { filter: { search: tag } })).teams;
    expect(all.totalCount).toBe(2);
    const temporary = dataOf(await t.gql(TEAMS, { filter: { search: tag, kind: 'TEMPORARY' } })).teams;
    expect(temporary.edges.map((e: any) => e.node.name)).toEqual([`${tag} temporary`]);
    expect(temporary.edges[0].node.project.id).toBe(project.id);
    const people = dataOf(await t.gql(PEOPLE, { filter: { search: tag.toLowerCase() } })).people;
    expect(people.edges.map((e: any) => e.node.name)).toEqual([`${tag} Person`]);
  });

  it('shows the operations a permanent team runs', async () => {
    const team = await createTeam(t);
    const operation = await createOperation(t, { teamId: team.id });
    const node = dataOf(await t.gql(TEAM_OPERATIONS, { id: team.id })).node;
    expect(node.operations.totalCount).toBe(1);
    expect(node.operations.edges[0].node.id).toBe(operation.id);
  });

  it('links a temporary team and its project both ways', async () => {
    const project = await createProject(t);
    const team = await createTeam(t, { kind: 'TEMPORARY', projectId: project.id });
    const read = dataOf(await t.gql(PROJECT_TEAM, { id: project.id })).project;
    expect(read.team).toMatchObject({ id: team.id, kind: 'TEMPORARY', project: { id: project.id } });
  });

  it('requires a project for a temporary team and refuses one for a permanent team, creating nothing', async () => {
    const name = uniqueName('Nowhere');
    expectBadInput(await t.gql(CREATE_TEAM, { input: { name, kind: 'TEMPORARY' } }), 'input.projectId');
    const project = await createProject(t);
    expectBadInput(await t.gql(CREATE_TEAM, { input: { name, kind: 'PERMANENT', projectId: project.id } }), 'input.projectId');
    expect(await countTeamsNamed(name)).toBe(0);
  });

  it('refuses a second team for a project that already has one', async () => {
    const project = await createProject(t, { createTeam: true });
    const name = uniqueName('Second');
    expectBadInput(await t.gql(CREATE_TEAM, { input: { name, kind: 'TEMPORARY', projectId: project.id } }), 'input.projectId');
    expect(await countTeamsNamed(name)).toBe(0);
  });

  it('returns InvalidStateTransition when a team is created for a cancelled project', async () => {
    const project = await createProject(t);
    dataOf(
      await t.gql(
        UPDATE_PROJECT,
        { input: { id: project.id, expectedVersion: project.version, status: 'CANCELLED' } },
        Role.PROJECT_MANAGER,
      ),
    );
    const name = uniqueName('Late');
    const result = dataOf(await t.gql(CREATE_TEAM, { input: { name, kind: 'TEMPORARY', projectId: project.id } })).createTeam;
    expect(result).toMatchObject({ __typename: 'InvalidStateTransition', code: 'INVALID_STATE_TRANSITION', from: 'CANCELLED' });
    expect(await countTeamsNamed(name)).toBe(0);
  });

  it('refuses a duplicate membership naming input.personId and keeps one membership', async () => {
    const team = await createTeam(t);
    const person = await createPerson(t);
    await addTeamMember(t, team.id, person.id);
    expectBadInput(await t.gql(ADD_TEAM_MEMBER, { input: { teamId: team.id, personId: person.id, role: 'Again' } }), 'input.personId');
    expect((await teamMembers(team.id)).members.totalCount).toBe(1);
  });

  it('requires exactly one of personId and newPerson', async () => {
    const team = await createTeam(t);
    const person = await createPerson(t);
    const name = uniqueName('Both');
    expectBadInput(
      await t.gql(ADD_TEAM_MEMBER, { input: { teamId: team.id, personId: person.id, newPerson: { name }, role: 'X' } }),
      'input.personId',
    );
    expectBadInput(await t.gql(ADD_TEAM_MEMBER, { input: { teamId: team.id, role: 'X' } }), 'input.personId');
    expect((await teamMembers(team.id)).members.totalCount).toBe(0);
    expect(await countPeopleMatching(name)).toBe(0);
  });

  it('returns InvalidStateTransition when a disbanded team is joined, and creates no person', async () => {
    const project = await createProject(t, { createTeam: true });
    dataOf(
      await t.gql(
        UPDATE_PROJECT,
        { input: { id: project.id, expectedVersion: project.version, status: 'CANCELLED' } },
        Role.PROJECT_MANAGER,
      ),
    );
    const disbanded = await teamMembers(project.team!.id);
    expect(disbanded.disbandedAt).not.toBeNull();

    const name = uniqueName('Latecomer');
    const result = dataOf(
      await t.gql(ADD_TEAM_MEMBER, { input: { teamId: project.team!.id, newPerson: { name }, role: 'Tester' } }),
    ).addTeamMember;
    expect(result).toMatchObject({ __typename: 'InvalidStateTransition', code: 'INVALID_STATE_TRANSITION', from: 'DISBANDED' });
    expect(await countPeopleMatching(name)).toBe(0);
    expect((await teamMembers(project.team!.id)).members.totalCount).toBe(0);
  });

  it('refuses a duplicate e-mail address regardless of case, naming the field', async () => {
    const first = await createPerson(t);
    const name = uniqueName('Twin');
    expectBadInput(await t.gql(CREATE_PERSON, { input: { name, email: first.email!.toUpperCase() } }), 'input.email');
    const team = await createTeam(t);
    expectBadInput(
      await t.gql(ADD_TEAM_MEMBER, { input: { teamId: team.id, newPerson: { name, email: first.email }, role: 'X' } }),
      'input.newPerson.email',
    );
    expect(await countPeopleMatching(name)).toBe(0);
  });

  it('rejects malformed e-mail addresses and 10,000-character names', async () => {
    const name = uniqueName('Bad');
    expectBadInput(await t.gql(CREATE_PERSON, { input: { name, email: 'not-an-email' } }), 'input.email');
    expectBadInput(await t.gql(CREATE_PERSON, { input: { name: 'x'.repeat(10_000) } }), 'input.name');
    expectBadInput(await t.gql(CREATE_TEAM, { input: { name: 'x'.repeat(10_000), kind: 'PERMANENT' } }), 'input.name');
    const team = await createTeam(t);
    expectBadInput(await t.gql(ADD_TEAM_MEMBER, { input: { teamId: team.id, newPerson: { name }, role: 'r'.repeat(101) } }), 'input.role');
    expect(await countPeopleMatching(name)).toBe(0);
  });

  it('answers NOT_FOUND for unknown IDs and BAD_USER_INPUT for IDs of the wrong type', async () => {
    const person = await createPerson(t);
    const team = await createTeam(t);
    expect(
      errorCode(await t.gql(ADD_TEAM_MEMBER, { input: { teamId: toGlobalId('Team', 999_999), personId: person.id, role: 'X' } })),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await t.gql(ADD_TEAM_MEMBER, { input: { teamId: team.id, personId: toGlobalId('Person', 999_999), role: 'X' } })),
    ).toBe('NOT_FOUND');
    expectBadInput(await t.gql(ADD_TEAM_MEMBER, { input: { teamId: person.id, personId: person.id, role: 'X' } }), 'input.teamId');
    expectBadInput(await t.gql(ADD_TEAM_MEMBER, { input: { teamId: team.id, personId: 'garbage', role: 'X' } }), 'input.personId');
    expectBadInput(await t.gql(CREATE_TEAM, { input: { name: 'Wrong', kind: 'TEMPORARY', projectId: team.id } }), 'input.projectId');
    expect((await teamMembers(team.id)).members.totalCount).toBe(0);
  });

  it('lets only ADMIN manage teams and people: FORBIDDEN for other roles, UNAUTHENTICATED without a token', async () => {
    const name = uniqueName('Sneaky');
    for (const role of [Role.VIEWER, Role.OPERATOR, Role.PROJECT_MANAGER]) {
      expect(errorCode(await t.gql(CREATE_TEAM, { input: { name, kind: 'PERMANENT' } }, role))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(CREATE_PERSON, { input: { name } }, role))).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.gql(CREATE_TEAM, { input: { name, kind: 'PERMANENT' } }, null))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(TEAMS, {}, null))).toBe('UNAUTHENTICATED');
    expect(await countTeamsNamed(name)).toBe(0);
    expect(await countPeopleMatching(name)).toBe(0);
  });

  it('lets every role read teams and people', async () => {
    const team = await createTeam(t);
    for (const role of [Role.VIEWER, Role.OPERATOR, Role.PROJECT_MANAGER]) {
      const data = dataOf(await t.gql(TEAMS, { filter: { search: team.name } }, role));
      expect(data.teams.totalCount).toBe(1);
      expect(dataOf(await t.gql(PEOPLE, {}, role)).people.pageInfo).toBeDefined();
    }
  });
});

// ---- Operation documents -------------------------------------------------------------------

const TEAM = /* GraphQL */ `
  query Team($id: ID!) {
    node(id: $id) {
      __typename
      ... on Team {
        id
        name
        kind
        disbandedAt
        project {
          id
        }
        members(first: 50) {
          totalCount
          edges {
            node {
              role
              joinedAt
              person {
                id
                name
                email
              }
            }
          }
        }
      }
    }
  }
`;

const TEAM_OPERATIONS = /* GraphQL */ `
  query TeamOperations($id: ID!) {
    node(id: $id) {
      ... on Team {
        operations {
          totalCount
          edges {
            node {
              id
              name
            }
          }
        }
      }
    }
  }
`;

const TEAMS = /* GraphQL */ `
  query Teams($filter: TeamFilter) {
    teams(filter: $filter, orderBy: NAME_ASC) {
      totalCount
      edges {
        node {
          id
          name
          kind
          project {
            id
          }
        }
      }
    }
  }
`;

const PEOPLE = /* GraphQL */ `
  query People($filter: PersonFilter) {
    people(filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          id
          name
          email
        }
      }
    }
  }
`;

const PROJECT_TEAM = /* GraphQL */ `
  query ProjectTeam($id: ID!) {
    project(id: $id) {
      id
      team {
        id
        kind
        project {
          id
        }
      }
    }
  }
`;
