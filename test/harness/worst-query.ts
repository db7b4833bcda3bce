/**
 * The worst documents the guard admits: a search over the schema for the queries (and subscriptions)
 * that cause the most work while staying inside the shipped limits.
 *
 *   worstAdmittedQueries(schema, limits, ids, options?) => WorstQuery[]
 *     schema   the app's GraphQLSchema (buildAppSchema())
 *     limits   the QueryLimitsConfig in force (loadConfig().hardening.limits for the shipped defaults)
 *     ids      real ids of a populated app: { processIds, operationIds, projectIds } (any may be empty)
 *     options  { count = 5, rateLimit = shipped RateLimitConfig, now = new Date() }
 *   returns up to `count` distinct query documents (the best of each family of shapes first, most
 *   complex first; then the runners-up), each admitted by the guard's
 *   own measures (depth, aliases, directives, tokens, complexity, nodes, rate-limit points): { name,
 *   query, variables, complexity, aliases, points }. Run them as VIEWER (every field they use is readable).
 *
 *   worstAdmittedSubscriptions(schema, limits, ids, options?) => WorstQuery[]
 *     the same for subscription documents, by per-event complexity (under maxEventComplexity).
 *
 * How it searches: each "family" is a shape of document with knobs (aliases, page sizes, windows,
 * trend buckets, nested lists); for each family a hill climb turns the knobs one step at a time,
 * keeping a step when the document stays admitted and its complexity grows, until no step helps.
 * A greedy mix then fills what the best family leaves under the limit with the largest admitted
 * pieces of the others. Complexity is measured with src/security/limits.ts, so the search sees the
 * cost model the server enforces; the hardening test then checks the real work stays within it.
 */
import { getOperationAST, parse, validate, specifiedRules, type GraphQLSchema } from 'graphql';
import type { QueryLimitsConfig, RateLimitConfig } from '../../src/config';
import { measureOperation, pointsFor, staticLimitsRule } from '../../src/security/limits';

export interface WorstQueryIds {
  processIds: string[];
  operationIds: string[];
  projectIds: string[];
}

export interface WorstQuery {
  /** The family (and knobs) that produced it. */
  name: string;
  query: string;
  variables: Record<string, unknown>;
  complexity: number;
  aliases: number;
  /** Rate-limit points it draws. */
  points: number;
}

export interface WorstQueryOptions {
  count?: number;
  rateLimit?: RateLimitConfig;
  now?: Date;
}

const SHIPPED_RATE_LIMIT: RateLimitConfig = { enabled: true, capacity: 2000, leakPerSecond: 100, mutationPoints: 5 };

const STATS =
  'goodUnits rejectedUnits sampleCount window { from to } unitsPerHour { value } attainment { value } yield { value } defectRate { value } oee { availability { value } performance { value } quality { value } oee { value } }';
const BUCKETS = ['HOUR', 'DAY', 'SHIFT'] as const;
/** Windows the knobs step through, minutes: an hour up to the 400-day maximum. */
const WINDOWS = [60, 240, 1440, 4320, 10_080, 43_200, 119_900, 259_200, 576_000];
const PAGES = [1, 2, 5, 10, 20, 50, 100];

type Knobs = Record<string, number>;

interface Family {
  name: string;
  /** Knob name → number of steps it has (the value is an index 0 … steps - 1). */
  knobs: Record<string, number>;
  start: Knobs;
  build(k: Knobs, ids: WorstQueryIds, now: Date): { body: string; kind?: 'query' | 'subscription' } | null;
}

const pick = <T>(list: readonly T[], i: number) => list[Math.max(0, Math.min(list.length - 1, i))];
const cycle = (list: string[], i: number) => list[i % list.length];

function trendField(alias: string, k: Knobs, i: number, now: Date): string {
  const bucket = pick(BUCKETS, k.bucket);
  const minutes = pick(WINDOWS, k.window);
  // Alternate lastMinutes and explicit from/to windows (distinct windows defeat the per-window loaders).
  if (k.fromTo && i % 2 === 1) {
    const to = new Date(now.getTime() - i * 60_000);
    const from = new Date(to.getTime() - minutes * 60_000);
    return `${alias}: trend(bucket: ${bucket}, from: "${from.toISOString()}", to: "${to.toISOString()}") { label stats { ${k.fullStats ? STATS : 'goodUnits'} } }`;
  }
  return `${alias}: trend(bucket: ${bucket}, lastMinutes: ${minutes - i}) { label stats { ${k.fullStats ? STATS : 'goodUnits'} } }`;
}

