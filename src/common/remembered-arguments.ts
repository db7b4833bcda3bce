import path from 'node:path';
import type { FieldNode } from 'graphql';

/** A parameter of a resolver method as type-graphql records it (the fields used here). */
interface Param {
  kind: string;
  index: number;
  target: Function;
  methodName: string;
  /** `context` and `root`: the property read instead of the whole object. */
  propertyName?: string;
  /** `root`: the class the root is converted to. */
  getType?: () => Function;
}
type ParamList = Param[];
interface ResolverData {
  root?: unknown;
  context?: unknown;
  info?: unknown;
}
type GetParams = (
  params: ParamList,
  resolverData: ResolverData,
  globalValidate: unknown,
  validateFn: unknown,
) => unknown[] | Promise<unknown[]>;

/** A module of type-graphql's CommonJS build (not in its package exports), by its path under build/cjs. */
function typeGraphqlModule<T>(...parts: string[]): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(path.dirname(require.resolve('type-graphql')), ...parts));
}

interface Info {
  fieldNodes?: readonly FieldNode[];
  variableValues?: object;
  parentType?: { name: string };
}

/** Converted and validated argument values, per field node, per request's variables, per resolver's parameter list. */
/** What a later call of the same field does: a plan, or `getParams` over a list whose arguments are known. */
type Known = { plan: Plan } | { params: ParamList };
const remembered = new WeakMap<FieldNode, WeakMap<object, Map<ParamList, Known | Promise<unknown[]>>>>();
const INSTALLED = Symbol.for('opsgraph.rememberedArguments');

const isArgument = (param: Param) => param.kind === 'arg' || param.kind === 'args';

/**
 * Freezes what a resolver receives as its arguments (nested input objects and lists included;
 * a Date's time cannot be frozen, and no resolver sets one), so that a resolver changing the
 * arguments it shares with the other items of a list fails loudly instead of changing theirs.
 */
function freezeDeep<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || value instanceof Date || Object.isFrozen(value) || depth > 20) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) freezeDeep((value as Record<string, unknown>)[key], depth + 1);
  return value;
}

/** A resolver's parameter values from its resolver data, with the argument values already known. */
type Plan = (data: ResolverData) => unknown[];

/**
 * How to give a resolver its parameters once its arguments are known, in parameter order as
 * type-graphql gives them: the remembered argument values, and the context, root and info as
 * type-graphql's `getParams` reads them (a typed root converted with its `convertToType`). Null
 * when a parameter is of another kind (a custom decorator, pubSub): those calls keep going
 * through `getParams` with the arguments already converted.
 */
function planOf(params: ParamList, values: unknown[], convertToType: (target: Function, data: unknown) => unknown): Plan | null {
  const sorted = [...params].sort((a, b) => a.index - b.index);
  const steps: ((data: ResolverData) => unknown)[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const param = sorted[i];
    const value = values[i];
    const property = param.propertyName;
    if (isArgument(param)) steps.push(() => value);
    else if (param.kind === 'info') steps.push((data) => data.info);
    else if (param.kind === 'context')
      steps.push(property ? (data) => (data.context as Record<string, unknown>)[property] : (data) => data.context);
    else if (param.kind === 'root') {
      const read = property ? (data: ResolverData) => (data.root as Record<string, unknown>)[property] : (data: ResolverData) => data.root;
      const getType = param.getType;
      steps.push(getType ? (data) => convertToType(getType(), read(data)) : read);
    } else return null;
  }
  return (data) => {
    const out = new Array<unknown>(steps.length);
    for (let i = 0; i < steps.length; i++) out[i] = steps[i](data);
    return out;
  };
}

/**
 * The parameter list with each argument parameter replaced by one that returns the remembered
 * value (type-graphql's `custom` kind without an `arg` calls its resolver and nothing else), for
 * `getParams` when no plan can be made.
 */
