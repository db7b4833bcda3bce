import { toGlobalId } from '../../src/common/ids';
import { readEvents } from '../../src/realtime/event-store';
import { streamKeys } from '../../src/realtime/streams';
import { dataOf, errorCode, expectBadInput, Role } from '../harness/app';
import { rowIdOf } from '../harness/cursors';
import { createOperation, createProcess, createProject, createTeam, recordSamples, uniqueName } from '../harness/factories';
import { describeApp } from '../harness/suite';

const PROJECT_START = '2026-03-01T00:00:00.000Z';
const HANDOVER_AT = '2026-03-10T12:00:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;

// The app's clock stands at PROJECT_START until a test moves it (t.clock.set), so the pilot, the handover
// and early-life support happen on chosen dates.
describeApp('handover lifecycle on %s', { clock: PROJECT_START }, ({ t }) => {
  /**
   * An operation with two processes (A 60/h → B 30/h, no calendar, so planned 24/7), an ACTIVE
   * project that started on PROJECT_START, and pilot samples on 2026-03-10 08:00–10:00, plus one
   * sample before the project started that the baseline must ignore.
   */
  async function pilot() {
    t.clock.set(PROJECT_START);
    const team = await createTeam(t, { name: uniqueName('App support') });
    const operation = await createOperation(t, { name: uniqueName('Pilot operation') });
    const a = await createProcess(t, { operationId: operation.id, name: 'A', sequence: 1, unit: 'orders', targetRatePerHour: 60 });
    const b = await createProcess(t, { operationId: operation.id, name: 'B', sequence: 2, unit: 'orders', targetRatePerHour: 30 });
    const project = await createProject(t, {
      name: uniqueName('Pilot'),
      startDate: PROJECT_START,
      dueDate: '2026-06-01T00:00:00.000Z',
      createTeam: true,
    });
    t.clock.set('2026-03-10T11:00:00.000Z');
    await recordSamples(t, [
      { processId: a.id, periodStart: '2026-02-27T08:00:00Z', periodEnd: '2026-02-27T09:00:00Z', goodUnits: 999, rejectedUnits: 999 },
      {
        processId: a.id,
        periodStart: '2026-03-10T08:00:00Z',
        periodEnd: '2026-03-10T09:00:00Z',
        goodUnits: 50,
        rejectedUnits: 5,
        downtimeMinutes: 6,
      },
      { processId: a.id, periodStart: '2026-03-10T09:00:00Z', periodEnd: '2026-03-10T10:00:00Z', goodUnits: 54, rejectedUnits: 2 },
      { processId: b.id, periodStart: '2026-03-10T08:00:00Z', periodEnd: '2026-03-10T09:00:00Z', goodUnits: 24, rejectedUnits: 1 },
      {
        processId: b.id,
        periodStart: '2026-03-10T09:00:00Z',
        periodEnd: '2026-03-10T10:00:00Z',
        goodUnits: 25,
        rejectedUnits: 3,
        downtimeMinutes: 12,
      },
    ]);
    t.clock.set(HANDOVER_AT);
    return { team, operation, project, a, b };
  }

  async function handOver(input: Record<string, unknown>, as: Role = Role.PROJECT_MANAGER) {
    return t.gql(HAND_OVER, { input }, as);
  }

  /** A pilot handed over into its operation with two criteria, targets and 14 days of support. */
  async function proposed() {
    const p = await pilot();
    const result = dataOf(
      await handOver({
        projectId: p.project.id,
        operationId: p.operation.id,
        teamId: p.team.id,
        acceptanceCriteria: ['  Runbook reviewed by the support team  ', 'On-call rota set up'],
        targets: { throughputPerHour: 30, yield: 0.9, oee: 0.8 },
        supportDays: 14,
      }),
    ).handOverProject;
    expect(result.__typename).toBe('HandoverResult');
    return { ...p, handover: result.handover };
  }

  async function readHandover(id: string) {
    return dataOf(await t.gql(HANDOVER, { id })).node;
  }

  async function projectEvents(projectId: string) {
    return (await readEvents(t.app.dataSource, streamKeys.project(rowIdOf(projectId)), 0, 100)).map((e) => e.type);
  }

  describe('proposing', () => {
    it('creates a PROPOSED handover with trimmed criteria, targets and a baseline matching hand-computed pilot numbers', async () => {
      const { handover, team, operation, project, b } = await proposed();
      expect(handover).toMatchObject({
        status: 'PROPOSED',
        version: 1,
        supportDays: 14,
        supportUntil: null,
        proposedAt: HANDOVER_AT,
        acceptedAt: null,
        unmetCriteria: 2,
        project: { id: project.id, status: 'COMPLETED' },
        operation: { id: operation.id },
        receivingTeam: { id: team.id },
        targets: { throughputPerHour: 30, yield: 0.9, oee: 0.8 },
        criteria: [
          { description: 'Runbook reviewed by the support team', met: false, metBy: null, metAt: null, version: 1 },
          { description: 'On-call rota set up', met: false, metBy: null, metAt: null, version: 1 },
        ],
      });
      // The span the pilot samples cover (the pre-project sample is ignored): 08:00–10:00, 120 planned minutes.
      const baseline = handover.baseline;
      expect(baseline.from).toBe('2026-03-10T08:00:00.000Z');
      expect(baseline.to).toBe('2026-03-10T10:00:00.000Z');
      expect(baseline.sampleCount).toBe(4);
      // Final process B: 53 units over 120 − 12 = 108 run minutes → 53 ÷ 1.8 h.
      expect(baseline.unitsPerHour).toBeCloseTo(53 / 1.8, 4);
      expect(baseline.unitsPerHour).toBeCloseTo(29.4444, 4);
      // Rolled throughput yield: A 104/111 × B 49/53.
      expect(baseline.yield).toBeCloseTo((104 / 111) * (49 / 53), 4);
      expect(baseline.yield).toBeCloseTo(0.8662, 4);
      // OEE of B: 0.9 availability × (2 min × 53 ÷ 108) performance × 49/53 quality = 49 × 2 ÷ 120.
      expect(baseline.oee).toBeCloseTo(0.8167, 4);

      // Reachable from both ends and by node ID.
      const fromProject = dataOf(await t.gql(PROJECT_HANDOVER, { id: project.id })).project.handover;
      expect(fromProject.id).toBe(handover.id);
      const fromOperation = dataOf(await t.gql(OPERATION_HANDOVER, { id: operation.id })).operation.handover;
      expect(fromOperation).toMatchObject({ id: handover.id, comparison: { finalProcess: { id: b.id } } });
      expect(await readHandover(handover.id)).toMatchObject({ __typename: 'Handover', id: handover.id });
    });

    it('gives a new operation an empty baseline, 30 days of support by default, and accepts without criteria', async () => {
      t.clock.set(PROJECT_START);
      const team = await createTeam(t);
      const project = await createProject(t, { startDate: PROJECT_START, dueDate: '2026-06-01T00:00:00.000Z' });
      t.clock.set(HANDOVER_AT);
      const result = dataOf(
        await handOver({ projectId: project.id, newOperationName: uniqueName('Fresh'), teamId: team.id }),
      ).handOverProject;
      expect(result.handover).toMatchObject({
        status: 'PROPOSED',
        supportDays: 30,
        criteria: [],
        unmetCriteria: 0,
        targets: { throughputPerHour: null, yield: null, oee: null },
        baseline: { from: null, to: null, unitsPerHour: null, yield: null, oee: null, sampleCount: 0 },
      });
      const accepted = dataOf(
        await t.gql(ACCEPT, { input: { id: result.handover.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER),
      ).acceptHandover;
      expect(accepted).toMatchObject({
        __typename: 'Handover',
        status: 'IN_SUPPORT',
        supportUntil: new Date(Date.parse(HANDOVER_AT) + 30 * DAY_MS).toISOString(),
      });
      const comparison = dataOf(await t.gql(COMPARISON, { id: result.handover.id })).node.comparison;
      expect(comparison).toMatchObject({ finalProcess: null, meetsTargets: null, throughput: { actual: { value: null }, target: null } });
      expect(comparison.throughput.actual.reason).toMatch(/^NO_PROCESSES:/);
    });

    it('is ACCEPTED straight away, without an IN_SUPPORT phase, when supportDays is 0', async () => {
      t.clock.set(PROJECT_START);
      const team = await createTeam(t);
      const project = await createProject(t, { startDate: PROJECT_START, dueDate: '2026-06-01T00:00:00.000Z' });
      t.clock.set(HANDOVER_AT);
      const { handover } = dataOf(
        await handOver({ projectId: project.id, newOperationName: uniqueName('No support'), teamId: team.id, supportDays: 0 }),
      ).handOverProject;
      const accepted = dataOf(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER)).acceptHandover;
      expect(accepted).toMatchObject({ status: 'ACCEPTED', supportUntil: HANDOVER_AT, acceptedAt: HANDOVER_AT });
    });

    it('refuses bad criteria, targets and support lengths as BAD_USER_INPUT and hands nothing over', async () => {
      const { project, operation, team } = await pilot();
      const base = { projectId: project.id, operationId: operation.id, teamId: team.id };
      expectBadInput(
        await handOver({ ...base, acceptanceCriteria: Array.from({ length: 51 }, (_, i) => `Criterion ${i}`) }),
        'input.acceptanceCriteria',
      );
      expectBadInput(await handOver({ ...base, acceptanceCriteria: ['x'.repeat(501)] }), 'input.acceptanceCriteria');
      expectBadInput(await handOver({ ...base, acceptanceCriteria: ['fine', '   '] }), 'input.acceptanceCriteria[1]');
      expectBadInput(await handOver({ ...base, targets: { yield: 1.5 } }), 'input.targets.yield');
      expectBadInput(await handOver({ ...base, targets: { oee: -0.1 } }), 'input.targets.oee');
      expectBadInput(await handOver({ ...base, targets: { throughputPerHour: -1 } }), 'input.targets.throughputPerHour');
      expectBadInput(await handOver({ ...base, supportDays: 366 }), 'input.supportDays');
      expectBadInput(await handOver({ ...base, supportDays: -1 }), 'input.supportDays');
      expect(dataOf(await t.gql(PROJECT_HANDOVER, { id: project.id })).project).toMatchObject({
        status: 'ACTIVE',
        version: 1,
        handover: null,
      });
    });
  });

  describe('lifecycle', () => {
    it('runs PROPOSED → criteria met → IN_SUPPORT → ACCEPTED (support over) → CLOSED, recording who and when, with project events', async () => {
      const { handover, project } = await proposed();
      const [runbook, rota] = handover.criteria;

      t.clock.set('2026-03-11T09:00:00.000Z');
      const met = dataOf(
        await t.gql(SET_CRITERION, { input: { id: runbook.id, met: true, expectedVersion: 1 } }, Role.PROJECT_MANAGER),
      ).setAcceptanceCriterion;
      expect(met).toMatchObject({
        __typename: 'AcceptanceCriterion',
        met: true,
        metBy: 'test-project_manager',
        metAt: '2026-03-11T09:00:00.000Z',
        version: 2,
        handover: { id: handover.id, unmetCriteria: 1 },
      });
      // Setting the value it already has changes nothing.
      expect(
        dataOf(await t.gql(SET_CRITERION, { input: { id: runbook.id, met: true } }, Role.PROJECT_MANAGER)).setAcceptanceCriterion,
      ).toMatchObject({ version: 2, metAt: '2026-03-11T09:00:00.000Z' });
      // The receiving side may record criteria too.
      t.clock.set('2026-03-12T09:00:00.000Z');
      expect(dataOf(await t.gql(SET_CRITERION, { input: { id: rota.id, met: true } }, Role.ADMIN)).setAcceptanceCriterion).toMatchObject({
        met: true,
        metBy: 'test-admin',
      });

      t.clock.set('2026-03-12T10:00:00.000Z');
      const accepted = dataOf(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 1 } }, Role.ADMIN)).acceptHandover;
      expect(accepted).toMatchObject({
        __typename: 'Handover',
        status: 'IN_SUPPORT',
        version: 2,
        acceptedAt: '2026-03-12T10:00:00.000Z',
        acceptedBy: 'test-admin',
        supportUntil: '2026-03-26T10:00:00.000Z',
        unmetCriteria: 0,
      });

      // Support runs out: the stored ACCEPTED now reads as ACCEPTED.
      t.clock.set('2026-03-26T10:00:00.000Z');
      expect(await readHandover(handover.id)).toMatchObject({ status: 'ACCEPTED', version: 2 });

      t.clock.set('2026-03-27T08:00:00.000Z');
      const closed = dataOf(await t.gql(CLOSE, { input: { id: handover.id, expectedVersion: 2 } }, Role.PROJECT_MANAGER)).closeHandover;
      expect(closed).toMatchObject({
        __typename: 'Handover',
        status: 'CLOSED',
        version: 3,
        closedAt: '2026-03-27T08:00:00.000Z',
        closedBy: 'test-project_manager',
      });

      expect((await projectEvents(project.id)).slice(-5)).toEqual([
        'project.handedOver',
        'handover.criterionSet',
        'handover.criterionSet',
        'handover.accepted',
        'handover.closed',
      ]);
    });

    it('closes a handover while it is still IN_SUPPORT, ending support early', async () => {
      const { handover } = await proposed();
      for (const c of handover.criteria) dataOf(await t.gql(SET_CRITERION, { input: { id: c.id, met: true } }, Role.PROJECT_MANAGER));
      dataOf(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER));
      const closed = dataOf(await t.gql(CLOSE, { input: { id: handover.id, expectedVersion: 2 } }, Role.PROJECT_MANAGER)).closeHandover;
      expect(closed).toMatchObject({ status: 'CLOSED', closedAt: HANDOVER_AT });
    });

    it('cannot be accepted while a criterion is unmet, and nothing changes', async () => {
      const { handover, project } = await proposed();
      const before = await readHandover(handover.id);
      const eventsBefore = await projectEvents(project.id);
      const refused = dataOf(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER)).acceptHandover;
      expect(refused).toMatchObject({
        __typename: 'HandoverNotReady',
        code: 'HANDOVER_NOT_READY',
        handoverId: handover.id,
        unmetCriteria: 2,
      });

      // One met, then unmet again: still not ready, and the second one still counts.
      dataOf(await t.gql(SET_CRITERION, { input: { id: handover.criteria[0].id, met: true } }, Role.PROJECT_MANAGER));
      const unmet = dataOf(
        await t.gql(SET_CRITERION, { input: { id: handover.criteria[0].id, met: false, expectedVersion: 2 } }, Role.PROJECT_MANAGER),
      ).setAcceptanceCriterion;
      expect(unmet).toMatchObject({ met: false, metBy: null, metAt: null, version: 3 });
      dataOf(await t.gql(SET_CRITERION, { input: { id: handover.criteria[1].id, met: true } }, Role.PROJECT_MANAGER));
      expect(
        dataOf(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER)).acceptHandover,
      ).toMatchObject({ __typename: 'HandoverNotReady', unmetCriteria: 1 });

      const after = await readHandover(handover.id);
      expect(after).toMatchObject({ status: 'PROPOSED', version: 1, acceptedAt: null, acceptedBy: null, supportUntil: null });
      expect({ ...after, criteria: undefined, unmetCriteria: undefined }).toEqual({
        ...before,
        criteria: undefined,
        unmetCriteria: undefined,
      });
      expect(eventsBefore).not.toContain('handover.accepted');
      expect(await projectEvents(project.id)).not.toContain('handover.accepted');
    });

    it('refuses invalid transitions with InvalidStateTransition and changes nothing', async () => {
      const { handover } = await proposed();
      const closeProposed = dataOf(
        await t.gql(CLOSE, { input: { id: handover.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER),
      ).closeHandover;
      expect(closeProposed).toMatchObject({
        __typename: 'InvalidStateTransition',
        code: 'INVALID_STATE_TRANSITION',
        from: 'PROPOSED',
        to: 'CLOSED',
      });

      for (const c of handover.criteria) dataOf(await t.gql(SET_CRITERION, { input: { id: c.id, met: true } }, Role.PROJECT_MANAGER));
      dataOf(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER));
      expect(
        dataOf(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 2 } }, Role.PROJECT_MANAGER)).acceptHandover,
      ).toMatchObject({ __typename: 'InvalidStateTransition', from: 'IN_SUPPORT', to: 'ACCEPTED' });
      // Criteria are frozen once accepted.
      expect(
        dataOf(await t.gql(SET_CRITERION, { input: { id: handover.criteria[0].id, met: false } }, Role.PROJECT_MANAGER))
          .setAcceptanceCriterion,
      ).toMatchObject({ __typename: 'InvalidStateTransition', from: 'IN_SUPPORT' });

      dataOf(await t.gql(CLOSE, { input: { id: handover.id, expectedVersion: 2 } }, Role.PROJECT_MANAGER));
      expect(
        dataOf(await t.gql(CLOSE, { input: { id: handover.id, expectedVersion: 3 } }, Role.PROJECT_MANAGER)).closeHandover,
      ).toMatchObject({ __typename: 'InvalidStateTransition', from: 'CLOSED', to: 'CLOSED' });
      expect(
        dataOf(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 3 } }, Role.PROJECT_MANAGER)).acceptHandover,
      ).toMatchObject({ __typename: 'InvalidStateTransition', from: 'CLOSED' });
      expect(await readHandover(handover.id)).toMatchObject({ status: 'CLOSED', version: 3, criteria: [{ met: true }, { met: true }] });
    });

    it('returns VersionConflict for stale versions and changes nothing', async () => {
      const { handover } = await proposed();
      for (const c of handover.criteria) dataOf(await t.gql(SET_CRITERION, { input: { id: c.id, met: true } }, Role.PROJECT_MANAGER));
      const staleCriterion = dataOf(
        await t.gql(SET_CRITERION, { input: { id: handover.criteria[0].id, met: false, expectedVersion: 1 } }, Role.PROJECT_MANAGER),
      ).setAcceptanceCriterion;
      expect(staleCriterion).toMatchObject({
        __typename: 'VersionConflict',
        nodeId: handover.criteria[0].id,
        expectedVersion: 1,
        actualVersion: 2,
      });

      const staleAccept = dataOf(
        await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 7 } }, Role.PROJECT_MANAGER),
      ).acceptHandover;
      expect(staleAccept).toMatchObject({ __typename: 'VersionConflict', nodeId: handover.id, expectedVersion: 7, actualVersion: 1 });
      expect(await readHandover(handover.id)).toMatchObject({ status: 'PROPOSED', version: 1, criteria: [{ met: true }, { met: true }] });

      dataOf(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER));
      const staleClose = dataOf(await t.gql(CLOSE, { input: { id: handover.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER)).closeHandover;
      expect(staleClose).toMatchObject({ __typename: 'VersionConflict', expectedVersion: 1, actualVersion: 2 });
      expect(await readHandover(handover.id)).toMatchObject({ status: 'IN_SUPPORT', version: 2, closedAt: null });
    });

    it('lets only PROJECT_MANAGER or ADMIN change a handover: FORBIDDEN for others, UNAUTHENTICATED without a token', async () => {
      const { handover } = await proposed();
      for (const role of [Role.VIEWER, Role.OPERATOR]) {
        expect(errorCode(await t.gql(SET_CRITERION, { input: { id: handover.criteria[0].id, met: true } }, role))).toBe('FORBIDDEN');
        expect(errorCode(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 1 } }, role))).toBe('FORBIDDEN');
        expect(errorCode(await t.gql(CLOSE, { input: { id: handover.id, expectedVersion: 1 } }, role))).toBe('FORBIDDEN');
      }
      expect(errorCode(await t.gql(ACCEPT, { input: { id: handover.id, expectedVersion: 1 } }, null))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(HANDOVER, { id: handover.id }, null))).toBe('UNAUTHENTICATED');
      // Everyone signed in may read it.
      expect(await readHandover(handover.id)).toMatchObject({ status: 'PROPOSED', version: 1, criteria: [{ met: false }, { met: false }] });
      expect(dataOf(await t.gql(HANDOVER, { id: handover.id }, Role.VIEWER)).node.id).toBe(handover.id);
    });

    it('refuses IDs of the wrong type and unknown IDs', async () => {
      const { handover, project } = await proposed();
      expectBadInput(await t.gql(ACCEPT, { input: { id: project.id, expectedVersion: 1 } }, Role.PROJECT_MANAGER), 'input.id');
      expectBadInput(await t.gql(SET_CRITERION, { input: { id: handover.id, met: true } }, Role.PROJECT_MANAGER), 'input.id');
      const unknown = toGlobalId('Handover', 999999);
      expect(errorCode(await t.gql(CLOSE, { input: { id: unknown, expectedVersion: 1 } }, Role.PROJECT_MANAGER))).toBe('NOT_FOUND');
    });
  });

  describe('comparison', () => {
    it('compares actuals over a window with the targets and the baseline (hand-computed)', async () => {
      const { handover, a, b } = await proposed();
      t.clock.set('2026-03-12T13:00:00.000Z');
      await recordSamples(t, [
        { processId: a.id, periodStart: '2026-03-12T10:00:00Z', periodEnd: '2026-03-12T12:00:00Z', goodUnits: 118, rejectedUnits: 2 },
        { processId: b.id, periodStart: '2026-03-12T10:00:00Z', periodEnd: '2026-03-12T12:00:00Z', goodUnits: 59, rejectedUnits: 1 },
      ]);
      const c = dataOf(await t.gql(COMPARISON, { id: handover.id, from: '2026-03-12T10:00:00Z', to: '2026-03-12T12:00:00Z' })).node
        .comparison;
      expect(c.window).toMatchObject({ from: '2026-03-12T10:00:00.000Z', to: '2026-03-12T12:00:00.000Z' });
      expect(c.finalProcess.id).toBe(b.id);
      // B: 60 units in 120 run minutes = 30/h, exactly the target.
      expect(c.throughput.actual).toMatchObject({ key: 'unitsPerHour', reason: null });
      expect(c.throughput.actual.value).toBeCloseTo(30, 4);
      expect(c.throughput).toMatchObject({ target: 30, meetsTarget: true });
      expect(c.throughput.deltaToTarget).toBeCloseTo(0, 4);
      expect(c.throughput.deltaToBaseline).toBeCloseTo(30 - 53 / 1.8, 4);
      // Rolled yield 118/120 × 59/60.
      const rty = (118 / 120) * (59 / 60);
      expect(c.yield.actual).toMatchObject({ key: 'rolledThroughputYield' });
      expect(c.yield.actual.value).toBeCloseTo(rty, 4);
      expect(c.yield.deltaToTarget).toBeCloseTo(rty - 0.9, 4);
      expect(c.yield.deltaToBaseline).toBeCloseTo(rty - (104 / 111) * (49 / 53), 4);
      // OEE of B: 59 good × 2 min ÷ 120 planned minutes.
      expect(c.oee.actual.value).toBeCloseTo((59 * 2) / 120, 4);
      expect(c.oee.deltaToTarget).toBeCloseTo((59 * 2) / 120 - 0.8, 4);
      expect(c.oee.deltaToBaseline).toBeCloseTo((59 * 2) / 120 - (49 * 2) / 120, 4);
      expect(c.oee.meetsTarget).toBe(true);
      expect(c.meetsTargets).toBe(true);

      // The operation reaches the same comparison.
      const viaOperation = dataOf(
        await t.gql(OPERATION_HANDOVER, {
          id: (await readHandover(handover.id)).operation.id,
          from: '2026-03-12T10:00:00Z',
          to: '2026-03-12T12:00:00Z',
        }),
      ).operation.handover.comparison;
      expect(viaOperation.meetsTargets).toBe(true);

      // The default window is the last 7 days as of now, and covers the samples too.
      const byDefault = dataOf(await t.gql(COMPARISON, { id: handover.id })).node.comparison;
      expect(byDefault.window).toMatchObject({ from: '2026-03-05T13:00:00.000Z', to: '2026-03-12T13:00:00.000Z' });
    });

    it('misses the targets in a window without output: zero throughput, and yield and OEE undefined with reasons', async () => {
      const { handover } = await proposed();
      const c = dataOf(await t.gql(COMPARISON, { id: handover.id, from: '2026-03-11T00:00:00Z', to: '2026-03-11T01:00:00Z' })).node
        .comparison;
      expect(c.throughput).toMatchObject({ actual: { value: 0 }, target: 30, deltaToTarget: -30, meetsTarget: false });
      expect(c.yield).toMatchObject({ actual: { value: null }, target: 0.9, deltaToTarget: null, meetsTarget: null });
      expect(c.yield.actual.reason).toMatch(/^NO_UNITS:/);
      expect(c.oee.actual.value).toBeNull();
      expect(c.meetsTargets).toBe(false);
    });

    it('rejects bad window arguments', async () => {
      const { handover } = await proposed();
      expectBadInput(await t.gql(COMPARISON, { id: handover.id, from: '2026-03-11T00:00:00Z' }), 'to');
      expectBadInput(await t.gql(COMPARISON, { id: handover.id, lastMinutes: 0 }), 'lastMinutes');
    });
  });
});

