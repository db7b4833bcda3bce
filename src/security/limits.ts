import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  isInterfaceType,
  isObjectType,
  valueFromAST,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { QueryLimitsConfig } from '../config';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
import { fieldCost, type CostArgs } from './field-costs';

/**
 * Query limits, as pure functions over a parsed document. Every measure expands fragments: a
 * fragment spread ten times counts ten times, a fragment cycle counts once (graphql-js reports the
 * cycle itself), and nothing is keyed on names, so an operation called `__schema` is measured
 * like any other. Per-fragment results are memoised, so a fragment that spreads another twice,
 * thirty levels deep, is measured in linear time rather than 2^30.
 */

/** What a document asks for. `complexity` and `nodes` depend on variables (`first: $n`). */
export interface QueryMeasures {
  /** Deepest field nesting; `{ a { b } }` is 2. */
  depth: number;
  /** Aliased fields. */
  aliases: number;
  /** Directive uses (on fields, fragments and spreads). */
  directives: number;
  /**
   * Work units: every field with a selection set (an object the server builds, resolves and
   * serialises) counts 1, multiplied by the page size of each enclosing connection. Leaves are free.
   * Fields priced in `field-costs.ts` (windows, trends, KPI fields, lists that are not connections)
   * count their declared work instead, and their item count multiplies their selection.
   * An upper bound of the work a response causes; QUERY_MAX_COMPLEXITY refuses past it.
   */
  complexity: number;
  /** Connection nodes: the product of `first` along each path through connections, summed (GitHub's node limit). */
  nodes: number;
}

export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'complexity' | 'nodes' | 'eventComplexity';

const ZERO: QueryMeasures = { depth: 0, aliases: 0, directives: 0, complexity: 0, nodes: 0 };

/** The pagination arguments whose value multiplies the complexity of everything under the field. */
const PAGE_SIZE_ARGS = new Set(['first', 'last']);

