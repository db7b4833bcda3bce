import { dataOf, errorCode, expectBadInput, Role } from '../harness/app';
import { CREATE_SHIPMENT } from '../harness/documents';
import { confirmDelivery, createInventoryItem, createOperation, createShipment, shipShipment } from '../harness/factories';
import { describeApp } from '../harness/suite';

/** Monday 9 March 2026, 08:00 UTC: every test sets the app's clock from here. */
const START = '2026-03-09T08:00:00Z';
const TUESDAY = '2026-03-10T00:00:00Z';

describeApp('shipments on %s', { clock: START }, ({ t, db }) => {
  beforeEach(() => t.clock.set(START));

  /** An operation with two finished-goods items (100 and 40 on hand unless given). */
  async function warehouse(onHand: [number, number] = [100, 40]) {
    const operationId = (await createOperation(t, { name: `Fulfilment ${db}` })).id;
    const tees = await createInventoryItem(t, operationId, { name: 'Organic T-shirt', unit: 'pcs', initialOnHand: onHand[0] });
    const jeans = await createInventoryItem(t, operationId, { name: 'Slim jeans', unit: 'pcs', initialOnHand: onHand[1] });
    return { operationId, tees: tees.id, jeans: jeans.id };
  }

  async function shipmentState(id: string) {
    return dataOf(await t.gql(SHIPMENT, { id })).shipment as {
      status: string;
      version: number;
      shippedAt: string | null;
      deliveredAt: string | null;
      lines: { quantity: number; deliveredQuantity: number | null; item: { id: string; onHand: number } }[];
    };
  }

  async function itemState(id: string) {
    return dataOf(await t.gql(ITEM, { id })).inventoryItem as {
      onHand: number;
      version: number;
      movements: { totalCount: number; edges: { node: { kind: string; delta: number; onHandAfter: number; note: string } }[] };
    };
  }

  it('plans, ships and confirms a short delivery: SHIPMENT movements on shipping, DELIVERED with the short line recorded', async () => {
    const w = await warehouse();
    const planned = await createShipment(
      t,
      w.operationId,
      [
        { itemId: w.tees, quantity: 30 },
        { itemId: w.jeans, quantity: 12.5 },
      ],
      { destination: 'Store 12 – Lisbon Chiado', promisedDate: TUESDAY },
    );
    expect(planned).toMatchObject({ status: 'PLANNED', version: 1 });
    expect((await itemState(w.tees)).onHand).toBe(100);

    t.clock.set('2026-03-09T10:00:00Z');
    const shipped = await shipShipment(t, planned.id, { expectedVersion: 1 });
    expect(shipped).toMatchObject({
      __typename: 'Shipment',
      status: 'SHIPPED',
      shippedAt: '2026-03-09T10:00:00.000Z',
      version: 2,
      late: false,
    });
    const tees = await itemState(w.tees);
    expect(tees.onHand).toBe(70);
    expect(tees.movements.edges[0].node).toMatchObject({
      kind: 'SHIPMENT',
      delta: -30,
      onHandAfter: 70,
      note: 'Shipment to Store 12 – Lisbon Chiado',
    });
    expect((await itemState(w.jeans)).onHand).toBe(27.5);

    t.clock.set('2026-03-10T16:00:00Z');
    const delivered = await confirmDelivery(t, planned.id, { lines: [{ itemId: w.jeans, deliveredQuantity: 10 }] });
    expect(delivered).toMatchObject({
      __typename: 'Shipment',
      status: 'DELIVERED',
      deliveredAt: '2026-03-10T16:00:00.000Z',
      onTime: true,
      inFull: false,
      late: false,
      version: 3,
    });
    const state = await shipmentState(planned.id);
    expect(state.lines.map((l) => [l.item.id, l.quantity, l.deliveredQuantity])).toEqual([
      [w.tees, 30, 30],
      [w.jeans, 12.5, 10],
    ]);
    // A short delivery is a fact about the delivery, not a stock movement: stock left on shipping.
    expect((await itemState(w.jeans)).onHand).toBe(27.5);

    const listed = dataOf(await t.gql(OPERATION_SHIPMENTS, { id: w.operationId, filter: { status: ['DELIVERED'] } })).operation.shipments;
    expect(listed.edges.map((e: any) => e.node.id)).toEqual([planned.id]);
    const top = dataOf(await t.gql(SHIPMENTS, { filter: { operationId: w.operationId, destination: 'chiado' } })).shipments;
    expect(top.totalCount).toBe(1);
  });

  it('refuses to ship a line short of stock with InsufficientStock naming the item, and ships no line at all', async () => {
    const w = await warehouse([100, 5]);
    const planned = await createShipment(
      t,
      w.operationId,
      [
        { itemId: w.tees, quantity: 30 },
        { itemId: w.jeans, quantity: 6 },
      ],
      { promisedDate: TUESDAY },
    );
    const refused = await shipShipment(t, planned.id);
    expect(refused).toMatchObject({
      __typename: 'InsufficientStock',
      code: 'INSUFFICIENT_STOCK',
      itemId: w.jeans,
      onHand: 5,
      requested: 6,
    });
    expect(refused.message).toMatch(/^Cannot ship 6 pcs of SKU-.* \(Slim jeans\): only 5 pcs on hand; nothing was shipped$/);
    // The tees line came first and was written before the jeans line was refused: it was rolled back.
    expect(await itemState(w.tees)).toMatchObject({ onHand: 100, version: 1, movements: { totalCount: 1 } });
    expect(await itemState(w.jeans)).toMatchObject({ onHand: 5, version: 1, movements: { totalCount: 1 } });
    expect(await shipmentState(planned.id)).toMatchObject({ status: 'PLANNED', version: 1, shippedAt: null });
  });

  it('refuses transitions from the wrong state and stale versions, changing nothing', async () => {
    const w = await warehouse();
    const a = await createShipment(t, w.operationId, [{ itemId: w.tees, quantity: 10 }], { promisedDate: TUESDAY });

    const early = await confirmDelivery(t, a.id);
    expect(early).toMatchObject({
      __typename: 'InvalidStateTransition',
      code: 'INVALID_STATE_TRANSITION',
      from: 'PLANNED',
      to: 'DELIVERED',
    });
    const stale = await shipShipment(t, a.id, { expectedVersion: 7 });
    expect(stale).toMatchObject({ __typename: 'VersionConflict', expectedVersion: 7, actualVersion: 1 });
    const staleCancel = dataOf(await t.gql(CANCEL, { input: { id: a.id, expectedVersion: 2 } })).cancelShipment;
    expect(staleCancel).toMatchObject({ __typename: 'VersionConflict', actualVersion: 1 });
    expect(await shipmentState(a.id)).toMatchObject({ status: 'PLANNED', version: 1 });
    expect((await itemState(w.tees)).onHand).toBe(100);

    expect(await shipShipment(t, a.id)).toMatchObject({ status: 'SHIPPED', version: 2 });
    const again = await shipShipment(t, a.id);
    expect(again).toMatchObject({ __typename: 'InvalidStateTransition', from: 'SHIPPED', to: 'SHIPPED' });
    const cancelShipped = dataOf(await t.gql(CANCEL, { input: { id: a.id, expectedVersion: 2 } })).cancelShipment;
    expect(cancelShipped).toMatchObject({ __typename: 'InvalidStateTransition', from: 'SHIPPED', to: 'CANCELLED' });
    expect(await shipmentState(a.id)).toMatchObject({ status: 'SHIPPED', version: 2 });
    expect((await itemState(w.tees)).onHand).toBe(90);

    const b = await createShipment(t, w.operationId, [{ itemId: w.tees, quantity: 10 }], { promisedDate: TUESDAY });
    const cancelled = dataOf(await t.gql(CANCEL, { input: { id: b.id, expectedVersion: 1 } })).cancelShipment;
    expect(cancelled).toMatchObject({ __typename: 'Shipment', status: 'CANCELLED', version: 2 });
    expect(await shipShipment(t, b.id)).toMatchObject({ __typename: 'InvalidStateTransition', from: 'CANCELLED' });
    expect((await itemState(w.tees)).onHand).toBe(90);
  });

  it('refuses bad dates and bad lines with BAD_USER_INPUT naming the field, changing nothing', async () => {
    const w = await warehouse();
    const other = await warehouse();
    const before = dataOf(await t.gql(SHIPMENTS, { filter: { operationId: w.operationId } })).shipments.totalCount;
    const create = (input: Record<string, unknown>) =>
      t.gql(CREATE_SHIPMENT, {
        input: {
          operationId: w.operationId,
          destination: 'Store 3',
          promisedDate: TUESDAY,
          lines: [{ itemId: w.tees, quantity: 1 }],
          ...input,
        },
      });
    expectBadInput(await create({ promisedDate: '2026-03-08T23:00:00Z' }), 'input.promisedDate');
    expectBadInput(await create({ lines: [{ itemId: other.tees, quantity: 1 }] }), 'input.lines.0.itemId');
    expectBadInput(
      await create({
        lines: [
          { itemId: w.tees, quantity: 1 },
          { itemId: w.tees, quantity: 2 },
        ],
      }),
      'input.lines.1.itemId',
    );
    expectBadInput(await create({ lines: [{ itemId: w.tees, quantity: 0 }] }), 'input.lines.0.quantity');
    expectBadInput(await create({ lines: [{ itemId: w.tees, quantity: 1.0001 }] }), 'input.lines.0.quantity');
    expect(dataOf(await t.gql(SHIPMENTS, { filter: { operationId: w.operationId } })).shipments.totalCount).toBe(before);

    const s = await createShipment(t, w.operationId, [{ itemId: w.tees, quantity: 10 }], { promisedDate: TUESDAY });
    expectBadInput(await t.gql(SHIP, { input: { id: s.id, shippedAt: '2026-03-09T09:00:00Z' } }, Role.OPERATOR), 'input.shippedAt');
    t.clock.set('2026-03-09T12:00:00Z');
    expect(await shipShipment(t, s.id, { shippedAt: '2026-03-09T11:00:00Z' })).toMatchObject({ status: 'SHIPPED' });
    const confirm = (input: Record<string, unknown>) => t.gql(CONFIRM, { input: { id: s.id, ...input } }, Role.OPERATOR);
    expectBadInput(await confirm({ deliveredAt: '2026-03-09T10:59:59Z' }), 'input.deliveredAt');
    expectBadInput(await confirm({ deliveredAt: '2026-03-10T11:00:00Z' }), 'input.deliveredAt');
    expectBadInput(await confirm({ lines: [{ itemId: w.tees, deliveredQuantity: 10.5 }] }), 'input.lines.0.deliveredQuantity');
    expectBadInput(await confirm({ lines: [{ itemId: w.jeans, deliveredQuantity: 1 }] }), 'input.lines.0.itemId');
    expect(await shipmentState(s.id)).toMatchObject({
      status: 'SHIPPED',
      version: 2,
      deliveredAt: null,
      lines: [{ deliveredQuantity: null }],
    });
  });

  it('lets only ADMIN plan and cancel, and OPERATOR ship and confirm; a refused role changes nothing', async () => {
    const w = await warehouse();
    const input = { operationId: w.operationId, destination: 'Store 9', promisedDate: TUESDAY, lines: [{ itemId: w.tees, quantity: 5 }] };
    expect(errorCode(await t.gql(CREATE_SHIPMENT, { input }, Role.OPERATOR))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CREATE_SHIPMENT, { input }, Role.VIEWER))).toBe('FORBIDDEN');
    expect(dataOf(await t.gql(SHIPMENTS, { filter: { operationId: w.operationId } })).shipments.totalCount).toBe(0);
    const s = await createShipment(t, w.operationId, [{ itemId: w.tees, quantity: 5 }], { promisedDate: TUESDAY });
    expect(errorCode(await t.gql(SHIP, { input: { id: s.id } }, Role.VIEWER))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CANCEL, { input: { id: s.id, expectedVersion: 1 } }, Role.OPERATOR))).toBe('FORBIDDEN');
    expect(await shipmentState(s.id)).toMatchObject({ status: 'PLANNED', version: 1 });
    expect((await itemState(w.tees)).onHand).toBe(100);
    expect(await shipShipment(t, s.id)).toMatchObject({ status: 'SHIPPED' });
    expect(errorCode(await t.gql(CONFIRM, { input: { id: s.id } }, Role.VIEWER))).toBe('FORBIDDEN');
    expect(await shipmentState(s.id)).toMatchObject({ status: 'SHIPPED', version: 2 });
  });

  it("computes the issue's four-shipment example through Operation.kpis: OTIF 0.5, on time 0.75, in full 0.75, fill rate 0.94, and as of", async () => {
    const w = await warehouse([200, 40]);
    // All promised for Tuesday 10 March; A on time in full, B late in full, C on time short, D on time in full.
    const make = (quantity: number, destination: string) =>
      createShipment(t, w.operationId, [{ itemId: w.tees, quantity }], { destination, promisedDate: TUESDAY });
    const a = await make(10, 'Store A');
    const b = await make(20, 'Store B');
    const c = await make(30, 'Store C');
    const d = await make(40, 'Store D');
    for (const s of [a, b, c, d]) expect(await shipShipment(t, s.id)).toMatchObject({ status: 'SHIPPED' });

    const deliver = async (at: string, id: string, delivered?: number) => {
      t.clock.set(at);
      const lines = delivered === undefined ? undefined : [{ itemId: w.tees, deliveredQuantity: delivered }];
      expect(await confirmDelivery(t, id, { deliveredAt: at, lines })).toMatchObject({ status: 'DELIVERED' });
    };
    await deliver('2026-03-09T15:00:00Z', a.id);
    await deliver('2026-03-10T09:00:00Z', c.id, 24);
    await deliver('2026-03-10T23:59:59Z', d.id);
    await deliver('2026-03-11T08:00:00Z', b.id);

    const window = { id: w.operationId, from: '2026-03-09T00:00:00Z', to: '2026-03-12T00:00:00Z' };
    const now = dataOf(await t.gql(KPIS, window)).operation.kpis.delivery;
    expect(now.shipmentsDelivered).toBe(4);
    expect(now.otif).toEqual({ value: 0.5, reason: null, definition: { key: 'otif' } });
    expect(now.onTimeDeliveryRate.value).toBe(0.75);
    expect(now.inFullRate.value).toBe(0.75);
    expect(now.fillRate.value).toBe(0.94);

    // As of Tuesday noon only A and C were recorded as delivered: both on time, one in full.
    const noon = dataOf(await t.gql(KPIS, { ...window, asOf: '2026-03-10T12:00:00Z' })).operation.kpis.delivery;
    expect(noon.shipmentsDelivered).toBe(2);
    expect([noon.otif.value, noon.onTimeDeliveryRate.value, noon.inFullRate.value, noon.fillRate.value]).toEqual([0.5, 1, 0.5, 0.85]);

    const empty = dataOf(await t.gql(KPIS, { ...window, to: '2026-03-09T12:00:00Z' })).operation.kpis.delivery;
    expect(empty.otif).toMatchObject({ value: null, reason: 'NO_DELIVERIES: no shipment was delivered in the window' });
  });

  it('raises SHIPMENT_LATE once when the promised day passes, and clears it on delivery', async () => {
    const w = await warehouse();
    const s = await createShipment(t, w.operationId, [{ itemId: w.tees, quantity: 5 }], { destination: 'Store 7', promisedDate: TUESDAY });
    await t.app.services.alerts.sweepNow();
    expect((await lateAlerts(w.operationId)).totalCount).toBe(0);

    t.clock.set('2026-03-10T23:00:00Z'); // still the promised day: not late
    await t.app.services.alerts.sweepNow();
    expect((await lateAlerts(w.operationId)).totalCount).toBe(0);

    t.clock.set('2026-03-11T06:00:00Z');
    await t.app.services.alerts.sweepNow();
    await t.app.services.alerts.sweepNow();
    const raised = await lateAlerts(w.operationId);
    expect(raised.totalCount).toBe(1);
    expect(raised.edges[0].node).toMatchObject({ kind: 'SHIPMENT_LATE', subject: { id: s.id }, clearedAt: null });
    expect(raised.edges[0].node.message).toBe('Shipment to Store 7 was promised for 2026-03-10 and is still PLANNED');
    expect((await shipmentState(s.id)).status).toBe('PLANNED');
    expect(dataOf(await t.gql(SHIPMENTS, { filter: { operationId: w.operationId, late: true } })).shipments.totalCount).toBe(1);

    expect(await shipShipment(t, s.id)).toMatchObject({ status: 'SHIPPED', late: true });
    await t.app.services.alerts.idle();
    expect((await lateAlerts(w.operationId)).edges[0].node.clearedAt).toBeNull();
    expect(await confirmDelivery(t, s.id)).toMatchObject({ status: 'DELIVERED', onTime: false, late: false });
    await t.app.services.alerts.idle();
    const cleared = await lateAlerts(w.operationId);
    expect(cleared.totalCount).toBe(1);
    expect(cleared.edges[0].node.clearedAt).not.toBeNull();
  });

  it('never drives stock negative under 20 concurrent shipments of the last units; every refused one says InsufficientStock', async () => {
    const w = await warehouse([20, 40]);
    const shipments = [];
    for (let i = 0; i < 20; i++) {
      shipments.push(
        await createShipment(t, w.operationId, [{ itemId: w.tees, quantity: 3 }], { destination: `Store ${i}`, promisedDate: TUESDAY }),
      );
    }
    const results = await Promise.all(
      shipments.map((s) => t.gql(SHIP_LEAN, { input: { id: s.id } }, Role.OPERATOR).then((r) => dataOf(r).shipShipment)),
    );
    const shipped = results.filter((r) => r.__typename === 'Shipment');
    const refused = results.filter((r) => r.__typename !== 'Shipment');
    expect(shipped).toHaveLength(6);
    expect(refused).toHaveLength(14);
    for (const r of refused)
      expect(r).toMatchObject({ __typename: 'InsufficientStock', code: 'INSUFFICIENT_STOCK', itemId: w.tees, requested: 3 });
    const item = await itemState(w.tees);
    expect(item.onHand).toBe(2);
    expect(item.movements.totalCount).toBe(7);
    const nodes = item.movements.edges.map((e) => e.node);
    expect(nodes.every((m) => m.onHandAfter >= 0)).toBe(true);
    expect(nodes.reduce((sum, m) => sum + m.delta, 0)).toBe(2);
    const statuses = await Promise.all(shipments.map(async (s) => (await shipmentState(s.id)).status));
    expect(statuses.filter((s) => s === 'SHIPPED')).toHaveLength(6);
    expect(statuses.filter((s) => s === 'PLANNED')).toHaveLength(14);
  });

  async function lateAlerts(operationId: string) {
    return dataOf(await t.gql(ALERTS, { filter: { operationId, kinds: ['SHIPMENT_LATE'] } })).alerts;
  }
});

