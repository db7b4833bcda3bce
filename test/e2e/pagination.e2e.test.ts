import { dataOf, errorCode, Role, type GraphQLResponse } from '../harness/app';
import { rowIdOf } from '../harness/cursors';
import { CREATE_INVENTORY_ITEM, UPDATE_PROJECT } from '../harness/documents';
import { describeApp } from '../harness/suite';
import { createMilestone, createOperation, createProject, daysFromNow, uniqueName } from '../harness/factories';
import { fromGlobalId } from '../../src/common/ids';
import { readCursor } from '../../src/common/pagination';
import { Milestone } from '../../src/modules/milestone/milestone.entity';
import { Operation } from '../../src/modules/operation/operation.entity';
import { Project } from '../../src/modules/project/project.entity';

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

interface PageArgs {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
}

function expectBadInput(response: GraphQLResponse, field: string) {
  expect(errorCode(response)).toBe('BAD_USER_INPUT');
  expect(response.errors![0].extensions!.fields).toEqual([field]);
}

/**
 * Reads a whole list page by page, forwards (`first`/`after`) or backwards (`last`/`before`),
 * running `between` after each page but the last. Checks pageInfo on every page: nothing before
 * the first page read, something before every later one (the cursor's side is never emptied here),
 * and `more` until the last. Returns the node ids in the list's order.
 */
async function readAll(
  fetch: (args: PageArgs) => Promise<Page>,
  size: number,
  backwards: boolean,
  between: (page: number) => Promise<void> = async () => {},
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const result = await fetch(backwards ? { last: size, before: cursor } : { first: size, after: cursor });
    const ids = result.edges.map((e) => e.node.id);
    if (backwards) seen.unshift(...ids);
    else seen.push(...ids);
    const { hasNextPage, hasPreviousPage, startCursor, endCursor } = result.pageInfo;
    expect(startCursor).toBe(result.edges[0]?.cursor ?? null);
    expect(endCursor).toBe(result.edges[result.edges.length - 1]?.cursor ?? null);
    const [more, behind] = backwards ? [hasPreviousPage, hasNextPage] : [hasNextPage, hasPreviousPage];
    expect(behind).toBe(page > 0);
    if (more) expect(ids).toHaveLength(size);
    if (!more) return seen;
    cursor = backwards ? startCursor : endCursor;
    await between(page);
  }
  throw new Error('the list did not end');
}

/** Every pre-existing item that was not removed exactly once and in order; nothing at all twice. */
function expectEachOnce(seen: string[], preexisting: string[], removed: Set<string>) {
  expect(new Set(seen).size).toBe(seen.length);
  const kept = preexisting.filter((id) => !removed.has(id));
  expect(seen.filter((id) => kept.includes(id))).toEqual(kept);
  expect(seen.filter((id) => preexisting.includes(id))).toEqual(preexisting.filter((id) => seen.includes(id)));
}

