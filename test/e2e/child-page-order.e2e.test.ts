import { dataOf } from '../harness/app';
import { createInventoryItem, createOperation, createShipment, daysFromNow } from '../harness/factories';
import { describeApp } from '../harness/suite';

/**
 * A connection under a list of parents (here `Operation.shipments` under `operations`) is read for
 * all parents in one statement, and its rows are put in order per parent: by the database for
 * text keys (its collation: MariaDB's utf8mb4_unicode_ci puts "a", "Ä" and "B" where SQLite's
 * BINARY does not), in memory for dates and numbers. Either way every page, forwards and backwards,
 * must hold exactly what the top-level `shipments` list (one ORDER BY in SQL) holds for the same
 * filter and order.
 */
describeApp('child page order on %s', ({ t }) => {
  const DESTINATIONS = ['b', 'B', 'a', 'Ä', 'z', 'é', 'E', 'e', 'Zürich', 'zulu', 'Ångström', 'aa'];

  it('pages every parent in the same order as the top-level list, text and date orders, forwards and backwards', async () => {
    const operations: string[] = [];
    for (let o = 0; o < 2; o++) {
      const operationId = (await createOperation(t, { name: `Order check ${o} ${Date.now()}` })).id;
      operations.push(operationId);
      const item = await createInventoryItem(t, operationId, { initialOnHand: 1000 });
      for (let i = 0; i < DESTINATIONS.length; i++) {
        // Promised dates with ties (pairs share a day), so the id decides between them.
        await createShipment(t, operationId, [{ itemId: item.id, quantity: 1 }], {
          destination: DESTINATIONS[(i + o) % DESTINATIONS.length],
          promisedDate: daysFromNow(2 + Math.floor(i / 2)),
        });
      }
    }
    for (const orderBy of ['DESTINATION_ASC', 'PROMISED_DATE_ASC', 'PROMISED_DATE_DESC']) {
      for (const operationId of operations) {
        const expected = dataOf(await t.gql(TOP_LEVEL, { operationId, orderBy })).shipments.edges.map((e: any) => e.node.id);
        expect(expected).toHaveLength(DESTINATIONS.length);
        expect({ orderBy, forwards: await pageThrough(operationId, orderBy, 'forwards') }).toEqual({ orderBy, forwards: expected });
        expect({ orderBy, backwards: await pageThrough(operationId, orderBy, 'backwards') }).toEqual({ orderBy, backwards: expected });
      }
    }
  });

  /** Every shipment of `operationId` through `operations { shipments }` pages of 5 (both operations in each read). */
  async function pageThrough(operationId: string, orderBy: string, direction: 'forwards' | 'backwards'): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const variables: Record<string, unknown> =
        direction === 'forwards' ? { orderBy, first: 5, after: cursor } : { orderBy, last: 5, before: cursor };
      const data = dataOf(await t.gql(NESTED, variables));
      const mine = data.operations.edges.find((e: any) => e.node.id === operationId).node.shipments;
      const page = mine.edges.map((e: any) => e.node.id);
      if (direction === 'forwards') ids.push(...page);
      else ids.unshift(...page);
      const more = direction === 'forwards' ? mine.pageInfo.hasNextPage : mine.pageInfo.hasPreviousPage;
      if (!more) return ids;
      cursor = direction === 'forwards' ? mine.pageInfo.endCursor : mine.pageInfo.startCursor;
    }
    throw new Error('did not reach the end');
  }
});

const TOP_LEVEL = /* GraphQL */ `
  query TopLevel($operationId: ID!, $orderBy: ShipmentOrderBy!) {
    shipments(filter: { operationId: $operationId }, orderBy: $orderBy, first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

const NESTED = /* GraphQL */ `
  query Nested($orderBy: ShipmentOrderBy!, $first: Int, $after: String, $last: Int, $before: String) {
    operations(first: 100) {
      edges {
        node {
          id
          shipments(orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
            edges {
              node {
                id
              }
            }
            pageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }
          }
        }
      }
    }
  }
`;
