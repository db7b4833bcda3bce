import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildAppSchema } from '../../src/schema';
import { errorCode, Role, type Caller, type GraphQLResponse } from '../harness/app';
import { describeApp } from '../harness/suite';
import { eventually } from '../harness/wait';
import { collect, wsClient } from '../harness/ws';

/**
 * Field-level auth holds on every field that has `@Authorized`, whatever resolves the other fields
 * (plain fields are `simple`, without type-graphql's wrapper: see markPlainFieldsSimple in
 * src/schema.ts). The fields come from type-graphql's metadata storage, not from a list kept here,
 * so a field that gains `@Authorized` is checked without editing this file. Each is sent once as a
 * caller that must be refused (no token for `@Authorized()`, VIEWER for a role list without it)
 * and once as one that is let through (the first role it names, VIEWER for any role): the allowed
 * call may still fail on the placeholder arguments (NOT_FOUND, BAD_USER_INPUT), never on auth.
 */
describeApp('field-level auth on %s', ({ t, leftovers }) => {
  const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];

  interface Guarded {
    kind: 'query' | 'mutation' | 'subscription';
    field: GraphQLField<unknown, unknown>;
    roles: Role[];
  }

  async function guardedFields(): Promise<Guarded[]> {
    const schema = await buildAppSchema();
    const storage = getMetadataStorage();
    const roots = [
      ['query', storage.queries, schema.getQueryType()],
      ['mutation', storage.mutations, schema.getMutationType()],
      ['subscription', storage.subscriptions, schema.getSubscriptionType()],
    ] as const;
    const found: Guarded[] = [];
    const unmatched: string[] = [];
    for (const authorized of storage.authorizedFields) {
      const root = roots.find(([, handlers]) =>
        handlers.some((h) => h.target === authorized.target && h.methodName === authorized.fieldName),
      );
      if (!root) {
        // An object field with @Authorized: it is read through its parent, so it is checked by name below.
        unmatched.push(`${authorized.target.name}.${authorized.fieldName}`);
        continue;
      }
      const [kind, handlers, type] = root;
      const handler = handlers.find((h) => h.target === authorized.target && h.methodName === authorized.fieldName)!;
      const field = (type as GraphQLObjectType).getFields()[handler.schemaName];
      expect(field).toBeDefined();
      found.push({ kind, field, roles: authorized.roles as Role[] });
    }
    // Today every @Authorized field is a root field; one on an object field needs a parent to
    // reach it, which this generic walk cannot build: it must get its own case here first.
    expect(unmatched).toEqual([]);
    return found;
  }

  /** A value that passes GraphQL's variable coercion (class-validator may still refuse it, after auth). */
  function placeholder(type: GraphQLInputType): unknown {
    if (isNonNullType(type)) return placeholder(type.ofType);
    if (isListType(type)) return [placeholder(type.ofType)];
    if (isEnumType(type)) return type.getValues()[0].name;
    if (isInputObjectType(type)) {
      const value: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields())) {
        if (isNonNullType(f.type) && f.defaultValue === undefined) value[f.name] = placeholder(f.type);
      }
      return value;
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'Int':
        case 'Float':
          return 1;
        case 'Boolean':
          return false;
        case 'DateTimeISO':
          return '2026-01-01T00:00:00.000Z';
        default:
          return 'x';
      }
    }
    throw new Error(`no placeholder for ${String(type)}`);
  }

  function documentFor({ kind, field }: Guarded): { query: string; variables: Record<string, unknown> } {
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    const variables = Object.fromEntries(required.map((a) => [a.name, placeholder(a.type)]));
    const declared = required.length ? `(${required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : '';
    const passed = required.length ? `(${required.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
    const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
    return { query: `${kind} Guarded${declared} { ${field.name}${passed}${selection} }`, variables };
  }

  const refusedCaller = (roles: Role[]): Caller => (roles.length === 0 ? null : Role.VIEWER);
  const allowedCaller = (roles: Role[]): Role => roles[0] ?? Role.VIEWER;

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const entity of t.app.dataSource.entityMetadatas) {
      counts[entity.tableName] = await t.app.dataSource.getRepository(entity.target).count();
    }
    return counts;
  }

  /** The first result or error of a subscription over WebSocket, as an HTTP-like response. */
  async function subscribeOnce(document: { query: string; variables: Record<string, unknown> }, as: Caller): Promise<GraphQLResponse> {
    const token = as === null ? null : await t.token(as as Role);
    const { client } = wsClient(t.wsUrl, token);
    leftovers.push(() => client.dispose());
    const sub = collect(client, document.query, document.variables);
    leftovers.push(() => sub.dispose());
    await sub.until(() => sub.results.length > 0);
    if (sub.error) return { errors: Array.isArray(sub.error) ? sub.error : [sub.error as never] } as GraphQLResponse;
    return sub.results[0] as GraphQLResponse;
  }

  const send = (g: Guarded, as: Caller) => {
    const document = documentFor(g);
    return g.kind === 'subscription' ? subscribeOnce(document, as) : t.gql(document.query, document.variables, as);
  };

  it('has @Authorized fields to check, and lets a caller without a token reach an unguarded field', async () => {
    expect((await guardedFields()).length).toBeGreaterThan(50);
    // The refusals below come from each field's own check, not from a transport that turns away every anonymous request.
    expect((await t.gql('{ __typename }', {}, null)).data).toEqual({ __typename: 'Query' });
  });

  it('refuses every @Authorized query and mutation to a caller without the role, and changes no data', async () => {
    const before = await rowCounts();
    for (const g of (await guardedFields()).filter((x) => x.kind !== 'subscription')) {
      const response = await send(g, refusedCaller(g.roles));
      expect({ field: g.field.name, code: errorCode(response) }).toEqual({
        field: g.field.name,
        code: g.roles.length === 0 ? 'UNAUTHENTICATED' : 'FORBIDDEN',
      });
      expect(response.data?.[g.field.name] ?? null).toBeNull();
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('lets every @Authorized query and mutation through for a caller with the role', async () => {
    for (const g of (await guardedFields()).filter((x) => x.kind !== 'subscription')) {
      const response = await send(g, allowedCaller(g.roles));
      const codes = (response.errors ?? []).map((e) => e.extensions?.code);
      expect({ field: g.field.name, authErrors: codes.filter((c) => AUTH_CODES.includes(String(c))) }).toEqual({
        field: g.field.name,
        authErrors: [],
      });
    }
  });

  /** Operations running on the app's WebSockets (its own gauge). */
  async function runningOnSockets(): Promise<number> {
    const text = await (await t.fetch('/metrics')).text();
    return Number(/^opsgraph_ws_subscriptions(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? NaN);
  }

  it('refuses every @Authorized subscription over WebSocket to a caller without the role, and lets one with it through', async () => {
    const subscriptions = (await guardedFields()).filter((x) => x.kind === 'subscription');
    expect(subscriptions.length).toBeGreaterThan(0);
    for (const g of subscriptions) {
      const refused = await send(g, refusedCaller(g.roles));
      expect({ field: g.field.name, code: errorCode(refused) }).toEqual({
        field: g.field.name,
        code: g.roles.length === 0 ? 'UNAUTHENTICATED' : 'FORBIDDEN',
      });
      await eventually(async () => (await runningOnSockets()) === 0, 10_000, 'the refused subscription to end');
      // Allowed: the stream either stays open waiting for events, or refuses the placeholder
      // arguments (BAD_USER_INPUT, NOT_FOUND): never an auth error.
      const document = documentFor(g);
      const { client } = wsClient(t.wsUrl, await t.token(allowedCaller(g.roles)));
      leftovers.push(() => client.dispose());
      const sub = collect(client, document.query, document.variables);
      const answered = () => sub.results.length > 0 || sub.error != null || sub.completed;
      await eventually(async () => answered() || (await runningOnSockets()) === 1, 10_000, 'the subscription to start or answer');
      const errors = [...(sub.results[0]?.errors ?? []), ...(Array.isArray(sub.error) ? sub.error : sub.error ? [sub.error] : [])];
      const codes = errors.map((e) => (e as { extensions?: { code?: unknown } }).extensions?.code);
      expect({ field: g.field.name, authErrors: codes.filter((c) => AUTH_CODES.includes(String(c))) }).toEqual({
        field: g.field.name,
        authErrors: [],
      });
      if (errors.length > 0) expect(codes.every((c) => typeof c === 'string')).toBe(true);
      sub.dispose();
      await eventually(async () => (await runningOnSockets()) === 0, 10_000, 'the allowed subscription to end');
    }
  });
});