// ---- Operation documents -------------------------------------------------------------------

const HANDOVER_FIELDS = /* GraphQL */ `
  fragment HandoverFields on Handover {
    id
    status
    version
    supportDays
    supportUntil
    proposedAt
    acceptedAt
    acceptedBy
    closedAt
    closedBy
    unmetCriteria
    project {
      id
      status
    }
    operation {
      id
    }
    receivingTeam {
      id
    }
    targets {
      throughputPerHour
      yield
      oee
    }
    baseline {
      from
      to
      unitsPerHour
      yield
      oee
      sampleCount
    }
    criteria {
      id
      description
      met
      metBy
      metAt
      version
    }
  }
`;

const COMPARISON_FIELDS = /* GraphQL */ `
  fragment ComparisonFields on HandoverComparison {
    window {
      from
      to
      asOf
    }
    finalProcess {
      id
    }
    throughput {
      actual {
        key
        value
        reason
      }
      target
      baseline
      deltaToTarget
      deltaToBaseline
      meetsTarget
    }
    yield {
      actual {
        key
        value
        reason
      }
      target
      baseline
      deltaToTarget
      deltaToBaseline
      meetsTarget
    }
    oee {
      actual {
        key
        value
        reason
      }
      target
      baseline
      deltaToTarget
      deltaToBaseline
      meetsTarget
    }
    meetsTargets
  }
`;