const SHIPMENT = /* GraphQL */ `
  query Shipment($id: ID!) {
    shipment(id: $id) {
      status
      version
      shippedAt
      deliveredAt
      lines {
        quantity
        deliveredQuantity
        item {
          id
          onHand
        }
      }
    }
  }
`;

const ITEM = /* GraphQL */ `
  query Item($id: ID!) {
    inventoryItem(id: $id) {
      onHand
      version
      movements(first: 30) {
        totalCount
        edges {
          node {
            kind
            delta
            onHandAfter
            note
          }
        }
      }
    }
  }
`;

const SHIPMENTS = /* GraphQL */ `
  query Shipments($filter: ShipmentFilter) {
    shipments(filter: $filter) {
      totalCount
      edges {
        node {
          id
          status
        }
      }
    }
  }
`;

const OPERATION_SHIPMENTS = /* GraphQL */ `
  query OperationShipments($id: ID!, $filter: ShipmentFilter) {
    operation(id: $id) {
      shipments(filter: $filter) {
        edges {
          node {
            id
          }
        }
      }
    }
  }
`;

const SHIP = /* GraphQL */ `
  mutation Ship($input: ShipShipmentInput!) {
    shipShipment(input: $input) {
      __typename
    }
  }
`;

/** Only what the concurrency test reads: 20 of these at once stay well within one principal's rate limit. */
const SHIP_LEAN = /* GraphQL */ `
  mutation ShipLean($input: ShipShipmentInput!) {
    shipShipment(input: $input) {
      __typename
      ... on InsufficientStock {
        code
        itemId
        requested
      }
    }
  }
`;

const CONFIRM = /* GraphQL */ `
  mutation Confirm($input: ConfirmDeliveryInput!) {
    confirmDelivery(input: $input) {
      __typename
    }
  }
`;

const CANCEL = /* GraphQL */ `
  mutation Cancel($input: CancelShipmentInput!) {
    cancelShipment(input: $input) {
      __typename
      ... on Shipment {
        status
        version
      }
      ... on VersionConflict {
        actualVersion
      }
      ... on InvalidStateTransition {
        from
        to
      }
    }
  }
`;

const KPIS = /* GraphQL */ `
  query DeliveryKpis($id: ID!, $from: DateTimeISO, $to: DateTimeISO, $asOf: DateTimeISO) {
    operation(id: $id) {
      kpis(from: $from, to: $to, asOf: $asOf) {
        delivery {
          shipmentsDelivered
          otif {
            value
            reason
            definition {
              key
            }
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

const ALERTS = /* GraphQL */ `
  query Alerts($filter: AlertFilter) {
    alerts(filter: $filter) {
      totalCount
      edges {
        node {
          kind
          message
          clearedAt
          subject {
            id
          }
        }
      }
    }
  }
`;
