import { dataOf, errorCode, Role } from '../harness/app';
import { rowIdOf } from '../harness/cursors';
import { CREATE_INVENTORY_ITEM } from '../harness/documents';
import { createOperation } from '../harness/factories';
import { describeApp } from '../harness/suite';
import { toGlobalId } from '../../src/common/ids';
import { streamKeys } from '../../src/realtime/streams';

describeApp('inventory (%s)', ({ t, db }) => {
  let skuCounter = 0;
  async function createItem(overrides: Record<string, unknown> = {}) {
    const operationId = (overrides.operationId as string) ?? (await createOperation(t, { name: 'Garment production' })).id;
    const input = {
      operationId,
      sku: `SKU-${db}-${++skuCounter}`,
      name: 'Organic cotton twill',
      unit: 'm',
      reorderPoint: 20,
      initialOnHand: 100,
      ...overrides,
    };
    const data = dataOf(await t.gql(CREATE_INVENTORY_ITEM, { input }));
    expect(data.createInventoryItem.__typename).toBe('InventoryItem');
    return data.createInventoryItem as { id: string; sku: string; onHand: number; version: number; operation: { id: string } };
  }
  function move(input: Record<string, unknown>, as: Role | null = Role.OPERATOR) {
    return t.gql(RECORD_MOVEMENT, { input }, as);
  }
  async function itemState(id: string) {
    const data = dataOf(await t.gql(ITEM, { id }));
    return data.inventoryItem as {
      onHand: number;
      version: number;
      movements: { totalCount: number; edges: { node: { delta: number; onHandAfter: number } }[] };
    };
  }

  it('creates an item whose opening stock is a RECEIPT movement', async () => {
    const item = await createItem({ initialOnHand: 100.5 });
    expect(item.onHand).toBe(100.5);
    const state = await itemState(item.id);
    expect(state.movements.totalCount).toBe(1);
    expect(state.movements.edges[0].node).toMatchObject({ kind: 'RECEIPT', delta: 100.5, onHandAfter: 100.5 });
  });

  it('records a consumption: subtracts it, bumps the version and publishes stock.moved after commit', async () => {
    const item = await createItem({ initialOnHand: 100, reorderPoint: 20 });
    // Spy on the bus the services were built with: the event must be published, and only after commit.
    const publish = jest.spyOn(t.app.events, 'notify');
    try {
      const result = dataOf(
        await move({ itemId: item.id, kind: 'CONSUMPTION', quantity: 30.25, note: 'Cutting order 17' }),
      ).recordStockMovement;
      expect(result).toMatchObject({
        __typename: 'StockMovement',
        kind: 'CONSUMPTION',
        delta: -30.25,
        onHandAfter: 69.75,
        note: 'Cutting order 17',
      });
      expect(result.item).toMatchObject({ id: item.id, onHand: 69.75, version: 2, belowReorderPoint: false });
      expect(publish.mock.calls.map(([notification]) => notification)).toEqual([
        expect.objectContaining({ streamKey: streamKeys.operation(rowIdOf(item.operation.id)) }),
      ]);
      publish.mockClear();
      dataOf(await move({ itemId: item.id, kind: 'CONSUMPTION', quantity: 1000 }));
      expect(publish).not.toHaveBeenCalled();
    } finally {
      publish.mockRestore();
    }
  });

  it('adds decimals exactly (ten receipts of 0.1 make 1)', async () => {
    const item = await createItem({ initialOnHand: 0 });
    for (let i = 0; i < 10; i++) dataOf(await move({ itemId: item.id, kind: 'RECEIPT', quantity: 0.1 }));
    expect((await itemState(item.id)).onHand).toBe(1);
  });

  it('applies a signed ADJUSTMENT and reports belowReorderPoint at the reorder point', async () => {
    const item = await createItem({ initialOnHand: 25, reorderPoint: 20 });
    const result = dataOf(await move({ itemId: item.id, kind: 'ADJUSTMENT', quantity: -5, note: 'Stock-take' })).recordStockMovement;
    expect(result).toMatchObject({ delta: -5, onHandAfter: 20, item: { belowReorderPoint: true } });
  });

  it('returns InsufficientStock and leaves stock unchanged when a movement would go below zero', async () => {
    const item = await createItem({ initialOnHand: 10 });
    const result = dataOf(await move({ itemId: item.id, kind: 'SHIPMENT', quantity: 10.5 })).recordStockMovement;
    expect(result).toMatchObject({
      __typename: 'InsufficientStock',
      code: 'INSUFFICIENT_STOCK',
      itemId: item.id,
      onHand: 10,
      requested: 10.5,
    });
    expect(result.message).toMatch(/only 10 m on hand/);
    const state = await itemState(item.id);
    expect(state).toMatchObject({ onHand: 10, version: 1 });
    expect(state.movements.totalCount).toBe(1);
  });

  it('never overdraws under 20 concurrent consumptions, and on-hand equals the sum of movements', async () => {
    const item = await createItem({ initialOnHand: 100 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        move({ itemId: item.id, kind: 'CONSUMPTION', quantity: 7 }).then((r) => dataOf(r).recordStockMovement),
      ),
    );
    const recorded = results.filter((r) => r.__typename === 'StockMovement');
    const refused = results.filter((r) => r.__typename === 'InsufficientStock');
    expect(recorded).toHaveLength(14);
    expect(refused).toHaveLength(6);
    const state = dataOf(await t.gql(ITEM, { id: item.id, first: 100 })).inventoryItem;
    expect(state.onHand).toBe(2);
    expect(state.version).toBe(15);
    const movements = state.movements.edges.map((e: { node: { delta: number; onHandAfter: number } }) => e.node);
    expect(movements).toHaveLength(15);
    expect(movements.every((m: { onHandAfter: number }) => m.onHandAfter >= 0)).toBe(true);
    expect(movements.reduce((sum: number, m: { delta: number }) => sum + Math.round(m.delta * 1000), 0) / 1000).toBe(2);
    expect(new Set(movements.map((m: { onHandAfter: number }) => m.onHandAfter)).size).toBe(15);
  });

  it('returns the first result to a retry with the same idempotency key, even concurrently', async () => {
    const item = await createItem({ initialOnHand: 50 });
    const input = { itemId: item.id, kind: 'CONSUMPTION', quantity: 5, idempotencyKey: `retry-${db}-1` };
    const first = dataOf(await move(input)).recordStockMovement;
    const retries = await Promise.all([move(input), move(input), move(input)]);
    for (const retry of retries)
      expect(dataOf(retry).recordStockMovement).toMatchObject({ __typename: 'StockMovement', id: first.id, onHandAfter: 45 });
    expect(await itemState(item.id)).toMatchObject({ onHand: 45, version: 2 });
  });

  it('replays a refused movement as the same InsufficientStock', async () => {
    const item = await createItem({ initialOnHand: 1 });
    const input = { itemId: item.id, kind: 'CONSUMPTION', quantity: 2, idempotencyKey: `retry-${db}-2` };
    const first = dataOf(await move(input)).recordStockMovement;
    const again = dataOf(await move(input)).recordStockMovement;
    expect(first.__typename).toBe('InsufficientStock');
    expect(again).toEqual(first);
  });

  it('returns IdempotencyKeyReused when the key comes back with another payload, changing nothing', async () => {
    const item = await createItem({ initialOnHand: 50 });
    dataOf(await move({ itemId: item.id, kind: 'CONSUMPTION', quantity: 5, idempotencyKey: `reuse-${db}` }));
    const reused = dataOf(
      await move({ itemId: item.id, kind: 'CONSUMPTION', quantity: 6, idempotencyKey: `reuse-${db}` }),
    ).recordStockMovement;
    expect(reused).toMatchObject({ __typename: 'IdempotencyKeyReused', code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await itemState(item.id)).toMatchObject({ onHand: 45, version: 2 });
  });

  it('rejects bad movements with BAD_USER_INPUT, NOT_FOUND, FORBIDDEN or UNAUTHENTICATED and changes nothing', async () => {
    const item = await createItem({ initialOnHand: 10 });
    const base = { itemId: item.id, kind: 'CONSUMPTION', quantity: 1 };
    const cases: [Record<string, unknown>, string, string | undefined, (Role | null)?][] = [
      [{ quantity: -1 }, 'BAD_USER_INPUT', 'input.quantity'],
      [{ quantity: 0 }, 'BAD_USER_INPUT', 'input.quantity'],
      [{ kind: 'ADJUSTMENT', quantity: 0 }, 'BAD_USER_INPUT', 'input.quantity'],
      [{ quantity: 1.0005 }, 'BAD_USER_INPUT', 'input.quantity'],
      [{ quantity: 1e10 }, 'BAD_USER_INPUT', 'input.quantity'],
      [{ itemId: item.operation.id }, 'BAD_USER_INPUT', 'input.itemId'],
      [{ itemId: 'not-an-id!' }, 'BAD_USER_INPUT', 'input.itemId'],
      [{ itemId: toGlobalId('InventoryItem', 999999) }, 'NOT_FOUND', undefined],
      [{ note: 'x'.repeat(501) }, 'BAD_USER_INPUT', 'input.note'],
      [{ idempotencyKey: 'k'.repeat(101) }, 'BAD_USER_INPUT', 'input.idempotencyKey'],
      [{ occurredAt: new Date(Date.now() + 60 * 60 * 1000).toISOString() }, 'BAD_USER_INPUT', 'input.occurredAt'],
      [{}, 'FORBIDDEN', undefined, Role.VIEWER],
      [{}, 'UNAUTHENTICATED', undefined, null],
    ];
    for (const [patch, code, field, as] of cases) {
      const response = await move({ ...base, ...patch }, as === undefined ? Role.OPERATOR : as);
      expect({ patch, code: errorCode(response) }).toEqual({ patch, code });
      if (field) expect(response.errors![0].extensions!.fields).toEqual([field]);
      expect(JSON.stringify(response.errors)).not.toContain('x'.repeat(50));
    }
    const state = await itemState(item.id);
    expect(state).toMatchObject({ onHand: 10, version: 1 });
    expect(state.movements.totalCount).toBe(1);
  });

  it('rejects bad items: taken SKU (any case), bad characters, negative or 4-decimal quantities, non-admins', async () => {
    const operationId = (await createOperation(t, { name: 'Fulfilment' })).id;
    const item = await createItem({ operationId, sku: `Twill-${db}` });
    const base = { operationId, sku: `OTHER-${db}`, name: 'Denim', unit: 'm' };
    const cases: [Record<string, unknown>, string, string | undefined, Role?][] = [
      [{ sku: item.sku.toUpperCase() }, 'BAD_USER_INPUT', 'input.sku'],
      [{ sku: 'has space' }, 'BAD_USER_INPUT', 'input.sku'],
      [{ sku: 'S'.repeat(65) }, 'BAD_USER_INPUT', 'input.sku'],
      [{ name: 'n'.repeat(201) }, 'BAD_USER_INPUT', 'input.name'],
      [{ reorderPoint: -1 }, 'BAD_USER_INPUT', 'input.reorderPoint'],
      [{ initialOnHand: 0.0001 }, 'BAD_USER_INPUT', 'input.initialOnHand'],
      [{ operationId: item.id }, 'BAD_USER_INPUT', 'input.operationId'],
      [{ operationId: toGlobalId('Operation', 999999) }, 'NOT_FOUND', undefined],
      [{}, 'FORBIDDEN', undefined, Role.OPERATOR],
    ];
    for (const [patch, code, field, as] of cases) {
      const response = await t.gql(CREATE_INVENTORY_ITEM, { input: { ...base, ...patch } }, as ?? Role.ADMIN);
      expect({ patch, code: errorCode(response) }).toEqual({ patch, code });
      if (field) expect(response.errors![0].extensions!.fields).toEqual([field]);
    }
    const list = dataOf(await t.gql(ITEMS, { filter: { operationId } })).inventoryItems;
    expect(list.totalCount).toBe(1);
  });

  it('lists items by operation, search, reorder state and order, and under Operation.inventoryItems', async () => {
    const operationId = (await createOperation(t, { name: 'Warehouse' })).id;
    await createItem({ operationId, sku: `ZIP-${db}`, name: 'Zippers', unit: 'pcs', initialOnHand: 500, reorderPoint: 1000 });
    await createItem({ operationId, sku: `DEN-${db}`, name: 'Denim 12oz', initialOnHand: 300, reorderPoint: 100 });
    await createItem({ operationId, sku: `THR-${db}`, name: 'Thread spools', unit: 'pcs', initialOnHand: 40, reorderPoint: 40 });

    const bySku = dataOf(await t.gql(ITEMS, { filter: { operationId } })).inventoryItems;
    expect(bySku.edges.map((e: { node: { sku: string } }) => e.node.sku)).toEqual([`DEN-${db}`, `THR-${db}`, `ZIP-${db}`]);
    const byOnHand = dataOf(await t.gql(ITEMS, { filter: { operationId }, orderBy: 'ON_HAND_ASC' })).inventoryItems;
    expect(byOnHand.edges.map((e: { node: { onHand: number } }) => e.node.onHand)).toEqual([40, 300, 500]);
    const low = dataOf(await t.gql(ITEMS, { filter: { operationId, belowReorderPoint: true }, orderBy: 'NAME_ASC' })).inventoryItems;
    expect(low.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Thread spools', 'Zippers']);
    const ok = dataOf(await t.gql(ITEMS, { filter: { operationId, belowReorderPoint: false } })).inventoryItems;
    expect(ok.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Denim 12oz']);
    const search = dataOf(await t.gql(ITEMS, { filter: { operationId, search: 'den' } })).inventoryItems;
    expect(search.totalCount).toBe(1);
    const wildcard = dataOf(await t.gql(ITEMS, { filter: { operationId, search: '%' } })).inventoryItems;
    expect(wildcard.totalCount).toBe(0);
    const paged = dataOf(await t.gql(ITEMS, { filter: { operationId }, first: 2 })).inventoryItems;
    expect(paged.pageInfo.hasNextPage).toBe(true);
    const next = dataOf(await t.gql(ITEMS, { filter: { operationId }, first: 2, after: paged.pageInfo.endCursor })).inventoryItems;
    expect(next.edges.map((e: { node: { sku: string } }) => e.node.sku)).toEqual([`ZIP-${db}`]);

    const op = dataOf(await t.gql(OPERATION_INVENTORY, { id: operationId })).operation;
    expect(op.inventoryItems.totalCount).toBe(3);
    expect(op.inventoryItems.edges[0].node.operation.id).toBe(operationId);
    expect(errorCode(await t.gql(ITEMS, { filter: { search: 's'.repeat(201) } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(ITEMS, { filter: { operationId: 'nope' } }))).toBe('BAD_USER_INPUT');
  });

  it('filters movements by kind and time range, newest first', async () => {
    const item = await createItem({ initialOnHand: 100 });
    const hour = 60 * 60 * 1000;
    const now = Date.now();
    for (const [kind, quantity, hoursAgo] of [
      ['CONSUMPTION', 10, 5],
      ['RECEIPT', 20, 3],
      ['SHIPMENT', 5, 1],
    ] as const) {
      dataOf(await move({ itemId: item.id, kind, quantity, occurredAt: new Date(now - hoursAgo * hour).toISOString() }));
    }
    const all = dataOf(await t.gql(MOVEMENTS, { id: item.id })).inventoryItem.movements;
    expect(all.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(['RECEIPT', 'SHIPMENT', 'RECEIPT', 'CONSUMPTION']);
    const receipts = dataOf(await t.gql(MOVEMENTS, { id: item.id, kinds: ['RECEIPT'] })).inventoryItem.movements;
    expect(receipts.totalCount).toBe(2);
    const window = dataOf(
      await t.gql(MOVEMENTS, { id: item.id, from: new Date(now - 4 * hour).toISOString(), to: new Date(now - 0.5 * hour).toISOString() }),
    ).inventoryItem.movements;
    expect(window.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(['SHIPMENT', 'RECEIPT']);
  });
});

const RECORD_MOVEMENT = /* GraphQL */ `
  mutation RecordStockMovement($input: RecordStockMovementInput!) {
    recordStockMovement(input: $input) {
      __typename
      ... on StockMovement {
        id
        kind
        delta
        onHandAfter
        note
        occurredAt
        item {
          id
          onHand
          version
          belowReorderPoint
        }
      }
      ... on InsufficientStock {
        itemId
        onHand
        requested
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`;

const ITEM = /* GraphQL */ `
  query InventoryItem($id: ID!, $first: Int) {
    inventoryItem(id: $id) {
      id
      onHand
      version
      movements(first: $first) {
        totalCount
        edges {
          node {
            kind
            delta
            onHandAfter
          }
        }
      }
    }
  }
`;

const ITEMS = /* GraphQL */ `
  query InventoryItems($filter: InventoryItemFilter, $orderBy: InventoryItemOrderBy, $first: Int, $after: String) {
    inventoryItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          sku
          name
          onHand
          belowReorderPoint
        }
      }
    }
  }
`;

const MOVEMENTS = /* GraphQL */ `
  query Movements($id: ID!, $kinds: [StockMovementKind!], $from: DateTimeISO, $to: DateTimeISO) {
    inventoryItem(id: $id) {
      movements(kinds: $kinds, from: $from, to: $to) {
        totalCount
        edges {
          node {
            kind
            delta
            occurredAt
          }
        }
      }
    }
  }
`;

const OPERATION_INVENTORY = /* GraphQL */ `
  query OperationInventory($id: ID!) {
    operation(id: $id) {
      inventoryItems(first: 10) {
        totalCount
        edges {
          node {
            sku
            operation {
              id
            }
          }
        }
      }
    }
  }
`;
