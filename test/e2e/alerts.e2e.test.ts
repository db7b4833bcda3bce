import { dataOf, errorCode, Role } from '../harness/app';
import { projectEventSeq } from '../harness/cursors';
import { COMPLETE_MILESTONE, CREATE_INVENTORY_ITEM, UPDATE_MILESTONE } from '../harness/documents';
import {
  createLine,
  createMilestone,
  createProject,
  createRisk,
  createTeam,
  recordProjectCost,
  recordSample,
  subscribe,
} from '../harness/factories';
import { describeApp } from '../harness/suite';
import { sleep } from '../harness/wait';

describeApp('alerts and project progress on %s', ({ t, db, leftovers }) => {
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  /** A subscription as a VIEWER, given a moment to register before the test writes. */
  async function subscribed(query: string, variables: Record<string, unknown>) {
    const sub = await subscribe(t, leftovers, query, variables);
    await sleep(150);
    return sub;
  }

  /** Records a sample `from`…`to` minutes ago and waits for the alert evaluation it causes. */
  async function record(processId: string, from: number, to: number, goodUnits: number) {
    await recordSample(t, { processId, periodStart: ago(from), periodEnd: ago(to), goodUnits, rejectedUnits: 0 });
    await t.app.services.alerts.idle();
  }

  /** An ACTIVE project running through 2026 with `budget`. */
  async function project2026(name: string, budget: number) {
    const made = await createProject(t, {
      name,
      startDate: '2026-01-01T00:00:00Z',
      dueDate: '2027-01-01T00:00:00Z',
      budget,
      status: 'ACTIVE',
    });
    return made.id;
  }

  async function alertsOf(operationId: string) {
    return dataOf(await t.gql(ALERTS, { filter: { operationId } })).alerts;
  }

  it('raises THROUGHPUT_BELOW_TARGET once per crossing, streams it, and clears it when output recovers', async () => {
    const { operationId: op, processId: p } = await createLine(t, 'Alerting line');
    const sub = await subscribed(ALERT_RAISED, { operationId: op });
    await record(p, 50, 40, 5);
    await record(p, 40, 30, 5);
    const list = await alertsOf(op);
    expect(list.totalCount).toBe(1);
    expect(list.edges[0].node).toMatchObject({
      kind: 'THROUGHPUT_BELOW_TARGET',
      severity: 'CRITICAL',
      subject: { id: p },
      clearedAt: null,
    });
    await sub.until(() => sub.results.length >= 1);
    expect(sub.results[0].data!.alertRaised).toMatchObject({ kind: 'THROUGHPUT_BELOW_TARGET', subject: { id: p } });
    expect(typeof sub.results[0].data!.alertRaised.cursor).toBe('string');
    await record(p, 30, 1, 80);
    const after = await alertsOf(op);
    expect(after.totalCount).toBe(1);
    expect(after.edges[0].node.clearedAt).not.toBeNull();
  });

  it('acknowledges an alert once, keeping the first acknowledgement, and refuses viewers', async () => {
    const { operationId: op, processId: p } = await createLine(t, 'Ack line');
    await record(p, 50, 40, 1);
    const alert = (await alertsOf(op)).edges[0].node;
    expect(errorCode(await t.gql(ACK, { input: { id: alert.id } }, Role.VIEWER))).toBe('FORBIDDEN');
    const first = dataOf(await t.gql(ACK, { input: { id: alert.id } }, Role.OPERATOR)).acknowledgeAlert;
    expect(first.acknowledgedAt).not.toBeNull();
    const second = dataOf(await t.gql(ACK, { input: { id: alert.id } }, Role.PROJECT_MANAGER)).acknowledgeAlert;
    expect(second.acknowledgedAt).toBe(first.acknowledgedAt);
    expect(second.acknowledgedBy).toBe('test-operator');
  });

  it('filters alertRaised by minimum severity and raises stock and budget alerts', async () => {
    const { operationId: op } = await createLine(t, 'Stock line');
    const critical = await subscribed(ALERT_RAISED, { minSeverity: 'CRITICAL' });
    const zippers = { operationId: op, sku: `ZIP-${db}`, name: 'Zippers', unit: 'pcs', reorderPoint: 50, initialOnHand: 60 };
    const item = dataOf(await t.gql(CREATE_INVENTORY_ITEM, { input: zippers })).createInventoryItem.id;
    dataOf(
      await t.gql(
        `mutation ($id: ID!) { recordStockMovement(input: { itemId: $id, kind: CONSUMPTION, quantity: 20 }) { __typename } }`,
        { id: item },
        Role.OPERATOR,
      ),
    );
    await t.app.services.alerts.idle();
    expect((await alertsOf(op)).edges.map((e: any) => [e.node.kind, e.node.severity])).toEqual([['STOCK_BELOW_REORDER_POINT', 'WARNING']]);

    const project = await project2026('Overrun', 100);
    await recordProjectCost(t, project, 150, { incurredAt: '2026-02-01T00:00:00Z', description: 'Too much' });
    await t.app.services.alerts.idle();
    await critical.until(() => critical.results.some((r) => r.data?.alertRaised.kind === 'BUDGET_OVERRUN'));
    expect(critical.results.every((r) => r.data!.alertRaised.severity === 'CRITICAL')).toBe(true);
    const kinds = dataOf(await t.gql(ALERTS, { filter: { projectId: project } })).alerts.edges.map((e: any) => e.node.kind);
    expect(kinds).toContain('BUDGET_OVERRUN');
  });

  it('streams project progress after a milestone completes and resumes from a cursor', async () => {
    const project = await project2026('Streamed', 1000);
    const sub = await subscribed(PROGRESS, { projectId: project });
    const m1 = (await createMilestone(t, project, { name: 'A', dueDate: '2026-12-01T00:00:00Z', weight: 1 })).id;
    await createMilestone(t, project, { name: 'B', dueDate: '2026-12-20T00:00:00Z', weight: 3 });
    await sub.until(() => sub.results.length >= 2);
    const cursor = sub.results[1].data!.projectProgressUpdated.cursor;
    sub.dispose();
    dataOf(await t.gql(COMPLETE_MILESTONE, { input: { id: m1 } }, Role.PROJECT_MANAGER));
    const resumed = await subscribed(PROGRESS, { projectId: project, after: cursor });
    await resumed.until(() => resumed.results.length >= 1);
    const update = resumed.results[0].data!.projectProgressUpdated;
    expect(update).toMatchObject({ replayed: true, kind: 'milestone.completed', milestone: { id: m1, status: 'DONE' } });
    expect(update.progress.value.value).toBeCloseTo(0.25, 4);
    expect(update.health.status).toBeDefined();
  });

  it('sends one projectProgressUpdated event for each kind of project mutation, in commit order', async () => {
    const project = await project2026('Every event', 1000);
    const team = (await createTeam(t, { name: `Receivers ${db}` })).id;
    const sub = await subscribed(PROGRESS, { projectId: project });
    const m = (await createMilestone(t, project, { name: 'A', dueDate: '2026-12-01T00:00:00Z', weight: 1 })).id;
    const progress = { id: m, expectedVersion: 1, percentComplete: 40, status: 'IN_PROGRESS' };
    dataOf(await t.gql(UPDATE_MILESTONE, { input: progress }, Role.PROJECT_MANAGER));
    dataOf(await t.gql(COMPLETE_MILESTONE, { input: { id: m } }, Role.PROJECT_MANAGER));
    await recordProjectCost(t, project, 10, { incurredAt: '2026-02-01T00:00:00Z', description: 'x' });
    await createRisk(t, project, { title: 'r', probability: 2, impact: 2 });
    const handover = dataOf(
      await t.gql(
        `mutation ($id: ID!, $team: ID!) { handOverProject(input: { projectId: $id, newOperationName: "Delivered ${db}", teamId: $team }) { __typename } }`,
        { id: project, team },
        Role.PROJECT_MANAGER,
      ),
    );
    expect(handover.handOverProject.__typename).toBe('HandoverResult');
    const kinds = ['milestone.created', 'milestone.updated', 'milestone.completed', 'cost.recorded', 'risk.created', 'project.handedOver'];
    await sub.until(() => kinds.every((k) => sub.results.some((r) => r.data?.projectProgressUpdated.kind === k)));
    const seen = sub.results.map((r) => r.data!.projectProgressUpdated.kind).filter((k) => kinds.includes(k));
    expect(seen).toEqual(kinds);
    const seqs = sub.results.map((r) => projectEventSeq(r.data!.projectProgressUpdated.cursor, project));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('raises MILESTONE_OVERDUE from the periodic sweep', async () => {
    const project = await project2026('Late', 1000);
    await createMilestone(t, project, { name: 'Overdue one', dueDate: ago(60 * 24), weight: 1 });
    await t.app.services.alerts.idle();
    await t.app.services.alerts.sweepNow();
    await t.app.services.alerts.sweepNow();
    const kinds = dataOf(await t.gql(ALERTS, { filter: { projectId: project, kinds: ['MILESTONE_OVERDUE'] } })).alerts;
    expect(kinds.totalCount).toBe(1);
  });
});

const ALERTS = `query ($filter: AlertFilter) { alerts(first: 50, filter: $filter) { totalCount edges { node { id kind severity message clearedAt acknowledgedAt subject { id } } } } }`;
const ALERT_RAISED = `subscription ($operationId: ID, $minSeverity: AlertSeverity) { alertRaised(operationId: $operationId, minSeverity: $minSeverity) { cursor id kind severity message subject { id } raisedAt acknowledgedAt } }`;
const ACK = `mutation ($input: AcknowledgeAlertInput!) { acknowledgeAlert(input: $input) { ... on Alert { id acknowledgedAt acknowledgedBy } } }`;
const PROGRESS = `subscription ($projectId: ID!, $after: String) { projectProgressUpdated(projectId: $projectId, after: $after) {
  cursor replayed kind milestone { id status } progress { value { value } rule } health { status reasons { metric } } earnedValue { spi { value } cpi { value } } } }`;
