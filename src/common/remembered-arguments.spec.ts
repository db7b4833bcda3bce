import 'reflect-metadata';
import { Max, Min } from 'class-validator';
import { graphql, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  buildSchema,
  Ctx,
  Field,
  FieldResolver,
  Info,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { rememberArgumentsPerRequest } from './remembered-arguments';
import { validateArgument } from './validation';

let conversions = 0;

@ArgsType()
class ProbeWindowArgs {
  constructor() {
    conversions += 1;
  }

  @Min(1)
  @Max(1440)
  @Field(() => Int, { description: 'Minutes.' })
  lastMinutes: number;

  @Field({ nullable: true, description: 'A label.' })
  label?: string;
}

@ObjectType({ description: 'Spec only: an item of a list whose field takes arguments.' })
class ProbeItem {
  @Field(() => Int, { description: 'Position in the list.' })
  n: number;
}

const seen: ProbeWindowArgs[] = [];

@Resolver(() => ProbeItem)
class ProbeResolver {
  @Query(() => [ProbeItem], { description: 'Items.' })
  items(@Arg('count', () => Int, { description: 'How many.' }) count: number): ProbeItem[] {
    return Array.from({ length: count }, (_, n) => Object.assign(new ProbeItem(), { n }));
  }

  @FieldResolver(() => String, { nullable: true, description: 'The window as this item saw it.' })
  window(
    @Root() item: ProbeItem,
    @Args(() => ProbeWindowArgs) args: ProbeWindowArgs,
    @Ctx('tag') tag: string | undefined,
    @Info() info: GraphQLResolveInfo,
  ): string {
    seen.push(args);
    if (!(item instanceof ProbeItem) || info.path.prev?.key !== item.n) throw new Error('root and info are this item’s');
    return `${item.n}:${args.lastMinutes}:${args.label ?? ''}${tag ? `:${tag}` : ''}`;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Tries to change its arguments.' })
  changesItsArguments(@Args(() => ProbeWindowArgs) args: ProbeWindowArgs): string {
    args.lastMinutes += 1;
    return String(args.lastMinutes);
  }

  @Mutation(() => Int, { description: 'Echoes a window.' })
  echo(@Args(() => ProbeWindowArgs) args: ProbeWindowArgs): number {
    args.lastMinutes += 0; // writable: a root mutation's arguments are its own
    return args.lastMinutes;
  }
}

let schema: GraphQLSchema;

beforeAll(async () => {
  rememberArgumentsPerRequest();
  schema = await buildSchema({ resolvers: [ProbeResolver], validateFn: validateArgument, validate: true });
});

beforeEach(() => {
  conversions = 0;
  seen.length = 0;
});

const LIST = 'query ($minutes: Int!, $label: String) { items(count: 50) { n window(lastMinutes: $minutes, label: $label) } }';

async function run(
  query: string,
  variableValues: Record<string, unknown>,
  executor: 'graphql-js' | 'jit' = 'graphql-js',
  contextValue: object = {},
): Promise<ExecutionResult> {
  if (executor === 'graphql-js') return graphql({ schema, source: query, variableValues, contextValue });
  const compiled = compileQuery(schema, parse(query));
  if (!isCompiledQuery(compiled)) throw new Error('compiles');
  return compiled.query(undefined, contextValue, variableValues);
}

describe('rememberArgumentsPerRequest', () => {
  it.each(['graphql-js', 'jit'] as const)('converts a field’s arguments once for every item of a list (%s)', async (executor) => {
    const result = await run(LIST, { minutes: 60, label: 'a' }, executor);
    expect(result.errors).toBeUndefined();
    const items = (result.data as { items: { n: number; window: string }[] }).items;
    expect(items.map((i) => i.window)).toEqual(items.map((i) => `${i.n}:60:a`));
    expect(conversions).toBe(1);
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(1);
  });

  it('gives each request the values of its own variables, and each call its own root, context and info', async () => {
    const [first, second] = await Promise.all([run(LIST, { minutes: 60 }), run(LIST, { minutes: 15, label: 'b' }, 'jit', { tag: 't' })]);
    expect((first.data as { items: { window: string }[] }).items[7].window).toBe('7:60:');
    expect((second.data as { items: { window: string }[] }).items[7].window).toBe('7:15:b:t');
    expect(second.errors).toBeUndefined();
    expect(conversions).toBe(2);
  });

  it('refuses an invalid argument on every item, and converts again on the next request', async () => {
    const refused = await run(LIST, { minutes: 0 });
    expect(refused.errors).toHaveLength(50);
    expect(refused.errors!.every((e) => e.message === 'Argument Validation Error')).toBe(true);
    const accepted = await run(LIST, { minutes: 5 });
    expect(accepted.errors).toBeUndefined();
  });

  it('hands resolvers frozen arguments, so one that writes to them fails instead of changing the next item’s', async () => {
    const result = await run('{ items(count: 3) { changesItsArguments(lastMinutes: 10) } }', {});
    expect(result.errors).toHaveLength(3);
    expect(result.errors![0].message).toMatch(/read only|read-only|Cannot assign/);
  });

  it('leaves a root mutation’s arguments its own, converted per call', async () => {
    const result = await run('mutation { a: echo(lastMinutes: 5) b: echo(lastMinutes: 5) }', {});
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ a: 5, b: 5 });
    expect(conversions).toBe(2);
  });
});
