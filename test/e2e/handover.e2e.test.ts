import { dataOf, errorCode, expectBadInput, Role } from '../harness/app';
import { rowIdOf } from '../harness/cursors';
import { COMPLETE_MILESTONE, UPDATE_PROJECT } from '../harness/documents';
import { describeApp } from '../harness/suite';
import {
  addTeamMember,
  createMilestone,
  createOperation,
  createPerson,
  createProject,
  createRisk,
  createTeam,
  daysFromNow,
  recordProjectCost,
  uniqueName,
} from '../harness/factories';
import { toGlobalId } from '../../src/common/ids';
import { readEvents } from '../../src/realtime/event-store';
import { streamKeys } from '../../src/realtime/streams';

describeApp('handover and portfolio on %s', ({ t }) => {
  async function handOver(input: Record<string, unknown>, as: Role | null = Role.PROJECT_MANAGER) {
    return t.gql(HAND_OVER, { input }, as);
  }

  async function readProject(id: string) {
    return dataOf(await t.gql(PROJECT, { id })).project;
  }

  async function readOperation(id: string) {
    return dataOf(await t.gql(OPERATION, { id })).node;
  }

  /** How many operations match a name search (through the portfolio: it is what we own). */
  async function countOperationsNamed(search: string) {
    return dataOf(await t.gql(PORTFOLIO, { filter: { kind: ['OPERATION'], search } })).portfolio.totalCount as number;
  }

  describe('happy path', () => {
    it('runs a project from team to handover into a new operation, then reads it all back', async () => {
      const runners = await createTeam(t, { name: uniqueName('Runners') });
      const lead = await createPerson(t, { name: uniqueName('Lead') });
      const project = await createProject(t, { name: uniqueName('Web shop'), createTeam: true, budget: 50000 });
      await addTeamMember(t, project.team!.id, lead.id, 'Project lead');
      await addTeamMember(t, runners.id, lead.id, 'Shop owner');
      const design = await createMilestone(t, project.id, { name: 'Design', dueDate: daysFromNow(5), ownerId: lead.id });
      const launch = await createMilestone(t, project.id, { name: 'Launch', dueDate: daysFromNow(20), weight: 3 });
      await createRisk(t, project.id, {
        title: 'Payment provider late',
        probability: 3,
        impact: 4,
        milestoneId: launch.id,
        ownerId: lead.id,
      });
      for (const m of [design, launch]) {
        expect(dataOf(await t.gql(COMPLETE_MILESTONE, { input: { id: m.id } }, Role.PROJECT_MANAGER)).completeMilestone.__typename).toBe(
          'Milestone',
        );
      }
      await recordProjectCost(t, project.id, 12000.5);
      await recordProjectCost(t, project.id, 7999.5);
      const current = await readProject(project.id);

      const operationName = uniqueName('Web shop operations');
      const result = dataOf(
        await handOver({
          projectId: project.id,
          newOperationName: operationName,
          newOperationDescription: 'Runs the shop',
          teamId: runners.id,
          expectedVersion: current.version,
        }),
      ).handOverProject;
      expect(result.__typename).toBe('HandoverResult');
      expect(result.project).toMatchObject({
        id: project.id,
        status: 'COMPLETED',
        version: current.version + 1,
        deliveredOperation: { id: result.operation.id },
      });
      expect(result.project.completedAt).not.toBeNull();
      expect(result.operation).toMatchObject({
        name: operationName,
        description: 'Runs the shop',
        status: 'ACTIVE',
        team: { id: runners.id },
        originProject: { id: project.id },
      });

      const after = await readProject(project.id);
      expect(after).toMatchObject({
        status: 'COMPLETED',
        actualCost: { cents: '2000000' },
        budget: { cents: '5000000' },
        team: { kind: 'TEMPORARY', members: { totalCount: 1 } },
        milestones: { totalCount: 2 },
        risks: { edges: [{ node: { band: 'HIGH', milestone: { id: launch.id } } }] },
      });
      expect(after.team.disbandedAt).not.toBeNull();
      const operation = await readOperation(result.operation.id);
      expect(operation).toMatchObject({
        __typename: 'Operation',
        team: { id: runners.id, operations: { totalCount: 1 } },
        originProject: { id: project.id, deliveredOperation: { id: result.operation.id } },
      });

      const portfolio = dataOf(await t.gql(PORTFOLIO, { filter: { search: operationName.split(' ').slice(-1)[0] } })).portfolio;
      expect(portfolio.edges.map((e: any) => e.node.__typename)).toEqual(['Operation']);
    });

    it('appends project events for committed changes only, ending with project.handedOver', async () => {
      const team = await createTeam(t);
      const project = await createProject(t, { status: 'PLANNED' });
      const stream = streamKeys.project(rowIdOf(project.id));
      const types = async () => (await readEvents(t.app.dataSource, stream, 0, 100)).map((e) => e.type);
      await createMilestone(t, project.id);
      dataOf(await handOver({ projectId: project.id, newOperationName: uniqueName('Refused'), teamId: team.id }));
      expect(await types()).toEqual(['project.created', 'milestone.created']);
      dataOf(await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, status: 'ACTIVE' } }, Role.PROJECT_MANAGER));
      await recordProjectCost(t, project.id, 1);
      const result = dataOf(
        await handOver({ projectId: project.id, newOperationName: uniqueName('Accepted'), teamId: team.id }),
      ).handOverProject;
      expect(await types()).toEqual(['project.created', 'milestone.created', 'project.updated', 'cost.recorded', 'project.handedOver']);
      const operationEvents = await readEvents(t.app.dataSource, streamKeys.operation(rowIdOf(result.operation.id)), 0, 100);
      expect(operationEvents.map((e) => [e.type, e.subjectId])).toEqual([['project.handedOver', project.id]]);
    });

    it('links an existing operation without a team: it gets the team and its origin', async () => {
      const team = await createTeam(t);
      const operation = await createOperation(t);
      const project = await createProject(t, { createTeam: true });
      const result = dataOf(await handOver({ projectId: project.id, operationId: operation.id, teamId: team.id })).handOverProject;
      expect(result).toMatchObject({
        __typename: 'HandoverResult',
        project: { status: 'COMPLETED', deliveredOperation: { id: operation.id } },
        operation: { id: operation.id, team: { id: team.id }, originProject: { id: project.id }, version: 2 },
      });
      expect((await readProject(project.id)).team.disbandedAt).not.toBeNull();
    });

    it('keeps the team and origin an existing operation already has', async () => {
      const owners = await createTeam(t);
      const receivers = await createTeam(t);
      const operation = await createOperation(t, { teamId: owners.id });
      const first = await createProject(t, { status: 'ACTIVE' });
      dataOf(await handOver({ projectId: first.id, operationId: operation.id, teamId: receivers.id }));
      const second = await createProject(t, { status: 'ACTIVE' });
      dataOf(await t.gql(UPDATE_PROJECT, { input: { id: second.id, expectedVersion: 1, status: 'ON_HOLD' } }, Role.PROJECT_MANAGER));
      const result = dataOf(await handOver({ projectId: second.id, operationId: operation.id, teamId: receivers.id })).handOverProject;
      expect(result).toMatchObject({
        __typename: 'HandoverResult',
        project: { status: 'COMPLETED' },
        operation: { team: { id: owners.id }, originProject: { id: first.id } },
      });
    });
  });

  describe('refusals', () => {
    it('refuses to hand over a PLANNED project and creates no operation', async () => {
      const team = await createTeam(t);
      const project = await createProject(t, { status: 'PLANNED', createTeam: true });
      const before = await readProject(project.id);
      const name = uniqueName('Never');
      const result = dataOf(await handOver({ projectId: project.id, newOperationName: name, teamId: team.id })).handOverProject;
      expect(result).toMatchObject({
        __typename: 'InvalidStateTransition',
        code: 'INVALID_STATE_TRANSITION',
        from: 'PLANNED',
        to: 'handOverProject',
      });
      expect(await readProject(project.id)).toEqual(before);
      expect(await countOperationsNamed(name)).toBe(0);
    });

    it('refuses a second handover of a completed project', async () => {
      const team = await createTeam(t);
      const project = await createProject(t);
      dataOf(await handOver({ projectId: project.id, newOperationName: uniqueName('Once'), teamId: team.id }));
      const before = await readProject(project.id);
      const name = uniqueName('Twice');
      const result = dataOf(await handOver({ projectId: project.id, newOperationName: name, teamId: team.id })).handOverProject;
      expect(result).toMatchObject({ __typename: 'InvalidStateTransition', from: 'COMPLETED' });
      expect(await readProject(project.id)).toEqual(before);
      expect(await countOperationsNamed(name)).toBe(0);
    });

    it('returns VersionConflict for a stale project version and changes nothing', async () => {
      const team = await createTeam(t);
      const project = await createProject(t, { createTeam: true });
      dataOf(await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, goal: 'Moved' } }, Role.PROJECT_MANAGER));
      const before = await readProject(project.id);
      const name = uniqueName('Stale');
      const result = dataOf(
        await handOver({ projectId: project.id, newOperationName: name, teamId: team.id, expectedVersion: 1 }),
      ).handOverProject;
      expect(result).toMatchObject({ __typename: 'VersionConflict', nodeId: project.id, expectedVersion: 1, actualVersion: 2 });
      expect(await readProject(project.id)).toEqual(before);
      expect(before.team.disbandedAt).toBeNull();
      expect(await countOperationsNamed(name)).toBe(0);
    });

    it('refuses a retired receiving operation with InvalidStateTransition', async () => {
      const team = await createTeam(t);
      const retired = await createOperation(t, { status: 'RETIRED' });
      const project = await createProject(t);
      const result = dataOf(await handOver({ projectId: project.id, operationId: retired.id, teamId: team.id })).handOverProject;
      expect(result).toMatchObject({ __typename: 'InvalidStateTransition', from: 'RETIRED' });
      expect(await readProject(project.id)).toMatchObject({ status: 'ACTIVE', version: 1, deliveredOperation: null });
      expect(await readOperation(retired.id)).toMatchObject({ team: null, originProject: null, version: 1 });
    });

    it('requires exactly one of operationId and newOperationName', async () => {
      const team = await createTeam(t);
      const operation = await createOperation(t);
      const project = await createProject(t);
      const name = uniqueName('Both');
      expectBadInput(
        await handOver({ projectId: project.id, operationId: operation.id, newOperationName: name, teamId: team.id }),
        'input.operationId',
      );
      expectBadInput(await handOver({ projectId: project.id, teamId: team.id }), 'input.operationId');
      expect(await readProject(project.id)).toMatchObject({ status: 'ACTIVE', version: 1 });
      expect(await countOperationsNamed(name)).toBe(0);
    });

    it('refuses a temporary receiving team, wrong-type and unknown IDs and a 10,000-character name', async () => {
      const permanent = await createTeam(t);
      const project = await createProject(t, { createTeam: true });
      const name = uniqueName('Bad');
      expectBadInput(await handOver({ projectId: project.id, newOperationName: name, teamId: project.team!.id }), 'input.teamId');
      expectBadInput(await handOver({ projectId: permanent.id, newOperationName: name, teamId: permanent.id }), 'input.projectId');
      expectBadInput(await handOver({ projectId: project.id, operationId: project.id, teamId: permanent.id }), 'input.operationId');
      expectBadInput(
        await handOver({ projectId: project.id, newOperationName: 'n'.repeat(10_000), teamId: permanent.id }),
        'input.newOperationName',
      );
      expectBadInput(
        await handOver({ projectId: project.id, newOperationName: name, newOperationDescription: 'd'.repeat(2001), teamId: permanent.id }),
        'input.newOperationDescription',
      );
      expect(errorCode(await handOver({ projectId: toGlobalId('Project', 999_999), newOperationName: name, teamId: permanent.id }))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await handOver({ projectId: project.id, newOperationName: name, teamId: toGlobalId('Team', 999_999) }))).toBe(
        'NOT_FOUND',
      );
      expect(
        errorCode(await handOver({ projectId: project.id, operationId: toGlobalId('Operation', 999_999), teamId: permanent.id })),
      ).toBe('NOT_FOUND');
      expect(await readProject(project.id)).toMatchObject({ status: 'ACTIVE', version: 1, team: { disbandedAt: null } });
      expect(await countOperationsNamed(name)).toBe(0);
    });

    it('lets only PROJECT_MANAGER (or ADMIN) hand over: FORBIDDEN for others, UNAUTHENTICATED without a token', async () => {
      const team = await createTeam(t);
      const project = await createProject(t);
      const name = uniqueName('Sneaky');
      for (const role of [Role.VIEWER, Role.OPERATOR]) {
        expect(errorCode(await handOver({ projectId: project.id, newOperationName: name, teamId: team.id }, role))).toBe('FORBIDDEN');
      }
      expect(errorCode(await handOver({ projectId: project.id, newOperationName: name, teamId: team.id }, null))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(PORTFOLIO, {}, null))).toBe('UNAUTHENTICATED');
      expect(await readProject(project.id)).toMatchObject({ status: 'ACTIVE', version: 1 });
      expect(await countOperationsNamed(name)).toBe(0);
    });
  });

  describe('portfolio', () => {
    async function seedPortfolio() {
      const tag = uniqueName('Pf').replace(/\W+/g, '');
      const items = [
        ['a', await createOperation(t, { name: `${tag} a operation` })],
        ['B', await createProject(t, { name: `${tag} B project` })],
        ['c', await createOperation(t, { name: `${tag} c operation` })],
        ['D', await createProject(t, { name: `${tag} D project` })],
        ['e', await createProject(t, { name: `${tag} e project` })],
      ] as const;
      return { tag, ids: items.map(([, item]) => item.id) };
    }

    it('merges operations and projects by name, case-insensitively, with a total count', async () => {
      const { tag, ids } = await seedPortfolio();
      const page = dataOf(await t.gql(PORTFOLIO, { filter: { search: tag }, orderBy: 'NAME_ASC', first: 10 })).portfolio;
      expect(page.totalCount).toBe(5);
      expect(page.edges.map((e: any) => e.node.id)).toEqual(ids);
      expect(page.edges.map((e: any) => e.node.__typename)).toEqual(['Operation', 'Project', 'Operation', 'Project', 'Project']);
      expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    });

    it('pages through the merged list with cursors without gaps or repeats', async () => {
      const { tag, ids } = await seedPortfolio();
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page: any = dataOf(await t.gql(PORTFOLIO, { filter: { search: tag }, first: 2, after })).portfolio;
        seen.push(...page.edges.map((e: any) => e.node.id));
        expect(page.totalCount).toBe(5);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(ids);
    });

    it('orders by last change, newest first, and filters by kind', async () => {
      const { tag, ids } = await seedPortfolio();
      dataOf(await t.gql(UPDATE_PROJECT, { input: { id: ids[1], expectedVersion: 1, goal: 'Touched last' } }, Role.PROJECT_MANAGER));
      const page = dataOf(await t.gql(PORTFOLIO, { filter: { search: tag }, orderBy: 'UPDATED_AT_DESC' })).portfolio;
      expect(page.edges[0].node.id).toBe(ids[1]);
      const times = page.edges.map((e: any) => new Date(e.node.updatedAt).getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      const projects = dataOf(await t.gql(PORTFOLIO, { filter: { search: tag, kind: ['PROJECT'] } })).portfolio;
      expect(projects.totalCount).toBe(3);
      expect(projects.edges.every((e: any) => e.node.__typename === 'Project')).toBe(true);
      const operations = dataOf(await t.gql(PORTFOLIO, { filter: { search: tag, kind: ['OPERATION'] } })).portfolio;
      expect(operations.edges.map((e: any) => e.node.id)).toEqual([ids[0], ids[2]]);
    });

    it('rejects bad page sizes and cursors', async () => {
      expectBadInput(await t.gql(PORTFOLIO, { first: 0 }), 'first');
      expectBadInput(await t.gql(PORTFOLIO, { first: 101 }), 'first');
      expectBadInput(await t.gql(PORTFOLIO, { after: 'nonsense' }), 'after');
      expectBadInput(await t.gql(PORTFOLIO, { filter: { search: 's'.repeat(201) } }), 'filter.search');
    });
  });
});

