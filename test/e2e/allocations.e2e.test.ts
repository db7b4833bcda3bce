import { dataOf, errorCode, expectBadInput, Role } from '../harness/app';
import {
  ADD_TEAM_MEMBER,
  ALLOCATE_PERSON,
  END_ALLOCATION,
  UPDATE_ALLOCATION,
  UPDATE_OPERATION,
  UPDATE_PERSON,
  UPDATE_PROJECT,
} from '../harness/documents';
import { describeApp } from '../harness/suite';
import { addTeamMember, allocatePerson, createOperation, createPerson, createProject, createTeam, uniqueName } from '../harness/factories';

// Monday 2 March 2026: weeks of the worked example start here.
const MONDAY = '2026-03-02T00:00:00Z';
const week = (n: number) => new Date(Date.parse(MONDAY) + n * 7 * 86_400_000).toISOString();

describeApp('allocations on %s', { clock: MONDAY }, ({ t }) => {
  afterEach(() => t.clock.set(MONDAY));

  /** A project running the worked example's four weeks and a little more. */
  const project = (name = uniqueName('Ordering app')) =>
    createProject(t, { name, status: 'ACTIVE', startDate: MONDAY, dueDate: '2026-04-30T00:00:00Z' });

  async function allocationsOf(personId: string) {
    return dataOf(await t.gql(PERSON_ALLOCATIONS, { id: personId })).node;
  }

  async function load(personId: string, from: string, to: string, asOf?: string) {
    const weekEnd = new Date(Date.parse(from) + 7 * 86_400_000).toISOString();
    return dataOf(await t.gql(PERSON_LOAD, { id: personId, from, to, weekEnd, asOf })).node;
  }

  it('works the issue example through the API: 0.75, 1.25, 1.25, 0.75 a week, 1.0 over four weeks, over capacity in 2 of 4', async () => {
    const person = await createPerson(t, { name: uniqueName('Rita') });
    const operation = await createOperation(t);
    const p = await project();
    const op = await allocatePerson(t, {
      personId: person.id,
      operationId: operation.id,
      hoursPerWeek: 30,
      from: week(0),
      to: week(4),
      role: 'Cutter',
    });
    const pr = await allocatePerson(t, {
      personId: person.id,
      projectId: p.id,
      hoursPerWeek: 20,
      from: week(1),
      to: week(3),
      role: 'Tester',
    });

    const read = await load(person.id, week(0), week(4));
    expect(read.capacityHoursPerWeek).toBe(40);
    expect(read.load.weeks.map((w: any) => w.utilisation.value)).toEqual([0.75, 1.25, 1.25, 0.75]);
    expect(read.load.weeks.map((w: any) => w.overCapacity)).toEqual([false, true, true, false]);
    expect(read.load).toMatchObject({
      allocatedHours: 160,
      capacityHours: 160,
      utilisation: { value: 1, reason: null, definition: { key: 'utilisation' } },
      overCapacityWeekCount: 2,
      overCapacityWeeks: [{ start: week(1) }, { start: week(2) }],
    });
    expect(read.load.shares).toEqual([
      { hours: 120, fractionOfCapacity: 0.75, target: { __typename: 'Operation', id: operation.id } },
      { hours: 40, fractionOfCapacity: 0.25, target: { __typename: 'Project', id: p.id } },
    ]);
    expect(read.overAllocated).toBe(true);
    expect(read.firstWeek).toBe(false);

    const listed = await allocationsOf(person.id);
    expect(listed.allocations.edges.map((e: any) => [e.node.id, e.node.hoursPerWeek, e.node.percentOfCapacity])).toEqual([
      [op.id, 30, 75],
      [pr.id, 20, 50],
    ]);

    const staffing = dataOf(await t.gql(STAFFING, { projectId: p.id, operationId: operation.id, from: week(0), to: week(4) }));
    expect(staffing.project.staffing).toMatchObject({ allocatedHours: 40, neededHours: null, people: 1, coverage: { value: null } });
    expect(staffing.project.staffing.coverage.reason).toMatch(/^NO_ESTIMATE: /);
    expect(staffing.operation.staffing).toMatchObject({ allocatedHours: 120, neededHours: null, people: 1 });
  });

  it('answers as of a past moment: allocations and changes recorded later do not count', async () => {
    const person = await createPerson(t);
    const operation = await createOperation(t);
    const p = await project();
    const op = await allocatePerson(t, { personId: person.id, operationId: operation.id, hoursPerWeek: 30, from: week(0), to: week(4) });
    t.clock.set('2026-03-02T01:00:00Z');
    await allocatePerson(t, { personId: person.id, projectId: p.id, hoursPerWeek: 20, from: week(1), to: week(3) });
    t.clock.set('2026-03-02T02:00:00Z');
    const changed = dataOf(
      await t.gql(UPDATE_ALLOCATION, { input: { id: op.id, expectedVersion: 1, hoursPerWeek: 10 } }, Role.PROJECT_MANAGER),
    );
    expect(changed.updateAllocation).toMatchObject({ __typename: 'Allocation', hoursPerWeek: 10, version: 2 });

    const before = await load(person.id, week(0), week(4), '2026-03-02T00:30:00Z');
    expect(before.load.weeks.map((w: any) => w.allocatedHours)).toEqual([30, 30, 30, 30]);
    expect(before.overAllocated).toBe(false);
    const between = await load(person.id, week(0), week(4), '2026-03-02T01:30:00Z');
    expect(between.load.weeks.map((w: any) => w.allocatedHours)).toEqual([30, 50, 50, 30]);
    const now = await load(person.id, week(0), week(4));
    expect(now.load.weeks.map((w: any) => w.allocatedHours)).toEqual([10, 30, 30, 10]);
    expect(now.load.asOf).toBe('2026-03-02T02:00:00.000Z');
  });

  it('refuses a closed project, a retired operation, dates outside the project and an open-ended project allocation, changing nothing', async () => {
    const person = await createPerson(t);
    const p = await project();
    const cancelled = await project();
    dataOf(
      await t.gql(
        UPDATE_PROJECT,
        { input: { id: cancelled.id, expectedVersion: cancelled.version, status: 'CANCELLED' } },
        Role.PROJECT_MANAGER,
      ),
    );
    const retired = await createOperation(t);
    const r = dataOf(await t.gql(UPDATE_OPERATION, { input: { id: retired.id, expectedVersion: retired.version, status: 'RETIRED' } }));
    expect(r.updateOperation.status).toBe('RETIRED');

    const refuse = async (input: Record<string, unknown>, reason: string) => {
      const res = dataOf(
        await t.gql(ALLOCATE_PERSON, { input: { personId: person.id, hoursPerWeek: 10, role: 'Help', ...input } }, Role.PROJECT_MANAGER),
      );
      expect(res.allocatePerson).toMatchObject({ __typename: 'AllocationRefused', reason, code: reason });
      expect(res.allocatePerson.message.length).toBeGreaterThan(10);
    };
    await refuse({ projectId: cancelled.id }, 'PROJECT_CLOSED');
    await refuse({ operationId: retired.id }, 'OPERATION_RETIRED');
    await refuse({ projectId: p.id, from: '2026-02-01T00:00:00Z', to: week(2) }, 'OUTSIDE_PROJECT_DATES');
    await refuse({ projectId: p.id, from: week(1), to: '2026-06-01T00:00:00Z' }, 'OUTSIDE_PROJECT_DATES');
    // Bad input is a GraphQL error naming the field.
    const both = await t.gql(ALLOCATE_PERSON, {
      input: { personId: person.id, projectId: p.id, operationId: retired.id, hoursPerWeek: 1, role: 'x' },
    });
    expectBadInput(both, 'input.projectId');
    expectBadInput(
      await t.gql(ALLOCATE_PERSON, { input: { personId: person.id, projectId: p.id, hoursPerWeek: 0, role: 'x' } }),
      'input.hoursPerWeek',
    );
    expectBadInput(
      await t.gql(ALLOCATE_PERSON, {
        input: { personId: person.id, projectId: p.id, hoursPerWeek: 5, from: week(2), to: week(1), role: 'x' },
      }),
      'input.to',
    );
    // A viewer may not allocate.
    expect(
      errorCode(await t.gql(ALLOCATE_PERSON, { input: { personId: person.id, projectId: p.id, hoursPerWeek: 5, role: 'x' } }, Role.VIEWER)),
    ).toBe('FORBIDDEN');
    expect((await allocationsOf(person.id)).allocations.totalCount).toBe(0);

    // An allocation to the open project: its update out of the dates, to open-ended, or at a stale version changes nothing.
    const a = await allocatePerson(t, { personId: person.id, projectId: p.id, hoursPerWeek: 10 });
    expect([a.from, a.to]).toEqual([MONDAY.replace('Z', '.000Z'), '2026-04-30T00:00:00.000Z']);
    const update = async (input: Record<string, unknown>) =>
      dataOf(await t.gql(UPDATE_ALLOCATION, { input: { id: a.id, expectedVersion: 1, ...input } }, Role.PROJECT_MANAGER)).updateAllocation;
    expect(await update({ to: null })).toMatchObject({ __typename: 'AllocationRefused', reason: 'PROJECT_NEEDS_END' });
    expect(await update({ to: '2026-05-30T00:00:00Z' })).toMatchObject({ reason: 'OUTSIDE_PROJECT_DATES' });
    expect(await update({ hoursPerWeek: 12, expectedVersion: 7 })).toMatchObject({
      __typename: 'VersionConflict',
      expectedVersion: 7,
      actualVersion: 1,
    });
    const end = async (input: Record<string, unknown>) =>
      dataOf(await t.gql(END_ALLOCATION, { input: { id: a.id, ...input } }, Role.PROJECT_MANAGER)).endAllocation;
    expect(await end({ expectedVersion: 3, at: week(2) })).toMatchObject({ __typename: 'VersionConflict' });
    expect(await end({ expectedVersion: 1, at: '2026-05-10T00:00:00Z' })).toMatchObject({
      __typename: 'InvalidStateTransition',
      requested: 'endAllocation',
    });
    expectBadInput(await t.gql(END_ALLOCATION, { input: { id: a.id, expectedVersion: 1, at: '2026-02-01T00:00:00Z' } }), 'input.at');
    const unchanged = (await allocationsOf(person.id)).allocations.edges.map((e: any) => e.node);
    expect(unchanged).toEqual([expect.objectContaining({ id: a.id, version: 1, hoursPerWeek: 10, to: '2026-04-30T00:00:00.000Z' })]);

    // Ending it works once; then the project closes and further changes are refused.
    expect(await end({ expectedVersion: 1, at: week(2) })).toMatchObject({
      __typename: 'Allocation',
      version: 2,
      to: week(2),
    });
    const current = dataOf(await t.gql(PROJECT_VERSION, { id: p.id })).project;
    dataOf(
      await t.gql(UPDATE_PROJECT, { input: { id: p.id, expectedVersion: current.version, status: 'CANCELLED' } }, Role.PROJECT_MANAGER),
    );
    expect(await update({ expectedVersion: 2, hoursPerWeek: 5 })).toMatchObject({ reason: 'PROJECT_CLOSED' });
    expect((await allocationsOf(person.id)).allocations.edges[0].node).toMatchObject({ version: 2, hoursPerWeek: 10 });
  });

  it("changes a person's capacity with expectedVersion; a stale version changes nothing", async () => {
    const person = await createPerson(t);
    const operation = await createOperation(t);
    await allocatePerson(t, { personId: person.id, operationId: operation.id, hoursPerWeek: 30, from: week(0), to: null });
    const changed = dataOf(
      await t.gql(UPDATE_PERSON, { input: { id: person.id, expectedVersion: 1, capacityHoursPerWeek: 20 } }),
    ).updatePerson;
    expect(changed).toMatchObject({ __typename: 'Person', capacityHoursPerWeek: 20, version: 2 });
    expect(changed.updatedAt).not.toBeNull();
    const stale = dataOf(
      await t.gql(UPDATE_PERSON, { input: { id: person.id, expectedVersion: 1, capacityHoursPerWeek: 60 } }),
    ).updatePerson;
    expect(stale).toMatchObject({ __typename: 'VersionConflict', actualVersion: 2 });
    expectBadInput(
      await t.gql(UPDATE_PERSON, { input: { id: person.id, expectedVersion: 2, capacityHoursPerWeek: 200 } }),
      'input.capacityHoursPerWeek',
    );
    expect(
      errorCode(
        await t.gql(UPDATE_PERSON, { input: { id: person.id, expectedVersion: 2, capacityHoursPerWeek: 30 } }, Role.PROJECT_MANAGER),
      ),
    ).toBe('FORBIDDEN');
    const read = await load(person.id, week(0), week(1));
    expect(read.capacityHoursPerWeek).toBe(20);
    expect(read.load.utilisation.value).toBe(1.5);
    // An open-ended operations allocation counts in every later window too.
    expect((await load(person.id, week(10), week(11))).overAllocated).toBe(true);
  });

  it('places capacity by the working calendar set with setShiftCalendar(personId)', async () => {
    const person = await createPerson(t);
    const operation = await createOperation(t);
    await allocatePerson(t, { personId: person.id, operationId: operation.id, hoursPerWeek: 20, from: week(0), to: null });
    const shifts = [1, 2, 3, 4, 5].map((d) => ({ name: 'Day', dayOfWeek: d, start: '09:00', end: '17:00', breaks: [] }));
    const set = dataOf(await t.gql(SET_CALENDAR, { input: { personId: person.id, timeZone: 'UTC', shifts } }));
    expect(set.setShiftCalendar.__typename).toBe('ShiftCalendar');
    const weekend = await load(person.id, '2026-03-07T00:00:00Z', week(1));
    expect(weekend.calendar.timeZone).toBe('UTC');
    expect(weekend.load).toMatchObject({ capacityHours: 0, allocatedHours: 0, utilisation: { value: null } });
    const monday = await load(person.id, week(0), '2026-03-03T00:00:00Z');
    expect(monday.load.capacityHours).toBeCloseTo(8, 9);
    expect(monday.load.allocatedHours).toBeCloseTo(4, 9);
  });

  it('gives a temporary team member a default allocation for the project dates, and shows teams and allocations both ways', async () => {
    const p = await project();
    const team = await createTeam(t, { kind: 'TEMPORARY', projectId: p.id });
    const line = await createTeam(t);
    const operation = await createOperation(t, { teamId: line.id });
    const person = await createPerson(t);
    await addTeamMember(t, line.id, person.id, 'Cutter');
    await allocatePerson(t, { personId: person.id, operationId: operation.id, hoursPerWeek: 30, from: week(0), to: null, role: 'Cutter' });
    await addTeamMember(t, team.id, person.id, 'Tester');
    const other = await createPerson(t);
    const custom = dataOf(
      await t.gql(ADD_TEAM_MEMBER, { input: { teamId: team.id, personId: other.id, role: 'Designer', projectHoursPerWeek: 8 } }),
    );
    expect(custom.addTeamMember.__typename).toBe('TeamMember');
    expectBadInput(
      await t.gql(ADD_TEAM_MEMBER, { input: { teamId: line.id, personId: other.id, role: 'x', projectHoursPerWeek: 8 } }),
      'input.projectHoursPerWeek',
    );

    const members = dataOf(await t.gql(TEAM_ALLOCATIONS, { id: team.id })).node.members.edges.map((e: any) => e.node);
    expect(
      members.map((m: any) => [
        m.person.id,
        m.allocations.edges.map((e: any) => [e.node.hoursPerWeek, e.node.from, e.node.to, e.node.role]),
      ]),
    ).toEqual([
      [person.id, [[20, '2026-03-02T00:00:00.000Z', '2026-04-30T00:00:00.000Z', 'Tester']]],
      [other.id, [[8, '2026-03-02T00:00:00.000Z', '2026-04-30T00:00:00.000Z', 'Designer']]],
    ]);
    const lineMembers = dataOf(await t.gql(TEAM_ALLOCATIONS, { id: line.id })).node.members.edges.map((e: any) => e.node);
    expect(lineMembers[0].allocations.edges.map((e: any) => e.node.hoursPerWeek)).toEqual([30]);

    const teams = dataOf(await t.gql(PERSON_TEAMS, { id: person.id })).node.teams.edges.map((e: any) => [e.node.team.id, e.node.role]);
    expect(teams).toEqual([
      [line.id, 'Cutter'],
      [team.id, 'Tester'],
    ]);
  });

  it('filters people by team and by over-allocation in a window', async () => {
    const team = await createTeam(t);
    const operation = await createOperation(t, { teamId: team.id });
    const busy = await createPerson(t, { name: uniqueName('Busy') });
    const calm = await createPerson(t, { name: uniqueName('Calm') });
    await addTeamMember(t, team.id, busy.id);
    await addTeamMember(t, team.id, calm.id);
    await allocatePerson(t, { personId: busy.id, operationId: operation.id, hoursPerWeek: 45, from: week(5), to: week(6) });
    await allocatePerson(t, { personId: calm.id, operationId: operation.id, hoursPerWeek: 20, from: week(0), to: null });

    const names = async (filter: Record<string, unknown>) =>
      dataOf(await t.gql(PEOPLE, { filter: { teamId: team.id, ...filter } }))
        .people.edges.map((e: any) => e.node.id)
        .sort();
    expect(await names({})).toEqual([busy.id, calm.id].sort());
    expect(await names({ overAllocated: true })).toEqual([busy.id]);
    expect(await names({ overAllocated: false })).toEqual([calm.id]);
    expect(await names({ overAllocated: true, window: { from: week(0), to: week(4) } })).toEqual([]);
    expectBadInput(await t.gql(PEOPLE, { filter: { overAllocated: true, window: { from: week(4), to: week(0) } } }), 'filter.window.to');
  });

  it('raises PERSON_OVER_ALLOCATED once per crossing and clears it when the load drops', async () => {
    const person = await createPerson(t, { name: uniqueName('Overbooked') });
    const operation = await createOperation(t);
    const p = await project();
    await allocatePerson(t, { personId: person.id, operationId: operation.id, hoursPerWeek: 30, from: week(0), to: week(8) });
    await t.app.services.alerts.idle();
    expect((await alertsOf(person.id)).length).toBe(0);

    const extra = await allocatePerson(t, { personId: person.id, projectId: p.id, hoursPerWeek: 20, from: week(1), to: week(3) });
    await t.app.services.alerts.idle();
    await allocatePerson(t, { personId: person.id, projectId: p.id, hoursPerWeek: 1, from: week(1), to: week(2) });
    await t.app.services.alerts.idle();
    await t.app.services.alerts.sweepNow();
    const raised = await alertsOf(person.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ kind: 'PERSON_OVER_ALLOCATED', clearedAt: null, subject: { id: person.id } });
    expect(raised[0].message).toContain('over capacity in 2 of the 12 weeks from 2026-03-02');

    const ended = dataOf(
      await t.gql(
        END_ALLOCATION,
        { input: { id: extra.id, expectedVersion: 1, at: week(1).replace('00:00:00', '01:00:00') } },
        Role.PROJECT_MANAGER,
      ),
    );
    expect(ended.endAllocation.__typename).toBe('Allocation');
    await t.app.services.alerts.idle();
    // Ended an hour into week 2: at most 30 + 20 × 1/168 + 1 hours in any week, under the 40 h capacity.
    const cleared = await alertsOf(person.id);
    expect(cleared).toHaveLength(1);
    expect(cleared[0].clearedAt).not.toBeNull();
  });

  it('lists handovers as a top-level connection, filtered by status and operation', async () => {
    const team = await createTeam(t);
    const p = await createProject(t, { status: 'ACTIVE' });
    const handed = dataOf(
      await t.gql(HAND_OVER, { input: { projectId: p.id, newOperationName: uniqueName('Shop'), teamId: team.id } }, Role.PROJECT_MANAGER),
    ).handOverProject;
    expect(handed.__typename).toBe('HandoverResult');
    const operationId = handed.operation.id;
    const list = async (filter: Record<string, unknown>) => dataOf(await t.gql(HANDOVERS, { filter })).handovers;
    const mine = await list({ operationId });
    expect(mine.totalCount).toBe(1);
    expect(mine.edges[0].node).toMatchObject({ status: 'PROPOSED', project: { id: p.id }, operation: { id: operationId } });
    expect((await list({ operationId, statuses: ['PROPOSED'] })).totalCount).toBe(1);
    expect((await list({ operationId, statuses: ['CLOSED', 'IN_SUPPORT'] })).totalCount).toBe(0);
    expect((await list({ teamId: team.id })).totalCount).toBe(1);
  });

  async function alertsOf(personId: string) {
    const alerts = dataOf(await t.gql(ALERTS, { kinds: ['PERSON_OVER_ALLOCATED'] })).alerts.edges.map((e: any) => e.node);
    return alerts.filter((a: any) => a.subject?.id === personId);
  }
});

