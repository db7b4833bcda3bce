import { createTestDatabase, dataOf, Role, startTestApp, type TestApp } from '../harness/app';
import { CREATE_INVENTORY_ITEM } from '../harness/documents';
import { createOperation, uniqueName } from '../harness/factories';
import { eventually, sleep } from '../harness/wait';
import { collect, wsClient } from '../harness/ws';

/**
 * Issue 13, finding 5: two instances on one MariaDB database raise overlapping alert conditions at
 * the same moment. Each instance evaluates the stock movements it committed itself, so items both
 * instances moved are evaluated twice, items only one moved once. A duplicate active alert of one
 * item (the other instance raised it first) used to roll back the whole batch, losing the alerts of
 * the items only this instance evaluated: stock below its reorder point with no alert.
 */
describe('alert race between two instances on one MariaDB database', () => {
  const TRIALS = 20;
  let database: { url: string; drop(): Promise<void> };
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('mysql');
    a = await startTestApp({ databaseUrl: database.url });
    b = await startTestApp({ databaseUrl: database.url });
  }, 60_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
  });

  const consume = (t: TestApp, itemId: string) =>
    t.gql(
      `mutation ($id: ID!) { recordStockMovement(input: { itemId: $id, kind: CONSUMPTION, quantity: 20 }) { __typename } }`,
      { id: itemId },
      Role.OPERATOR,
    );

  it(`raises exactly one alert per item below its reorder point, and streams each once (${TRIALS} trials)`, async () => {
    const failures: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const operationId = (await createOperation(a, { name: uniqueName(`Race ${trial}`) })).id;
      const item = async (sku: string) => {
        const input = { operationId, sku: `${sku}-${trial}`, name: sku, unit: 'pcs', reorderPoint: 50, initialOnHand: 60 };
        return dataOf(await a.gql(CREATE_INVENTORY_ITEM, { input })).createInventoryItem.id as string;
      };
      // Moved by both instances (both evaluate them), and by one only (only that one evaluates them).
      const shared = await Promise.all(['S1', 'S2', 'S3', 'S4'].map(item));
      const onlyA = await Promise.all(['A1', 'A2', 'A3'].map(item));
      const onlyB = await Promise.all(['B1', 'B2', 'B3'].map(item));
      const all = [...shared, ...onlyA, ...onlyB];
      // Creating an item above its reorder point evaluates it too: let that finish before the race.
      await Promise.all([a.app.services.alerts.idle(), b.app.services.alerts.idle()]);

      // A subscriber on each instance: each alert event must arrive once on both.
      const subscribers = await Promise.all(
        [a, b].map(async (t) => {
          const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER));
          const sub = collect(client, ALERT_RAISED, { operationId });
          return { client, sub };
        }),
      );
      await sleep(200);

      const moves = [
        ...shared.flatMap((id) => [consume(a, id), consume(b, id)]),
        ...onlyA.map((id) => consume(a, id)),
        ...onlyB.map((id) => consume(b, id)),
      ];
      for (const r of await Promise.all(moves)) expect(dataOf(r).recordStockMovement.__typename).toBe('StockMovement');
      // Both instances evaluate what they committed at the same moment.
      await Promise.all([a.app.services.alerts.idle(), b.app.services.alerts.idle()]);

      const active = dataOf(await a.gql(ALERTS, { filter: { operationId, active: true } })).alerts.edges.map((e: any) => e.node);
      const bySubject = new Map<string, number>();
      for (const alert of active) bySubject.set(alert.subject.id, (bySubject.get(alert.subject.id) ?? 0) + 1);
      const missing = all.filter((id) => !bySubject.has(id));
      const doubled = [...bySubject].filter(([, n]) => n > 1);
      if (missing.length || doubled.length)
        failures.push(`trial ${trial}: ${missing.length} items without an alert, ${doubled.length} with two`);

      for (const { client, sub } of subscribers) {
        await eventually(() => sub.results.length >= active.length, 10_000, `${active.length} alert events`).catch(() => undefined);
        await sleep(300);
        const ids = sub.results.map((r) => (r.data as any).alertRaised.id);
        if (ids.length !== active.length || new Set(ids).size !== ids.length)
          failures.push(`trial ${trial}: a subscriber got ${ids.length} alert events for ${active.length} alerts`);
        sub.dispose();
        await client.dispose();
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

const ALERTS = `query ($filter: AlertFilter) { alerts(first: 100, filter: $filter) { totalCount edges { node { id kind subject { id } } } } }`;
const ALERT_RAISED = `subscription ($operationId: ID) { alertRaised(operationId: $operationId) { cursor id kind subject { id } } }`;
