import 'reflect-metadata';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { buildAppSchema } from '../schema';
import { apolloLimitError, measureOperation, pointsFor, tokenLimitError } from './limits';
import { Lru } from './operation-guard';
import { createMemoryRateLimiter, leak } from './rate-limit';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

function measure(query: string, variables: Record<string, unknown> | null = null) {
  const doc = parse(query);
  return measureOperation(doc, getOperationAST(doc)!, schema, variables);
}

describe('measureOperation', () => {
  it('counts depth, aliases and directives', () => {
    expect(measure('{ a: __typename b: __typename @include(if: true) viewer { subject } }')).toMatchObject({
      depth: 2,
      aliases: 2,
      directives: 1,
    });
  });

  it('multiplies cost and nodes by each connection’s first (GitHub-style nodes)', () => {
    const m = measure('{ operations(first: 10) { edges { node { processes(first: 5) { edges { node { id } } } } } } }');
    // nodes: 10 + 10 × 5; cost: operations 1 + 10 × (edges 1 + node 1 + processes (1 + 5 × (edges 1 + node 1)))
    expect(m.nodes).toBe(60);
    expect(m.complexity).toBe(1 + 10 * (1 + 1 + (1 + 5 * 2)));
  });

  it('uses the argument default (20) when first is omitted, and variables when given', () => {
    expect(measure('{ operations { edges { node { id } } } }').nodes).toBe(20);
    expect(measure('query ($n: Int!) { operations(first: $n) { edges { node { id } } } }', { n: 7 }).nodes).toBe(7);
    expect(measure('query ($n: Int! = 3) { operations(first: $n) { edges { node { id } } } }', {}).nodes).toBe(3);
  });

  it('counts last instead of first’s default, the larger of the two when both are given, and 20 when neither is', () => {
    expect(measure('{ operations(last: 5) { edges { node { id } } } }').nodes).toBe(5);
    expect(measure('query ($n: Int) { operations(last: $n) { edges { node { id } } } }', { n: 3 }).nodes).toBe(3);
    expect(measure('query ($n: Int) { operations(first: $n, last: 4) { edges { node { id } } } }', {}).nodes).toBe(4);
    expect(measure('{ operations(first: 2, last: 9) { edges { node { id } } } }').nodes).toBe(9);
    expect(measure('{ operations(last: null) { edges { node { id } } } }').nodes).toBe(20);
    expect(measure('{ project(id: "x") { milestones { edges { node { id } } } } }').nodes).toBe(20);
  });

  it('expands every fragment spread, in linear time even when fragments double 30 levels deep', () => {
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const started = Date.now();
    const m = measure(`query { ...F0 } ${fragments} fragment F30 on Query { a: __typename }`);
    expect(m.aliases).toBe(2 ** 30);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('survives fragment cycles (graphql-js reports them) and ignores operation names', () => {
    expect(() => measure('query __schema { ...A } fragment A on Query { ...B } fragment B on Query { ...A __typename }')).not.toThrow();
    expect(measure('query __schema { operations(first: 99) { edges { node { id } } } }').nodes).toBe(99);
  });
});

describe('limit errors', () => {
  it('turns the parser’s token limit into QUERY_TOO_COMPLEX', () => {
    let error: unknown;
    try {
      parse(`{ ${'a '.repeat(50)} }`, { maxTokens: 10 });
    } catch (e) {
      error = e;
    }
    expect(tokenLimitError(error, 10)?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 10 });
    expect(apolloLimitError(new Error('other'), 10)).toBeNull();
  });
});

describe('leaky bucket', () => {
  it('leaks at the configured rate and refuses what would overflow, with a retry-after', async () => {
    expect(leak(100, 500, 100)).toBe(50);
    let now = 0;
    const limiter = createMemoryRateLimiter({ enabled: true, capacity: 100, leakPerSecond: 10, mutationPoints: 10 }, () => now);
    expect((await limiter.consume('a', 80)).allowed).toBe(true);
    expect(await limiter.consume('a', 30)).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 20, resetSeconds: 8 });
    expect(await limiter.peek('a')).toEqual({ remaining: 20, resetSeconds: 8 });
    expect((await limiter.consume('b', 30)).allowed).toBe(true);
    now = 1000;
    // 80 leaked down to 70; 70 + 30 = 100 fits exactly, leaving nothing, full again in 10 s.
    expect(await limiter.consume('a', 30)).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 0, resetSeconds: 10 });
    expect(await limiter.peek('never-seen')).toEqual({ remaining: 100, resetSeconds: 0 });
  });

  it('turns complexity into points at 100 per point, at least 1, plus each mutation field', () => {
    expect(pointsFor(0, 0, 5)).toBe(1);
    expect(pointsFor(11, 0, 5)).toBe(1);
    expect(pointsFor(101, 0, 5)).toBe(2);
    expect(pointsFor(43_000, 0, 5)).toBe(430);
    expect(pointsFor(3, 2, 5)).toBe(11);
  });
});

describe('Lru', () => {
  it('evicts the least recently used entry', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([1, undefined, 3]);
  });
});