const PERSON_ALLOCATIONS = /* GraphQL */ `
  query PersonAllocations($id: ID!) {
    node(id: $id) {
      ... on Person {
        allocations(first: 50) {
          totalCount
          edges {
            node {
              id
              version
              hoursPerWeek
              percentOfCapacity
              from
              to
              role
            }
          }
        }
      }
    }
  }
`;

const PERSON_LOAD = /* GraphQL */ `
  query PersonLoad($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $weekEnd: DateTimeISO!, $asOf: DateTimeISO) {
    node(id: $id) {
      ... on Person {
        capacityHoursPerWeek
        calendar {
          timeZone
        }
        overAllocated(from: $from, to: $to, asOf: $asOf)
        firstWeek: overAllocated(from: $from, to: $weekEnd, asOf: $asOf)
        load(from: $from, to: $to, asOf: $asOf) {
          asOf
          allocatedHours
          capacityHours
          utilisation {
            value
            reason
            definition {
              key
            }
          }
          overCapacityWeekCount
          overCapacityWeeks {
            start
          }
          weeks {
            start
            allocatedHours
            utilisation {
              value
            }
            overCapacity
          }
          shares {
            hours
            fractionOfCapacity
            target {
              __typename
              ... on Operation {
                id
              }
              ... on Project {
                id
              }
            }
          }
        }
      }
    }
  }
`;