const FAMILIES: Family[] = [
  {
    // The issue's attack, grown: aliased trends over aliased processes.
    name: 'trends',
    knobs: { processes: 11, trends: 31, bucket: 3, window: WINDOWS.length, fromTo: 2, fullStats: 2 },
    start: { processes: 1, trends: 1, bucket: 1, window: 0, fromTo: 0, fullStats: 0 },
    build(k, ids, now) {
      if (!ids.processIds.length || k.processes < 1 || k.trends < 1) return null;
      const procs = Array.from({ length: k.processes }, (_, p) => {
        const trends = Array.from({ length: k.trends }, (_, i) => trendField(`t${i}`, k, i, now)).join(' ');
        return `p${p}: process(id: "${cycle(ids.processIds, p)}") { ${trends} }`;
      });
      return { body: procs.join('\n') };
    },
  },
  {
    // Throughput over many distinct windows per process: each alias is its own SQL window.
    name: 'throughput-windows',
    knobs: { processes: 11, windows: 31, window: WINDOWS.length, fullStats: 2 },
    start: { processes: 1, windows: 1, window: 0, fullStats: 0 },
    build(k, ids) {
      if (!ids.processIds.length || k.processes < 1 || k.windows < 1) return null;
      const minutes = pick(WINDOWS, k.window);
      const procs = Array.from({ length: k.processes }, (_, p) => {
        const fields = Array.from(
          { length: k.windows },
          (_, i) => `w${i}: throughput(lastMinutes: ${Math.max(1, minutes - i)}) { ${k.fullStats ? STATS : 'goodUnits'} }`,
        ).join(' ');
        return `p${p}: process(id: "${cycle(ids.processIds, p)}") { ${fields} }`;
      });
      return { body: procs.join('\n') };
    },
  },
  {
    // Nested connections: operations → processes → samples / throughput / trend.
    name: 'nested-connections',
    knobs: { ops: PAGES.length, procs: PAGES.length, samples: PAGES.length, throughput: 2, trend: 2, kpis: 2, inventory: PAGES.length },
    start: { ops: 0, procs: 0, samples: 0, throughput: 0, trend: 0, kpis: 0, inventory: 0 },
    build(k, _ids, now) {
      const extra = [
        k.throughput ? `throughput(lastMinutes: 60) { ${STATS} }` : '',
        k.trend ? trendField('trend', { bucket: 0, window: 2, fromTo: 0, fullStats: 1 }, 0, now) : '',
      ].join(' ');
      return {
        body: `operations(first: ${pick(PAGES, k.ops)}) { totalCount edges { node { id name
          ${k.kpis ? `kpis(lastMinutes: 1440) { finalOutput bottleneck { id } processes { process { id } stats { ${STATS} } } }` : ''}
          inventoryItems(first: ${pick(PAGES, k.inventory)}) { edges { node { id sku onHand daysOfCover { value } } } }
          processes(first: ${pick(PAGES, k.procs)}) { totalCount edges { node { id name ${extra}
            samples(first: ${pick(PAGES, k.samples)}) { totalCount edges { node { id periodStart goodUnits process { id name } } } }
          } } }
        } } }`,
      };
    },
  },
  {
    // Projects with every KPI field, their milestones, risks and costs.
    name: 'projects',
    knobs: { projects: PAGES.length, milestones: PAGES.length, risks: PAGES.length, costs: PAGES.length, aliases: 6 },
    start: { projects: 0, milestones: 0, risks: 0, costs: 0, aliases: 1 },
    build(k) {
      if (k.aliases < 1) return null;
      const one = (a: number) => `a${a}: projects(first: ${pick(PAGES, k.projects)}) { edges { node { id name
        progress { value { value } countBased { value } weightBased { value } }
        earnedValue { cpi { value } spi { value } tcpi { value } estimateAtCompletion { money { cents } } }
        health { status reasons { metric value message } }
        forecastCompletionDate { date method }
        handover { criteria { id met } comparison(lastMinutes: 1440) { throughput { actual { value } } oee { actual { value } } } }
        milestones(first: ${pick(PAGES, k.milestones)}) { edges { node { id name owner { id name } } } }
        risks(first: ${pick(PAGES, k.risks)}) { edges { node { id score milestone { id } } } }
        costs(first: ${pick(PAGES, k.costs)}) { edges { node { id amount { cents } } } }
      } } }`;
      return { body: Array.from({ length: k.aliases }, (_, a) => one(a)).join('\n') };
    },
  },
  {
    // Operation KPIs over many windows (every process's stats per window).
    name: 'operation-kpis',
    knobs: { operations: 11, windows: 31, window: WINDOWS.length, processes: 2 },
    start: { operations: 1, windows: 1, window: 0, processes: 0 },
    build(k, ids) {
      if (!ids.operationIds.length || k.operations < 1 || k.windows < 1) return null;
      const minutes = pick(WINDOWS, k.window);
      const ops = Array.from({ length: k.operations }, (_, o) => {
        const fields = Array.from(
          { length: k.windows },
          (_, i) =>
            `k${i}: kpis(lastMinutes: ${Math.max(1, minutes - i)}) { finalOutput bottleneck { id } rolledThroughputYield { value } ${k.processes ? `processes { process { id } stats { goodUnits } }` : ''} }`,
        ).join(' ');
        return `o${o}: operation(id: "${cycle(ids.operationIds, o)}") { calendar { shifts { name breaks { start } } } ${fields} }`;
      });
      return { body: ops.join('\n') };
    },
  },
];

