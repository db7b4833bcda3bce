import { spawn } from 'node:child_process';
import path from 'node:path';
import { dataOf, errorCode, TEST_SECRET } from '../harness/app';
import { describeApp } from '../harness/suite';
import { countRows, DEMO_HISTORY_DAYS, seedDemo, seedDemoIfEmpty } from '../../src/demo/seed';
import { startSimulator } from '../../src/demo/simulator';
import { inProcessTarget } from '../../src/demo/simulator-targets';
import { computeEarnedValue, computeHealth, computeProgress, countHighRisks, plannedPercentComplete } from '../../src/kpi';

const ROOT = path.join(__dirname, '..', '..');

/** Runs a CLI under swc like `npm run …` does; resolves with its exit code and output. */
function runCli(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describeApp('demo data (sqlite)', { databases: ['sqlite'] }, ({ t }) => {
  const seededAt = new Date();

  beforeAll(async () => {
    await seedDemo(t.app, { scale: 1, now: seededAt });
  });

  it('has the three operations, each process in sequence order with 21 days of 15-minute samples', async () => {
    const operations = dataOf(await t.gql(OPERATIONS)).operations.edges.map((e: any) => e.node);
    expect(operations.map((o: any) => o.name)).toEqual(['Customer order fulfilment', 'Garment production', 'Ordering app support']);
    const garment = operations.find((o: any) => o.name === 'Garment production');
    expect(garment.team.name).toBe('Garment production crew');
    expect(
      garment.processes.edges.map((e: any) => [e.node.sequence, e.node.name, e.node.unit, e.node.targetRatePerHour, e.node.status]),
    ).toEqual([
      [1, 'Fabric sourcing', 'rolls', 12, 'RUNNING'],
      [2, 'Cutting', 'panels', 240, 'RUNNING'],
      [3, 'Sewing', 'garments', 60, 'RUNNING'],
      [4, 'Quality inspection', 'garments', 70, 'RUNNING'],
      [5, 'Packing & distribution', 'parcels', 80, 'RUNNING'],
    ]);
    expect(garment.processes.edges[3].node.targetYield).toBe(0.97);
    for (const edge of garment.processes.edges) expect(edge.node.samples.totalCount).toBe(21 * 96);
    const fulfilment = operations.find((o: any) => o.name === 'Customer order fulfilment');
    expect(fulfilment.processes.edges.map((e: any) => e.node.name)).toEqual(['Order intake', 'Picking', 'Shipping']);
  });

  it('makes Sewing the process visibly below target, with a quality dip at the end', async () => {
    const garment = dataOf(await t.gql(OPERATIONS))
      .operations.edges.map((e: any) => e.node)
      .find((o: any) => o.name === 'Garment production');
    const rates = new Map<string, { ratio: number; lastDayReject: number }>();
    for (const edge of garment.processes.edges) {
      const rows = dataOf(await t.gql(SAMPLES, { id: edge.node.id })).process.samples.edges.map((e: any) => e.node);
      const units = (list: any[]) => list.reduce((s, r) => s + r.goodUnits + r.rejectedUnits, 0);
      const rejects = (list: any[]) => list.reduce((s, r) => s + r.rejectedUnits, 0);
      // 100 newest samples = the last 25 hours.
      rates.set(edge.node.name, {
        ratio: units(rows) / ((rows.length / 4) * edge.node.targetRatePerHour),
        lastDayReject: rejects(rows) / units(rows),
      });
    }
    const sewing = rates.get('Sewing')!;
    expect(sewing.ratio).toBeLessThan(0.88);
    expect(sewing.lastDayReject).toBeGreaterThan(0.04);
    // The others run at about 0.93 of target over these 25 hours; a slow process (10 an hour) rounds
    // 2.4 units a sample to 2 or 3, so its ratio varies by about ±0.02 with the seeding date: 0.9
    // failed on some dates. 0.85 still keeps every other process well clear of Sewing's ~0.78.
    for (const [name, r] of rates) if (name !== 'Sewing') expect(r.ratio).toBeGreaterThan(0.85);
  });

  it('keeps every demo process at or below 100 % performance and OEE, over the seeded history and its last hour', async () => {
    const windows = {
      history: { from: new Date(seededAt.getTime() - DEMO_HISTORY_DAYS * 86_400_000), to: seededAt },
      lastHour: { from: new Date(seededAt.getTime() - 3_600_000), to: seededAt },
    };
    const seen: [window: string, process: string, performance: number, oee: number][] = [];
    for (const [window, { from, to }] of Object.entries(windows)) {
      const processes = dataOf(await t.gql(PROCESS_OEE, { from: from.toISOString(), to: to.toISOString() })).processes.edges.map(
        (e: any) => e.node,
      );
      expect(processes).toHaveLength(10);
      for (const p of processes) seen.push([window, p.name, p.throughput.oee.performance.value, p.throughput.oee.oee.value]);
    }
    expect(seen.filter(([, , performance, oee]) => !(performance <= 1 && oee <= 1))).toEqual([]);
    // Honest, not flat: every process makes something, and none sits at exactly 100 % over three weeks.
    expect(seen.filter(([window, , performance, oee]) => window === 'history' && !(performance < 1 && oee > 0.5))).toEqual([]);
  });

  it('has the four projects with milestones and risks; the ordering app is overdue with a HIGH risk on the late milestone', async () => {
    const projects = dataOf(await t.gql(PROJECTS)).projects.edges.map((e: any) => e.node);
    const byName = new Map(projects.map((p: any) => [p.name, p]));
    expect([...byName.keys()].sort()).toEqual(['Annual company event', 'New ordering app', 'Ordering app pilot', 'Website redesign']);

    const app: any = byName.get('New ordering app');
    expect(app).toMatchObject({ status: 'ACTIVE', budget: { amount: 180_000 }, improvesOperation: { name: 'Customer order fulfilment' } });
    expect(app.milestones.totalCount).toBe(6);
    const overdue = app.milestones.edges
      .map((e: any) => e.node)
      .filter((m: any) => m.status !== 'DONE' && new Date(m.dueDate) < new Date());
    expect(overdue.map((m: any) => m.name)).toEqual(['Payment integration']);
    expect(app.milestones.edges.filter((e: any) => e.node.status === 'DONE')).toHaveLength(3);
    expect(app.risks.totalCount).toBe(3);
    const top = app.risks.edges[0].node;
    expect(top).toMatchObject({ score: 16, milestone: { name: 'Payment integration' } });
    // HIGH by score; shown one band up while its milestone is overdue.
    expect(['HIGH', 'CRITICAL']).toContain(top.band);
    // Spending runs ahead of the earned value (about 62% of the budget has been earned).
    expect(app.actualCost.amount).toBeGreaterThan(0.62 * 180_000);

    expect(byName.get('Website redesign')).toMatchObject({ status: 'ACTIVE' });
    expect(byName.get('Annual company event')).toMatchObject({ status: 'PLANNED' });
    expect(new Date((byName.get('Annual company event') as any).startDate).getTime()).toBeGreaterThan(Date.now());
    for (const p of projects) expect(p.milestones.totalCount).toBeGreaterThan(0);
  });

  it('puts the ordering app AT_RISK (behind plan, over cost, overdue, a high risk) and the website ON_TRACK by the KPI formulas', async () => {
    const projects = dataOf(await t.gql(PROJECTS)).projects.edges.map((e: any) => e.node);
    const health = (name: string) => {
      const p = projects.find((x: any) => x.name === name);
      const milestones = p.milestones.edges.map((e: any) => ({
        ...e.node,
        dueDate: new Date(e.node.dueDate),
        completedAt: e.node.completedAt ? new Date(e.node.completedAt) : null,
      }));
      const now = new Date();
      const ev = computeEarnedValue({
        budgetAtCompletion: Number(p.budget.cents),
        plannedPercent: plannedPercentComplete(milestones, now),
        earnedPercent: computeProgress(milestones).value,
        actualCost: Number(p.actualCost.cents),
      });
      return computeHealth({
        projectStatus: p.status,
        spi: ev.spi.value,
        cpi: ev.cpi.value,
        overdueMilestones: milestones.filter((m: any) => m.status !== 'DONE' && m.status !== 'CANCELLED' && m.dueDate < now).length,
        highRisks: countHighRisks(p.risks.edges.map((e: any) => e.node.score)),
      });
    };
    const app = health('New ordering app');
    expect(app.status).toBe('AT_RISK');
    expect(app.reasons.map((r) => r.metric)).toEqual(['SPI', 'CPI', 'OVERDUE_MILESTONES', 'HIGH_RISKS']);
    expect(health('Website redesign')).toEqual({ status: 'ON_TRACK', reasons: [] });
  });

  it('shows the completed pilot handed over: its operation names it as originProject and its team is disbanded', async () => {
    const projects = dataOf(await t.gql(PROJECTS)).projects.edges.map((e: any) => e.node);
    const pilot = projects.find((p: any) => p.name === 'Ordering app pilot');
    expect(pilot.status).toBe('COMPLETED');
    expect(pilot.deliveredOperation).toMatchObject({
      name: 'Ordering app support',
      originProject: { id: pilot.id },
      team: { name: 'Digital team' },
    });
    expect(pilot.team.disbandedAt).not.toBeNull();
  });

  it('gives the pilot a Handover in early-life support: every criterion met, targets, and a baseline from its pilot samples', async () => {
    const pilot = dataOf(await t.gql(PROJECTS))
      .projects.edges.map((e: any) => e.node)
      .find((p: any) => p.name === 'Ordering app pilot');
    const handover = dataOf(await t.gql(PILOT_HANDOVER_QUERY, { id: pilot.id })).project.handover;
    expect(handover).toMatchObject({
      status: 'IN_SUPPORT',
      unmetCriteria: 0,
      receivingTeam: { name: 'Digital team' },
      operation: { name: 'Ordering app support', handover: { id: handover.id } },
      targets: { throughputPerHour: 3.5, yield: 0.95, oee: 0.95 },
    });
    expect(handover.criteria).toHaveLength(3);
    for (const c of handover.criteria) expect(c).toMatchObject({ met: true, metBy: expect.stringContaining('@threadline.example') });
    // Two weeks of 15-minute samples of both support processes, ending before the handover.
    expect(handover.baseline.sampleCount).toBe(2 * 14 * 96);
    expect(new Date(handover.baseline.from).getTime()).toBeGreaterThanOrEqual(new Date(pilot.startDate).getTime());
    expect(new Date(handover.baseline.to).getTime()).toBeLessThanOrEqual(new Date(pilot.completedAt).getTime());
    // The pilot ran slower and less reliably than the operation does today.
    expect(handover.baseline.unitsPerHour).toBeLessThan(handover.targets.throughputPerHour);
    expect(handover.baseline.yield).toBeLessThan(handover.targets.yield);
    expect(handover.comparison.throughput.deltaToBaseline).toBeGreaterThan(0);
    expect(new Date(handover.supportUntil).getTime()).toBeGreaterThan(Date.now());
  });

  it('has fabric and finished-goods stock with history, and exactly one item below its reorder point', async () => {
    const items = dataOf(await t.gql(INVENTORY)).inventoryItems.edges.map((e: any) => e.node);
    expect(items.map((i: any) => i.name).sort()).toEqual([
      'Denim 12oz',
      'Organic T-shirt',
      'Organic cotton twill',
      'Slim jeans',
      'Thread spools',
      'Zippers',
    ]);
    for (const item of items) {
      expect(item.movements.totalCount).toBeGreaterThan(10);
      expect(item.movements.edges[0].node.onHandAfter).toBe(item.onHand);
    }
    const low = dataOf(await t.gql(INVENTORY, { filter: { belowReorderPoint: true } })).inventoryItems.edges.map((e: any) => e.node.name);
    expect(low).toEqual(['Zippers']);
  });

  it('gives every supply and delivery KPI a meaningful number: Porto Denim often late, one order overdue, store shipments some short and some late', async () => {
    const suppliers = dataOf(await t.gql(DEMO_SUPPLIERS)).suppliers.edges.map((e: any) => e.node);
    const rate = Object.fromEntries(suppliers.map((s: any) => [s.name, s.onTimeDeliveryRate.value]));
    expect(rate).toEqual({ 'Anatolia Organic Mills': 1, 'Lanificio Trims': 1, 'Porto Denim Works': 1 / 3 });
    const porto = suppliers.find((s: any) => s.name === 'Porto Denim Works');
    // Ordered 13, 9 and 12 days (and two hours) before each delivery, against a quoted 10.
    expect(porto.averageLeadTimeDays.value).toBeCloseTo(34 / 3 + 2 / 24, 9);
    expect(porto.quotedLeadTimeDays).toBe(10);
    expect(porto.purchaseOrders.totalCount).toBe(4);
    const overdue = dataOf(await t.gql(DEMO_ORDERS, { filter: { overdue: true } })).purchaseOrders;
    expect(overdue.edges.map((e: any) => [e.node.supplier.name, e.node.status])).toEqual([['Porto Denim Works', 'OPEN']]);
    expect(dataOf(await t.gql(DEMO_ORDERS, { filter: { status: ['RECEIVED'] } })).purchaseOrders.totalCount).toBe(10);

    const fulfilment = dataOf(await t.gql(OPERATIONS))
      .operations.edges.map((e: any) => e.node)
      .find((o: any) => o.name === 'Customer order fulfilment');
    const delivery = dataOf(await t.gql(DEMO_DELIVERY, { id: fulfilment.id })).operation.kpis.delivery;
    expect(delivery.shipmentsDelivered).toBeGreaterThanOrEqual(5);
    for (const key of ['otif', 'onTimeDeliveryRate', 'inFullRate']) {
      expect(delivery[key].value).toBeGreaterThan(0.3);
      expect(delivery[key].value).toBeLessThan(1);
    }
    expect(delivery.fillRate.value).toBeGreaterThan(0.97);
    expect(delivery.fillRate.value).toBeLessThan(1);
    const shipments = dataOf(await t.gql(DEMO_SHIPMENTS, { id: fulfilment.id })).operation;
    expect(shipments.late.edges.map((e: any) => e.node.status)).toEqual(['SHIPPED']);
    expect(shipments.planned.totalCount).toBe(1);
  });

  it("gives the garment plant a season's production orders: schedule KPIs with numbers, progress from its samples, and one order forecast late", async () => {
    const garment = dataOf(await t.gql(OPERATIONS))
      .operations.edges.map((e: any) => e.node)
      .find((o: any) => o.name === 'Garment production');
    const { operation } = dataOf(await t.gql(DEMO_PRODUCTION, { id: garment.id }));
    const orders = operation.productionOrders.edges.map((e: any) => e.node);
    expect(orders.map((o: any) => [o.number, o.status])).toEqual([
      ['MO-AW-001', 'COMPLETED'],
      ['MO-AW-002', 'COMPLETED'],
      ['MO-AW-003', 'COMPLETED'],
      ['MO-AW-004', 'COMPLETED'],
      ['MO-AW-005', 'IN_PROGRESS'],
      ['MO-AW-006', 'IN_PROGRESS'],
      ['MO-AW-007', 'RELEASED'],
      ['MO-AW-008', 'PLANNED'],
    ]);
    // Produced quantities are the good units of the packing line's samples attributed to each order.
    const packing = garment.processes.edges.map((e: any) => e.node).find((p: any) => p.name === 'Packing & distribution');
    const attributed = dataOf(await t.gql(DEMO_ATTRIBUTED, { id: packing.id })).process.samples.edges.map((e: any) => e.node);
    const rush = orders.find((o: any) => o.number === 'MO-AW-006');
    expect(attributed.length).toBe(100);
    expect(attributed.every((s: any) => s.productionOrder?.id === rush.id)).toBe(true);
    for (const o of orders.filter((x: any) => x.status === 'IN_PROGRESS')) {
      expect(o.producedQuantity).toBeGreaterThan(1000);
      expect(o.producedQuantity).toBeLessThan(o.quantity);
    }
    const schedule = operation.kpis.productionSchedule;
    expect(schedule).toMatchObject({ completedOrders: 4, completedOnTime: 3, onTimeCompletionRate: { value: 0.75 } });
    expect(schedule.scheduleAdherence.value).toBeGreaterThan(0.8);
    expect(schedule.scheduleAdherence.value).toBeLessThan(1);
    expect(schedule.averageLatenessDays.value).toBeGreaterThanOrEqual(1.5);
    expect(schedule.averageLatenessDays.value).toBeLessThan(2.5);
    const open = orders.filter((o: any) => ['PLANNED', 'RELEASED', 'IN_PROGRESS'].includes(o.status));
    expect(open.map((o: any) => [o.number, o.overdue, o.forecastCompletion.method, o.forecastCompletion.late])).toEqual([
      ['MO-AW-005', false, 'RECENT_RATE', false],
      ['MO-AW-006', false, 'RECENT_RATE', true],
      ['MO-AW-007', false, 'RECENT_RATE', false],
      ['MO-AW-008', false, 'RECENT_RATE', false],
    ]);
    // The minute sweep raises the forecast-late alert for it, and nothing is overdue.
    await t.app.services.alerts.sweepNow();
    const alerts = dataOf(await t.gql(DEMO_ORDER_ALERTS)).alerts.edges.map((e: any) => e.node);
    expect(alerts.map((a: any) => [a.kind, a.subject?.id])).toEqual([['PRODUCTION_ORDER_FORECAST_LATE', rush.id]]);
  });

  it('allocates people across operations and projects: the fulfilment lead, in both, is the one over-allocated during the ordering app project', async () => {
    const over = dataOf(
      await t.gql(/* GraphQL */ `
        query {
          people(first: 50, filter: { overAllocated: true }) {
            edges {
              node {
                name
                teams {
                  edges {
                    node {
                      team {
                        name
                        kind
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `),
    ).people.edges.map((e: any) => e.node);
    expect(over.map((p: any) => p.name)).toEqual(['Noah Schmidt']);
    expect(over[0].teams.edges.map((e: any) => [e.node.team.name, e.node.team.kind])).toEqual(
      expect.arrayContaining([
        ['Fulfilment team', 'PERMANENT'],
        ['New ordering app team', 'TEMPORARY'],
      ]),
    );
    const from = new Date(seededAt.getTime() - 28 * 86_400_000).toISOString();
    const load = dataOf(
      await t.gql(
        /* GraphQL */ `
          query ($from: DateTimeISO!, $to: DateTimeISO!) {
            people(first: 50) {
              edges {
                node {
                  name
                  load(from: $from, to: $to) {
                    overCapacityWeekCount
                    utilisation {
                      value
                    }
                    shares {
                      hours
                      target {
                        ... on Project {
                          name
                        }
                        ... on Operation {
                          name
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        `,
        { from, to: seededAt.toISOString() },
      ),
    ).people.edges.map((e: any) => e.node);
    const noah = load.find((p: any) => p.name === 'Noah Schmidt').load;
    expect(noah.overCapacityWeekCount).toBe(4);
    expect(noah.utilisation.value).toBeCloseTo(1.1, 9);
    expect(noah.shares.map((s: any) => [s.target.name, Math.round(s.hours)])).toEqual([
      ['Customer order fulfilment', 96],
      ['New ordering app', 80],
    ]);
    for (const p of load.filter((x: any) => x.name !== 'Noah Schmidt')) expect(p.load.overCapacityWeekCount).toBe(0);
  });

  it('does not seed again through seedDemoIfEmpty', async () => {
    const before = await countRows(t.app.dataSource);
    await seedDemoIfEmpty(t.app);
    await seedDemoIfEmpty(t.app);
    expect(await countRows(t.app.dataSource)).toEqual(before);
  });

  it('is deterministic apart from the dates: a reset and reseed gives the same rows', async () => {
    const sample = async () => [
      ...dataOf(await t.gql(INVENTORY)).inventoryItems.edges.map((e: any) => [e.node.sku, e.node.onHand]),
      ...dataOf(await t.gql(DEMO_ORDER_LIST)).productionOrders.edges.map((e: any) => [
        e.node.number,
        e.node.sku,
        e.node.quantity,
        e.node.status,
      ]),
    ];
    const first = await sample();
    await seedDemo(t.app, { scale: 1, reset: true });
    expect(await sample()).toEqual(first);
  });
});

describeApp('demo simulator (sqlite)', { databases: ['sqlite'] }, ({ t }) => {
  it("attributes the packing line's new samples to the rush order through recordThroughput, and no other process's", async () => {
    // Seeded as of 20 minutes ago, so every process is due a sample on the first tick.
    await seedDemo(t.app, { scale: 1, now: new Date(Date.now() - 20 * 60_000) });
    const orders = async () =>
      new Map<string, any>(
        dataOf(await t.gql(DEMO_ORDER_LIST)).productionOrders.edges.map((e: any) => [e.node.number, e.node] as [string, any]),
      );
    const before = await orders();
    const simulator = startSimulator(inProcessTarget(t.app), { intervalMs: 3_600_000, milestoneChance: 0 });
    try {
      await simulator.tick();
    } finally {
      await simulator.stop();
    }
    const after = await orders();
    const garment = dataOf(await t.gql(OPERATIONS))
      .operations.edges.map((e: any) => e.node)
      .find((o: any) => o.name === 'Garment production');
    const newest = new Map<string, any>();
    for (const edge of garment.processes.edges) {
      newest.set(edge.node.name, dataOf(await t.gql(DEMO_NEWEST_SAMPLE, { id: edge.node.id })).process.samples.edges[0].node);
    }
    const packing = newest.get('Packing & distribution');
    expect(packing.productionOrder).toEqual({ number: 'MO-AW-006' });
    expect(packing.goodUnits).toBeGreaterThan(0);
    for (const [name, sample] of newest) if (name !== 'Packing & distribution') expect(sample.productionOrder).toBeNull();
    // Only the rush order moved, by exactly that sample's good units.
    for (const [number, order] of after) {
      const was = before.get(number);
      expect([number, order.status, order.producedQuantity]).toEqual([
        number,
        was.status,
        was.producedQuantity + (number === 'MO-AW-006' ? packing.goodUnits : 0),
      ]);
    }
  });
});

describeApp('token CLI', { databases: ['sqlite'] }, ({ t }) => {
  it('prints a token the API accepts', async () => {
    const result = await runCli('src/cli/token.ts', ['--role', 'VIEWER', '--sub', 'alice'], { JWT_SECRET: TEST_SECRET, NODE_ENV: 'test' });
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    const viewer = dataOf(await t.gql(VIEWER, {}, { token })).viewer;
    expect(viewer).toMatchObject({ subject: 'alice', roles: ['VIEWER'] });
  });

  it('exits non-zero and lists the roles for an unknown role', async () => {
    const result = await runCli('src/cli/token.ts', ['--role', 'JANITOR'], { JWT_SECRET: TEST_SECRET, NODE_ENV: 'test' });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('VIEWER, OPERATOR, PROJECT_MANAGER, ADMIN');
  });

  it('prints a token signed with another secret that the API refuses', async () => {
    const result = await runCli('src/cli/token.ts', ['--role', 'ADMIN'], {
      JWT_SECRET: 'another-secret-0123456789abcdef0123456789',
      NODE_ENV: 'test',
    });
    expect(result.code).toBe(0);
    expect(errorCode(await t.gql(VIEWER, {}, { token: result.stdout.trim() }))).toBe('UNAUTHENTICATED');
  });
});

const OPERATIONS = /* GraphQL */ `
  query DemoOperations {
    operations(first: 10, orderBy: NAME_ASC) {
      edges {
        node {
          id
          name
          status
          team {
            name
          }
          processes(first: 10) {
            edges {
              node {
                id
                name
                sequence
                unit
                targetRatePerHour
                targetYield
                status
                samples(first: 1) {
                  totalCount
                }
              }
            }
          }
        }
      }
    }
  }
`;

const PROCESS_OEE = /* GraphQL */ `
  query DemoProcessOee($from: DateTimeISO!, $to: DateTimeISO!) {
    # 20, not 100: a three-week window is priced per process (an hour of samples a unit), and 100 of
    # them would cost more than QUERY_MAX_COMPLEXITY; the demo has 10 processes.
    processes(first: 20) {
      edges {
        node {
          name
          throughput(from: $from, to: $to) {
            oee {
              performance {
                value
                reason
              }
              oee {
                value
                reason
              }
            }
          }
        }
      }
    }
  }
`;

const SAMPLES = /* GraphQL */ `
  query DemoSamples($id: ID!) {
    process(id: $id) {
      samples(first: 100) {
        edges {
          node {
            goodUnits
            rejectedUnits
            downtimeMinutes
          }
        }
      }
    }
  }
`;

const PROJECTS = /* GraphQL */ `
  query DemoProjects {
    projects(first: 20) {
      edges {
        node {
          id
          name
          status
          startDate
          completedAt
          budget {
            amount
            cents
          }
          actualCost {
            amount
            cents
          }
          improvesOperation {
            name
          }
          team {
            name
            disbandedAt
          }
          deliveredOperation {
            name
            originProject {
              id
            }
            team {
              name
            }
          }
          milestones(first: 20) {
            totalCount
            edges {
              node {
                name
                status
                dueDate
                weight
                percentComplete
                completedAt
              }
            }
          }
          risks(first: 20) {
            totalCount
            edges {
              node {
                title
                score
                band
                milestone {
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`;

const PILOT_HANDOVER_QUERY = /* GraphQL */ `
  query DemoPilotHandover($id: ID!) {
    project(id: $id) {
      handover {
        id
        status
        unmetCriteria
        supportUntil
        receivingTeam {
          name
        }
        operation {
          name
          handover {
            id
          }
        }
        criteria {
          description
          met
          metBy
          metAt
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
        comparison {
          meetsTargets
          throughput {
            actual {
              value
            }
            deltaToBaseline
          }
        }
      }
    }
  }
`;

const INVENTORY = /* GraphQL */ `
  query DemoInventory($filter: InventoryItemFilter) {
    inventoryItems(first: 50, filter: $filter) {
      edges {
        node {
          sku
          name
          onHand
          belowReorderPoint
          movements(first: 1) {
            totalCount
            edges {
              node {
                onHandAfter
              }
            }
          }
        }
      }
    }
  }
`;

const VIEWER = /* GraphQL */ `
  query Viewer {
    viewer {
      subject
      roles
    }
  }
`;

const DEMO_SUPPLIERS = /* GraphQL */ `
  query DemoSuppliers {
    suppliers {
      edges {
        node {
          name
          quotedLeadTimeDays
          onTimeDeliveryRate {
            value
          }
          averageLeadTimeDays {
            value
          }
          purchaseOrders {
            totalCount
          }
        }
      }
    }
  }
`;

const DEMO_ORDERS = /* GraphQL */ `
  query DemoOrders($filter: PurchaseOrderFilter) {
    purchaseOrders(filter: $filter) {
      totalCount
      edges {
        node {
          status
          supplier {
            name
          }
        }
      }
    }
  }
`;

const DEMO_DELIVERY = /* GraphQL */ `
  query DemoDelivery($id: ID!) {
    operation(id: $id) {
      kpis(lastMinutes: 10080) {
        delivery {
          shipmentsDelivered
          otif {
            value
          }
          onTimeDeliveryRate {
            value
          }
          inFullRate {
            value
          }
          fillRate {
            value
          }
        }
      }
    }
  }
`;

const DEMO_SHIPMENTS = /* GraphQL */ `
  query DemoShipments($id: ID!) {
    operation(id: $id) {
      late: shipments(filter: { late: true }) {
        edges {
          node {
            status
          }
        }
      }
      planned: shipments(filter: { status: [PLANNED] }) {
        totalCount
      }
    }
  }
`;

const DEMO_PRODUCTION = /* GraphQL */ `
  query DemoProduction($id: ID!) {
    operation(id: $id) {
      productionOrders(first: 20, orderBy: NUMBER_ASC) {
        edges {
          node {
            id
            number
            status
            quantity
            producedQuantity
            overdue
            forecastCompletion {
              method
              late
              completion
            }
          }
        }
      }
      kpis(lastMinutes: 30240) {
        productionSchedule {
          completedOrders
          completedOnTime
          onTimeCompletionRate {
            value
          }
          scheduleAdherence {
            value
          }
          averageLatenessDays {
            value
          }
        }
      }
    }
  }
`;

const DEMO_ATTRIBUTED = /* GraphQL */ `
  query DemoAttributed($id: ID!) {
    process(id: $id) {
      samples(first: 100) {
        edges {
          node {
            productionOrder {
              id
            }
          }
        }
      }
    }
  }
`;

const DEMO_ORDER_ALERTS = /* GraphQL */ `
  query DemoOrderAlerts {
    alerts(first: 20, filter: { kinds: [PRODUCTION_ORDER_FORECAST_LATE, PRODUCTION_ORDER_OVERDUE] }) {
      edges {
        node {
          kind
          subject {
            id
          }
        }
      }
    }
  }
`;

const DEMO_ORDER_LIST = /* GraphQL */ `
  query DemoOrderList {
    productionOrders(first: 20, orderBy: NUMBER_ASC) {
      edges {
        node {
          number
          sku
          quantity
          status
          producedQuantity
        }
      }
    }
  }
`;

const DEMO_NEWEST_SAMPLE = /* GraphQL */ `
  query DemoNewestSample($id: ID!) {
    process(id: $id) {
      samples(first: 1) {
        edges {
          node {
            goodUnits
            productionOrder {
              number
            }
          }
        }
      }
    }
  }
`;

/**
 * The demo's open late shipments do not depend on the time of day: a three-day shipment among the
 * last days was still on its way past its promised day from midnight UTC until it arrived, so the
 * demo showed two late shipments in the morning and one after (the suite above failed in CI before
 * 15:00 UTC). Seeded and queried on a stopped clock at both ends of the day.
 */
for (const at of ['2026-12-07T00:30:00.000Z', '2026-12-07T16:00:00.000Z']) {
  describeApp(`demo shipments seeded at ${at.slice(11, 16)} UTC on %s`, { databases: ['sqlite'], clock: at }, ({ t }) => {
    it('has one open late shipment, the one stuck in transit, and one planned', async () => {
      await seedDemo(t.app, { scale: 1, now: new Date(at) });
      const fulfilment = dataOf(await t.gql(OPERATIONS))
        .operations.edges.map((e: any) => e.node)
        .find((o: any) => o.name === 'Customer order fulfilment');
      const shipments = dataOf(await t.gql(DEMO_SHIPMENTS, { id: fulfilment.id })).operation;
      expect(shipments.late.edges.map((e: any) => e.node.status)).toEqual(['SHIPPED']);
      expect(shipments.planned.totalCount).toBe(1);
    });
  });
}
