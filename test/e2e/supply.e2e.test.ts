import { dataOf, errorCode, expectBadInput, Role } from '../harness/app';
import { CREATE_PURCHASE_ORDER, CREATE_SUPPLIER, RECEIVE_PURCHASE_ORDER } from '../harness/documents';
import { createInventoryItem, createOperation, createPurchaseOrder, createSupplier } from '../harness/factories';
import { describeApp } from '../harness/suite';

/** Sunday 1 March 2026, 09:00 UTC: every test sets the app's clock from here. */
const START = '2026-03-01T09:00:00Z';

describeApp('suppliers and purchase orders on %s', { clock: START }, ({ t, db }) => {
  beforeEach(() => t.clock.set(START));

  /** A garment operation with twill (0 m) and denim (10 m) in stock. */
  async function fabrics() {
    const operationId = (await createOperation(t, { name: `Garment production ${db}` })).id;
    const twill = await createInventoryItem(t, operationId, { name: 'Organic cotton twill', unit: 'm', initialOnHand: 0 });
    const denim = await createInventoryItem(t, operationId, { name: 'Denim 12oz', unit: 'm', initialOnHand: 10 });
    return { operationId, twill: twill.id, denim: denim.id };
  }

  function receive(input: Record<string, unknown>, as: Role = Role.OPERATOR) {
    return t.gql(RECEIVE_PURCHASE_ORDER, { input }, as);
  }

  async function orderState(id: string) {
    return dataOf(await t.gql(ORDER, { id })).purchaseOrder as {
      status: string;
      version: number;
      receivedAt: string | null;
      lines: { quantityOrdered: number; quantityReceived: number; remaining: number; item: { id: string; onHand: number } }[];
      receipts: { totalCount: number };
    };
  }

  async function onHand(id: string) {
    return dataOf(await t.gql(ITEM, { id })).inventoryItem as { onHand: number; movements: { totalCount: number } };
  }

  it('creates a supplier and updates it with its version; a stale version or a taken name changes nothing', async () => {
    const mill = await createSupplier(t, {
      name: `Anatolia Organic Mills ${db}`,
      contact: 'orders@anatolia.example',
      quotedLeadTimeDays: 21,
    });
    expect(mill.version).toBe(1);
    const updated = dataOf(
      await t.gql(UPDATE_SUPPLIER, { input: { id: mill.id, expectedVersion: 1, quotedLeadTimeDays: 28 } }),
    ).updateSupplier;
    expect(updated).toMatchObject({ __typename: 'Supplier', quotedLeadTimeDays: 28, version: 2 });
    const stale = dataOf(
      await t.gql(UPDATE_SUPPLIER, { input: { id: mill.id, expectedVersion: 1, quotedLeadTimeDays: 3 } }),
    ).updateSupplier;
    expect(stale).toMatchObject({ __typename: 'VersionConflict', expectedVersion: 1, actualVersion: 2 });
    const other = await createSupplier(t, { name: `Porto Denim ${db}` });
    expectBadInput(
      await t.gql(UPDATE_SUPPLIER, { input: { id: other.id, expectedVersion: 1, name: `anatolia organic mills ${db}` } }),
      'input.name',
    );
    expectBadInput(await t.gql(CREATE_SUPPLIER, { input: { name: `ANATOLIA ORGANIC MILLS ${db}`, quotedLeadTimeDays: 1 } }), 'input.name');
    const state = dataOf(await t.gql(SUPPLIER, { id: mill.id })).supplier;
    expect(state).toMatchObject({ quotedLeadTimeDays: 28, version: 2, contact: 'orders@anatolia.example' });
    expect(dataOf(await t.gql(SUPPLIER, { id: other.id })).supplier).toMatchObject({ name: `Porto Denim ${db}`, version: 1 });
    const found = dataOf(await t.gql(SUPPLIERS, { filter: { search: 'anatolia' } })).suppliers;
    expect(found.edges.map((e: any) => e.node.id)).toContain(mill.id);
  });

  it('receives an order in two deliveries: OPEN → PARTIALLY_RECEIVED → RECEIVED, with RECEIPT movements in the same transaction', async () => {
    const f = await fabrics();
    const mill = await createSupplier(t);
    const order = await createPurchaseOrder(
      t,
      mill.id,
      [
        { itemId: f.twill, quantity: 100 },
        { itemId: f.denim, quantity: 50 },
      ],
      { number: `PO-${db}-1`, promisedDate: '2026-03-15T00:00:00Z' },
    );
    expect(await orderState(order.id)).toMatchObject({ status: 'OPEN', version: 1, receivedAt: null, receipts: { totalCount: 0 } });

    t.clock.set('2026-03-10T08:00:00Z');
    const first = dataOf(await receive({ purchaseOrderId: order.id, lines: [{ itemId: f.twill, quantity: 60.5 }], note: 'DN-4711' }));
    expect(first.receivePurchaseOrder).toMatchObject({
      __typename: 'PurchaseReceipt',
      receivedAt: '2026-03-10T08:00:00.000Z',
      onTime: true,
      purchaseOrder: { status: 'PARTIALLY_RECEIVED', version: 2, overdue: false },
    });
    expect(await onHand(f.twill)).toMatchObject({ onHand: 60.5, movements: { totalCount: 1 } });
    const movement = dataOf(await t.gql(RECEIPT, { id: order.id })).purchaseOrder.receipts.edges[0].node.lines[0];
    expect(movement).toMatchObject({ quantity: 60.5, stockMovement: { kind: 'RECEIPT', delta: 60.5, onHandAfter: 60.5, note: 'DN-4711' } });

    t.clock.set('2026-03-16T08:00:00Z');
    const second = dataOf(
      await receive({
        purchaseOrderId: order.id,
        expectedVersion: 2,
        lines: [
          { itemId: f.twill, quantity: 39.5 },
          { itemId: f.denim, quantity: 52.5 },
        ],
      }),
    ).receivePurchaseOrder;
    expect(second).toMatchObject({
      onTime: false,
      purchaseOrder: { status: 'RECEIVED', version: 3, receivedAt: '2026-03-16T08:00:00.000Z' },
    });
    const state = await orderState(order.id);
    expect(state.lines.map((l) => [l.quantityOrdered, l.quantityReceived, l.remaining, l.item.onHand])).toEqual([
      [100, 100, 0, 100],
      [50, 52.5, 0, 62.5],
    ]);
    expect(state.receipts.totalCount).toBe(2);

    const listed = dataOf(await t.gql(SUPPLIER_ORDERS, { id: mill.id, filter: { status: ['RECEIVED'] } })).supplier.purchaseOrders;
    expect(listed.edges.map((e: any) => e.node.number)).toEqual([`PO-${db}-1`]);
    const all = dataOf(await t.gql(ORDERS, { filter: { supplierId: mill.id, status: ['OPEN'] } })).purchaseOrders;
    expect(all.totalCount).toBe(0);
  });

  it('refuses a receipt more than 5 % over the ordered quantity with OverReceipt, receiving nothing', async () => {
    const f = await fabrics();
    const order = await createPurchaseOrder(t, (await createSupplier(t)).id, [
      { itemId: f.twill, quantity: 100 },
      { itemId: f.denim, quantity: 20 },
    ]);
    const over = dataOf(
      await receive({
        purchaseOrderId: order.id,
        lines: [
          { itemId: f.denim, quantity: 5 },
          { itemId: f.twill, quantity: 105.001 },
        ],
      }),
    ).receivePurchaseOrder;
    expect(over).toMatchObject({
      __typename: 'OverReceipt',
      code: 'OVER_RECEIPT',
      itemId: f.twill,
      ordered: 100,
      alreadyReceived: 0,
      requested: 105.001,
      maximum: 105,
    });
    expect(await orderState(order.id)).toMatchObject({ status: 'OPEN', version: 1, receipts: { totalCount: 0 } });
    expect(await onHand(f.twill)).toMatchObject({ onHand: 0, movements: { totalCount: 0 } });
    expect(await onHand(f.denim)).toMatchObject({ onHand: 10, movements: { totalCount: 1 } });
    // Exactly the tolerance is accepted.
    const ok = dataOf(await receive({ purchaseOrderId: order.id, lines: [{ itemId: f.twill, quantity: 105 }] })).receivePurchaseOrder;
    expect(ok).toMatchObject({ __typename: 'PurchaseReceipt', purchaseOrder: { status: 'PARTIALLY_RECEIVED' } });
  });

  it('refuses receipts from the wrong state, stale versions, items not on the order and dates before the order, changing nothing', async () => {
    const f = await fabrics();
    const order = await createPurchaseOrder(t, (await createSupplier(t)).id, [{ itemId: f.twill, quantity: 10 }], {
      orderedAt: '2026-03-01T08:00:00Z',
      promisedDate: '2026-03-05T00:00:00Z',
    });
    const stale = dataOf(await receive({ purchaseOrderId: order.id, expectedVersion: 4, lines: [{ itemId: f.twill, quantity: 1 }] }));
    expect(stale.receivePurchaseOrder).toMatchObject({ __typename: 'VersionConflict', expectedVersion: 4, actualVersion: 1 });
    expectBadInput(await receive({ purchaseOrderId: order.id, lines: [{ itemId: f.denim, quantity: 1 }] }), 'input.lines.0.itemId');
    expectBadInput(
      await receive({ purchaseOrderId: order.id, receivedAt: '2026-03-01T07:59:59Z', lines: [{ itemId: f.twill, quantity: 1 }] }),
      'input.receivedAt',
    );
    expectBadInput(
      await receive({ purchaseOrderId: order.id, receivedAt: '2026-03-02T00:00:00Z', lines: [{ itemId: f.twill, quantity: 1 }] }),
      'input.receivedAt',
    );
    expectBadInput(await receive({ purchaseOrderId: order.id, lines: [{ itemId: f.twill, quantity: -1 }] }), 'input.lines.0.quantity');
    expect(await orderState(order.id)).toMatchObject({ status: 'OPEN', version: 1, receipts: { totalCount: 0 } });
    expect((await onHand(f.twill)).onHand).toBe(0);

    const cancelled = dataOf(await t.gql(CANCEL, { input: { id: order.id, expectedVersion: 1 } })).cancelPurchaseOrder;
    expect(cancelled).toMatchObject({ __typename: 'PurchaseOrder', status: 'CANCELLED', version: 2 });
    const late = dataOf(await receive({ purchaseOrderId: order.id, lines: [{ itemId: f.twill, quantity: 1 }] })).receivePurchaseOrder;
    expect(late).toMatchObject({ __typename: 'InvalidStateTransition', from: 'CANCELLED', to: 'receivePurchaseOrder' });
    const again = dataOf(await t.gql(CANCEL, { input: { id: order.id, expectedVersion: 2 } })).cancelPurchaseOrder;
    expect(again).toMatchObject({ __typename: 'InvalidStateTransition', from: 'CANCELLED', to: 'CANCELLED' });
    const staleCancel = dataOf(await t.gql(CANCEL, { input: { id: order.id, expectedVersion: 1 } })).cancelPurchaseOrder;
    expect(staleCancel).toMatchObject({ __typename: 'VersionConflict', actualVersion: 2 });
    expect(await orderState(order.id)).toMatchObject({ status: 'CANCELLED', version: 2, receipts: { totalCount: 0 } });
    expect((await onHand(f.twill)).onHand).toBe(0);

    const done = await createPurchaseOrder(t, (await createSupplier(t)).id, [{ itemId: f.twill, quantity: 10 }]);
    dataOf(await receive({ purchaseOrderId: done.id, lines: [{ itemId: f.twill, quantity: 10 }] }));
    const closed = dataOf(await receive({ purchaseOrderId: done.id, lines: [{ itemId: f.twill, quantity: 0.5 }] })).receivePurchaseOrder;
    expect(closed).toMatchObject({ __typename: 'InvalidStateTransition', from: 'RECEIVED' });
    expect((await onHand(f.twill)).onHand).toBe(10);
  });

  it('replays a retried receipt with the same idempotency key and refuses the key with another payload', async () => {
    const f = await fabrics();
    const order = await createPurchaseOrder(t, (await createSupplier(t)).id, [{ itemId: f.twill, quantity: 100 }]);
    const input = { purchaseOrderId: order.id, lines: [{ itemId: f.twill, quantity: 40 }], idempotencyKey: `dn-${db}-1` };
    const first = dataOf(await receive(input)).receivePurchaseOrder;
    const retry = dataOf(await receive(input)).receivePurchaseOrder;
    expect(retry.id).toBe(first.id);
    const reused = dataOf(await receive({ ...input, lines: [{ itemId: f.twill, quantity: 41 }] })).receivePurchaseOrder;
    expect(reused).toMatchObject({ __typename: 'IdempotencyKeyReused', code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await orderState(order.id)).toMatchObject({ version: 2, receipts: { totalCount: 1 } });
    expect((await onHand(f.twill)).onHand).toBe(40);

    // A refusal is remembered too: the retry of an over-receipt gets the same OverReceipt.
    const overInput = { purchaseOrderId: order.id, lines: [{ itemId: f.twill, quantity: 70 }], idempotencyKey: `dn-${db}-2` };
    expect(dataOf(await receive(overInput)).receivePurchaseOrder).toMatchObject({ __typename: 'OverReceipt', alreadyReceived: 40 });
    expect(dataOf(await receive(overInput)).receivePurchaseOrder).toMatchObject({
      __typename: 'OverReceipt',
      alreadyReceived: 40,
      maximum: 105,
    });
  });

  it('refuses bad orders (promised before the order day, ordered in the future, repeated items, a taken number) with BAD_USER_INPUT', async () => {
    const f = await fabrics();
    const supplierId = (await createSupplier(t)).id;
    const before = dataOf(await t.gql(ORDERS, { filter: { supplierId } })).purchaseOrders.totalCount;
    const create = (input: Record<string, unknown>) =>
      t.gql(CREATE_PURCHASE_ORDER, {
        input: {
          supplierId,
          number: `PO-${db}-bad`,
          promisedDate: '2026-03-20T00:00:00Z',
          lines: [{ itemId: f.twill, quantity: 1 }],
          ...input,
        },
      });
    expectBadInput(await create({ orderedAt: '2026-03-01T08:00:00Z', promisedDate: '2026-02-28T23:59:59Z' }), 'input.promisedDate');
    expectBadInput(await create({ orderedAt: '2026-03-02T09:00:00Z' }), 'input.orderedAt');
    expectBadInput(
      await create({
        lines: [
          { itemId: f.twill, quantity: 1 },
          { itemId: f.twill, quantity: 1 },
        ],
      }),
      'input.lines.1.itemId',
    );
    await createPurchaseOrder(t, supplierId, [{ itemId: f.twill, quantity: 1 }], { number: `PO-${db}-taken` });
    expectBadInput(await create({ number: `po-${db}-TAKEN` }), 'input.number');
    expect(dataOf(await t.gql(ORDERS, { filter: { supplierId } })).purchaseOrders.totalCount).toBe(before + 1);
  });

  it('lets only ADMIN create suppliers and orders and cancel them, and OPERATOR receive; a refused role changes nothing', async () => {
    const f = await fabrics();
    const name = `Refused Mill ${db}`;
    expect(errorCode(await t.gql(CREATE_SUPPLIER, { input: { name, quotedLeadTimeDays: 5 } }, Role.OPERATOR))).toBe('FORBIDDEN');
    expect(dataOf(await t.gql(SUPPLIERS, { filter: { search: name } })).suppliers.totalCount).toBe(0);
    const supplierId = (await createSupplier(t)).id;
    const order = { supplierId, number: `PO-${db}-role`, promisedDate: '2026-03-20T00:00:00Z', lines: [{ itemId: f.twill, quantity: 5 }] };
    expect(errorCode(await t.gql(CREATE_PURCHASE_ORDER, { input: order }, Role.OPERATOR))).toBe('FORBIDDEN');
    expect(dataOf(await t.gql(ORDERS, { filter: { supplierId } })).purchaseOrders.totalCount).toBe(0);
    const made = await createPurchaseOrder(t, supplierId, [{ itemId: f.twill, quantity: 5 }]);
    expect(errorCode(await receive({ purchaseOrderId: made.id, lines: [{ itemId: f.twill, quantity: 5 }] }, Role.VIEWER))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.gql(CANCEL, { input: { id: made.id, expectedVersion: 1 } }, Role.OPERATOR))).toBe('FORBIDDEN');
    expect(await orderState(made.id)).toMatchObject({ status: 'OPEN', version: 1, receipts: { totalCount: 0 } });
    expect((await onHand(f.twill)).onHand).toBe(0);
  });

  it('computes the supplier on-time rate (2 of 3) and average lead time (14.25 days) from receipts, and as of', async () => {
    const f = await fabrics();
    const mill = await createSupplier(t, { name: `Often late ${db}` });
    const order = await createPurchaseOrder(t, mill.id, [{ itemId: f.twill, quantity: 300 }], {
      orderedAt: '2026-03-01T00:00:00Z',
      promisedDate: '2026-03-15T00:00:00Z',
    });
    for (const at of ['2026-03-10T00:00:00Z', '2026-03-15T18:00:00Z', '2026-03-20T00:00:00Z']) {
      t.clock.set(at);
      dataOf(await receive({ purchaseOrderId: order.id, receivedAt: at, lines: [{ itemId: f.twill, quantity: 100 }] }));
    }
    const window = { id: mill.id, from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    const now = dataOf(await t.gql(SUPPLIER_KPIS, window)).supplier;
    expect(now.onTimeDeliveryRate.value).toBeCloseTo(2 / 3, 12);
    expect(now.onTimeDeliveryRate.definition.key).toBe('supplierOnTimeDeliveryRate');
    expect(now.averageLeadTimeDays).toEqual({ value: 14.25, reason: null, definition: { key: 'supplierLeadTimeDays' } });
    // As of 16 March the third receipt was not yet recorded: 2 of 2 on time, (9 + 14.75) ÷ 2 days.
    const asOf = dataOf(await t.gql(SUPPLIER_KPIS, { ...window, asOf: '2026-03-16T00:00:00Z' })).supplier;
    expect(asOf.onTimeDeliveryRate.value).toBe(1);
    expect(asOf.averageLeadTimeDays.value).toBe(11.875);
    const none = dataOf(await t.gql(SUPPLIER_KPIS, { ...window, to: '2026-03-05T00:00:00Z' })).supplier;
    expect(none.onTimeDeliveryRate).toMatchObject({
      value: null,
      reason: 'NO_RECEIPTS: nothing was received from this supplier in the window',
    });
    expectBadInput(await t.gql(SUPPLIER_KPIS, { ...window, to: '2026-02-01T00:00:00Z' }), 'to');
  });

  it('raises PURCHASE_ORDER_OVERDUE once when the promised day passes, and clears it when the order is received', async () => {
    const f = await fabrics();
    const order = await createPurchaseOrder(t, (await createSupplier(t)).id, [{ itemId: f.twill, quantity: 10 }], {
      number: `PO-${db}-late`,
      promisedDate: '2026-03-03T00:00:00Z',
    });
    t.clock.set('2026-03-03T22:00:00Z');
    await t.app.services.alerts.sweepNow();
    expect((await overdueAlerts(f.operationId)).totalCount).toBe(0);

    t.clock.set('2026-03-04T07:00:00Z');
    await t.app.services.alerts.sweepNow();
    await t.app.services.alerts.sweepNow();
    const raised = await overdueAlerts(f.operationId);
    expect(raised.totalCount).toBe(1);
    expect(raised.edges[0].node).toMatchObject({
      kind: 'PURCHASE_ORDER_OVERDUE',
      subject: { id: order.id },
      clearedAt: null,
      message: `Purchase order PO-${db}-late was promised for 2026-03-03 and is still OPEN`,
    });
    expect(
      dataOf(await t.gql(ORDERS, { filter: { overdue: true, supplierId: null } })).purchaseOrders.edges.map((e: any) => e.node.id),
    ).toContain(order.id);

    dataOf(await receive({ purchaseOrderId: order.id, lines: [{ itemId: f.twill, quantity: 4 }] }));
    await t.app.services.alerts.idle();
    expect((await overdueAlerts(f.operationId)).edges[0].node.clearedAt).toBeNull(); // PARTIALLY_RECEIVED is still open
    dataOf(await receive({ purchaseOrderId: order.id, lines: [{ itemId: f.twill, quantity: 6 }] }));
    await t.app.services.alerts.idle();
    const cleared = await overdueAlerts(f.operationId);
    expect(cleared.totalCount).toBe(1);
    expect(cleared.edges[0].node.clearedAt).not.toBeNull();
  });

  async function overdueAlerts(operationId: string) {
    return dataOf(await t.gql(ALERTS, { filter: { operationId, kinds: ['PURCHASE_ORDER_OVERDUE'] } })).alerts;
  }
});

const SUPPLIER = /* GraphQL */ `
  query Supplier($id: ID!) {
    supplier(id: $id) {
      name
      contact
      quotedLeadTimeDays
      version
    }
  }
`;

const SUPPLIERS = /* GraphQL */ `
  query Suppliers($filter: SupplierFilter) {
    suppliers(filter: $filter) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`;

const UPDATE_SUPPLIER = /* GraphQL */ `
  mutation UpdateSupplier($input: UpdateSupplierInput!) {
    updateSupplier(input: $input) {
      __typename
      ... on Supplier {
        quotedLeadTimeDays
        version
      }
      ... on VersionConflict {
        expectedVersion
        actualVersion
      }
    }
  }
`;

const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    purchaseOrder(id: $id) {
      status
      version
      receivedAt
      lines {
        quantityOrdered
        quantityReceived
        remaining
        item {
          id
          onHand
        }
      }
      receipts {
        totalCount
      }
    }
  }