const HAND_OVER = /* GraphQL */ `
  mutation HandOverProject($input: HandOverProjectInput!) {
    handOverProject(input: $input) {
      __typename
      ... on HandoverResult {
        handover {
          ...HandoverFields
        }
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
  ${HANDOVER_FIELDS}
`;

const HANDOVER = /* GraphQL */ `
  query Handover($id: ID!) {
    node(id: $id) {
      __typename
      ... on Handover {
        ...HandoverFields
      }
    }
  }
  ${HANDOVER_FIELDS}
`;

const COMPARISON = /* GraphQL */ `
  query HandoverComparison($id: ID!, $from: DateTimeISO, $to: DateTimeISO, $lastMinutes: Int) {
    node(id: $id) {
      ... on Handover {
        comparison(from: $from, to: $to, lastMinutes: $lastMinutes) {
          ...ComparisonFields
        }
      }
    }
  }
  ${COMPARISON_FIELDS}
`;

const PROJECT_HANDOVER = /* GraphQL */ `
  query ProjectHandover($id: ID!) {
    project(id: $id) {
      status
      version
      handover {
        id
      }
    }
  }
`;

const OPERATION_HANDOVER = /* GraphQL */ `
  query OperationHandover($id: ID!, $from: DateTimeISO, $to: DateTimeISO) {
    operation(id: $id) {
      handover {
        id
        comparison(from: $from, to: $to) {
          ...ComparisonFields
        }
      }
    }
  }
  ${COMPARISON_FIELDS}
`;

