import Database from 'better-sqlite3';
import { GraphQLError } from 'graphql';
import {
  comparePositions,
  compareStrings,
  type ConnectionArgs,
  decodeCursor,
  encodeCursor,
  keysetCondition,
  orderByTerms,
  type Ordering,
  pageRequest,
  paginateArray,
  positionOf,
  readCursor,
} from './pagination';

interface Row {
  id: number;
  due: Date | null;
  name: string;
}

const BY_DUE: Ordering<Row> = {
  connection: 'things',
  name: 'DUE_ASC',
  keys: [{ sql: 'due', type: 'date', direction: 'ASC', nullable: true, read: (r) => r.due }],
  id: { sql: 'id', direction: 'ASC', read: (r) => r.id },
};

const BY_NAME_DESC: Ordering<Row> = {
  connection: 'things',
  name: 'NAME_DESC',
  keys: [{ sql: 'name', type: 'string', direction: 'DESC', read: (r) => r.name }],
  id: { sql: 'id', direction: 'DESC', read: (r) => r.id },
};

const day = (d: number) => new Date(Date.UTC(2026, 0, d));
const row = (id: number, due: Date | null, name = `n${id}`): Row => ({ id, due, name });

/** The code and field of the error `fn` throws. */
function badInputOf(fn: () => unknown): { code: unknown; fields: unknown } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return { code: (error as GraphQLError).extensions.code, fields: (error as GraphQLError).extensions.fields };
  }
  throw new Error('did not throw');
}

/** Pages through `items` with `first` (or `last`), collecting ids; `between` may change the list. */
function pageAll(
  items: () => Row[],
  ordering: Ordering<Row>,
  size: number,
  backwards: boolean,
  between: (page: number) => void = () => {},
): number[] {
  const seen: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const args: ConnectionArgs = backwards ? { last: size, before: cursor } : { first: size, after: cursor };
    const result = paginateArray(items(), args, ordering);
    const ids = result.edges.map((e) => e.node.id);
    if (backwards) seen.unshift(...ids);
    else seen.push(...ids);
    const more = backwards ? result.pageInfo.hasPreviousPage : result.pageInfo.hasNextPage;
    if (!more) return seen;
    cursor = backwards ? result.pageInfo.startCursor : result.pageInfo.endCursor;
    between(page);
  }
  throw new Error('did not finish');
}

describe('cursors', () => {
  it('round-trips the ordering, the key values (dates as instants, NULLs) and the id', () => {
    const cursor = encodeCursor(BY_DUE, row(7, day(3)));
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(readCursor(cursor)).toEqual({ c: 'things', o: 'DUE_ASC', k: ['2026-01-03T00:00:00.000Z'], id: 7 });
    expect(decodeCursor(cursor, BY_DUE, 'after')).toEqual({ values: [day(3)], id: 7 });
    expect(decodeCursor(encodeCursor(BY_DUE, row(8, null)), BY_DUE, 'before')).toEqual({ values: [null], id: 8 });
  });

  it('refuses garbage, a cursor of another connection and one of another ordering as BAD_USER_INPUT naming the argument', () => {
    const other: Ordering<Row> = { ...BY_DUE, connection: 'others' };
    const fromName = encodeCursor(BY_NAME_DESC, row(1, null));
    for (const [cursor, arg] of [
      ['garbage', 'after'],
      ['', 'before'],
      ['!!!', 'after'],
      [Buffer.from('cursor:3').toString('base64url'), 'after'],
      [Buffer.from('{"c":"things","o":"DUE_ASC","k":[],"id":1}').toString('base64url'), 'after'],
      [Buffer.from('{"c":"things","o":"DUE_ASC","k":["yesterday"],"id":1}').toString('base64url'), 'before'],
      [Buffer.from('{"c":"things","o":"DUE_ASC","k":[null],"id":-1}').toString('base64url'), 'after'],
      ['a'.repeat(5000), 'after'],
      [encodeCursor(other, row(1, day(1))), 'after'],
      [fromName, 'before'],
    ] as const) {
      expect(badInputOf(() => decodeCursor(cursor, BY_DUE, arg))).toEqual({ code: 'BAD_USER_INPUT', fields: [arg] });
    }
  });

  it('refuses NULL for a key that cannot be NULL', () => {
    const forged = Buffer.from('{"c":"things","o":"NAME_DESC","k":[null],"id":1}').toString('base64url');
    expect(badInputOf(() => decodeCursor(forged, BY_NAME_DESC, 'after')).code).toBe('BAD_USER_INPUT');
  });
});

