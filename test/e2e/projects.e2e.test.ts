import { dataOf, errorCode, expectBadInput, Role } from '../harness/app';
import {
  COMPLETE_MILESTONE,
  CREATE_MILESTONE,
  CREATE_PROJECT,
  CREATE_RISK,
  RECORD_COST,
  UPDATE_MILESTONE,
  UPDATE_PROJECT,
} from '../harness/documents';
import { describeApp } from '../harness/suite';
import {
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
import { Team, TeamKind } from '../../src/modules/team/team.entity';

describeApp('projects, milestones, risks and costs on %s', ({ t, leftovers }) => {
  async function readProject(id: string) {
    return dataOf(await t.gql(PROJECT, { id })).project;
  }

  async function countProjectsNamed(search: string) {
    return dataOf(await t.gql(PROJECTS, { filter: { search } })).projects.totalCount as number;
  }

  /** A TEMPORARY team without a project: the API always ties temporary teams to a project, older data may not. */
  async function insertFreeTemporaryTeam() {
    const repo = t.app.dataSource.getRepository(Team);
    const team = await repo.save(
      repo.create({
        name: uniqueName('Free crew'),
        kind: TeamKind.TEMPORARY,
        projectRowId: null,
        disbandedAt: null,
        createdAt: new Date(),
      }),
    );
    return team.id;
  }

  describe('happy path', () => {
    it('creates a project with its own temporary team, budget and zero actual cost', async () => {
      const name = uniqueName('Ordering app');
      const project = await createProject(t, { name, budget: 1234.5, createTeam: true });
      expect(project.team).toMatchObject({ kind: 'TEMPORARY', name });
      const read = await readProject(project.id);
      expect(read).toMatchObject({
        name,
        status: 'ACTIVE',
        version: 1,
        budget: { amount: 1234.5, cents: '123450', currency: 'EUR', formatted: '€1,234.50' },
        actualCost: { cents: '0' },
        team: { id: project.team!.id, project: { id: project.id } },
        deliveredOperation: null,
      });
    });

    it('staffs a project with an existing temporary team that has no project', async () => {
      const teamId = await insertFreeTemporaryTeam();
      const project = await createProject(t, { teamId });
      expect(project.team!.id).toBe(teamId);
      expect((await readProject(project.id)).team.project.id).toBe(project.id);
    });

    it('lists milestones by due date, risks by score and costs newest first, summing costs into actualCost', async () => {
      const owner = await createPerson(t);
      const project = await createProject(t);
      const late = await createMilestone(t, project.id, { name: 'Late', dueDate: daysFromNow(40) });
      const early = await createMilestone(t, project.id, {
        name: 'Early',
        dueDate: daysFromNow(10),
        ownerId: owner.id,
        weight: 2.5,
        percentComplete: 20,
      });
      await createRisk(t, project.id, { title: 'Small', probability: 1, impact: 2 });
      const big = await createRisk(t, project.id, { title: 'Big', probability: 5, impact: 4, ownerId: owner.id, milestoneId: early.id });
      expect(big).toMatchObject({ score: 20, band: 'CRITICAL' });
      await recordProjectCost(t, project.id, 100.25, { incurredAt: daysFromNow(-3), description: 'Old' });
      await recordProjectCost(t, project.id, 49.75, { incurredAt: daysFromNow(-1), description: 'New' });
      await recordProjectCost(t, project.id, -20, { incurredAt: daysFromNow(-2), description: 'Credit note' });

      const read = await readProject(project.id);
      expect(read.milestones.edges.map((e: any) => e.node.name)).toEqual(['Early', 'Late']);
      expect(read.milestones.edges[0].node).toMatchObject({
        id: early.id,
        weight: 2.5,
        percentComplete: 20,
        status: 'PLANNED',
        owner: { id: owner.id },
        project: { id: project.id },
      });
      expect(read.milestones.edges[1].node).toMatchObject({ id: late.id, owner: null });
      expect(read.risks.edges.map((e: any) => [e.node.title, e.node.score, e.node.band])).toEqual([
        ['Big', 20, 'CRITICAL'],
        ['Small', 2, 'LOW'],
      ]);
      expect(read.risks.edges[0].node).toMatchObject({ owner: { id: owner.id }, milestone: { id: early.id }, project: { id: project.id } });
      expect(read.costs.edges.map((e: any) => [e.node.description, e.node.amount.cents])).toEqual([
        ['New', '4975'],
        ['Credit note', '-2000'],
        ['Old', '10025'],
      ]);
      expect(read.costs.edges[0].node).toMatchObject({ project: { id: project.id }, operation: null });
      expect(read.actualCost).toMatchObject({ amount: 130, cents: '13000' });
    });

    it('computes actualCost for a whole page of projects with one grouped query', async () => {
      const tag = uniqueName('Batch').replace(/\W+/g, '');
      const expected = new Map<string, string>();
      for (const amount of [10, 20.5, 0]) {
        const project = await createProject(t, { name: `${tag} ${amount}` });
        if (amount) await recordProjectCost(t, project.id, amount);
        expected.set(project.id, String(Math.round(amount * 100)));
      }
      const spy = jest.spyOn(t.app.services.projects, 'actualCostCents');
      leftovers.push(() => spy.mockRestore());
      const page = dataOf(await t.gql(PROJECTS, { filter: { search: tag } })).projects;
      expect(page.totalCount).toBe(3);
      for (const edge of page.edges) expect(edge.node.actualCost.cents).toBe(expected.get(edge.node.id));
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0][0]).toHaveLength(3);
    });

    it('completes a milestone once, then answers MilestoneAlreadyCompleted', async () => {
      const project = await createProject(t);
      const milestone = await createMilestone(t, project.id);
      const done = dataOf(
        await t.gql(COMPLETE_MILESTONE, { input: { id: milestone.id, expectedVersion: milestone.version } }, Role.PROJECT_MANAGER),
      ).completeMilestone;
      expect(done).toMatchObject({ __typename: 'Milestone', status: 'DONE', percentComplete: 100, version: 2 });
      expect(done.completedAt).not.toBeNull();
      const again = dataOf(await t.gql(COMPLETE_MILESTONE, { input: { id: milestone.id } }, Role.PROJECT_MANAGER)).completeMilestone;
      expect(again).toMatchObject({
        __typename: 'MilestoneAlreadyCompleted',
        code: 'MILESTONE_ALREADY_COMPLETED',
        milestoneId: milestone.id,
        completedAt: done.completedAt,
      });
      expect((await readProject(project.id)).milestones.edges[0].node).toMatchObject({ status: 'DONE', version: 2 });
    });

    it('keeps milestone status and progress consistent: 100% alone is not DONE, DONE forces 100%', async () => {
      const project = await createProject(t);
      const milestone = await createMilestone(t, project.id);
      const hundred = dataOf(
        await t.gql(UPDATE_MILESTONE, { input: { id: milestone.id, expectedVersion: 1, percentComplete: 100 } }, Role.PROJECT_MANAGER),
      ).updateMilestone;
      expect(hundred).toMatchObject({ status: 'PLANNED', percentComplete: 100, completedAt: null, version: 2 });
      const back = dataOf(
        await t.gql(
          UPDATE_MILESTONE,
          { input: { id: milestone.id, expectedVersion: 2, percentComplete: 40, status: 'IN_PROGRESS' } },
          Role.PROJECT_MANAGER,
        ),
      ).updateMilestone;
      expect(back).toMatchObject({ status: 'IN_PROGRESS', percentComplete: 40 });
      const done = dataOf(
        await t.gql(UPDATE_MILESTONE, { input: { id: milestone.id, expectedVersion: 3, status: 'DONE' } }, Role.PROJECT_MANAGER),
      ).updateMilestone;
      expect(done).toMatchObject({ status: 'DONE', percentComplete: 100 });
      expect(done.completedAt).not.toBeNull();
      expectBadInput(
        await t.gql(UPDATE_MILESTONE, { input: { id: milestone.id, expectedVersion: 4, percentComplete: 50 } }, Role.PROJECT_MANAGER),
        'input.percentComplete',
      );
      const reopened = dataOf(
        await t.gql(
          UPDATE_MILESTONE,
          { input: { id: milestone.id, expectedVersion: 4, status: 'IN_PROGRESS', percentComplete: 90 } },
          Role.PROJECT_MANAGER,
        ),
      ).updateMilestone;
      expect(reopened).toMatchObject({ status: 'IN_PROGRESS', percentComplete: 90, completedAt: null, version: 5 });
    });

    it('escalates a risk band while its milestone is overdue and not after it is done', async () => {
      const project = await createProject(t);
      const overdue = await createMilestone(t, project.id, { dueDate: daysFromNow(-2) });
      const risk = await createRisk(t, project.id, { probability: 2, impact: 3, milestoneId: overdue.id });
      expect(risk).toMatchObject({ score: 6, band: 'HIGH' });
      dataOf(await t.gql(COMPLETE_MILESTONE, { input: { id: overdue.id } }, Role.PROJECT_MANAGER));
      expect((await readProject(project.id)).risks.edges[0].node).toMatchObject({ score: 6, band: 'MEDIUM' });
    });

    it('updates a risk and unlinks its milestone with an explicit null', async () => {
      const project = await createProject(t);
      const milestone = await createMilestone(t, project.id);
      const risk = await createRisk(t, project.id, { milestoneId: milestone.id });
      const updated = dataOf(
        await t.gql(
          UPDATE_RISK,
          {
            input: {
              id: risk.id,
              expectedVersion: 1,
              probability: 5,
              impact: 5,
              status: 'MITIGATING',
              milestoneId: null,
              mitigation: 'Hire',
            },
          },
          Role.PROJECT_MANAGER,
        ),
      ).updateRisk;
      expect(updated).toMatchObject({
        __typename: 'Risk',
        score: 25,
        band: 'CRITICAL',
        status: 'MITIGATING',
        milestone: null,
        mitigation: 'Hire',
        version: 2,
      });
    });

    it('filters projects by status, team, operation, due window, overdue and search, in the requested order', async () => {
      const tag = uniqueName('Filter').replace(/\W+/g, '');
      const operation = await createOperation(t);
      const overdue = await createProject(t, { name: `${tag} B overdue`, startDate: daysFromNow(-30), dueDate: daysFromNow(-1) });
      const planned = await createProject(t, {
        name: `${tag} A planned`,
        status: 'PLANNED',
        dueDate: daysFromNow(20),
        improvesOperationId: operation.id,
        createTeam: true,
      });
      const later = await createProject(t, { name: `${tag} C later`, dueDate: daysFromNow(90) });
      const names = async (filter: Record<string, unknown>, orderBy = 'DUE_DATE_ASC') =>
        dataOf(await t.gql(PROJECTS, { filter: { search: tag, ...filter }, orderBy })).projects.edges.map((e: any) => e.node.id);

      expect(await names({})).toEqual([overdue.id, planned.id, later.id]);
      expect(await names({}, 'NAME_DESC')).toEqual([later.id, overdue.id, planned.id]);
      expect(await names({ status: ['PLANNED'] })).toEqual([planned.id]);
      expect(await names({ overdue: true })).toEqual([overdue.id]);
      expect(await names({ overdue: false })).toEqual([planned.id, later.id]);
      expect(await names({ dueAfter: daysFromNow(0), dueBefore: daysFromNow(30) })).toEqual([planned.id]);
      expect(await names({ improvesOperationId: operation.id })).toEqual([planned.id]);
      expect(await names({ teamId: planned.team!.id })).toEqual([planned.id]);
      const read = await readProject(planned.id);
      expect(read.improvesOperation).toMatchObject({ id: operation.id });
    });

    it('completes an improvement project with updateProject and disbands its team', async () => {
      const operation = await createOperation(t);
      const project = await createProject(t, { improvesOperationId: operation.id, createTeam: true });
      const done = dataOf(
        await t.gql(
          UPDATE_PROJECT,
          { input: { id: project.id, expectedVersion: project.version, status: 'COMPLETED' } },
          Role.PROJECT_MANAGER,
        ),
      ).updateProject;
      expect(done).toMatchObject({ __typename: 'Project', status: 'COMPLETED', version: 2, deliveredOperation: null });
      expect(done.completedAt).not.toBeNull();
      expect(done.team.disbandedAt).not.toBeNull();
    });

    it('cancels a project, disbanding its team, after which it is final', async () => {
      const project = await createProject(t, { createTeam: true });
      const cancelled = dataOf(
        await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, status: 'CANCELLED' } }, Role.PROJECT_MANAGER),
      ).updateProject;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', completedAt: null });
      expect(cancelled.team.disbandedAt).not.toBeNull();
      const revived = dataOf(
        await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 2, status: 'ACTIVE' } }, Role.PROJECT_MANAGER),
      ).updateProject;
      expect(revived).toMatchObject({
        __typename: 'InvalidStateTransition',
        code: 'INVALID_STATE_TRANSITION',
        from: 'CANCELLED',
        to: 'ACTIVE',
      });
      expect(await readProject(project.id)).toMatchObject({ status: 'CANCELLED', version: 2 });
    });

    it('records an operation cost as OPERATOR and replays an idempotent retry without double-counting', async () => {
      const operation = await createOperation(t);
      const input = {
        operationId: operation.id,
        amount: 99.99,
        incurredAt: daysFromNow(-1),
        description: 'Spare parts',
        idempotencyKey: uniqueName('key').replace(/\W+/g, '-'),
      };
      const first = dataOf(await t.gql(RECORD_COST, { input }, Role.OPERATOR)).recordCost;
      expect(first).toMatchObject({ __typename: 'CostEntry', amount: { cents: '9999' }, operation: { id: operation.id }, project: null });
      const retry = dataOf(await t.gql(RECORD_COST, { input }, Role.OPERATOR)).recordCost;
      expect(retry.id).toBe(first.id);
      const reused = dataOf(await t.gql(RECORD_COST, { input: { ...input, amount: 1 } }, Role.OPERATOR)).recordCost;
      expect(reused).toMatchObject({ __typename: 'IdempotencyKeyReused', code: 'IDEMPOTENCY_KEY_REUSED' });

      const project = await createProject(t);
      const projectInput = {
        projectId: project.id,
        amount: 10,
        incurredAt: daysFromNow(-1),
        description: 'Once',
        idempotencyKey: 'same-key',
      };
      const a = dataOf(await t.gql(RECORD_COST, { input: projectInput }, Role.PROJECT_MANAGER)).recordCost;
      const b = dataOf(await t.gql(RECORD_COST, { input: projectInput }, Role.PROJECT_MANAGER)).recordCost;
      expect(b.id).toBe(a.id);
      expect((await readProject(project.id)).actualCost.cents).toBe('1000');
    });

    it('reads milestones, risks and costs back via node', async () => {
      const project = await createProject(t);
      const milestone = await createMilestone(t, project.id);
      const risk = await createRisk(t, project.id);
      const cost = await recordProjectCost(t, project.id, 5);
      for (const [id, typename] of [
        [project.id, 'Project'],
        [milestone.id, 'Milestone'],
        [risk.id, 'Risk'],
        [cost.id, 'CostEntry'],
      ]) {
        expect(dataOf(await t.gql(NODE, { id })).node).toEqual({ __typename: typename, id });
      }
    });
  });

  describe('bad input', () => {
    const base = () => ({ name: uniqueName('Invalid'), goal: 'x', startDate: daysFromNow(0), dueDate: daysFromNow(30), budget: 100 });

    it.each([
      ['a 10,000-character name', { name: 'x'.repeat(10_000) }, 'input.name'],
      ['an empty name', { name: '' }, 'input.name'],
      ['a 2,001-character goal', { goal: 'g'.repeat(2001) }, 'input.goal'],
      ['a due date before the start date', { startDate: daysFromNow(10), dueDate: daysFromNow(5) }, 'input.dueDate'],
      [
        'a due date equal to the start date',
        { startDate: '2030-01-01T00:00:00.000Z', dueDate: '2030-01-01T00:00:00.000Z' },
        'input.dueDate',
      ],
      ['a budget with 3 decimals', { budget: 10.005 }, 'input.budget'],
      ['a negative budget', { budget: -1 }, 'input.budget'],
      ['an absurd budget', { budget: 1e15 }, 'input.budget'],
      ['a final initial status', { status: 'COMPLETED' }, 'input.status'],
      ['an improved operation ID of the wrong type', { improvesOperationId: toGlobalId('Project', 1) }, 'input.improvesOperationId'],
      ['a malformed team ID', { teamId: 'not-an-id' }, 'input.teamId'],
    ])('refuses to create a project with %s and creates nothing', async (_label, override, field) => {
      const input = { ...base(), ...override };
      expectBadInput(await t.gql(CREATE_PROJECT, { input: { ...input, name: input.name } }, Role.PROJECT_MANAGER), field);
      if (input.name.length <= 200 && input.name) expect(await countProjectsNamed(input.name)).toBe(0);
    });

    it('refuses unsuitable teams for a new project and creates nothing', async () => {
      const input = base();
      const permanent = await createTeam(t);
      expectBadInput(await t.gql(CREATE_PROJECT, { input: { ...input, teamId: permanent.id } }, Role.PROJECT_MANAGER), 'input.teamId');
      const staffed = await createProject(t, { createTeam: true });
      expectBadInput(await t.gql(CREATE_PROJECT, { input: { ...input, teamId: staffed.team!.id } }, Role.PROJECT_MANAGER), 'input.teamId');
      const free = await insertFreeTemporaryTeam();
      expectBadInput(
        await t.gql(CREATE_PROJECT, { input: { ...input, teamId: free, createTeam: true } }, Role.PROJECT_MANAGER),
        'input.teamId',
      );
      expect(await countProjectsNamed(input.name)).toBe(0);
    });

    it('answers NOT_FOUND for an unknown improved operation and creates nothing', async () => {
      const input = { ...base(), improvesOperationId: toGlobalId('Operation', 999_999) };
      expect(errorCode(await t.gql(CREATE_PROJECT, { input }, Role.PROJECT_MANAGER))).toBe('NOT_FOUND');
      expect(await countProjectsNamed(input.name)).toBe(0);
    });

    it('returns VersionConflict for a stale project version and changes nothing', async () => {
      const project = await createProject(t);
      dataOf(await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, goal: 'Changed once' } }, Role.PROJECT_MANAGER));
      const before = await readProject(project.id);
      const stale = dataOf(
        await t.gql(
          UPDATE_PROJECT,
          { input: { id: project.id, expectedVersion: 1, name: 'Stale write', status: 'ON_HOLD' } },
          Role.PROJECT_MANAGER,
        ),
      ).updateProject;
      expect(stale).toMatchObject({
        __typename: 'VersionConflict',
        code: 'VERSION_CONFLICT',
        nodeId: project.id,
        expectedVersion: 1,
        actualVersion: 2,
      });
      expect(await readProject(project.id)).toEqual(before);
    });

    it('refuses invalid project status changes with InvalidStateTransition and changes nothing', async () => {
      const planned = await createProject(t, { status: 'PLANNED' });
      const toCompleted = dataOf(
        await t.gql(UPDATE_PROJECT, { input: { id: planned.id, expectedVersion: 1, status: 'COMPLETED' } }, Role.PROJECT_MANAGER),
      ).updateProject;
      expect(toCompleted).toMatchObject({ __typename: 'InvalidStateTransition', from: 'PLANNED', to: 'COMPLETED' });
      const active = await createProject(t);
      const needsHandover = dataOf(
        await t.gql(UPDATE_PROJECT, { input: { id: active.id, expectedVersion: 1, status: 'COMPLETED' } }, Role.PROJECT_MANAGER),
      ).updateProject;
      expect(needsHandover).toMatchObject({ __typename: 'InvalidStateTransition', from: 'ACTIVE', to: 'COMPLETED' });
      expect(needsHandover.message).toMatch(/handOverProject/);
      expect(await readProject(planned.id)).toMatchObject({ status: 'PLANNED', version: 1 });
      expect(await readProject(active.id)).toMatchObject({ status: 'ACTIVE', version: 1, completedAt: null });
    });

    it('refuses project updates that break the date order, budgets with 3 decimals and wrong-type IDs', async () => {
      const project = await createProject(t, { startDate: daysFromNow(-5), dueDate: daysFromNow(5) });
      const before = await readProject(project.id);
      expectBadInput(
        await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, dueDate: daysFromNow(-10) } }, Role.PROJECT_MANAGER),
        'input.dueDate',
      );
      expectBadInput(
        await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, startDate: daysFromNow(6) } }, Role.PROJECT_MANAGER),
        'input.startDate',
      );
      expectBadInput(
        await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, budget: 0.001 } }, Role.PROJECT_MANAGER),
        'input.budget',
      );
      expectBadInput(
        await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 0 } }, Role.PROJECT_MANAGER),
        'input.expectedVersion',
      );
      expectBadInput(
        await t.gql(UPDATE_PROJECT, { input: { id: toGlobalId('Milestone', 1), expectedVersion: 1 } }, Role.PROJECT_MANAGER),
        'input.id',
      );
      expect(
        errorCode(await t.gql(UPDATE_PROJECT, { input: { id: toGlobalId('Project', 999_999), expectedVersion: 1 } }, Role.PROJECT_MANAGER)),
      ).toBe('NOT_FOUND');
      expect(await readProject(project.id)).toEqual(before);
    });

    it.each([
      ['a zero weight', { weight: 0 }, 'input.weight'],
      ['a weight above 1000', { weight: 1000.5 }, 'input.weight'],
      ['percentComplete above 100', { percentComplete: 101 }, 'input.percentComplete'],
      ['negative percentComplete', { percentComplete: -1 }, 'input.percentComplete'],
      ['a 10,000-character name', { name: 'm'.repeat(10_000) }, 'input.name'],
      ['an owner ID of the wrong type', { ownerId: toGlobalId('Team', 1) }, 'input.ownerId'],
    ])('refuses a milestone with %s and adds nothing', async (_label, override, field) => {
      const project = await createProject(t);
      const input = { projectId: project.id, name: 'M', dueDate: daysFromNow(5), ...override };
      expectBadInput(await t.gql(CREATE_MILESTONE, { input }, Role.PROJECT_MANAGER), field);
      expect((await readProject(project.id)).milestones.totalCount).toBe(0);
    });

    it('refuses milestones and risks on ended projects with InvalidStateTransition', async () => {
      const project = await createProject(t);
      const milestone = await createMilestone(t, project.id);
      dataOf(await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, status: 'CANCELLED' } }, Role.PROJECT_MANAGER));
      const created = dataOf(
        await t.gql(
          CREATE_MILESTONE,
          { input: { projectId: project.id, name: 'Too late', dueDate: daysFromNow(5) } },
          Role.PROJECT_MANAGER,
        ),
      ).createMilestone;
      expect(created).toMatchObject({ __typename: 'InvalidStateTransition', from: 'CANCELLED', to: 'createMilestone' });
      const completed = dataOf(await t.gql(COMPLETE_MILESTONE, { input: { id: milestone.id } }, Role.PROJECT_MANAGER)).completeMilestone;
      expect(completed).toMatchObject({ __typename: 'InvalidStateTransition', from: 'CANCELLED' });
      const risk = dataOf(
        await t.gql(CREATE_RISK, { input: { projectId: project.id, title: 'R', probability: 1, impact: 1 } }, Role.PROJECT_MANAGER),
      ).createRisk;
      expect(risk).toMatchObject({ __typename: 'InvalidStateTransition' });
      const read = await readProject(project.id);
      expect(read.milestones.totalCount).toBe(1);
      expect(read.milestones.edges[0].node).toMatchObject({ status: 'PLANNED', version: 1 });
      expect(read.risks.totalCount).toBe(0);
    });

    it('refuses to complete a cancelled milestone and returns VersionConflict for a stale one', async () => {
      const project = await createProject(t);
      const cancelled = await createMilestone(t, project.id);
      dataOf(await t.gql(UPDATE_MILESTONE, { input: { id: cancelled.id, expectedVersion: 1, status: 'CANCELLED' } }, Role.PROJECT_MANAGER));
      const refused = dataOf(await t.gql(COMPLETE_MILESTONE, { input: { id: cancelled.id } }, Role.PROJECT_MANAGER)).completeMilestone;
      expect(refused).toMatchObject({ __typename: 'InvalidStateTransition', from: 'CANCELLED', to: 'DONE' });
      const viaUpdate = dataOf(
        await t.gql(UPDATE_MILESTONE, { input: { id: cancelled.id, expectedVersion: 2, status: 'DONE' } }, Role.PROJECT_MANAGER),
      ).updateMilestone;
      expect(viaUpdate).toMatchObject({ __typename: 'InvalidStateTransition' });

      const other = await createMilestone(t, project.id);
      dataOf(await t.gql(UPDATE_MILESTONE, { input: { id: other.id, expectedVersion: 1, name: 'Renamed' } }, Role.PROJECT_MANAGER));
      const stale = dataOf(
        await t.gql(COMPLETE_MILESTONE, { input: { id: other.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER),
      ).completeMilestone;
      expect(stale).toMatchObject({ __typename: 'VersionConflict', expectedVersion: 1, actualVersion: 2 });
      const staleUpdate = dataOf(
        await t.gql(UPDATE_MILESTONE, { input: { id: other.id, expectedVersion: 1, percentComplete: 10 } }, Role.PROJECT_MANAGER),
      ).updateMilestone;
      expect(staleUpdate).toMatchObject({ __typename: 'VersionConflict' });
      const statuses = (await readProject(project.id)).milestones.edges.map((e: any) => [e.node.id, e.node.status, e.node.percentComplete]);
      expect(statuses).toEqual(
        expect.arrayContaining([
          [cancelled.id, 'CANCELLED', 0],
          [other.id, 'PLANNED', 0],
        ]),
      );
    });

    it('refuses risks with out-of-range scores or a milestone of another project', async () => {
      const project = await createProject(t);
      const elsewhere = await createMilestone(t, (await createProject(t)).id);
      const input = { projectId: project.id, title: 'R', probability: 3, impact: 3 };
      expectBadInput(await t.gql(CREATE_RISK, { input: { ...input, probability: 6 } }, Role.PROJECT_MANAGER), 'input.probability');
      expectBadInput(await t.gql(CREATE_RISK, { input: { ...input, impact: 0 } }, Role.PROJECT_MANAGER), 'input.impact');
      expectBadInput(await t.gql(CREATE_RISK, { input: { ...input, title: 't'.repeat(10_000) } }, Role.PROJECT_MANAGER), 'input.title');
      expectBadInput(
        await t.gql(CREATE_RISK, { input: { ...input, milestoneId: elsewhere.id } }, Role.PROJECT_MANAGER),
        'input.milestoneId',
      );
      expect(
        errorCode(await t.gql(CREATE_RISK, { input: { ...input, milestoneId: toGlobalId('Milestone', 999_999) } }, Role.PROJECT_MANAGER)),
      ).toBe('NOT_FOUND');
      const risk = await createRisk(t, project.id);
      expectBadInput(
        await t.gql(UPDATE_RISK, { input: { id: risk.id, expectedVersion: 1, milestoneId: elsewhere.id } }, Role.PROJECT_MANAGER),
        'input.milestoneId',
      );
      dataOf(await t.gql(UPDATE_RISK, { input: { id: risk.id, expectedVersion: 1, title: 'Moved on' } }, Role.PROJECT_MANAGER));
      const stale = dataOf(
        await t.gql(UPDATE_RISK, { input: { id: risk.id, expectedVersion: 1, impact: 5 } }, Role.PROJECT_MANAGER),
      ).updateRisk;
      expect(stale).toMatchObject({ __typename: 'VersionConflict', actualVersion: 2 });
      const read = await readProject(project.id);
      expect(read.risks.totalCount).toBe(1);
      expect(read.risks.edges[0].node).toMatchObject({ title: 'Moved on', impact: 3, milestone: null, version: 2 });
    });

    it.each([
      ['an amount with 3 decimals', { amount: 1.005 }, 'input.amount'],
      ['a zero amount', { amount: 0 }, 'input.amount'],
      ['an absurd amount', { amount: 1e13 }, 'input.amount'],
      ['a date in the future', { incurredAt: daysFromNow(1) }, 'input.incurredAt'],
      ['an empty description', { description: '' }, 'input.description'],
      ['a 501-character description', { description: 'd'.repeat(501) }, 'input.description'],
      ['both a project and an operation', { operationId: 'OPERATION' }, 'input.projectId'],
      ['neither a project nor an operation', { projectId: null }, 'input.projectId'],
      ['a project ID of the wrong type', { projectId: toGlobalId('Operation', 1) }, 'input.projectId'],
    ])('refuses a cost with %s and records nothing', async (_label, override, field) => {
      const project = await createProject(t);
      const operation = await createOperation(t);
      const input: Record<string, unknown> = {
        projectId: project.id,
        amount: 10,
        incurredAt: daysFromNow(-1),
        description: 'Cost',
        ...override,
      };
      if (input.operationId === 'OPERATION') input.operationId = operation.id;
      expectBadInput(await t.gql(RECORD_COST, { input }, Role.ADMIN), field);
      const read = await readProject(project.id);
      expect(read.costs.totalCount).toBe(0);
      expect(read.actualCost.cents).toBe('0');
    });

    it('answers NOT_FOUND for a cost on an unknown project', async () => {
      const input = { projectId: toGlobalId('Project', 999_999), amount: 10, incurredAt: daysFromNow(-1), description: 'Ghost' };
      expect(errorCode(await t.gql(RECORD_COST, { input }, Role.PROJECT_MANAGER))).toBe('NOT_FOUND');
    });

    it('rejects page sizes outside 1–100 and malformed cursors', async () => {
      expectBadInput(await t.gql(PROJECTS, { first: 0 }), 'first');
      expectBadInput(await t.gql(PROJECTS, { first: 101 }), 'first');
      expectBadInput(await t.gql(PROJECTS, { after: 'bogus' }), 'after');
      expectBadInput(await t.gql(PROJECTS, { filter: { teamId: toGlobalId('Project', 1) } }), 'filter.teamId');
    });
  });

  describe('access', () => {
    it('lets only PROJECT_MANAGER (or ADMIN) change projects, milestones and risks', async () => {
      const project = await createProject(t);
      const milestone = await createMilestone(t, project.id);
      const name = uniqueName('Forbidden');
      for (const role of [Role.VIEWER, Role.OPERATOR]) {
        expect(
          errorCode(await t.gql(CREATE_PROJECT, { input: { name, startDate: daysFromNow(0), dueDate: daysFromNow(9), budget: 1 } }, role)),
        ).toBe('FORBIDDEN');
        expect(errorCode(await t.gql(UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, name } }, role))).toBe('FORBIDDEN');
        expect(errorCode(await t.gql(CREATE_MILESTONE, { input: { projectId: project.id, name, dueDate: daysFromNow(1) } }, role))).toBe(
          'FORBIDDEN',
        );
        expect(errorCode(await t.gql(COMPLETE_MILESTONE, { input: { id: milestone.id } }, role))).toBe('FORBIDDEN');
        expect(
          errorCode(await t.gql(CREATE_RISK, { input: { projectId: project.id, title: name, probability: 1, impact: 1 } }, role)),
        ).toBe('FORBIDDEN');
      }
      expect(
        errorCode(await t.gql(CREATE_PROJECT, { input: { name, startDate: daysFromNow(0), dueDate: daysFromNow(9), budget: 1 } }, null)),
      ).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(PROJECT, { id: project.id }, null))).toBe('UNAUTHENTICATED');
      expect(await countProjectsNamed(name)).toBe(0);
      const read = await readProject(project.id);
      expect(read).toMatchObject({
        version: 1,
        milestones: { totalCount: 1, edges: [{ node: { status: 'PLANNED' } }] },
        risks: { totalCount: 0 },
      });
    });

    it('checks the cost role by target: OPERATOR books operations only, PROJECT_MANAGER projects only', async () => {
      const project = await createProject(t);
      const operation = await createOperation(t);
      const cost = { amount: 5, incurredAt: daysFromNow(-1), description: 'Role check' };
      expect(errorCode(await t.gql(RECORD_COST, { input: { ...cost, projectId: project.id } }, Role.OPERATOR))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(RECORD_COST, { input: { ...cost, operationId: operation.id } }, Role.PROJECT_MANAGER))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await t.gql(RECORD_COST, { input: { ...cost, projectId: project.id } }, Role.VIEWER))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(RECORD_COST, { input: { ...cost, projectId: project.id } }, null))).toBe('UNAUTHENTICATED');
      expect((await readProject(project.id)).costs.totalCount).toBe(0);
      expect(dataOf(await t.gql(RECORD_COST, { input: { ...cost, operationId: operation.id } }, Role.ADMIN)).recordCost.__typename).toBe(
        'CostEntry',
      );
    });
  });
});

