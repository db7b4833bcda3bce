import 'reflect-metadata';
import { isObjectType } from 'graphql';
import { Authorized, Field, getMetadataStorage, ObjectType, UseMiddleware } from 'type-graphql';
import { Role } from './common/auth';
import { buildAppSchema, markPlainFieldsSimple } from './schema';

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
