import { dataOf, errorCode, Role, startTestApp, TEST_DATABASES, type TestApp } from '../harness/app';
import { collect, wsClient } from '../harness/ws';
import { fromGlobalId } from '../../src/common/ids';
import { decodeEventCursor } from '../../src/realtime/cursor';
import { streamKeys } from '../../src/realtime/streams';

describe.each(TEST_DATABASES)('alerts and project progress on %s', (db) => {
  let t: TestApp;
  const leftovers: (() => unknown)[] = [];
  beforeAll(async () => {
    t = await startTestApp(db);
  });
  afterEach(async () => {
    for (const f of leftovers.splice(0)) await f();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  async function subscribe(query: string, variables: Record<string, unknown>) {
    const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    leftovers.push(() => client.dispose());
    const sub = collect(client, query, variables);
    await new Promise((r) => setTimeout(r, 150));
    return sub;
  }

  async function processOn(name: string) {
    const op = dataOf(await t.gql(`mutation { createOperation(input: { name: "${name}" }) { ... on Operation { id } } }`)).createOperation
      .id;
    const p = dataOf(
      await t.gql(
        `mutation ($op: ID!) { createProcess(input: { operationId: $op, name: "Press", unit: "u", targetRatePerHour: 60, status: RUNNING }) { ... on Process { id } } }`,
        { op },
      ),
    ).createProcess.id;
    return { op, p };
  }

  async function record(processId: string, from: number, to: number, goodUnits: number) {
    const res = dataOf(
      await t.gql(RECORD, { input: { processId, periodStart: ago(from), periodEnd: ago(to), goodUnits, rejectedUnits: 0 } }, Role.OPERATOR),
    );
    expect(res.recordThroughput.__typename).toBe('ThroughputSample');
    await t.app.services.alerts.idle();
  }

  async function alertsOf(operationId: string) {
    return dataOf(await t.gql(ALERTS, { filter: { operationId } })).alerts;
  }

  it('raises THROUGHPUT_BELOW_TARGET once per crossing, streams it, and clears it when output recovers', async () => {
    const { op, p } = await processOn('Alerting line');
    const sub = await subscribe(ALERT_RAISED, { operationId: op });
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
    const { op, p } = await processOn('Ack line');
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
    const { op } = await processOn('Stock line');
    const critical = await subscribe(ALERT_RAISED, { minSeverity: 'CRITICAL' });
    const item = dataOf(
      await t.gql(
        `mutation ($op: ID!) { createInventoryItem(input: { operationId: $op, sku: "ZIP-${db}", name: "Zippers", unit: "pcs", reorderPoint: 50, initialOnHand: 60 }) { ... on InventoryItem { id } } }`,
        { op },
      ),
    ).createInventoryItem.id;
    dataOf(
      await t.gql(
        `mutation ($id: ID!) { recordStockMovement(input: { itemId: $id, kind: CONSUMPTION, quantity: 20 }) { __typename } }`,
        { id: item },
        Role.OPERATOR,
      ),
    );
    await t.app.services.alerts.idle();
    expect((await alertsOf(op)).edges.map((e: any) => [e.node.kind, e.node.severity])).toEqual([['STOCK_BELOW_REORDER_POINT', 'WARNING']]);

    const project = dataOf(
      await t.gql(
        `mutation { createProject(input: { name: "Overrun", startDate: "2026-01-01T00:00:00Z", dueDate: "2027-01-01T00:00:00Z", budget: 100, status: ACTIVE }) { ... on Project { id } } }`,
        {},
        Role.PROJECT_MANAGER,
      ),
    ).createProject.id;
    dataOf(
      await t.gql(
        `mutation ($id: ID!) { recordCost(input: { projectId: $id, amount: 150, incurredAt: "2026-02-01T00:00:00Z", description: "Too much" }) { __typename } }`,
        { id: project },
        Role.PROJECT_MANAGER,
      ),
    );
    await t.app.services.alerts.idle();
    await critical.until(() => critical.results.some((r) => r.data?.alertRaised.kind === 'BUDGET_OVERRUN'));
    expect(critical.results.every((r) => r.data!.alertRaised.severity === 'CRITICAL')).toBe(true);
    const kinds = dataOf(await t.gql(ALERTS, { filter: { projectId: project } })).alerts.edges.map((e: any) => e.node.kind);
    expect(kinds).toContain('BUDGET_OVERRUN');
  });

  it('streams project progress after a milestone completes and resumes from a cursor', async () => {
    const project = dataOf(
      await t.gql(
        `mutation { createProject(input: { name: "Streamed", startDate: "2026-01-01T00:00:00Z", dueDate: "2027-01-01T00:00:00Z", budget: 1000, status: ACTIVE }) { ... on Project { id } } }`,
        {},
        Role.PROJECT_MANAGER,
      ),
    ).createProject.id;
    const sub = await subscribe(PROGRESS, { projectId: project });
    const m1 = dataOf(
      await t.gql(
        MILESTONE,
        { input: { projectId: project, name: 'A', dueDate: '2026-12-01T00:00:00Z', weight: 1 } },
        Role.PROJECT_MANAGER,
      ),
    ).createMilestone.id;
    dataOf(
      await t.gql(
        MILESTONE,
        { input: { projectId: project, name: 'B', dueDate: '2026-12-20T00:00:00Z', weight: 3 } },
        Role.PROJECT_MANAGER,
      ),
    );
    await sub.until(() => sub.results.length >= 2);
    const cursor = sub.results[1].data!.projectProgressUpdated.cursor;
    sub.dispose();
    dataOf(await t.gql(`mutation ($id: ID!) { completeMilestone(input: { id: $id }) { __typename } }`, { id: m1 }, Role.PROJECT_MANAGER));
    const resumed = await subscribe(PROGRESS, { projectId: project, after: cursor });
    await resumed.until(() => resumed.results.length >= 1);
    const update = resumed.results[0].data!.projectProgressUpdated;
    expect(update).toMatchObject({ replayed: true, kind: 'milestone.completed', milestone: { id: m1, status: 'DONE' } });
    expect(update.progress.value.value).toBeCloseTo(0.25, 4);
    expect(update.health.status).toBeDefined();
  });

  it('sends one projectProgressUpdated event for each kind of project mutation, in commit order', async () => {
    const project = dataOf(
      await t.gql(
        `mutation { createProject(input: { name: "Every event", startDate: "2026-01-01T00:00:00Z", dueDate: "2027-01-01T00:00:00Z", budget: 1000, status: ACTIVE }) { ... on Project { id } } }`,
        {},
        Role.PROJECT_MANAGER,
      ),
    ).createProject.id;
    const team = dataOf(await t.gql(`mutation { createTeam(input: { name: "Receivers ${db}", kind: PERMANENT }) { ... on Team { id } } }`))
      .createTeam.id;
    const sub = await subscribe(PROGRESS, { projectId: project });
    const m = dataOf(
      await t.gql(
        MILESTONE,
        { input: { projectId: project, name: 'A', dueDate: '2026-12-01T00:00:00Z', weight: 1 } },
        Role.PROJECT_MANAGER,
      ),
    ).createMilestone.id;
    dataOf(
      await t.gql(
        `mutation ($id: ID!) { updateMilestone(input: { id: $id, expectedVersion: 1, percentComplete: 40, status: IN_PROGRESS }) { __typename } }`,
        { id: m },
        Role.PROJECT_MANAGER,
      ),
    );
    dataOf(await t.gql(`mutation ($id: ID!) { completeMilestone(input: { id: $id }) { __typename } }`, { id: m }, Role.PROJECT_MANAGER));
    dataOf(
      await t.gql(
        `mutation ($id: ID!) { recordCost(input: { projectId: $id, amount: 10, incurredAt: "2026-02-01T00:00:00Z", description: "x" }) { __typename } }`,
        { id: project },
        Role.PROJECT_MANAGER,
      ),
    );
    dataOf(
      await t.gql(
        `mutation ($id: ID!) { createRisk(input: { projectId: $id, title: "r", probability: 2, impact: 2 }) { __typename } }`,
        { id: project },
        Role.PROJECT_MANAGER,
      ),
    );
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
    const seqs = sub.results.map((r) =>
      decodeEventCursor(r.data!.projectProgressUpdated.cursor, streamKeys.project(fromGlobalId(project)!.rowId)),
    );
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('raises MILESTONE_OVERDUE from the periodic sweep', async () => {
    const project = dataOf(
      await t.gql(
        `mutation { createProject(input: { name: "Late", startDate: "2026-01-01T00:00:00Z", dueDate: "2027-01-01T00:00:00Z", budget: 1000, status: ACTIVE }) { ... on Project { id } } }`,
        {},
        Role.PROJECT_MANAGER,
      ),
    ).createProject.id;
    dataOf(
      await t.gql(
        MILESTONE,
        { input: { projectId: project, name: 'Overdue one', dueDate: ago(60 * 24), weight: 1 } },
        Role.PROJECT_MANAGER,
      ),
    );
    await t.app.services.alerts.idle();
    await t.app.services.alerts.sweepNow();
    await t.app.services.alerts.sweepNow();
    const kinds = dataOf(await t.gql(ALERTS, { filter: { projectId: project, kinds: ['MILESTONE_OVERDUE'] } })).alerts;
    expect(kinds.totalCount).toBe(1);
  });
});

const RECORD = `mutation ($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename ... on ErrorResult { code message } } }`;
const ALERTS = `query ($filter: AlertFilter) { alerts(first: 50, filter: $filter) { totalCount edges { node { id kind severity message clearedAt acknowledgedAt subject { id } } } } }`;
const ALERT_RAISED = `subscription ($operationId: ID, $minSeverity: AlertSeverity) { alertRaised(operationId: $operationId, minSeverity: $minSeverity) { cursor id kind severity message subject { id } raisedAt acknowledgedAt } }`;
const ACK = `mutation ($input: AcknowledgeAlertInput!) { acknowledgeAlert(input: $input) { ... on Alert { id acknowledgedAt acknowledgedBy } } }`;
const MILESTONE = `mutation ($input: CreateMilestoneInput!) { createMilestone(input: $input) { ... on Milestone { id } } }`;
const PROGRESS = `subscription ($projectId: ID!, $after: String) { projectProgressUpdated(projectId: $projectId, after: $after) {
  cursor replayed kind milestone { id status } progress { value { value } rule } health { status reasons { metric } } earnedValue { spi { value } cpi { value } } } }`;
