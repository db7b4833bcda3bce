import 'reflect-metadata';
import { isObjectType } from 'graphql';
import { Authorized, Field, getMetadataStorage, GraphQLISODateTime, ObjectType, UseMiddleware } from 'type-graphql';
import { Role } from './common/auth';
import { buildAppSchema, markPlainFieldsSimple, rememberingDateTimeScalar } from './schema';

@ObjectType({ description: 'Spec only: one field of each kind markPlainFieldsSimple decides on.' })
class SimpleProbe {
  @Field({ description: 'A plain property.' })
  plain: string;

  @Authorized(Role.ADMIN)
  @Field({ description: 'Guarded by a role.' })
  guarded: string;

  @UseMiddleware(async (_data, next) => next())
  @Field({ description: 'Behind a middleware.' })
  withMiddleware: string;

  @Field({ name: 'renamedInSchema', description: 'A schema name other than its property.' })
  renamed: string;

  @Field({ simple: false, description: 'Says for itself that it keeps the wrapper.' })
  explicit: string;
}

@Authorized()
@ObjectType({ description: 'Spec only: @Authorized on the class guards every field.' })
class GuardedProbe {
  @Field({ description: 'Plain, but its class is guarded.' })
  plain: string;
}

const simpleOf = (target: Function, name: string) =>
  getMetadataStorage().fields.find((f) => f.target === target && f.name === name)!.simple;

describe('markPlainFieldsSimple', () => {
  beforeAll(async () => {
    await buildAppSchema();
    markPlainFieldsSimple();
  });

  it('marks a plain property simple and leaves auth, middleware, renamed and explicit fields with the wrapper', () => {
    expect(simpleOf(SimpleProbe, 'plain')).toBe(true);
    expect(simpleOf(SimpleProbe, 'guarded')).toBeUndefined();
    expect(simpleOf(SimpleProbe, 'withMiddleware')).toBeUndefined();
    expect(simpleOf(SimpleProbe, 'renamed')).toBeUndefined();
    expect(simpleOf(SimpleProbe, 'explicit')).toBe(false);
    expect(simpleOf(GuardedProbe, 'plain')).toBeUndefined();
  });

  it('builds a schema where plain fields have no resolver, and getters, field resolvers and root fields keep theirs', async () => {
    const schema = await buildAppSchema();
    const process = schema.getType('Process');
    if (!isObjectType(process)) throw new Error('Process is an object type');
    expect(process.getFields().name.resolve).toBeUndefined();
    expect(process.getFields().id.resolve).toBeDefined(); // a getter (the global id)
    expect(process.getFields().throughput.resolve).toBeDefined(); // a field resolver
    for (const root of [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!]) {
      for (const field of Object.values(root.getFields()))
        expect({ field: field.name, resolve: typeof field.resolve }).toEqual({ field: field.name, resolve: 'function' });
    }
    let plain = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      plain += Object.values(type.getFields()).filter((f) => f.resolve === undefined).length;
    }
    expect(plain).toBeGreaterThan(300);
  });
});

/** The message the original scalar refuses a value with (the spec fails if it accepts it). */
function refusalOf(original: () => unknown): string {
  try {
    original();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the original scalar accepted the value');
}

describe('rememberingDateTimeScalar (DateTimeISO with the last parsed string remembered)', () => {
  it('has the original’s name, description and serialization', () => {
    const scalar = rememberingDateTimeScalar();
    expect(scalar.name).toBe('DateTimeISO');
    expect(scalar.description).toBe(GraphQLISODateTime.description);
    const date = new Date(Date.UTC(2026, 1, 3, 4, 5, 6, 7));
    expect(scalar.serialize(date)).toBe(GraphQLISODateTime.serialize(date));
  });

  it('serializes as the original does, also an instant it has just serialized, an invalid Date and a string', () => {
    const scalar = rememberingDateTimeScalar();
    const first = new Date(Date.UTC(2026, 1, 3, 4, 5, 6, 7));
    const values: unknown[] = [
      first,
      new Date(first.getTime()),
      new Date(0),
      first,
      '2026-02-03T05:05:06.5+01:00',
      0,
      new Date(first.getTime()),
    ];
    for (const value of values) expect(scalar.serialize(value)).toBe(GraphQLISODateTime.serialize(value));
    for (const bad of [new Date(NaN), 'yesterday', {}]) {
      expect(() => scalar.serialize(bad)).toThrow(refusalOf(() => GraphQLISODateTime.serialize(bad)));
    }
    expect(scalar.serialize(first)).toBe('2026-02-03T04:05:06.007Z');
  });

  it('parses what the original parses, to the same instants, a fresh Date each time a string repeats', () => {
    const scalar = rememberingDateTimeScalar();
    const inputs = [
      '2026-02-03T04:05:06Z',
      '2026-02-03T04:05:06Z',
      '2026-02-03T05:05:06.5+01:00',
      '2026-02-03T04:05:06Z',
      '2026-02-03T04:05:06Z',
    ];
    const parsed = inputs.map((input) => scalar.parseValue(input) as Date);
    parsed.forEach((date, i) => expect(date.getTime()).toBe((GraphQLISODateTime.parseValue(inputs[i]) as Date).getTime()));
    expect(parsed[1]).not.toBe(parsed[0]);
    parsed[3].setTime(0);
    expect((scalar.parseValue('2026-02-03T04:05:06Z') as Date).getTime()).toBe(Date.parse('2026-02-03T04:05:06Z'));
  });

  it('refuses what the original refuses, with its message, and remembers nothing of it', () => {
    const scalar = rememberingDateTimeScalar();
    for (const bad of ['2026-02-30T04:05:06Z', '2026-02-03 04:05:06', 'yesterday', 42]) {
      expect(() => scalar.parseValue(bad)).toThrow(refusalOf(() => GraphQLISODateTime.parseValue(bad)));
    }
    expect((scalar.parseValue('2026-02-03T04:05:06Z') as Date).toISOString()).toBe('2026-02-03T04:05:06.000Z');
  });
});