describeApp('keyset pagination on %s', ({ t, db }) => {
  const remove = (entity: typeof Project | typeof Operation | typeof Milestone, id: string) =>
    t.app.dataSource.getRepository(entity).delete({ rowId: rowIdOf(id) });

  describe('projects', () => {
    /** Seven projects named `<tag> a`…`<tag> g`, due on four days (three share one instant). */
    async function seedProjects(tag: string) {
      const day = (n: number) => daysFromNow(n);
      const shared = day(20);
      const dues = [shared, day(10), shared, day(30), shared, day(5), day(40)];
      const made: { id: string; due: string; name: string }[] = [];
      for (const [i, due] of dues.entries()) {
        const name = `${tag} ${String.fromCharCode(97 + i)}`;
        made.push({ id: (await createProject(t, { name, dueDate: due })).id, due, name });
      }
      return {
        shared,
        byDue: [...made].sort((a, b) => a.due.localeCompare(b.due) || rowIdOf(a.id) - rowIdOf(b.id)).map((p) => p.id),
        byNameDesc: [...made].sort((a, b) => b.name.localeCompare(a.name)).map((p) => p.id),
      };
    }

    const projects =
      (tag: string, orderBy: string, extra: Record<string, unknown> = {}) =>
      async (args: PageArgs) =>
        dataOf(await t.gql(PROJECTS, { filter: { search: tag, ...extra }, orderBy, ...args })).projects as Page;

    async function cancelProject(id: string) {
      const { version } = dataOf(await t.gql(PROJECT_VERSION, { id })).project;
      const result = dataOf(
        await t.gql(UPDATE_PROJECT, { input: { id, expectedVersion: version, status: 'CANCELLED' } }, Role.PROJECT_MANAGER),
      ).updateProject;
      expect(result).toMatchObject({ __typename: 'Project', status: 'CANCELLED' });
    }

    it.each([false, true])(
      'pages by a tied due date (backwards: %s) with inserts in front of and behind the cursor and deletes, each item once',
      async (backwards) => {
        const tag = uniqueName('Keyset due');
        const { shared, byDue } = await seedProjects(tag);
        // Removed after the first page: one already read, one not reached yet.
        const [read, ahead] = backwards ? [byDue[6], byDue[1]] : [byDue[0], byDue[5]];
        const seen = await readAll(projects(tag, 'DUE_DATE_ASC'), 2, backwards, async (page) => {
          if (page > 1) return;
          // Before everything, tied with the shared instant (a higher id), and after everything.
          for (const due of [daysFromNow(1), shared, daysFromNow(50)]) await createProject(t, { name: `${tag} new ${page}`, dueDate: due });
          if (page === 0) for (const id of [read, ahead]) await remove(Project, id);
        });
        expectEachOnce(seen, byDue, new Set([read, ahead]));
        expect(seen).not.toContain(ahead);
        expect(seen).toContain(read);
      },
    );

    it.each([false, true])(
      'pages by name, descending (backwards: %s), while projects are cancelled out of the filter',
      async (backwards) => {
        const tag = uniqueName('Keyset name');
        const { byNameDesc } = await seedProjects(tag);
        const [read, ahead] = backwards ? [byNameDesc[6], byNameDesc[2]] : [byNameDesc[0], byNameDesc[4]];
        const seen = await readAll(projects(tag, 'NAME_DESC', { status: ['ACTIVE'] }), 3, backwards, async (page) => {
          if (page > 1) return;
          await createProject(t, { name: `${tag} zz ${page}` });
          await createProject(t, { name: `${tag} 0 ${page}` });
          if (page === 0) for (const id of [read, ahead]) await cancelProject(id);
        });
        expectEachOnce(seen, byNameDesc, new Set([read, ahead]));
        expect(seen).not.toContain(ahead);
      },
    );

    it('sets pageInfo at both ends and keeps totalCount to the whole filter', async () => {
      const tag = uniqueName('Keyset ends');
      const ids = (await seedProjects(tag)).byDue;
      const read = projects(tag, 'DUE_DATE_ASC');
      const head = await read({ first: 3 });
      expect(head.totalCount).toBe(7);
      expect(head.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
      const all = await read({});
      expect(all.edges.map((e) => e.node.id)).toEqual(ids);
      expect(all.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
      const tail = await read({ last: 3 });
      expect(tail.edges.map((e) => e.node.id)).toEqual(ids.slice(4));
      expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      expect(tail.totalCount).toBe(7);
      const end = await read({ first: 3, after: all.edges[6].cursor });
      expect(end.edges).toEqual([]);
      expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false, startCursor: null, endCursor: null });
      const start = await read({ last: 3, before: all.edges[0].cursor });
      expect(start.edges).toEqual([]);
      expect(start.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
      const middle = await read({ after: all.edges[1].cursor, before: all.edges[5].cursor });
      expect(middle.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 5));
      const cursor = readCursor(all.edges[0].cursor);
      expect(cursor).toMatchObject({ c: 'projects', o: 'DUE_DATE_ASC', id: rowIdOf(ids[0]) });
    });
  });

  describe('a DECIMAL key: inventoryItems by on-hand stock', () => {
    it.each([false, true])(
      'returns every item once (backwards: %s) with tied and fractional quantities while items are added',
      async (backwards) => {
        const operation = await createOperation(t);
        const stocks = [12.345, 0.1, 12.345, 7, 1_000_000.5, 0.3, 12.345];
        const made: { id: string; onHand: number }[] = [];
        for (const [i, onHand] of stocks.entries()) made.push({ id: (await createItem(operation.id, `${i}`, onHand)).id, onHand });
        const preexisting = made.sort((a, b) => a.onHand - b.onHand || rowIdOf(a.id) - rowIdOf(b.id)).map((m) => m.id);
        const readPage = async (args: PageArgs) =>
          dataOf(await t.gql(INVENTORY, { filter: { operationId: operation.id }, orderBy: 'ON_HAND_ASC', ...args })).inventoryItems as Page;
        const seen = await readAll(readPage, 2, backwards, async (page) => {
          if (page > 1) return;
          for (const [i, onHand] of [0.001, 12.345, 2_000_000].entries()) await createItem(operation.id, `new-${page}-${i}`, onHand);
        });
        expectEachOnce(seen, preexisting, new Set());
      },
    );

    async function createItem(operationId: string, suffix: string, initialOnHand: number) {
      const sku = `KEYSET-${db}-${suffix}-${Math.random().toString(36).slice(2, 8)}`;
      const data = dataOf(await t.gql(CREATE_INVENTORY_ITEM, { input: { operationId, sku, name: sku, unit: 'm', initialOnHand } }));
      expect(data.createInventoryItem).toMatchObject({ __typename: 'InventoryItem', onHand: initialOnHand });
      return data.createInventoryItem as { id: string };
    }
  });

  describe('an in-memory child list: Project.milestones', () => {
    it.each([false, true])(
      'returns every milestone once (backwards: %s) while milestones are added before and after the cursor and deleted',
      async (backwards) => {
        const project = await createProject(t, { dueDate: daysFromNow(90) });
        const shared = daysFromNow(30);
        const dues = [shared, daysFromNow(10), shared, daysFromNow(20), shared, daysFromNow(40), daysFromNow(5)];
        const made: { id: string; due: string }[] = [];
        for (const due of dues) made.push({ id: (await createMilestone(t, project.id, { dueDate: due })).id, due });
        const preexisting = made.sort((a, b) => a.due.localeCompare(b.due) || rowIdOf(a.id) - rowIdOf(b.id)).map((m) => m.id);
        const [read, ahead] = backwards ? [preexisting[6], preexisting[2]] : [preexisting[0], preexisting[4]];
        const readPage = async (args: PageArgs) => dataOf(await t.gql(MILESTONES, { id: project.id, ...args })).project.milestones as Page;
        const seen = await readAll(readPage, 2, backwards, async (page) => {
          if (page > 1) return;
          for (const due of [daysFromNow(1), shared, daysFromNow(80)]) await createMilestone(t, project.id, { dueDate: due });
          if (page === 0) for (const id of [read, ahead]) await remove(Milestone, id);
        });
        expectEachOnce(seen, preexisting, new Set([read, ahead]));
        expect(seen).not.toContain(ahead);
      },
    );
  });

  describe('portfolio', () => {
    it.each([false, true])(
      'returns every operation and project once by name (backwards: %s) while items come and go',
      async (backwards) => {
        const tag = uniqueName('Keyset mix');
        const made: { id: string; name: string; kind: number }[] = [];
        for (const letter of ['b', 'C', 'd', 'E', 'f', 'g']) {
          const name = `${tag} ${letter}`;
          if (letter === letter.toLowerCase()) made.push({ id: (await createOperation(t, { name })).id, name, kind: 0 });
          else made.push({ id: (await createProject(t, { name })).id, name, kind: 1 });
        }
        // Same name, both kinds: ties go operations first.
        made.push({ id: (await createProject(t, { name: `${tag} d` })).id, name: `${tag} d`, kind: 1 });
        const preexisting = made
          .sort((a, b) =>
            a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.kind - b.kind,
          )
          .map((m) => m.id);
        const read = async (args: PageArgs) =>
          dataOf(await t.gql(PORTFOLIO, { filter: { search: tag }, orderBy: 'NAME_ASC', ...args })).portfolio as Page;
        const [gone, ahead] = backwards ? [preexisting[6], preexisting[1]] : [preexisting[0], preexisting[5]];
        const seen = await readAll(read, 2, backwards, async (page) => {
          if (page > 1) return;
          await createOperation(t, { name: `${tag} a ${page}` });
          await createProject(t, { name: `${tag} D ${page}` });
          await createProject(t, { name: `${tag} z ${page}` });
          if (page === 0) for (const id of [gone, ahead]) await remove(fromGlobalId(id)!.typeName === 'Project' ? Project : Operation, id);
        });
        expectEachOnce(seen, preexisting, new Set([gone, ahead]));
        expect(seen).not.toContain(ahead);
      },
    );

    it('pages by last change both ways with the same edges', async () => {
      const tag = uniqueName('Keyset recent');
      for (let i = 0; i < 3; i++) {
        await createOperation(t, { name: `${tag} op ${i}` });
        await createProject(t, { name: `${tag} project ${i}` });
      }
      const read = async (args: PageArgs) =>
        dataOf(await t.gql(PORTFOLIO, { filter: { search: tag }, orderBy: 'UPDATED_AT_DESC', ...args })).portfolio as Page;
      const forwards = await readAll(read, 4, false);
      expect(forwards).toHaveLength(6);
      expect(await readAll(read, 4, true)).toEqual(forwards);
      expect((await read({})).edges.map((e) => e.node.id)).toEqual(forwards);
    });
  });

  describe('refused cursors and arguments', () => {
    it('answers BAD_USER_INPUT for a cursor of another connection, of another ordering, and for garbage', async () => {
      const tag = uniqueName('Keyset refuse');
      const project = await createProject(t, { name: `${tag} p` });
      await createMilestone(t, project.id);
      await createOperation(t, { name: `${tag} o` });
      const operationCursor = dataOf(await t.gql('{ operations(first: 1) { pageInfo { endCursor } } }')).operations.pageInfo.endCursor;
      const byName = (await dataOf(await t.gql(PROJECTS, { filter: { search: tag }, orderBy: 'NAME_ASC', first: 1 })).projects) as Page;
      const milestoneCursor = (dataOf(await t.gql(MILESTONES, { id: project.id, first: 1 })).project.milestones as Page).pageInfo.endCursor;
      const portfolioCursor = (dataOf(await t.gql(PORTFOLIO, { filter: { search: tag }, first: 1 })).portfolio as Page).pageInfo.endCursor;

      expectBadInput(await t.gql(PROJECTS, { after: operationCursor }), 'after');
      expectBadInput(await t.gql(PROJECTS, { orderBy: 'DUE_DATE_ASC', after: byName.pageInfo.endCursor }), 'after');
      expectBadInput(await t.gql(PROJECTS, { orderBy: 'NAME_DESC', last: 1, before: byName.pageInfo.endCursor }), 'before');
      expectBadInput(await t.gql(PROJECTS, { before: 'not-a-cursor' }), 'before');
      expectBadInput(
        await t.gql(PROJECTS, { after: Buffer.from('{"c":"projects","o":"DUE_DATE_ASC","k":["soon"],"id":1}').toString('base64url') }),
        'after',
      );
      expectBadInput(await t.gql(MILESTONES, { id: project.id, after: portfolioCursor }), 'after');
      expectBadInput(await t.gql(PORTFOLIO, { after: milestoneCursor }), 'after');
      expectBadInput(await t.gql(PORTFOLIO, { orderBy: 'UPDATED_AT_DESC', before: portfolioCursor }), 'before');
      // The same cursor under its own ordering works.
      expect(
        dataOf(await t.gql(PROJECTS, { filter: { search: tag }, orderBy: 'NAME_ASC', after: byName.pageInfo.endCursor })).projects.edges,
      ).toEqual([]);
    });

    it('refuses first and last together, and page sizes outside 1–100 for either', async () => {
      expectBadInput(await t.gql(PROJECTS, { first: 2, last: 2 }), 'last');
      const project = await createProject(t);
      expectBadInput(await t.gql(MILESTONES, { id: project.id, first: 1, last: 1 }), 'last');
      expectBadInput(await t.gql(PORTFOLIO, { first: 1, last: 1 }), 'last');
      expectBadInput(await t.gql(PROJECTS, { last: 0 }), 'last');
      expectBadInput(await t.gql(PROJECTS, { last: 101 }), 'last');
    });
  });
});

