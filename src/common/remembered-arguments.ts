import path from 'node:path';
import type { FieldNode } from 'graphql';

/** A parameter of a resolver method as type-graphql records it (the fields used here). */
interface Param {
  kind: string;
  index: number;
  target: Function;
  methodName: string;
}
type ParamList = Param[];
interface ResolverData {
  info?: unknown;
}
type GetParams = (
  params: ParamList,
  resolverData: ResolverData,
  globalValidate: unknown,
  validateFn: unknown,
) => unknown[] | Promise<unknown[]>;

/** type-graphql's resolver helpers module (not in its package exports), next to its CommonJS entry point. */
function typeGraphqlHelpers(): { getParams: GetParams; [INSTALLED]?: true } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(path.dirname(require.resolve('type-graphql')), 'resolvers', 'helpers.js'));
}

interface Info {
  fieldNodes?: readonly FieldNode[];
  variableValues?: object;
  parentType?: { name: string };
}

/** Converted and validated argument values, per field node, per request's variables, per resolver's parameter list. */
const remembered = new WeakMap<FieldNode, WeakMap<object, Map<ParamList, ParamList | Promise<unknown[]>>>>();
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

/**
 * The parameter list with each argument parameter replaced by one that returns the remembered
 * value (type-graphql's `custom` kind without an `arg` calls its resolver and nothing else), in
 * parameter order as type-graphql sorts it.
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
  const exports = typeGraphqlHelpers();
  if (exports[INSTALLED]) return;
  exports[INSTALLED] = true;
  const original = exports.getParams;
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
    if (known instanceof Promise)
      return known.then(() => original(byParams.get(params) as ParamList, resolverData, globalValidate, validateFn));
    if (known) return original(known, resolverData, globalValidate, validateFn);
    const values = original(params, resolverData, globalValidate, validateFn);
    const remember = (settled: unknown[]) => {
      const sorted = [...params].sort((a, b) => a.index - b.index);
      sorted.forEach((param, i) => isArgument(param) && freezeDeep(settled[i]));
      byParams.set(params, withValues(params, settled));
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