const STAFFING = /* GraphQL */ `
  query Staffing($projectId: ID!, $operationId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
    project(id: $projectId) {
      staffing {
        allocatedHours
        neededHours
        people
        coverage {
          value
          reason
        }
      }
    }
    operation(id: $operationId) {
      staffing(from: $from, to: $to) {
        allocatedHours
        neededHours
        people
      }
    }
  }
`;

const PROJECT_VERSION = `query ($id: ID!) { project(id: $id) { version } }`;

const SET_CALENDAR = `mutation ($input: SetShiftCalendarInput!) { setShiftCalendar(input: $input) { __typename } }`;

const TEAM_ALLOCATIONS = /* GraphQL */ `
  query TeamAllocations($id: ID!) {
    node(id: $id) {
      ... on Team {
        members(first: 20) {
          edges {
            node {
              person {
                id
              }
              allocations(first: 20) {
                edges {
                  node {
                    hoursPerWeek
                    from
                    to
                    role
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

const PERSON_TEAMS = /* GraphQL */ `
  query PersonTeams($id: ID!) {
    node(id: $id) {
      ... on Person {
        teams(first: 10) {
          edges {
            node {
              role
              team {
                id
              }
            }
          }
        }
      }
    }
  }
`;

const PEOPLE = /* GraphQL */ `
  query People($filter: PersonFilter) {
    people(first: 50, filter: $filter) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

const ALERTS = /* GraphQL */ `
  query Alerts($kinds: [AlertKind!]) {
    alerts(first: 100, filter: { kinds: $kinds }) {
      edges {
        node {
          kind
          message
          clearedAt
          subject {
            ... on Node {
              id
            }
          }
        }
      }
    }
  }
`;

const HAND_OVER = /* GraphQL */ `
  mutation HandOver($input: HandOverProjectInput!) {
    handOverProject(input: $input) {
      __typename
      ... on HandoverResult {
        operation {
          id
        }
      }
    }
  }
`;

const HANDOVERS = /* GraphQL */ `
  query Handovers($filter: HandoverFilter) {
    handovers(first: 10, filter: $filter) {
      totalCount
      edges {
        node {
          status
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
`;