const SET_CRITERION = /* GraphQL */ `
  mutation SetAcceptanceCriterion($input: SetAcceptanceCriterionInput!) {
    setAcceptanceCriterion(input: $input) {
      __typename
      ... on AcceptanceCriterion {
        id
        met
        metBy
        metAt
        version
        handover {
          id
          unmetCriteria
        }
      }
      ... on VersionConflict {
        code
        nodeId
        expectedVersion
        actualVersion
      }
      ... on InvalidStateTransition {
        code
        from
        to
      }
    }
  }
`;

const ACCEPT = /* GraphQL */ `
  mutation AcceptHandover($input: AcceptHandoverInput!) {
    acceptHandover(input: $input) {
      __typename
      ... on Handover {
        id
        status
        version
        acceptedAt
        acceptedBy
        supportUntil
        unmetCriteria
      }
      ... on HandoverNotReady {
        code
        message
        handoverId
        unmetCriteria
      }
      ... on VersionConflict {
        code
        nodeId
        expectedVersion
        actualVersion
      }
      ... on InvalidStateTransition {
        code
        from
        to
      }
    }
  }
`;

const CLOSE = /* GraphQL */ `
  mutation CloseHandover($input: CloseHandoverInput!) {
    closeHandover(input: $input) {
      __typename
      ... on Handover {
        id
        status
        version
        closedAt
        closedBy
      }
      ... on VersionConflict {
        code
        nodeId
        expectedVersion
        actualVersion
      }
      ... on InvalidStateTransition {
        code
        from
        to
      }
    }
  }
`;