describe('pageRequest', () => {
  it('defaults to the first 20, pages backwards with last, and refuses first with last', () => {
    expect(pageRequest({}, BY_DUE)).toEqual({ forward: true, size: 20, after: null, before: null });
    expect(pageRequest({ last: 5 }, BY_DUE)).toMatchObject({ forward: false, size: 5 });
    expect(pageRequest({ first: null, last: 5 }, BY_DUE)).toMatchObject({ forward: false, size: 5 });
    expect(badInputOf(() => pageRequest({ first: 5, last: 5 }, BY_DUE))).toEqual({ code: 'BAD_USER_INPUT', fields: ['last'] });
    expect(badInputOf(() => pageRequest({ last: 101 }, BY_DUE))).toEqual({ code: 'BAD_USER_INPUT', fields: ['last'] });
    expect(badInputOf(() => pageRequest({ first: 0 }, BY_DUE))).toEqual({ code: 'BAD_USER_INPUT', fields: ['first'] });
  });
});

describe('ordering', () => {
  it('compares strings by code point, as SQLite BINARY and UTF-8 bytes do', () => {
    const words = ['b', 'a', '\u{1F600}', '\uFF21', 'ab', 'B', ''];
    const byBytes = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...words].sort(compareStrings)).toEqual(byBytes);
  });

  it('puts NULLs last in both directions and breaks ties by id', () => {
    const desc: Ordering<Row> = { ...BY_DUE, keys: [{ ...BY_DUE.keys[0], direction: 'DESC' }] };
    const rows = [row(1, null), row(2, day(2)), row(3, day(1)), row(4, day(2)), row(5, null)];
    const sort = (o: Ordering<Row>) => [...rows].sort((a, b) => comparePositions(o, positionOf(o, a), positionOf(o, b))).map((r) => r.id);
    expect(sort(BY_DUE)).toEqual([3, 2, 4, 1, 5]);
    expect(sort(desc)).toEqual([2, 4, 3, 1, 5]);
  });
});

