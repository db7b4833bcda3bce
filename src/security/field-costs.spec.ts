import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from '@swc/core';
import { getNamedType, getNullableType, getOperationAST, isListType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { loadConfig } from '../config';
import { buildAppSchema } from '../schema';
import { FIELD_COSTS, trendPoints } from './field-costs';
import { measureOperation, pointsFor } from './limits';

/** A browser asset (an ES module served as-is) compiled to CommonJS, as src/web/dashboard-data.spec.ts does. */
function loadAsset(name: string): any {
  const file = path.join(__dirname, '..', 'web', 'assets', name);
  const { code } = transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file,
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } },
  });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

const WINDOW_ARGS = new Set(['from', 'to', 'lastMinutes', 'lookbackDays', 'windowMinutes']);

describe('FIELD_COSTS', () => {
  it('prices every field that takes a window and every list of objects that is not a connection', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Mutation' || type.name === 'Subscription') continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        const list = isListType(getNullableType(field.type)) && isObjectType(getNamedType(field.type));
        const connectionEdges = field.name === 'edges' && type.name.endsWith('Connection');
        const windowed = field.args.some((a) => WINDOW_ARGS.has(a.name)) && !field.args.some((a) => a.name === 'first');
        if (((list && !connectionEdges) || windowed) && !FIELD_COSTS[key]) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });

  it('counts trend points as the service buckets them, capped at its maxima', () => {
    expect(trendPoints({ bucket: 'HOUR' })).toBe(25);
    expect(trendPoints({ bucket: 'HOUR', lastMinutes: 119_900 })).toBe(2000);
    expect(trendPoints({ bucket: 'DAY', lastMinutes: 1440 * 7 })).toBe(8);
    expect(trendPoints({ bucket: 'SHIFT', lastMinutes: 576_000 })).toBe(400);
    expect(trendPoints({ bucket: 'HOUR', from: '2026-01-01T00:00:00Z', to: '2026-01-01T05:00:00Z' })).toBe(6);
  });
});

describe('everyday documents under the shipped limits', () => {
  const limits = loadConfig({ NODE_ENV: 'test' }).hardening.limits;
  const rate = loadConfig({ NODE_ENV: 'test' }).hardening.rateLimit;
  const measure = (query: string, variables: Record<string, unknown> = {}) => {
    const doc = parse(query);
    const operation = getOperationAST(doc)!;
    return { operation: operation.operation, ...measureOperation(doc, operation, schema, variables) };
  };

  it('admits the dashboard’s and the GraphiQL tour’s documents, subscriptions within the per-event maximum', () => {
    const dashboard = loadAsset('dashboard-data.js');
    const tour = loadAsset('graphiql-tour.js');
    const documents: string[] = [
      ...[
        'OPERATIONS',
        'OPEN_ORDERS',
        'ORDER_FORECAST',
        'PROJECTS',
        'PROJECTS_BASIC',
        'PEOPLE',
        'ALERTS',
        'THROUGHPUT_UPDATED',
        'PRODUCTION_ORDER_UPDATED',
        'PROJECT_PROGRESS_UPDATED',
        'ALERT_RAISED',
      ].map((k) => dashboard[k] as string),
      ...(tour.tourTabs as { query: string }[]).map((tab) => tab.query),
    ];
    for (const query of documents) {
      const m = measure(query, { from: new Date(Date.now() - 3_600_000).toISOString() });
      expect(m.complexity).toBeLessThanOrEqual(limits.maxComplexity);
      expect(pointsFor(m.complexity, 0, rate.mutationPoints)).toBeLessThanOrEqual(rate.capacity);
      if (m.operation === 'subscription') expect(m.complexity).toBeLessThanOrEqual(limits.maxEventComplexity / 5);
    }
  });
});
