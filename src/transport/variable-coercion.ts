import {
  getVariableValues,
  isInputObjectType,
  isInputType,
  isLeafType,
  isListType,
  isNonNullType,
  typeFromAST,
  valueFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';

/** A value coerced, or FALLBACK: let graphql-js coerce the variables (and word the error). */
const FALLBACK: unique symbol = Symbol('fallback');
type Coerce = (value: unknown) => unknown;

/**
 * Coerces an operation's variables as graphql-js's `getVariableValues` does, with one function per
 * input type built once, for values that coerce cleanly. Anything else (a null for a non-null, an
 * unknown input field, a scalar that refuses its value, a `@oneOf` input, a missing required
 * variable) returns null, and the caller runs graphql-js's own coercion, which then words the error
 * or coerces what this one did not attempt.
 *
 * Why: graphql-js walks the type at run time for every value (four `instanceof` tests, a path
 * object and a null-prototype object per input field): for a 500-sample `recordThroughputBatch`
 * that was 12.6 % of the app's CPU, more than storing the samples.
 *
 * The result has the same keys, in the same order, with the same values; input objects are plain
 * objects rather than graphql-js's null-prototype ones. `variable-coercion.spec.ts` compares the
 * two on random values of every input type of the schema.
 */
export function createVariableCoercer(schema: GraphQLSchema) {
  const coercers = new Map<GraphQLInputType, Coerce>();

  function coercerFor(type: GraphQLInputType): Coerce {
    const known = coercers.get(type);
    if (known) return known;
    // Input objects may refer to themselves: register a forwarder first.
    let built: Coerce | null = null;
    coercers.set(type, (value) => built!(value));
    built = build(type);
    coercers.set(type, built);
    return built;
  }

  function build(type: GraphQLInputType): Coerce {
    if (isNonNullType(type)) {
      const inner = coercerFor(type.ofType);
      return (value) => (value == null ? FALLBACK : inner(value));
    }
    const nullable = buildNullable(type);
    return (value) => (value == null ? null : nullable(value));
  }

  /** For a value that is neither null nor undefined. */
  function buildNullable(type: GraphQLInputType): Coerce {
    if (isListType(type)) {
      const item = coercerFor(type.ofType);
      return (value) => {
        if (!Array.isArray(value)) {
          // graphql-js takes any iterable object as a list; JSON has arrays only. A single value is a list of one.
          if (typeof value === 'object' && value !== null && Symbol.iterator in value) return FALLBACK;
          const one = item(value);
          return one === FALLBACK ? FALLBACK : [one];
        }
        const out = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const coerced = item(value[i]);
          if (coerced === FALLBACK) return FALLBACK;
          out[i] = coerced;
        }
        return out;
      };
    }
    if (isInputObjectType(type)) {
      if (type.isOneOf) return () => FALLBACK;
      const fieldMap = type.getFields();
      const fields = Object.values(fieldMap).map((field) => ({
        name: field.name,
        defaultValue: field.defaultValue,
        required: isNonNullType(field.type),
        coerce: coercerFor(field.type),
      }));
      return (value) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return FALLBACK;
        const input = value as Record<string, unknown>;
        for (const key in input) if (!Object.hasOwn(fieldMap, key)) return FALLBACK;
        const out: Record<string, unknown> = {};
        for (const field of fields) {
          const fieldValue = input[field.name];
          if (fieldValue === undefined) {
            if (field.defaultValue !== undefined) out[field.name] = field.defaultValue;
            else if (field.required) return FALLBACK;
            continue;
          }
          const coerced = field.coerce(fieldValue);
          if (coerced === FALLBACK) return FALLBACK;
          out[field.name] = coerced;
        }
        return out;
      };
    }
    if (isLeafType(type)) {
      return (value) => {
        try {
          const parsed = type.parseValue(value);
          return parsed === undefined ? FALLBACK : parsed;
        } catch {
          return FALLBACK;
        }
      };
    }
    return () => FALLBACK;
  }

  /** Per operation's variable definitions: each variable's name, coercer and default. */
  const plans = new WeakMap<
    readonly VariableDefinitionNode[],
    { name: string; coerce: Coerce; required: boolean; hasDefault: boolean; node: VariableDefinitionNode; type: GraphQLInputType }[] | null
  >();

  function planFor(definitions: readonly VariableDefinitionNode[]) {
    let plan = plans.get(definitions);
    if (plan !== undefined) return plan;
    plan = [];
    for (const node of definitions) {
      const type = typeFromAST(schema, node.type);
      if (!type || !isInputType(type)) {
        plan = null;
        break;
      }
      plan.push({
        name: node.variable.name.value,
        coerce: coercerFor(type),
        required: isNonNullType(type),
        hasDefault: node.defaultValue !== undefined,
        node,
        type,
      });
    }
    plans.set(definitions, plan);
    return plan;
  }

  /** The coerced variables, or null when graphql-js must coerce them (see above). */
  function tryCoerce(definitions: readonly VariableDefinitionNode[], inputs: Record<string, unknown>): Record<string, unknown> | null {
    const plan = planFor(definitions);
    if (!plan) return null;
    const coerced: Record<string, unknown> = {};
    for (const variable of plan) {
      if (!Object.hasOwn(inputs, variable.name)) {
        if (variable.hasDefault) {
          const value = valueFromAST(variable.node.defaultValue, variable.type);
          if (value === undefined) return null;
          coerced[variable.name] = value;
        } else if (variable.required) return null;
        continue;
      }
      const value = inputs[variable.name];
      if (value === null && variable.required) return null;
      const result = variable.coerce(value);
      if (result === FALLBACK) return null;
      coerced[variable.name] = result;
    }
    return coerced;
  }

  /** graphql-js's `getVariableValues`, answered by `tryCoerce` when it can. */
  function coerceVariables(
    definitions: readonly VariableDefinitionNode[],
    inputs: Record<string, unknown>,
  ): ReturnType<typeof getVariableValues> {
    const fast = tryCoerce(definitions, inputs);
    if (fast) return { coerced: fast };
    return getVariableValues(schema, definitions, inputs, { maxErrors: 50 });
  }

  return { tryCoerce, coerceVariables };
}