// ---- Operation documents -------------------------------------------------------------------

const PROJECT = /* GraphQL */ `
  query Project($id: ID!) {
    project(id: $id) {
      id
      name
      goal
      status
      version
      startDate
      dueDate
      completedAt
      budget {
        amount
        cents
        currency
        formatted
      }
      actualCost {
        amount
        cents
        currency
        formatted
      }
      team {
        id
        kind
        name
        disbandedAt
        project {
          id
        }
      }
      improvesOperation {
        id
      }
      deliveredOperation {
        id
      }
      milestones(first: 50) {
        totalCount
        edges {
          node {
            id
            name
            status
            weight
            percentComplete
            completedAt
            version
            owner {
              id
            }
            project {
              id
            }
          }
        }
      }
      risks(first: 50) {
        totalCount
        edges {
          node {
            id
            title
            probability
            impact
            score
            band
            status
            version
            owner {
              id
            }
            milestone {
              id
            }
            project {
              id
            }
          }
        }
      }
      costs(first: 50) {
        totalCount
        edges {
          node {
            id
            description
            incurredAt
            amount {
              cents
            }
            project {
              id
            }
            operation {
              id
            }
          }
        }
      }
    }
  }
`;

const PROJECTS = /* GraphQL */ `
  query Projects($filter: ProjectFilter, $orderBy: ProjectOrderBy, $first: Int, $after: String) {
    projects(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          name
          actualCost {
            cents
          }
        }
      }
    }
  }
`;

const NODE = /* GraphQL */ `
  query Node($id: ID!) {
    node(id: $id) {
      __typename
      id
    }
  }
`;

const UPDATE_RISK = /* GraphQL */ `
  mutation UpdateRisk($input: UpdateRiskInput!) {
    updateRisk(input: $input) {
      __typename
      ... on Risk {
        id
        score
        band
        status
        mitigation
        version
        milestone {
          id
        }
      }
      ... on VersionConflict {
        code
        actualVersion
      }
    }
  }
`;