/** QUERY_TOO_COMPLEX naming the limit, the document's value and the maximum. */
export function queryTooComplex(limit: LimitName, value: number, max: number): GraphQLError {
  const shown = Number.isFinite(value) ? value : 'more than 1e308';
  return new GraphQLError(`Query ${limit} ${shown} exceeds the maximum of ${max}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, value: Number.isFinite(value) ? value : Number.MAX_SAFE_INTEGER, max },
  });
}

/**
 * The parser's own token limit (`parse(text, { maxTokens })`) throws a syntax error; this turns it
 * into QUERY_TOO_COMPLEX so both paths report it the same way. Returns null for any other error.
 */
export function tokenLimitError(error: unknown, maxTokens: number): GraphQLError | null {
  const message = (error as Error)?.message ?? '';
  if (!/Document contains more tha[nt] \d+ tokens/.test(message)) return null;
  return queryTooComplex('tokens', maxTokens + 1, maxTokens);
}

/**
 * Apollo reports parse failures as GRAPHQL_PARSE_FAILED and re-codes every validation error as
 * GRAPHQL_VALIDATION_FAILED; this recovers QUERY_TOO_COMPLEX (token limit, or a limit rule's error
 * kept as `originalError`) so HTTP answers with the same code as WebSocket. Null for other errors.
 */
export function apolloLimitError(error: unknown, maxTokens: number): GraphQLError | null {
  const tokens = tokenLimitError(error, maxTokens);
  if (tokens) return tokens;
  const original = (error as GraphQLError)?.originalError;
  return original instanceof GraphQLError && original.extensions?.code === 'QUERY_TOO_COMPLEX' ? original : null;
}

interface Walk {
  schema: GraphQLSchema | null;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown> | null;
  variableDefaults: Map<string, unknown>;
  /** Variable definitions' default values as written (any type), for priced fields' arguments. */
  variableDefaultNodes: Map<string, ValueNode>;
  memo: Map<string, QueryMeasures>;
  inProgress: Set<string>;
}

function fieldDefinition(
  parent: GraphQLNamedType | null,
  name: string,
  schema: GraphQLSchema | null,
): GraphQLField<unknown, unknown> | null {
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (schema && name === '__schema') return SchemaMetaFieldDef;
  if (schema && name === '__type') return TypeMetaFieldDef;
  if (parent && (isObjectType(parent) || isInterfaceType(parent))) return parent.getFields()[name] ?? null;
  return null;
}

/**
 * The page size a field will use, as an upper bound: the larger of its `first` and `last` (literal,
 * variable or variable default; both together are refused by the resolver), else an argument
 * default, else DEFAULT_PAGE_SIZE, which connections use when given neither. A default of `first`
 * never counts when `last` is given: the page is `last` items.
 */
function pageSize(node: FieldNode, def: GraphQLField<unknown, unknown> | null, walk: Walk): number | null {
  const argDefs = def?.args.filter((a) => PAGE_SIZE_ARGS.has(a.name)) ?? [];
  const args: ArgumentNode[] = node.arguments?.filter((a) => PAGE_SIZE_ARGS.has(a.name.value)) ?? [];
  if (argDefs.length === 0 && args.length === 0) return null;
  const given: unknown[] = [];
  for (const arg of args) {
    const argDef = argDefs.find((a) => a.name === arg.name.value);
    let value: unknown = undefined;
    if (arg.value.kind === Kind.VARIABLE) {
      const name = arg.value.name.value;
      value = walk.variables && name in walk.variables ? walk.variables[name] : walk.variableDefaults.get(name);
    } else if (arg.value.kind === Kind.INT || arg.value.kind === Kind.FLOAT) {
      value = Number(arg.value.value);
    } else if (argDef) {
      value = valueFromAST(arg.value, argDef.type);
    }
    if (value !== undefined && value !== null) given.push(value);
  }
  const values = given.length > 0 ? given : argDefs.map((a) => a.defaultValue).filter((v) => v !== undefined && v !== null);
  if (values.length === 0) return DEFAULT_PAGE_SIZE;
  return Math.max(
    ...values.map((value) => {
      const n = Number(value);
      return Number.isFinite(n) ? Math.max(0, n) : 1;
    }),
  );
}

/**
 * The argument values a priced field will run with: literals, variables (given, else their declared
 * default), else the argument's default. A value that cannot be read is left out (the cost function
 * then assumes the resolver's default, and validation or the resolver refuses the value itself).
 */
function argumentValues(node: FieldNode, def: GraphQLField<unknown, unknown> | null, walk: Walk): CostArgs {
  const values: CostArgs = {};
  for (const argDef of def?.args ?? []) if (argDef.defaultValue !== undefined) values[argDef.name] = argDef.defaultValue;
  for (const arg of node.arguments ?? []) {
    const argDef = def?.args.find((a) => a.name === arg.name.value);
    let value: unknown;
    try {
      if (arg.value.kind === Kind.VARIABLE) {
        const name = arg.value.name.value;
        if (walk.variables && name in walk.variables) value = walk.variables[name];
        else {
          const fallback = walk.variableDefaultNodes.get(name);
          value = fallback && argDef ? valueFromAST(fallback, argDef.type) : undefined;
        }
      } else if (argDef) {
        value = valueFromAST(arg.value, argDef.type, walk.variables ?? undefined);
      }
    } catch {
      value = undefined;
    }
    if (value !== undefined) values[arg.name.value] = value;
  }
  return values;
}

function add(into: QueryMeasures, part: QueryMeasures): void {
  into.depth = Math.max(into.depth, part.depth);
  into.aliases += part.aliases;
  into.directives += part.directives;
  into.complexity += part.complexity;
  into.nodes += part.nodes;
}

function measureSelections(set: SelectionSetNode, parent: GraphQLNamedType | null, walk: Walk): QueryMeasures {
  const total: QueryMeasures = { ...ZERO };
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const def = fieldDefinition(parent, selection.name.value, walk.schema);
      const own: QueryMeasures = {
        depth: 1,
        aliases: selection.alias ? 1 : 0,
        directives: selection.directives?.length ?? 0,
        complexity: 0,
        nodes: 0,
      };
      const priced = parent && def ? fieldCost(parent.name, def.name) : undefined;
      const args = priced ? argumentValues(selection, def, walk) : null;
      const work = priced?.work ? finite(priced.work(args!)) : 1;
      const items = priced?.items ? finite(priced.items(args!)) : 1;
      if (selection.selectionSet) {
        const child = measureSelections(selection.selectionSet, def ? getNamedType(def.type) : null, walk);
        const size = pageSize(selection, def, walk);
        const factor = (size ?? 1) * items;
        own.depth = 1 + child.depth;
        own.aliases += child.aliases;
        own.directives += child.directives;
        own.complexity = work + factor * child.complexity;
        own.nodes = size === null ? child.nodes : size + size * child.nodes;
      } else if (priced) {
        own.complexity = work;
      }
      add(total, own);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition && walk.schema ? (walk.schema.getType(selection.typeCondition.name.value) ?? null) : parent;
      const child = measureSelections(selection.selectionSet, type, walk);
      child.directives += selection.directives?.length ?? 0;
      add(total, child);
    } else {
      const fragment = measureFragment(selection.name.value, walk);
      add(total, { ...fragment, directives: fragment.directives + (selection.directives?.length ?? 0) });
    }
  }
  return total;
}

/** A cost function's answer as a non-negative number (NaN counts as the worst a double can say). */
function finite(value: number): number {
  return Number.isNaN(value) ? Number.MAX_VALUE : Math.max(0, value);
}

function measureFragment(name: string, walk: Walk): QueryMeasures {
  const cached = walk.memo.get(name);
  if (cached) return cached;
  const fragment = walk.fragments.get(name);
  // A cycle (or an unknown fragment) adds nothing here; graphql-js's own rules reject the document.
  if (!fragment || walk.inProgress.has(name)) return ZERO;
  walk.inProgress.add(name);
  const type = walk.schema ? (walk.schema.getType(fragment.typeCondition.name.value) ?? null) : null;
  const measured = measureSelections(fragment.selectionSet, type, walk);
  measured.directives += fragment.directives?.length ?? 0;
  walk.inProgress.delete(name);
  walk.memo.set(name, measured);
  return measured;
}

/**
 * Measures one operation of a document. `variables` null means "not known yet" (validation time):
 * variables then count as their declared default, or the argument's default.
 */
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  schema: GraphQLSchema | null,
  variables: Record<string, unknown> | null = null,
): QueryMeasures {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const variableDefaults = new Map<string, unknown>();
  const variableDefaultNodes = new Map<string, ValueNode>();
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue) variableDefaultNodes.set(v.variable.name.value, v.defaultValue);
    if (v.defaultValue && (v.defaultValue.kind === Kind.INT || v.defaultValue.kind === Kind.FLOAT))
      variableDefaults.set(v.variable.name.value, Number(v.defaultValue.value));
  }
  const root = schema ? (schema.getRootType(operation.operation) ?? null) : null;
  const walk: Walk = { schema, fragments, variables, variableDefaults, variableDefaultNodes, memo: new Map(), inProgress: new Set() };
  const measured = measureSelections(operation.selectionSet, root, walk);
  measured.directives += operation.directives?.length ?? 0;
  return measured;
}

/** The limits a measure breaks, as QUERY_TOO_COMPLEX errors (empty when within every limit). */
export function exceededLimits(measures: QueryMeasures, limits: QueryLimitsConfig, which: (keyof QueryMeasures)[]): GraphQLError[] {
  const max: Record<keyof QueryMeasures, number> = {
    depth: limits.maxDepth,
    aliases: limits.maxAliases,
    directives: limits.maxDirectives,
    complexity: limits.maxComplexity,
    nodes: limits.maxNodes,
  };
  return which.filter((name) => measures[name] > max[name]).map((name) => queryTooComplex(name, measures[name], max[name]));
}

/**
 * Validation rule for the limits that do not depend on variables (depth, aliases, directives):
 * runs with graphql-js's specified rules, so the result is cached with the validated document.
 */
export function staticLimitsRule(limits: QueryLimitsConfig): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const measures = measureOperation(context.getDocument(), node, context.getSchema());
      for (const error of exceededLimits(measures, limits, ['depth', 'aliases', 'directives'])) context.reportError(error);
      return false;
    },
  });
}

/** Measures of operations that declare no variables: they cannot change from one request to the next. */
const fixedMeasures = new WeakMap<OperationDefinitionNode, QueryMeasures>();

/**
 * The variable-dependent limits (complexity, nodes) of the operation about to run; null when within them.
 * An operation without variables is measured once (parsed documents are cached by the transports,
 * so the same node comes back).
 */
export function checkComplexity(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  variables: Record<string, unknown> | null | undefined,
  limits: QueryLimitsConfig,
): { measures: QueryMeasures; error: GraphQLError | null } {
  const fixed = !operation.variableDefinitions?.length;
  let measures = fixed ? fixedMeasures.get(operation) : undefined;
  if (!measures) {
    measures = measureOperation(document, operation, schema, variables ?? {});
    if (fixed) fixedMeasures.set(operation, measures);
  }
  const [error] = exceededLimits(measures, limits, ['complexity', 'nodes']);
  return { measures, error: error ?? null };
}

/** Work units one rate-limit point stands for (GitHub's scale: about one point per 100 objects). */
export const COMPLEXITY_PER_POINT = 100;

/**
 * The rate-limit points an operation draws from its principal's bucket: its complexity in
 * hundreds, rounded up (at least 1), plus `mutationPoints` per mutation field (a write costs more
 * than its selection shows). `{ project(id:) { name } }` is 1 point; the live dashboard's
 * operations query (complexity ≈ 43,000) is 430.
 */
export function pointsFor(complexity: number, mutationFields: number, mutationPoints: number): number {
  return Math.max(1, Math.ceil(complexity / COMPLEXITY_PER_POINT)) + mutationFields * mutationPoints;
}
