import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isObjectType } from 'graphql';
import { countStatements, dataOf, Role, type TestApp } from '../harness/app';
import { RECEIVE_PURCHASE_ORDER } from '../harness/documents';
import { describeApp } from '../harness/suite';
import {
  addTeamMember,
  allocatePerson,
  createInventoryItem,
  createMilestone,
  createOperation,
  createPerson,
  createProcess,
  createProductionOrder,
  createProject,
  createPurchaseOrder,
  createRisk,
  createShipment,
  createSupplier,
  createTeam,
  minute,
  recordProjectCost,
  recordSamples,
  uniqueName,
  type SampleInput,
} from '../harness/factories';

/**
 * Every connection field on a type other than Query, walked from the committed schema: each is
 * nested under a list of parents and read at page sizes 5 and 50 and under 2 and 4 parents; the
 * statements a request sends must not change with either. Then the issue's nested read (20
 * operations → processes → 20 newest samples each) at a small constant number of statements.
 */

/** How many children each parent gets: more than the small page, so page size changes what is read. */
const CHILDREN = 6;
/** Parents in the larger request (the smaller one reads the first 2 of them). */
const PARENTS = 4;
const SAMPLES_PER_PARENT_PROCESS = 60;

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

/** `Type.field` of every field returning a `…Connection` on a non-root object type. */
function connectionFields(): string[] {
  const schema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || ROOTS.has(type.name) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (isObjectType(named) && named.name.endsWith('Connection') && 'edges' in named.getFields())
        found.push(`${type.name}.${field.name}`);
    }
  }
  return found.sort();
}

/** The rows the suite makes once; see `makeData`. */
interface Data {
  prefix: string;
  team: string;
  teams: string[];
  persons: string[];
  operations: string[];
  processes: string[];
  items: string[];
  projects: string[];
  suppliers: string[];
  purchaseOrders: string[];
}

/**
 * The parents each connection field is read under, `PARENTS` of them, each with `CHILDREN`
 * children (samples: `SAMPLES_PER_PARENT_PROCESS`). A connection field added to the schema fails
 * the walk below until it has an entry here (and data in `makeData`).
 */
const PARENTS_OF: Record<string, (d: Data) => string[]> = {
  'InventoryItem.movements': (d) => d.items,
  'Operation.improvingProjects': (d) => d.operations,
  'Operation.inventoryItems': (d) => d.operations,
  'Operation.processes': (d) => d.operations,
  'Operation.productionOrders': (d) => d.operations,
  'Operation.shipments': (d) => d.operations,
  'Person.allocations': (d) => d.persons,
  'Person.teams': (d) => d.persons,
  'Process.samples': (d) => d.processes,
  'Project.costs': (d) => d.projects,
  'Project.milestones': (d) => d.projects,
  'Project.risks': (d) => d.projects,
  'PurchaseOrder.receipts': (d) => d.purchaseOrders,
  'Supplier.purchaseOrders': (d) => d.suppliers,
  'Team.members': (d) => d.teams,
  'Team.operations': (d) => d.teams,
  // TeamMember is not a node: its parents are the members of `d.team`, read through Team.members.
  'TeamMember.allocations': () => [],
};

/** Runs `make` for each element, one after another (concurrent requests would only queue on SQLite's one writer). */
async function each<T, R>(items: readonly T[], make: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) out.push(await make(items[i], i));
  return out;
}