// ---- Operation documents -------------------------------------------------------------------

const PAGE = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

const PROJECTS = /* GraphQL */ `
  query Projects($filter: ProjectFilter, $orderBy: ProjectOrderBy, $first: Int, $after: String, $last: Int, $before: String) {
    projects(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      ${PAGE} edges { cursor node { id name } }
    }
  }
`;

const INVENTORY = /* GraphQL */ `
  query Inventory($filter: InventoryItemFilter, $orderBy: InventoryItemOrderBy, $first: Int, $after: String, $last: Int, $before: String) {
    inventoryItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      ${PAGE} edges { cursor node { id onHand } }
    }
  }
`;

const PROJECT_VERSION = /* GraphQL */ `
  query ProjectVersion($id: ID!) {
    project(id: $id) {
      id
      version
    }
  }
`;

const MILESTONES = /* GraphQL */ `
  query Milestones($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    project(id: $id) {
      milestones(first: $first, after: $after, last: $last, before: $before) { ${PAGE} edges { cursor node { id } } }
    }
  }
`;

const PORTFOLIO = /* GraphQL */ `
  query Portfolio($filter: PortfolioFilter, $orderBy: PortfolioOrderBy, $first: Int, $after: String, $last: Int, $before: String) {
    portfolio(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      ${PAGE} edges { cursor node { __typename ... on Operation { id name } ... on Project { id name } } }
    }
  }
`;
