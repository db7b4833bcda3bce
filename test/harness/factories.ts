import { dataOf, Role, type TestApp } from './app';

/**
 * Small factories for e2e tests: each makes one object through the public API (so it exercises the
 * same code clients do) and returns the fields tests usually need. Names are unique per call, so
 * any test can run alone or beside others on a shared app.
 */

let counter = 0;

/** A name unique in this process, e.g. "Project 7-a1b2". */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix} ${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

/** An ISO date `days` from now (negative for the past). */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();
}

export interface Made {
  id: string;
  name: string;
  version?: number;
}

function expectType<T extends { __typename: string }>(result: T, typename: string): T {
  if (result.__typename !== typename) throw new Error(`Expected ${typename}, got ${JSON.stringify(result)}`);
  return result;
}

export async function createPerson(t: TestApp, input: { name?: string; email?: string | null } = {}) {
  const name = input.name ?? uniqueName('Person');
  const email = input.email === undefined ? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com` : input.email;
  const data = dataOf(await t.gql(CREATE_PERSON, { input: { name, email } }, Role.ADMIN));
  return expectType(data.createPerson, 'Person') as { __typename: string; id: string; name: string; email: string | null };
}

export async function createTeam(t: TestApp, input: { name?: string; kind?: 'PERMANENT' | 'TEMPORARY'; projectId?: string } = {}) {
  const data = dataOf(
    await t.gql(
      CREATE_TEAM,
      { input: { name: input.name ?? uniqueName('Team'), kind: input.kind ?? 'PERMANENT', projectId: input.projectId } },
      Role.ADMIN,
    ),
  );
  return expectType(data.createTeam, 'Team') as { __typename: string; id: string; name: string; kind: string };
}

export async function addTeamMember(t: TestApp, teamId: string, personId: string, role = 'Engineer') {
  const data = dataOf(await t.gql(ADD_TEAM_MEMBER, { input: { teamId, personId, role } }, Role.ADMIN));
  return expectType(data.addTeamMember, 'TeamMember');
}

export async function createOperation(t: TestApp, input: { name?: string; teamId?: string; status?: string } = {}) {
  const data = dataOf(
    await t.gql(
      CREATE_OPERATION,
      { input: { name: input.name ?? uniqueName('Operation'), teamId: input.teamId, status: input.status } },
      Role.ADMIN,
    ),
  );
  return expectType(data.createOperation, 'Operation') as { __typename: string; id: string; name: string; version: number };
}

export interface ProjectInput {
  name?: string;
  goal?: string;
  status?: string;
  startDate?: string;
  dueDate?: string;
  budget?: number;
  improvesOperationId?: string;
  teamId?: string;
  createTeam?: boolean;
}

export async function createProject(t: TestApp, input: ProjectInput = {}) {
  const data = dataOf(
    await t.gql(
      CREATE_PROJECT,
      {
        input: {
          name: input.name ?? uniqueName('Project'),
          goal: input.goal ?? 'Make things better',
          status: input.status ?? 'ACTIVE',
          startDate: input.startDate ?? daysFromNow(-10),
          dueDate: input.dueDate ?? daysFromNow(60),
          budget: input.budget ?? 10000,
          improvesOperationId: input.improvesOperationId,
          teamId: input.teamId,
          createTeam: input.createTeam ?? false,
        },
      },
      Role.PROJECT_MANAGER,
    ),
  );
  return expectType(data.createProject, 'Project') as {
    __typename: string;
    id: string;
    name: string;
    version: number;
    status: string;
    team: { id: string; kind: string; name: string } | null;
  };
}

export async function createMilestone(
  t: TestApp,
  projectId: string,
  input: { name?: string; dueDate?: string; weight?: number; ownerId?: string; percentComplete?: number } = {},
) {
  const data = dataOf(
    await t.gql(
      CREATE_MILESTONE,
      {
        input: {
          projectId,
          name: input.name ?? uniqueName('Milestone'),
          dueDate: input.dueDate ?? daysFromNow(30),
          weight: input.weight,
          ownerId: input.ownerId,
          percentComplete: input.percentComplete,
        },
      },
      Role.PROJECT_MANAGER,
    ),
  );
  return expectType(data.createMilestone, 'Milestone') as { __typename: string; id: string; name: string; version: number; status: string };
}

export async function createRisk(
  t: TestApp,
  projectId: string,
  input: { title?: string; probability?: number; impact?: number; milestoneId?: string; ownerId?: string } = {},
) {
  const data = dataOf(
    await t.gql(
      CREATE_RISK,
      {
        input: {
          projectId,
          title: input.title ?? uniqueName('Risk'),
          probability: input.probability ?? 3,
          impact: input.impact ?? 3,
          milestoneId: input.milestoneId,
          ownerId: input.ownerId,
        },
      },
      Role.PROJECT_MANAGER,
    ),
  );
  return expectType(data.createRisk, 'Risk') as {
    __typename: string;
    id: string;
    title: string;
    version: number;
    score: number;
    band: string;
  };
}

export async function recordProjectCost(
  t: TestApp,
  projectId: string,
  amount: number,
  input: { incurredAt?: string; description?: string } = {},
) {
  const data = dataOf(
    await t.gql(
      RECORD_COST,
      {
        input: { projectId, amount, incurredAt: input.incurredAt ?? daysFromNow(-1), description: input.description ?? 'Consulting' },
      },
      Role.PROJECT_MANAGER,
    ),
  );
  return expectType(data.recordCost, 'CostEntry') as { __typename: string; id: string; amount: { cents: string } };
}

// ---- Operation documents -------------------------------------------------------------------

const CREATE_PERSON = /* GraphQL */ `
  mutation CreatePerson($input: CreatePersonInput!) {
    createPerson(input: $input) {
      __typename
      ... on Person {
        id
        name
        email
      }
    }
  }
`;

const CREATE_TEAM = /* GraphQL */ `
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      __typename
      ... on Team {
        id
        name
        kind
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`;

const ADD_TEAM_MEMBER = /* GraphQL */ `
  mutation AddTeamMember($input: AddTeamMemberInput!) {
    addTeamMember(input: $input) {
      __typename
      ... on TeamMember {
        role
        person {
          id
          name
        }
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`;

const CREATE_OPERATION = /* GraphQL */ `
  mutation CreateOperation($input: CreateOperationInput!) {
    createOperation(input: $input) {
      __typename
      ... on Operation {
        id
        name
        version
      }
    }
  }
`;

const CREATE_PROJECT = /* GraphQL */ `
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      __typename
      ... on Project {
        id
        name
        version
        status
        team {
          id
          kind
          name
        }
      }
    }
  }
`;

const CREATE_MILESTONE = /* GraphQL */ `
  mutation CreateMilestone($input: CreateMilestoneInput!) {
    createMilestone(input: $input) {
      __typename
      ... on Milestone {
        id
        name
        version
        status
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`;

const CREATE_RISK = /* GraphQL */ `
  mutation CreateRisk($input: CreateRiskInput!) {
    createRisk(input: $input) {
      __typename
      ... on Risk {
        id
        title
        version
        score
        band
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`;

const RECORD_COST = /* GraphQL */ `
  mutation RecordCost($input: RecordCostInput!) {
    recordCost(input: $input) {
      __typename
      ... on CostEntry {
        id
        amount {
          cents
        }
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`;