const times = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Four permanent teams with six operations each, six people in six teams (every person in every
 * team, each allocated to each of the first team's six operations); the first team's operations
 * each with six processes, items, production orders, shipments and improving projects (every
 * other operation with two processes); projects with six milestones, risks and costs; items with
 * six movements; four suppliers with six purchase orders, each order with six receipts; 20
 * samples and one per process, 60 for the processes read as parents.
 */
async function makeData(t: TestApp): Promise<Data> {
  const prefix = uniqueName('NPlusOne').replace(/\s+/g, '-');
  const teams = await each(times(6), () => createTeam(t).then((x) => x.id));
  const persons = await each(times(CHILDREN), () => createPerson(t).then((x) => x.id));
  for (const team of teams) await each(persons, (person) => addTeamMember(t, team, person));
  const opsByTeam = await each(teams.slice(0, PARENTS), (teamId) =>
    each(times(CHILDREN), () => createOperation(t, { teamId, name: uniqueName(prefix) }).then((x) => x.id)),
  );
  const operations = opsByTeam[0];
  for (const personId of persons) await each(operations, (operationId) => allocatePerson(t, { personId, operationId, hoursPerWeek: 1 }));

  const processesByOp = await each(opsByTeam.flat(), (operationId, i) =>
    each(times(i < CHILDREN ? CHILDREN : 2), () => createProcess(t, { operationId }).then((x) => x.id)),
  );
  const processes = processesByOp[0];
  const samples: SampleInput[] = processesByOp.flat().flatMap((processId) =>
    times(processes.includes(processId) ? SAMPLES_PER_PARENT_PROCESS : 21).map((i) => ({
      processId,
      periodStart: minute(i),
      periodEnd: minute(i + 1),
    })),
  );
  for (let i = 0; i < samples.length; i += 500) await recordSamples(t, samples.slice(i, i + 500));

  const itemsByOp = await each(operations, (operationId) =>
    each(times(CHILDREN), () => createInventoryItem(t, operationId, { initialOnHand: 1000 }).then((x) => x.id)),
  );
  const items = itemsByOp[0];
  // Shipments and purchase orders move the last item, which is never read as a parent.
  const spare = items[CHILDREN - 1];
  // The opening stock is the first movement; five receipts more.
  for (const itemId of items)
    await each(times(CHILDREN - 1), () =>
      t.gql(RECORD_STOCK_MOVEMENT, { input: { itemId, kind: 'RECEIPT', quantity: 1 } }, Role.OPERATOR).then(dataOf),
    );
  await each(operations, async (operationId, i) => {
    await each(times(CHILDREN), () => createProductionOrder(t, { operationId }));
    await each(times(CHILDREN), () => createShipment(t, operationId, [{ itemId: itemsByOp[i][CHILDREN - 1], quantity: 1 }]));
  });
  const projectsByOp = await each(operations, (improvesOperationId) =>
    each(times(CHILDREN), () => createProject(t, { improvesOperationId }).then((x) => x.id)),
  );
  const projects = projectsByOp[0];
  await each(projects, async (projectId) => {
    await each(times(CHILDREN), () => createMilestone(t, projectId));
    await each(times(CHILDREN), () => createRisk(t, projectId));
    await each(times(CHILDREN), () => recordProjectCost(t, projectId, 100));
  });

  const suppliers = await each(times(PARENTS), () => createSupplier(t).then((x) => x.id));
  const ordersBySupplier = await each(suppliers, (supplierId) =>
    each(times(CHILDREN), () => createPurchaseOrder(t, supplierId, [{ itemId: spare, quantity: 100 }]).then((x) => x.id)),
  );
  const purchaseOrders = ordersBySupplier[0];
  await each(purchaseOrders, async (purchaseOrderId) => {
    for (let i = 0; i < CHILDREN; i++) {
      const received = dataOf(
        await t.gql(RECEIVE_PURCHASE_ORDER, { input: { purchaseOrderId, lines: [{ itemId: spare, quantity: 1 }] } }, Role.OPERATOR),
      );
      expect(received.receivePurchaseOrder.__typename).toBe('PurchaseReceipt');
    }
  });
  return {
    prefix,
    team: teams[0],
    teams: teams.slice(0, PARENTS),
    persons: persons.slice(0, PARENTS),
    operations: operations.slice(0, PARENTS),
    processes: processes.slice(0, PARENTS),
    items: items.slice(0, PARENTS),
    projects: projects.slice(0, PARENTS),
    suppliers,
    purchaseOrders: purchaseOrders.slice(0, PARENTS),
  };
}

const PAGE = 'edges { cursor node { __typename } } pageInfo { hasNextPage endCursor }';

/** The field read under `parents` parents at page size `page`, and a function that finds each parent's page in the answer. */
function nestedRead(data: Data, key: string, parents: number, page: number) {
  const [type, field] = key.split('.');
  if (type === 'TeamMember') {
    return {
      query: `query { node(id: ${JSON.stringify(data.team)}) { ... on Team { members(first: ${parents}) { edges { node { c: ${field}(first: ${page}) { ${PAGE} } } } } } } }`,
      pages: (answer: any): any[] => answer.node.members.edges.map((e: any) => e.node.c),
    };
  }
  const ids = PARENTS_OF[key](data).slice(0, parents);
  return {
    query: `query { ${ids.map((id, i) => `p${i}: node(id: ${JSON.stringify(id)}) { ... on ${type} { c: ${field}(first: ${page}) { ${PAGE} } } }`).join(' ')} }`,
    pages: (answer: any): any[] => ids.map((_, i) => answer[`p${i}`].c),
  };
}

/** Statements of one nested read, after checking every parent got its page. */
async function statementsOf(t: TestApp, data: Data, key: string, parents: number, page: number): Promise<number> {
  const read = nestedRead(data, key, parents, page);
  const { statements, result } = await countStatements(t, () => t.gql(read.query, {}, Role.ADMIN));
  const pages = read.pages(dataOf(result));
  const perParent = key === 'Process.samples' ? SAMPLES_PER_PARENT_PROCESS : CHILDREN;
  expect(pages).toHaveLength(parents);
  for (const p of pages) {
    expect(p.edges).toHaveLength(Math.min(page, perParent));
    expect(p.pageInfo.hasNextPage).toBe(page < perParent);
  }
  return statements;
}

describeApp(
  'no N+1 on %s',
  // The suite makes about 450 rows through the API before its first test; the rate limit (on by
  // default) would make it wait for minutes, and it is not what this suite measures.
  { env: { RATE_LIMIT: 'off' } },
  ({ t }) => {
    let data: Data;
    const fields = connectionFields();

    beforeAll(async () => {
      data = await makeData(t);
    }, 300_000);

    it('finds every connection field on a non-root type, each with parents to read it under', () => {
      expect(fields.length).toBeGreaterThanOrEqual(16);
      expect(fields).toEqual(Object.keys(PARENTS_OF).sort());
    });

    it.each(fields)('reads %s under 2 and 4 parents at page sizes 5 and 50 in the same number of statements', async (key) => {
      const small = await statementsOf(t, data, key, 2, 5);
      const moreParents = await statementsOf(t, data, key, PARENTS, 5);
      const biggerPages = await statementsOf(t, data, key, PARENTS, 50);
      expect({ moreParents, biggerPages }).toEqual({ moreParents: small, biggerPages: small });
      // The parents' loads (one batch) and their pages (one batch): no per-parent statement.
      expect(small).toBeLessThanOrEqual(4);
    });

    it('reads 20 operations → processes → 20 newest samples each in a small constant number of statements', async () => {
      const read = async (operations: number) => {
        const { statements, result } = await countStatements(t, () =>
          t.gql(NESTED_READ, { operations, search: data.prefix, samples: 20 }, Role.VIEWER),
        );
        return { statements, answer: dataOf(result) };
      };
      const { statements, answer } = await read(20);
      console.log(
        `nested read (20 operations → processes → 20 newest samples each) on ${t.app.dataSource.options.type}: ${statements} SQL statements`,
      );
      const operations = answer.operations.edges.map((e: any) => e.node);
      expect(operations).toHaveLength(20);
      let processes = 0;
      for (const operation of operations) {
        for (const { node: process } of operation.processes.edges) {
          processes++;
          const starts = process.samples.edges.map((e: any) => e.node.periodStart);
          expect(starts).toHaveLength(20);
          expect(starts).toEqual([...starts].sort().reverse());
          expect(process.samples.pageInfo.hasNextPage).toBe(true);
        }
      }
      expect(processes).toBeGreaterThanOrEqual(40);
      // Operations page, processes, samples: one statement each, whatever the number of parents.
      expect(statements).toBeLessThanOrEqual(3);
      expect((await read(5)).statements).toBe(statements);
    });

    it('counts only when totalCount is selected, in one statement for all parents, and pages by cursor as before', async () => {
      const ids = data.processes.slice(0, 3);
      const query = (args: string, total: boolean) =>
        `query { ${ids
          .map(
            (id, i) =>
              `p${i}: node(id: "${id}") { ... on Process { samples(${args}) { ${total ? 'totalCount' : ''} ${PAGE} pageInfo { hasPreviousPage startCursor } } } }`,
          )
          .join(' ')} }`;
      const without = await countStatements(t, () => t.gql(query('first: 7', false)));
      const withTotal = await countStatements(t, () => t.gql(query('first: 7', true)));
      expect(withTotal.statements).toBe(without.statements + 1);
      const answer = dataOf(withTotal.result);
      for (let i = 0; i < ids.length; i++) expect(answer[`p${i}`].samples.totalCount).toBe(SAMPLES_PER_PARENT_PROCESS);

      // Forwards with after, then back with last/before, for all three processes in one request each.
      const first = answer.p0.samples;
      const next = dataOf(await t.gql(query(`first: 7, after: "${first.pageInfo.endCursor}"`, false))).p0.samples;
      expect(next.edges).toHaveLength(7);
      expect(next.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      const back = dataOf(await t.gql(query(`last: 7, before: "${next.pageInfo.startCursor}"`, false))).p0.samples;
      expect(back.edges.map((e: any) => e.cursor)).toEqual(first.edges.map((e: any) => e.cursor));
      expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const last = dataOf(await t.gql(query('last: 5', false))).p1.samples;
      expect(last.edges).toHaveLength(5);
      expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    });
  },
);

const RECORD_STOCK_MOVEMENT = /* GraphQL */ `
  mutation RecordStockMovement($input: RecordStockMovementInput!) {
    recordStockMovement(input: $input) {
      __typename
    }
  }
`;

const NESTED_READ = /* GraphQL */ `
  query NestedRead($operations: Int!, $search: String!, $samples: Int!) {
    operations(first: $operations, filter: { search: $search }) {
      edges {
        node {
          id
          name
          processes(first: 20) {
            edges {
              node {
                id
                name
                samples(first: $samples) {
                  edges {
                    node {
                      id
                      periodStart
                      goodUnits
                      rejectedUnits
                    }
                  }
                  pageInfo {
                    hasNextPage
                    endCursor
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;