// ---- Operation documents -------------------------------------------------------------------

const HAND_OVER = /* GraphQL */ `
  mutation HandOverProject($input: HandOverProjectInput!) {
    handOverProject(input: $input) {
      __typename
      ... on HandoverResult {
        project {
          id
          status
          version
          completedAt
          deliveredOperation {
            id
          }
        }
        operation {
          id
          name
          description
          status
          version
          team {
            id
          }
          originProject {
            id
          }
        }
      }
      ... on InvalidStateTransition {
        code
        message
        from
        to
      }
      ... on VersionConflict {
        code
        nodeId
        expectedVersion
        actualVersion
      }
    }
  }
`;

const PROJECT = /* GraphQL */ `
  query Project($id: ID!) {
    project(id: $id) {
      id
      status
      version
      completedAt
      budget {
        cents
      }
      actualCost {
        cents
      }
      deliveredOperation {
        id
      }
      team {
        id
        kind
        disbandedAt
        members {
          totalCount
        }
      }
      milestones {
        totalCount
        edges {
          node {
            id
            status
          }
        }
      }
      risks {
        edges {
          node {
            id
            band
            milestone {
              id
            }
          }
        }
      }
    }
  }
`;

const OPERATION = /* GraphQL */ `
  query Operation($id: ID!) {
    node(id: $id) {
      __typename
      ... on Operation {
        id
        version
        team {
          id
          operations {
            totalCount
          }
        }
        originProject {
          id
          deliveredOperation {
            id
          }
        }
      }
    }
  }
`;

const PORTFOLIO = /* GraphQL */ `
  query Portfolio($filter: PortfolioFilter, $orderBy: PortfolioOrderBy, $first: Int, $after: String) {
    portfolio(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          __typename
          ... on Operation {
            id
            name
            updatedAt
          }
          ... on Project {
            id
            name
            updatedAt
          }
        }
      }
    }
  }
`;