function withValues(params: ParamList, values: unknown[]): ParamList {
  const sorted = [...params].sort((a, b) => a.index - b.index);
  return sorted.map((param, i) =>
    isArgument(param)
      ? ({
          kind: 'custom',
          index: param.index,
          target: param.target,
          methodName: param.methodName,
          options: {},
          resolver: () => values[i],
        } as unknown as Param)
      : param,
  );
}

/**
 * Makes type-graphql convert and validate a field's arguments once per request instead of once per
 * call. A field's argument values are a function of its field node (the literals written in the
 * document) and the request's variables alone, so every item of a list (160 processes ×
 * `throughput(asOf:, lastMinutes:)` in the dashboard) gets the values converted for the first.
 * That first conversion ran type-graphql's `getParams`: class instances, our `validateArgument`
 * (class-validator, well-formed strings, non-blank text) and a promise per argument, 4–6 % of the
 * dashboard query's CPU with every later call repeating it.
 *
 * Later calls get their parameters from a plan (`planOf`) without `getParams` itself: it sorted
 * the parameter list (a copy per call) and made a promise per argument.
 *
 * Only values that passed validation are remembered; a refused argument is refused on every call,
 * as before. A root `Mutation` field runs once per request, so its arguments pass through. What
 * is remembered is frozen (see `freezeDeep`): resolvers and services treat arguments as
 * read-only, and the suite proves it by failing on any write. Kept per field node and per
 * variables object in weak maps: it lives as long as the request's execution (or a subscription,
 * whose variables stay the same for all its events).
 *
 * type-graphql calls `getParams` through its module's exports at each call, so replacing the
 * export is enough; installing twice is a no-op.
 */
export function rememberArgumentsPerRequest(): void {
  const exports = typeGraphqlModule<{ getParams: GetParams; [INSTALLED]?: true }>('resolvers', 'helpers.js');
  if (exports[INSTALLED]) return;
  exports[INSTALLED] = true;
  const { convertToType } = typeGraphqlModule<{ convertToType: (target: Function, data: unknown) => unknown }>('helpers', 'types.js');
  const original = exports.getParams;
  const call = (known: Known, resolverData: ResolverData, globalValidate: unknown, validateFn: unknown) =>
    'plan' in known ? known.plan(resolverData) : original(known.params, resolverData, globalValidate, validateFn);
  exports.getParams = (params, resolverData, globalValidate, validateFn) => {
    const info = resolverData.info as Info | undefined;
    const node = info?.fieldNodes?.[0];
    const variables = info?.variableValues;
    if (!node || !variables || info.parentType?.name === 'Mutation' || !params.some(isArgument)) {
      return original(params, resolverData, globalValidate, validateFn);
    }
    let byVariables = remembered.get(node);
    if (!byVariables) remembered.set(node, (byVariables = new WeakMap()));
    let byParams = byVariables.get(variables);
    if (!byParams) byVariables.set(variables, (byParams = new Map()));
    const known = byParams.get(params);
    // The items of a list call their resolvers in one go, before the first conversion settles:
    // they wait for it instead of converting again.
    if (known instanceof Promise) return known.then(() => call(byParams.get(params) as Known, resolverData, globalValidate, validateFn));
    if (known) return call(known, resolverData, globalValidate, validateFn);
    const values = original(params, resolverData, globalValidate, validateFn);
    const remember = (settled: unknown[]) => {
      const sorted = [...params].sort((a, b) => a.index - b.index);
      sorted.forEach((param, i) => isArgument(param) && freezeDeep(settled[i]));
      const plan = planOf(params, settled, convertToType);
      byParams.set(params, plan ? { plan } : { params: withValues(params, settled) });
      return settled;
    };
    if (Array.isArray(values)) return remember(values);
    const pending = values.then(remember, (error: unknown) => {
      byParams.delete(params);
      throw error;
    });
    byParams.set(params, pending);
    return pending;
  };
}
