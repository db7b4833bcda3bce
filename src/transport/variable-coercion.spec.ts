import 'reflect-metadata';
import {
  getNamedType,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { buildAppSchema } from '../schema';
import { createVariableCoercer } from './variable-coercion';

/** A deterministic random source (the same cases on every run). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Plain data for comparison: graphql-js builds null-prototype objects, Dates compare by instant. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return { date: value.getTime() };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = plain((value as Record<string, unknown>)[key]);
    return { keys: Object.keys(value), fields: out };
  }
  return value;
}

const ODD_VALUES: unknown[] = [null, 'text', '', 0, -1, 1.5, 2 ** 31, true, [], {}, '2026-02-30T00:00:00Z', '\uD800'];

/** A value for `type`: mostly valid, sometimes wrong in one of the ways clients get it wrong. */
function valueFor(type: GraphQLInputType, next: () => number, depth = 0): unknown {
  const roll = next();
  if (roll < 0.04) return ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
  if (roll < 0.06) return undefined;
  if (isNonNullType(type)) return valueFor(type.ofType, next, depth);
  if (roll < 0.1) return null;
  if (isListType(type)) {
    if (next() < 0.15) return valueFor(type.ofType, next, depth + 1); // a single value for a list
    return Array.from({ length: Math.floor(next() * (depth > 2 ? 2 : 4)) }, () => valueFor(type.ofType, next, depth + 1));
  }
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (depth > 4 && !isNonNullType(field.type)) continue;
      const value = valueFor(field.type, next, depth + 1);
      if (value !== undefined) out[field.name] = value;
    }
    if (next() < 0.03) out.notAField = 1;
    return out;
  }
  if (isEnumType(type)) {
    const values = type.getValues();
    return next() < 0.95 ? values[Math.floor(next() * values.length)].name : 'NOT_A_VALUE';
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return next() < 0.9 ? Math.floor(next() * 2000) - 100 : next() < 0.5 ? 2 ** 31 : 1.25;
      case 'Float':
        return next() < 0.9 ? next() * 1000 : '12';
      case 'Boolean':
        return next() < 0.9 ? next() < 0.5 : 'true';
      case 'ID':
        return next() < 0.5 ? `UHJvY2Vzczo${Math.floor(next() * 100)}` : Math.floor(next() * 100);
      case 'String':
        return next() < 0.95 ? `s${Math.floor(next() * 1000)}` : 12;
      case 'DateTimeISO':
        return next() < 0.9 ? new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 1e10)).toISOString() : '2026-13-01T00:00:00Z';
      default:
        return `x${Math.floor(next() * 10)}`;
    }
  }
  return null;
}

describe('createVariableCoercer (graphql-js variable coercion, one function per input type)', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  const operationOf = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

  it('gives what graphql-js gives, or leaves it to graphql-js, for random values of every input type of the schema', () => {
    const coercer = createVariableCoercer(schema);
    const inputTypes = Object.values(schema.getTypeMap()).filter(isInputObjectType);
    expect(inputTypes.length).toBeGreaterThan(40);
    let fast = 0;
    let total = 0;
    for (const [index, type] of inputTypes.entries()) {
      const next = random(index + 1);
      for (const wrapper of [`${type.name}!`, type.name, `[${type.name}!]`]) {
        const definitions = operationOf(`query Q($v: ${wrapper}) { __typename }`).variableDefinitions!;
        for (let i = 0; i < 40; i++) {
          const named = getNamedType(schema.getType(type.name)!) as GraphQLInputType;
          const value = wrapper.startsWith('[') ? [valueFor(named, next), valueFor(named, next)] : valueFor(named, next);
          const inputs = value === undefined ? {} : { v: value };
          const expected = getVariableValues(schema, definitions, inputs, { maxErrors: 50 });
          const ours = coercer.tryCoerce(definitions, inputs);
          total++;
          if (ours === null) continue;
          fast++;
          expect(expected.errors).toBeUndefined();
          expect(plain(ours)).toEqual(plain(expected.coerced));
        }
      }
    }
    // Most clean values take the fast path; the rest are left to graphql-js.
    expect(fast / total).toBeGreaterThan(0.3);
  });

  it('coerces a 500-sample batch itself, with defaults applied and fields in schema order', () => {
    const coercer = createVariableCoercer(schema);
    const definitions = operationOf('mutation B($input: RecordThroughputBatchInput!) { __typename }').variableDefinitions!;
    const samples = Array.from({ length: 500 }, (_, i) => ({
      rejectedUnits: 0,
      goodUnits: i,
      periodEnd: new Date(Date.UTC(2026, 0, 1, 0, i + 1)).toISOString(),
      periodStart: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      processId: 'UHJvY2VzczoxMw==',
    }));
    const ours = coercer.tryCoerce(definitions, { input: { samples } }) as { input: { samples: Record<string, unknown>[] } };
    expect(ours).not.toBeNull();
    const expected = getVariableValues(schema, definitions, { input: { samples } });
    expect(plain(ours)).toEqual(plain(expected.coerced));
    expect(Object.keys(ours.input.samples[0])).toEqual([
      'processId',
      'periodStart',
      'periodEnd',
      'goodUnits',
      'rejectedUnits',
      'downtimeMinutes',
    ]);
    expect(ours.input.samples[7].downtimeMinutes).toBe(0);
    expect((ours.input.samples[7].periodStart as Date).toISOString()).toBe('2026-01-01T00:07:00.000Z');
  });

  it("applies a variable's default when it is absent and leaves a missing required variable to graphql-js", () => {
    const coercer = createVariableCoercer(schema);
    const withDefault = operationOf('query Q($first: Int = 7, $after: String) { __typename }').variableDefinitions!;
    expect(coercer.tryCoerce(withDefault, {})).toEqual({ first: 7 });
    expect(coercer.tryCoerce(withDefault, { first: null, after: 'a' })).toEqual({ first: null, after: 'a' });
    const required = operationOf('query Q($id: ID!) { __typename }').variableDefinitions!;
    expect(coercer.tryCoerce(required, {})).toBeNull();
    expect(coercer.tryCoerce(required, { id: null })).toBeNull();
    expect(coercer.coerceVariables(required, {}).errors?.[0].message).toBe('Variable "$id" of required type "ID!" was not provided.');
  });
});
