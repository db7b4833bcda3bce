import { buildSchema, execute, parse, type ExecutionResult } from 'graphql';
import { createExecutor } from './executor';

const schema = buildSchema(`
    type Query {
      hello(name: String! = "world"): String!
      count: Int
      input(value: In!): String
    }
    input In { a: String! = "x", b: Int }
  `);

const root = {
  hello: ({ name }: { name: string }) => `hello ${name}`,
  // A lazy value: graphql-js awaits it; a compiled plan must too.
  get count() {
    return Promise.resolve(3);
  },
  input: ({ value }: { value: { a: string; b?: number } }) => `${value.a}:${value.b ?? '-'}`,
};

async function run(
  executor: ReturnType<typeof createExecutor>,
  query: string,
  variableValues?: Record<string, unknown>,
  operationName?: string,
) {
  return (await executor.execute(
    { schema, document: parse(query), rootValue: root, variableValues, operationName, contextValue: {} },
    {
      principal: 'p',
    },
  )) as ExecutionResult;
}

describe('compiled executor', () => {
  it('compiles a document on its second use and answers as graphql-js does', async () => {
    const executor = createExecutor(schema, { kind: 'jit' });
    const query = '{ hello count }';
    const expected = JSON.stringify(await execute({ schema, document: parse(query), rootValue: root }));
    for (let i = 0; i < 3; i++) expect(JSON.stringify(await run(executor, query))).toBe(expected);
    expect(executor.stats).toMatchObject({ compiles: 1, compiledExecutions: 2, graphqlJsExecutions: 1 });
  });

  it('coerces variables with graphql-js: an omitted non-null field with a default is filled in, an invalid value runs on graphql-js', async () => {
    const executor = createExecutor(schema, { kind: 'jit' });
    const query = 'query Q($v: In!) { input(value: $v) }';
    for (let i = 0; i < 2; i++) expect(await run(executor, query, { v: { b: 2 } })).toEqual({ data: { input: 'x:2' } });
    expect(executor.stats.compiledExecutions).toBe(1);
    const bad = await run(executor, query, { v: { b: 'two' } });
    expect(bad.errors?.[0].nodes).toBeDefined();
    expect(executor.stats.compiledExecutions).toBe(1);
  });

  it('remembers a document jit cannot compile and runs it on graphql-js from then on', async () => {
    const executor = createExecutor(schema, { kind: 'jit' });
    for (let i = 0; i < 3; i++) {
      const result = await run(executor, 'query A { hello }', {}, 'Missing');
      expect(result.errors?.[0].message).toBe('Unknown operation named "Missing".');
    }
    expect(executor.stats).toMatchObject({ compiles: 0, compileFailures: 1, compiledExecutions: 0, graphqlJsExecutions: 3 });
  });

  it('keeps at most maxPlans plans and defers compiles past the per-minute budget', async () => {
    let now = 0;
    const executor = createExecutor(schema, { kind: 'jit', maxPlans: 2, compilesPerPrincipalPerMinute: 2, now: () => now });
    for (const name of ['a', 'b', 'c']) for (let i = 0; i < 2; i++) await run(executor, `{ hello(name: "${name}") }`);
    expect(executor.stats).toMatchObject({ compiles: 2, compilesDeferred: 1 });
    now = 60_000;
    await run(executor, '{ hello(name: "c") }');
    expect(executor.stats.compiles).toBe(3);
    expect(executor.sizes().plans).toBe(2);
  });

  it('runs graphql-js only when the kind is graphql-js', async () => {
    const executor = createExecutor(schema, { kind: 'graphql-js' });
    for (let i = 0; i < 3; i++) await run(executor, '{ hello }');
    expect(executor.stats).toMatchObject({ compiles: 0, compiledExecutions: 0, graphqlJsExecutions: 3 });
  });
});
