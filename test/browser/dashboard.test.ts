import { Role } from '../../src/common/auth';
import { dataOf } from '../harness/app';
import { startRestartableApp, type RestartableApp } from '../harness/restartable';
import { eventually, launchBrowser, liveListeners, screenshotPath, type TestBrowser } from './browser';

jest.setTimeout(120_000);

describe('the live dashboard at /dashboard', () => {
  let t: RestartableApp;
  let b: TestBrowser;
  let ids: { operation: string; sewing: string; cutting: string; project: string; milestone: string; order: string };
  let minutesAgo = 50;
  let people: { sam: string; rita: string };

  /** Records one 1-minute sample ending `minutesAgo` minutes ago (each call one minute later), for a production order if given. */
  async function record(processId: string, goodUnits: number, rejectedUnits = 0, productionOrderId: string | null = null) {
    const end = new Date(Date.now() - minutesAgo-- * 60_000);
    const input = {
      processId,
      periodStart: new Date(end.getTime() - 60_000).toISOString(),
      periodEnd: end.toISOString(),
      goodUnits,
      rejectedUnits,
      productionOrderId,
    };
    expect(dataOf(await t.gql(RECORD, { input }, Role.OPERATOR)).recordThroughput.__typename).toBe('ThroughputSample');
  }

  const points = (processId: string) => b.page.locator(`[data-process="${processId}"] .chart`).getAttribute('data-points').then(Number);
  const connection = () =>
    b.page
      .locator('#connection')
      .evaluate((node: { dataset: Record<string, string> }) => ({ state: node.dataset.state, attempt: Number(node.dataset.attempt) }));

  beforeAll(async () => {
    t = await startRestartableApp();
    const operation = dataOf(await t.gql(CREATE_OPERATION, { input: { name: 'Garment line' } })).createOperation.id;
    const cutting = dataOf(
      await t.gql(CREATE_PROCESS, {
        input: { operationId: operation, name: 'Cutting', unit: 'panels', status: 'RUNNING', targetRatePerHour: 240 },
      }),
    ).createProcess.id;
    const sewing = dataOf(
      await t.gql(CREATE_PROCESS, {
        input: { operationId: operation, name: 'Sewing', unit: 'garments', status: 'RUNNING', targetRatePerHour: 60, targetYield: 0.97 },
      }),
    ).createProcess.id;
    dataOf(
      await t.gql(CREATE_ITEM, {
        input: { operationId: operation, sku: 'FAB-TWILL', name: 'Cotton twill', unit: 'm', reorderPoint: 800, initialOnHand: 120 },
      }),
    );
    const start = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const project = dataOf(
      await t.gql(CREATE_PROJECT, { input: { name: 'New ordering app', budget: 50000, startDate: start, dueDate: due, status: 'ACTIVE' } }),
    ).createProject.id;
    const milestone = dataOf(
      await t.gql(CREATE_MILESTONE, { input: { projectId: project, name: 'Payment integration', dueDate: due, weight: 1 } }),
    ).createMilestone.id;
    dataOf(await t.gql(CREATE_MILESTONE, { input: { projectId: project, name: 'Pilot launch', dueDate: due, weight: 1 } }));
    // A released order of 120 garments, due in two days: Sewing is the line's final process, so its units count.
    const order = dataOf(
      await t.gql(CREATE_ORDER, {
        input: {
          operationId: operation,
          number: 'MO-DASH-1',
          sku: 'TEE-ORG-M',
          quantity: 120,
          plannedStart: new Date(Date.now() - 3_600_000).toISOString(),
          dueDate: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        },
      }),
    ).createProductionOrder.id;
    expect(dataOf(await t.gql(RELEASE_ORDER, { input: { id: order } })).releaseProductionOrder.__typename).toBe('ProductionOrder');
    // People: Rita runs the line 30 h a week and works 20 h a week on the project (50 of 40: over); Sam 10 h on the line.
    const allocate = async (name: string, allocations: Record<string, unknown>[]) => {
      const personId = dataOf(await t.gql(CREATE_PERSON, { input: { name } })).createPerson.id;
      for (const a of allocations)
        expect(dataOf(await t.gql(ALLOCATE, { input: { personId, role: 'Crew', ...a } })).allocatePerson.__typename).toBe('Allocation');
      return personId;
    };
    const sam = await allocate('Sam Calm', [{ operationId: operation, hoursPerWeek: 10, from: start }]);
    const rita = await allocate('Rita Busy', [
      { operationId: operation, hoursPerWeek: 30, from: start },
      { projectId: project, hoursPerWeek: 20, from: start, to: due },
    ]);
    people = { sam, rita };
    ids = { operation, sewing, cutting, project, milestone, order };
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
  });

  it('asks for a token by keyboard, then shows operations, inventory below reorder point and projects', async () => {
    await b.page.goto(`${t.url}/dashboard`);
    await b.page.keyboard.type(await t.token(Role.ADMIN)); // the token field has focus on load
    await b.page.keyboard.press('Enter');
    await eventually(connection, (c) => c.state === 'live', { what: 'the connection indicator to say live' });
    await b.page.locator('.operation h3', { hasText: 'Garment line' }).waitFor();
    await b.page.locator('.inventory .low', { hasText: 'Cotton twill' }).waitFor();
    await b.page.locator('.project h3', { hasText: 'New ordering app' }).waitFor();
    await b.page.locator(`[data-order="${ids.order}"]`, { hasText: 'MO-DASH-1' }).waitFor();
    // "Live" is the socket; the tests below record samples that only subscriptions already open receive.
    await liveListeners(t.app, 4, "the page to subscribe to the operation's samples and orders, the project and alerts");
    expect(await b.page.locator('#problem-list li').count()).toBe(0);
    expect(b.blocked).toEqual([]);
  });

  it('lists people over capacity first, each with a bar of where their hours go', async () => {
    const rows = b.page.locator('#people .person');
    await rows.first().waitFor();
    expect(
      await rows.evaluateAll((nodes) => nodes.map((n) => (n as unknown as { dataset: Record<string, string> }).dataset.person)),
    ).toEqual([people.rita, people.sam]);
    const rita = b.page.locator(`[data-person="${people.rita}"]`);
    expect(await rita.getAttribute('data-over')).toBe('true');
    expect(await rita.locator('.load').innerText()).toBe('125 % · over capacity in 4 of 4 weeks');
    expect(
      await rita
        .locator('.segment')
        .evaluateAll((nodes) => nodes.map((n) => (n as unknown as { dataset: Record<string, string> }).dataset.kind)),
    ).toEqual(['operation', 'project']);
    expect(await rita.locator('.shares li').allInnerTexts()).toEqual([
      'Garment line: 120 h (operation)',
      'New ordering app: 80 h (project)',
    ]);
    const sam = b.page.locator(`[data-person="${people.sam}"]`);
    expect(await sam.getAttribute('data-over')).toBe('false');
    expect(await sam.locator('.load').innerText()).toBe('25 % of capacity');
  });

  it('draws a chart point, OEE and the bottleneck as samples are recorded through the API', async () => {
    await record(ids.cutting, 20); // attainment 20/240 over the hour
    await record(ids.sewing, 1); // 1/60: the lower one, so the bottleneck
    await eventually(
      () => points(ids.sewing),
      (n) => n >= 1,
      { what: 'a chart point for Sewing' },
    );
    const oee = b.page.locator(`[data-process="${ids.sewing}"] [data-kpi="oee"]`);
    await eventually(
      () => oee.innerText(),
      (text) => /\d+ %/.test(text),
      { what: 'an OEE value for Sewing' },
    );
    await eventually(
      () => b.page.locator(`[data-process="${ids.sewing}"]`).getAttribute('data-bottleneck'),
      (v) => v === 'true',
      { what: 'Sewing marked as bottleneck' },
    );
  });

  it("shows the operation's open order with its progress, due date and forecast, and moves it live when a sample is attributed to it", async () => {
    const item = b.page.locator(`[data-order="${ids.order}"]`);
    const bar = item.locator('.bar');
    expect(await item.getAttribute('data-status')).toBe('RELEASED');
    expect(await bar.getAttribute('data-produced')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('120');
    expect(await item.locator('[data-field="due"]').innerText()).not.toBe('');
    await record(ids.sewing, 30, 0, ids.order);
    await eventually(
      () => bar.getAttribute('data-produced'),
      (v) => v === '30',
      { what: 'the order bar to show 30 made' },
    );
    expect(await item.getAttribute('data-status')).toBe('IN_PROGRESS');
    expect(await item.locator('[data-field="made"]').innerText()).toContain('30 / 120 garments · 25 %');
    // The forecast is re-read after the change: at the week's recent rate (30 garments) the 90 left take
    // weeks, after the due date, so the order is marked late.
    await eventually(
      () => item.getAttribute('data-state'),
      (v) => v === 'forecast-late',
      { what: 'the order to be marked forecast late' },
    );
    await item.locator('.late', { hasText: 'Forecast late' }).waitFor();
  });

  it('moves the progress bar and shows health when a milestone is completed through the API', async () => {
    const bar = b.page.locator(`[data-project="${ids.project}"] progress`);
    const before = Number(await bar.getAttribute('value'));
    const done = dataOf(await t.gql(COMPLETE_MILESTONE, { input: { id: ids.milestone } }));
    expect(done.completeMilestone.__typename).toBe('Milestone');
    await eventually(
      () => bar.getAttribute('value').then(Number),
      (value) => value > before,
      { what: 'the progress bar to move' },
    );
    await b.page.locator(`[data-project="${ids.project}"] .health`).waitFor();
  });

  it('shows a raised alert live and acknowledges it by keyboard with the page token', async () => {
    await record(ids.sewing, 10, 10); // yield 50 % against a target of 97 %
    const first = b.page.locator('#alerts .alert').first();
    await first.waitFor({ timeout: 10_000 });
    // More alerts may arrive (and be listed first) meanwhile: pin this one by its id.
    const alertId = await first.getAttribute('data-alert');
    const alert = b.page.locator(`#alerts .alert[data-alert="${alertId}"]`);
    await b.page.screenshot({ path: screenshotPath('dashboard.png'), fullPage: true });
    await alert.getByRole('button', { name: /Acknowledge/ }).focus();
    await b.page.keyboard.press('Enter');
    await eventually(
      () => alert.getAttribute('data-acknowledged'),
      (v) => v === 'true',
      { what: 'the alert to be acknowledged' },
    );
  });

  it('reconnects with backoff after the server restarts and fills the gap from its cursors', async () => {
    const before = await points(ids.cutting);
    await t.kill();
    await eventually(connection, (c) => c.state === 'reconnecting' && c.attempt >= 2, {
      timeout: 30_000,
      what: 'a second reconnect attempt',
    });
    await b.page.locator('#problem-list li[data-source="live"][data-retryable="true"]').waitFor();
    await t.start();
    // Recorded while the page is still waiting out its backoff: it can only learn of these by resuming.
    await record(ids.cutting, 5);
    await record(ids.cutting, 6);
    const made = Number(await b.page.locator(`[data-order="${ids.order}"] .bar`).getAttribute('data-produced'));
    await record(ids.sewing, 4, 0, ids.order);
    await eventually(connection, (c) => c.state === 'live', { timeout: 30_000, what: 'the page to reconnect' });
    await eventually(
      () => points(ids.cutting),
      (n) => n >= before + 2,
      { what: 'the missed samples in the chart' },
    );
    await eventually(
      () => b.page.locator(`[data-order="${ids.order}"] .bar`).getAttribute('data-produced').then(Number),
      (n) => n === made + 4,
      { what: 'the missed order progress on its bar' },
    );
    const replayed = Number(await b.page.evaluate('document.body.dataset.replayed ?? 0'));
    expect(replayed).toBeGreaterThanOrEqual(2);
    // While the server was down the status area said so; back live, it is empty again.
    await eventually(
      () => b.page.locator('#problem-list li').count(),
      (n) => n === 0,
      { what: 'the status area to clear after reconnecting' },
    );
  });

  it('fits a phone screen in one column', async () => {
    await b.page.setViewportSize({ width: 390, height: 844 });
    // Charts resize on the next ResizeObserver callback: wait for the layout to settle, not a fixed time.
    const overflow = await eventually(
      () => b.page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
      (n) => n <= 0,
      { what: 'no horizontal overflow' },
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await b.page.screenshot({ path: screenshotPath('dashboard-phone.png') });
  });
});

const CREATE_OPERATION = `mutation ($input: CreateOperationInput!) { createOperation(input: $input) { ... on Operation { id } } }`;
const CREATE_PROCESS = `mutation ($input: CreateProcessInput!) { createProcess(input: $input) { ... on Process { id } } }`;
const CREATE_ITEM = `mutation ($input: CreateInventoryItemInput!) { createInventoryItem(input: $input) { ... on InventoryItem { id } } }`;
const CREATE_PROJECT = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { ... on Project { id } } }`;
const CREATE_MILESTONE = `mutation ($input: CreateMilestoneInput!) { createMilestone(input: $input) { ... on Milestone { id } } }`;
const COMPLETE_MILESTONE = `mutation ($input: CompleteMilestoneInput!) { completeMilestone(input: $input) { __typename } }`;
const RECORD = `mutation ($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename ... on ErrorResult { code message } } }`;
const CREATE_ORDER = `mutation ($input: CreateProductionOrderInput!) { createProductionOrder(input: $input) { ... on ProductionOrder { id } } }`;
const CREATE_PERSON = `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { ... on Person { id } } }`;
const ALLOCATE = `mutation ($input: AllocatePersonInput!) { allocatePerson(input: $input) { __typename } }`;
const RELEASE_ORDER = `mutation ($input: ProductionOrderTransitionInput!) { releaseProductionOrder(input: $input) { __typename } }`;