/** Measures a document the way the guard does; null when any limit refuses it. */
function admitted(
  schema: GraphQLSchema,
  limits: QueryLimitsConfig,
  rateLimit: RateLimitConfig,
  query: string,
  kind: 'query' | 'subscription',
): { complexity: number; aliases: number; points: number } | null {
  let document;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch {
    return null;
  }
  if (validate(schema, document, [...specifiedRules, staticLimitsRule(limits)]).length) return null;
  const operation = getOperationAST(document);
  if (!operation) return null;
  const m = measureOperation(document, operation, schema, {});
  if (m.complexity > limits.maxComplexity || m.nodes > limits.maxNodes) return null;
  if (kind === 'subscription' && m.complexity > limits.maxEventComplexity) return null;
  const points = pointsFor(m.complexity, 0, rateLimit.mutationPoints);
  if (rateLimit.enabled && points > rateLimit.capacity) return null;
  return { complexity: m.complexity, aliases: m.aliases, points };
}

function climb(family: Family, evaluate: (k: Knobs) => WorstQuery | null): WorstQuery[] {
  let knobs = { ...family.start };
  let best = evaluate(knobs);
  const seen: WorstQuery[] = best ? [best] : [];
  for (let round = 0; round < 200; round++) {
    let improved: { knobs: Knobs; result: WorstQuery } | null = null;
    for (const [name, steps] of Object.entries(family.knobs)) {
      for (const delta of [1, 2, 4, -1]) {
        const value = knobs[name] + delta;
        if (value < 0 || value >= steps) continue;
        const next = { ...knobs, [name]: value };
        const result = evaluate(next);
        if (!result) continue;
        if (!improved || result.complexity > improved.result.complexity) improved = { knobs: next, result };
      }
    }
    if (!improved || (best && improved.result.complexity <= best.complexity)) break;
    knobs = improved.knobs;
    best = improved.result;
    seen.push(best);
  }
  return seen;
}