`;

const RECEIPT = /* GraphQL */ `
  query Receipts($id: ID!) {
    purchaseOrder(id: $id) {
      receipts(first: 1) {
        edges {
          node {
            lines {
              quantity
              stockMovement {
                kind
                delta
                onHandAfter
                note
              }
            }
          }
        }
      }
    }
  }
`;

const ORDERS = /* GraphQL */ `
  query Orders($filter: PurchaseOrderFilter) {
    purchaseOrders(filter: $filter) {
      totalCount
      edges {
        node {
          id
          number
        }
      }
    }
  }
`;

const SUPPLIER_ORDERS = /* GraphQL */ `
  query SupplierOrders($id: ID!, $filter: PurchaseOrderFilter) {
    supplier(id: $id) {
      purchaseOrders(filter: $filter) {
        edges {
          node {
            number
          }
        }
      }
    }
  }
`;

const ITEM = /* GraphQL */ `
  query Item($id: ID!) {
    inventoryItem(id: $id) {
      onHand
      movements {
        totalCount
      }
    }
  }
`;

const CANCEL = /* GraphQL */ `
  mutation Cancel($input: CancelPurchaseOrderInput!) {
    cancelPurchaseOrder(input: $input) {
      __typename
      ... on PurchaseOrder {
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

const SUPPLIER_KPIS = /* GraphQL */ `
  query SupplierKpis($id: ID!, $from: DateTimeISO, $to: DateTimeISO, $asOf: DateTimeISO) {
    supplier(id: $id) {
      onTimeDeliveryRate(from: $from, to: $to, asOf: $asOf) {
        value
        reason
        definition {
          key
        }
      }
      averageLeadTimeDays(from: $from, to: $to, asOf: $asOf) {
        value
        reason
        definition {
          key
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