describe('paginateArray', () => {
  const initial = () => [row(1, day(5)), row(2, null), row(3, day(1)), row(4, day(5)), row(5, day(3)), row(6, null), row(7, day(5))];
  const expected = [3, 5, 1, 4, 7, 2, 6];

  it('returns every item once, forwards and backwards, in the list order', () => {
    for (const size of [1, 2, 3, 7, 20]) {
      expect(pageAll(initial, BY_DUE, size, false)).toEqual(expected);
      expect(pageAll(initial, BY_DUE, size, true)).toEqual(expected);
    }
  });

  it('neither repeats nor skips an item when rows are inserted and deleted between pages', () => {
    for (const backwards of [false, true]) {
      let items = initial();
      let next = 100;
      const seen = pageAll(
        () => items,
        BY_DUE,
        2,
        backwards,
        (page) => {
          // In front of and behind the cursor, with tied and NULL keys.
          items = [...items, row(next++, day(0)), row(next++, day(5)), row(next++, null), row(next++, day(9))];
          if (page === 0) items = items.filter((r) => r.id !== 5 && r.id !== 4);
        },
      );
      const preexisting = seen.filter((id) => id < 100);
      const survivors = expected.filter((id) => id !== 4 && id !== 5);
      expect(new Set(seen).size).toBe(seen.length);
      expect(preexisting.filter((id) => survivors.includes(id))).toEqual(survivors);
      expect(preexisting).toEqual(expected.filter((id) => preexisting.includes(id)));
    }
  });

  it('continues after a cursor whose row was deleted, by its key, not by its index', () => {
    const first = paginateArray(initial(), { first: 3 }, BY_DUE);
    expect(first.edges.map((e) => e.node.id)).toEqual([3, 5, 1]);
    const without = initial().filter((r) => r.id !== 1);
    const second = paginateArray(without, { first: 3, after: first.pageInfo.endCursor }, BY_DUE);
    expect(second.edges.map((e) => e.node.id)).toEqual([4, 7, 2]);
    expect(second.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('sets pageInfo per the Relay algorithm at both ends', () => {
    const all = initial();
    const head = paginateArray(all, { first: 2 }, BY_DUE);
    expect(head.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const tail = paginateArray(all, { last: 2 }, BY_DUE);
    expect(tail.edges.map((e) => e.node.id)).toEqual([2, 6]);
    expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const end = paginateArray(all, { first: 2, after: encodeCursor(BY_DUE, all[1]) }, BY_DUE);
    expect(end.edges.map((e) => e.node.id)).toEqual([6]);
    expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const start = paginateArray(all, { last: 5, before: encodeCursor(BY_DUE, all[4]) }, BY_DUE);
    expect(start.edges.map((e) => e.node.id)).toEqual([3]);
    expect(start.pageInfo).toMatchObject({
      hasPreviousPage: false,
      hasNextPage: true,
      startCursor: start.edges[0].cursor,
      endCursor: start.edges[0].cursor,
    });
    const between = paginateArray(all, { after: encodeCursor(BY_DUE, all[2]), before: encodeCursor(BY_DUE, all[6]) }, BY_DUE);
    expect(between.edges.map((e) => e.node.id)).toEqual([5, 1, 4]);
    const empty = paginateArray([], { first: 2 }, BY_DUE);
    expect(empty).toEqual({
      edges: [],
      totalCount: 0,
      pageInfo: { hasPreviousPage: false, hasNextPage: false, startCursor: null, endCursor: null },
    });
  });

  it('refuses a cursor of another ordering of the same list', () => {
    const cursor = paginateArray(initial(), { first: 1 }, BY_NAME_DESC).pageInfo.endCursor!;
    expect(badInputOf(() => paginateArray(initial(), { first: 1, after: cursor }, BY_DUE))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['after'],
    });
  });
});

describe('keysetCondition', () => {
  // The SQL must select exactly the rows the in-memory comparison puts after (or before) a cursor,
  // under the ORDER BY orderByTerms emits; checked on SQLite with NULLs, ties and mixed directions.
  interface Sql {
    id: number;
    a: number | null;
    b: string;
  }
  const orderings: Ordering<Sql>[] = [
    {
      connection: 't',
      name: 'A_ASC_B_DESC',
      keys: [
        { sql: 'a', type: 'number', direction: 'ASC', nullable: true, read: (r) => r.a },
        { sql: 'b', type: 'string', direction: 'DESC', read: (r) => r.b },
      ],
      id: { sql: 'id', direction: 'ASC', read: (r) => r.id },
    },
    {
      connection: 't',
      name: 'A_DESC',
      keys: [{ sql: 'a', type: 'number', direction: 'DESC', nullable: true, read: (r) => r.a }],
      id: { sql: 'id', direction: 'DESC', read: (r) => r.id },
    },
  ];
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a REAL, b TEXT NOT NULL)');
  const rows: Sql[] = [];
  for (let id = 1; id <= 40; id++) rows.push({ id, a: id % 5 === 0 ? null : (id * 7) % 4, b: ['x', 'y', 'z'][id % 3] });
  const insert = db.prepare('INSERT INTO t (id, a, b) VALUES (@id, @a, @b)');
  for (const r of rows) insert.run(r);
  afterAll(() => db.close());

  function select(ordering: Ordering<Sql>, where: { sql: string; params: Record<string, unknown> } | null, reversed: boolean): number[] {
    const order = orderByTerms(ordering, reversed)
      .map(([e, d]) => `${e} ${d}`)
      .join(', ');
    return db
      .prepare(`SELECT id FROM t ${where ? `WHERE ${where.sql}` : ''} ORDER BY ${order}`)
      .all(where?.params ?? {})
      .map((r: any) => r.id);
  }

  it.each(orderings.map((o) => [o.name, o] as const))('matches the in-memory order and comparison (%s)', (_name, ordering) => {
    const inMemory = [...rows]
      .sort((x, y) => comparePositions(ordering, positionOf(ordering, x), positionOf(ordering, y)))
      .map((r) => r.id);
    expect(select(ordering, null, false)).toEqual(inMemory);
    expect(select(ordering, null, true)).toEqual([...inMemory].reverse());
    for (const cursorRow of rows) {
      const position = positionOf(ordering, cursorRow);
      const at = inMemory.indexOf(cursorRow.id);
      expect(select(ordering, keysetCondition(ordering, position, 'after', false, 'p'), false)).toEqual(inMemory.slice(at + 1));
      expect(select(ordering, keysetCondition(ordering, position, 'after', true, 'p'), false)).toEqual(inMemory.slice(at));
      expect(select(ordering, keysetCondition(ordering, position, 'before', false, 'p'), false)).toEqual(inMemory.slice(0, at));
      expect(select(ordering, keysetCondition(ordering, position, 'before', true, 'p'), false)).toEqual(inMemory.slice(0, at + 1));
    }
  });

  it('writes the expanded form, never a row-value comparison', () => {
    const c = keysetCondition(BY_NAME_DESC, { values: ['m'], id: 9 }, 'after', false, 'k');
    expect(c).toEqual({ sql: '(name < :k0 OR (name = :k0 AND id < :kid))', params: { k0: 'm', kid: 9 } });
  });
});