function search(
  schema: GraphQLSchema,
  limits: QueryLimitsConfig,
  ids: WorstQueryIds,
  options: WorstQueryOptions,
  kind: 'query' | 'subscription',
  families: Family[],
): WorstQuery[] {
  const rateLimit = options.rateLimit ?? SHIPPED_RATE_LIMIT;
  const now = options.now ?? new Date();
  const results: WorstQuery[] = [];
  for (const family of families) {
    const evaluate = (k: Knobs): WorstQuery | null => {
      const built = family.build(k, ids, now);
      if (!built) return null;
      const query = `${kind} Worst_${family.name.replace(/-/g, '_')} {\n${built.body}\n}`;
      const measured = admitted(schema, limits, rateLimit, query, kind);
      if (!measured) return null;
      return { name: `${family.name} ${JSON.stringify(k)}`, query, variables: {}, ...measured };
    };
    results.push(...climb(family, evaluate));
  }
  if (kind === 'query') {
    // A greedy mix: the best document of each family, merged while the whole stays admitted.
    const bests = FAMILY_BESTS(results);
    let mixed: WorstQuery | null = null;
    for (const piece of bests) {
      const body = piece.query.slice(piece.query.indexOf('{') + 1, piece.query.lastIndexOf('}'));
      const prefixBody: string = mixed ? mixed.query.slice(mixed.query.indexOf('{') + 1, mixed.query.lastIndexOf('}')) : '';
      const renamed = body.replace(/^(\s*)(\w+):/gm, (_m, space, alias) => `${space}${alias}_${results.indexOf(piece)}:`);
      const query: string = `query Worst_mix {\n${prefixBody}\n${mixed ? renamed : body}\n}`;
      const measured = admitted(schema, limits, rateLimit, query, kind);
      if (measured && (!mixed || measured.complexity > mixed.complexity)) mixed = { name: 'mix', query, variables: {}, ...measured };
    }
    if (mixed) results.push(mixed);
  }
  // The best of each family first (different shapes stress different code), then the next most complex.
  const distinct = new Map<string, WorstQuery>();
  for (const r of [...FAMILY_BESTS(results), ...results.sort((a, b) => b.complexity - a.complexity)])
    if (!distinct.has(r.query)) distinct.set(r.query, r);
  return [...distinct.values()].slice(0, options.count ?? 5);
}

/** The best result of each family, most complex first. */
function FAMILY_BESTS(results: WorstQuery[]): WorstQuery[] {
  const byFamily = new Map<string, WorstQuery>();
  for (const r of results) {
    const family = r.name.split(' ')[0];
    const had = byFamily.get(family);
    if (!had || r.complexity > had.complexity) byFamily.set(family, r);
  }
  return [...byFamily.values()].sort((a, b) => b.complexity - a.complexity);
}

/** See the comment at the top of this file. */
export function worstAdmittedQueries(
  schema: GraphQLSchema,
  limits: QueryLimitsConfig,
  ids: WorstQueryIds,
  options: WorstQueryOptions = {},
): WorstQuery[] {
  return search(schema, limits, ids, options, 'query', FAMILIES);
}

const SUBSCRIPTION_FAMILIES: Family[] = [
  {
    // The issue's subscription: trends of the event's process in every event.
    name: 'throughput-events',
    knobs: { trends: 31, bucket: 3, window: WINDOWS.length, fullStats: 2, windowMinutes: 5 },
    start: { trends: 0, bucket: 1, window: 0, fullStats: 0, windowMinutes: 0 },
    build(k, ids, now) {
      const target = ids.operationIds.length
        ? `operationId: "${ids.operationIds[0]}"`
        : ids.processIds.length
          ? `processId: "${ids.processIds[0]}"`
          : null;
      if (!target) return null;
      const trends = Array.from({ length: k.trends }, (_, i) => trendField(`t${i}`, { ...k, fromTo: 0 }, i, now)).join(' ');
      return {
        body: `throughputUpdated(${target}, windowMinutes: ${pick([60, 240, 480, 960, 1440], k.windowMinutes)}) { cursor sample { id goodUnits } stats { ${k.fullStats ? STATS : 'goodUnits'} }
          process { id calendar { shifts { name breaks { start end } } } ${trends} } }`,
      };
    },
  },
  {
    name: 'project-events',
    knobs: { milestones: PAGES.length, risks: PAGES.length },
    start: { milestones: 0, risks: 0 },
    build(k, ids) {
      if (!ids.projectIds.length) return null;
      return {
        body: `projectProgressUpdated(projectId: "${ids.projectIds[0]}") { cursor progress { value { value } } health { status reasons { metric } }
          earnedValue { cpi { value } spi { value } }
          project { id milestones(first: ${pick(PAGES, k.milestones)}) { edges { node { id name } } } risks(first: ${pick(PAGES, k.risks)}) { edges { node { id score } } } } }`,
      };
    },
  },
];

/** See the comment at the top of this file: subscription documents by per-event complexity. */
export function worstAdmittedSubscriptions(
  schema: GraphQLSchema,
  limits: QueryLimitsConfig,
  ids: WorstQueryIds,
  options: WorstQueryOptions = {},
): WorstQuery[] {
  return search(schema, limits, ids, options, 'subscription', SUBSCRIPTION_FAMILIES);
}
