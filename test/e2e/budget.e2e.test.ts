import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { getOperationAST, parse } from 'graphql';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { measureOperation, pointsFor } from '../../src/security/limits';
import { createProcess } from '../harness/factories';
import { Role, startTestApp, type TestApp } from '../harness/app';
import { useLeftovers } from '../harness/suite';
import { collect, wsClient } from '../harness/ws';

/**
 * The budget model under the shipped defaults: a complexity limit per request, a bucket of points
 * per principal, and every response saying where its client stands (headers and extensions.cost,
 * on HTTP and WebSocket). Also CORS and GET, which decide whether a browser app can call at all.
 * Nothing here sets a limit unless the test says why.
 */

// Each test starts its own app (some with a setting of their own); it stops after the test.
const leftovers = useLeftovers();

async function app(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ env });
  leftovers.push(() => t.stop());
  return t;
}

const post = (t: TestApp, query: string, token: string | null, headers: Record<string, string> = {}) =>
  t.post({ query }, { token, headers });

/** Parses `"points";q=2000;w=20` / `"points";r=1990;t=1` into their parameters. */
function params(header: string | null): Record<string, number> {
  expect(header).toMatch(/^"points"(;[a-z]+=\d+)+$/);
  return Object.fromEntries(
    header!
      .split(';')
      .slice(1)
      .map((p) => [p.split('=')[0], Number(p.split('=')[1])]),
  );
}

/** The dashboard's GraphQL documents, read from the page's own module (an ES module the test runner does not load). */
function dashboardDocuments(): Record<string, string> {
  const source = fs.readFileSync(path.resolve(__dirname, '../../src/web/assets/dashboard-data.js'), 'utf8');
  const exports: Record<string, unknown> = {};
  vm.runInNewContext(
    source.replace(/^export const (\w+)/gm, 'exports.$1').replace(/^export function (\w+)/gm, 'exports.$1 = function $1'),
    { exports },
  );
  return Object.fromEntries(
    Object.entries(exports).filter(([, v]) => typeof v === 'string' && /^(query|mutation|subscription)\b/.test(v as string)),
  ) as Record<string, string>;
}

/** complexity 1 + 100 × (edges 1 + node 1 + processes (1 + 100 × (edges 1 + node 1 + operation 1))) = 30,301: 304 points, under the 50,000 limit. */
const BIG = '{ operations(first: 100) { edges { node { id processes(first: 100) { edges { node { id operation { id } } } } } } } }';

describe('the budget model under the shipped defaults', () => {
  it('lets the live dashboard reload every 5 seconds forever: one load costs less than 5 s of refill', async () => {
    const t = await app();
    const docs = dashboardDocuments();
    const loadQueries = [docs.OPERATIONS, docs.PROJECTS, docs.ALERTS];
    expect(loadQueries.every(Boolean)).toBe(true);
    const points = loadQueries.map((query) => {
      const document = parse(query);
      const measures = measureOperation(document, getOperationAST(document)!, t.app.schema, { from: new Date().toISOString() });
      expect(measures.complexity).toBeLessThanOrEqual(t.config.hardening.limits.maxComplexity);
      return pointsFor(measures.complexity, 0, 0);
    });
    const perLoad = points.reduce((a, b) => a + b, 0);
    const { capacity, leakPerSecond } = t.config.hardening.rateLimit;
    expect(perLoad).toBeLessThanOrEqual(5 * leakPerSecond);
    expect(perLoad).toBeLessThanOrEqual(capacity);
  });

  it('reports RateLimit headers and extensions.cost on every HTTP response, remaining falling by what each request drew', async () => {
    const t = await app();
    const token = await t.token(Role.VIEWER, { sub: 'reader' });
    const query = '{ operations(first: 50) { edges { node { id processes(first: 20) { edges { node { id } } } } } } }';
    const first = await post(t, query, token);
    expect(first.status).toBe(200);
    const cost = first.json.extensions.cost;
    // complexity: operations 1 + 50 × (edges 1 + node 1 + processes (1 + 20 × 2)) = 2,151 → 22 points.
    expect(cost).toEqual({
      requested: 22,
      complexity: 2151,
      maxComplexity: 50_000,
      limit: 2000,
      remaining: 1978,
      reset: 1,
      restoreRate: 100,
    });
    expect(params(first.headers.get('ratelimit-policy'))).toEqual({ q: 2000, w: 20 });
    expect(params(first.headers.get('ratelimit'))).toEqual({ r: 1978, t: 1 });

    const second = await post(t, query, token);
    expect(second.json.extensions.cost.requested).toBe(22);
    // Between the two, the bucket leaked a little: never more than it held.
    expect(second.json.extensions.cost.remaining).toBeGreaterThanOrEqual(1978 - 22);
    expect(second.json.extensions.cost.remaining).toBeLessThanOrEqual(2000 - 22);

    // A response refused before execution (a parse error) still says where the client stands and draws nothing.
    const broken = await post(t, '{ operations(first: ', token);
    expect(broken.status).toBe(400);
    expect(broken.json.extensions.cost).toMatchObject({ requested: 0, complexity: null, limit: 2000 });
    expect(params(broken.headers.get('ratelimit')).r).toBeGreaterThanOrEqual(second.json.extensions.cost.remaining);
  });

  it('answers 429 RATE_LIMITED with Retry-After once a principal has spent its bucket, and other principals are unaffected', async () => {
    const t = await app();
    const greedy = await t.token(Role.ADMIN, { sub: 'greedy' });
    const expensive = BIG;
    let limited: Awaited<ReturnType<typeof post>> | null = null;
    const seen: number[] = [];
    for (let i = 0; i < 12 && !limited; i++) {
      const r = await post(t, expensive, greedy);
      if (r.status === 429) limited = r;
      else seen.push(r.json.extensions.cost.remaining);
    }
    expect(limited).not.toBeNull();
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeLessThan(seen[i - 1]);
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited!.json.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
    expect(limited!.json.extensions.cost.requested).toBe(0);
    expect((await post(t, '{ __typename }', await t.token(Role.VIEWER, { sub: 'bystander' }))).status).toBe(200);
  });

  it('refuses an operation that can never fit the bucket with RATE_LIMIT_EXCEEDS_BUDGET, 400 and no Retry-After, on HTTP and WebSocket', async () => {
    // A bucket smaller than the largest operation the complexity limit admits (500 points): with
    // the shipped 2,000 no admitted query is impossible, so this test shrinks the bucket.
    const t = await app({ RATE_LIMIT_POINTS: '300' });
    const token = await t.token(Role.VIEWER, { sub: 'big-asker' });
    const big = BIG;
    const r = await post(t, big, token);
    expect(r.status).toBe(400);
    expect(r.headers.get('retry-after')).toBeNull();
    expect(r.json.errors[0].extensions).toMatchObject({ code: 'RATE_LIMIT_EXCEEDS_BUDGET', limit: 300, retryable: false });
    expect(r.json.errors[0].extensions.requested).toBeGreaterThan(300);
    expect(r.json.errors[0].message).toMatch(/can never run/);
    // Nothing was drawn: the bucket is still full.
    expect(r.json.extensions.cost).toMatchObject({ requested: 0, remaining: 300 });

    const { client } = wsClient(t.wsUrl, token);
    leftovers.push(() => client.dispose());
    const sub = collect(client, big);
    await sub.until(() => false, 5000);
    const errors = sub.error as { extensions: Record<string, any> }[];
    expect(errors[0].extensions).toMatchObject({ code: 'RATE_LIMIT_EXCEEDS_BUDGET', retryable: false, cost: { requested: 0, limit: 300 } });
  });

  it('shares one bucket per principal through Redis, reporting the same standing as the in-process limiter', async () => {
    // REDIS_URL: the limiter every multi-instance deployment runs (CI's Redis, or the machine's own).
    const t = await app({ REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
    const token = await t.token(Role.VIEWER, { sub: `redis-reader-${Date.now()}-${Math.random().toString(36).slice(2)}` });
    for (let i = 0; i < 50 && ((await (await t.fetch('/readyz')).json()) as { redis: string }).redis !== 'ready'; i++)
      await new Promise((r) => setTimeout(r, 100));
    const first = await post(t, BIG, token);
    expect(first.json.extensions.cost).toMatchObject({ requested: 304, remaining: 2000 - 304, limit: 2000 });
    expect(params(first.headers.get('ratelimit')).r).toBe(2000 - 304);
    const seen = [first.json.extensions.cost.remaining];
    let limited = null;
    for (let i = 0; i < 10 && !limited; i++) {
      const r = await post(t, BIG, token);
      if (r.status === 429) limited = r;
      else seen.push(r.json.extensions.cost.remaining);
    }
    expect(limited).not.toBeNull();
    expect(limited!.json.errors[0].extensions.code).toBe('RATE_LIMITED');
    // A parse error reads the shared bucket without drawing from it.
    const broken = await post(t, '{', token);
    expect(broken.json.extensions.cost.requested).toBe(0);
    expect(broken.json.extensions.cost.remaining).toBeLessThan(304);
  });

  it('reports extensions.cost on WebSocket queries and on the first event of a subscription', async () => {
    const t = await app();
    const token = await t.token(Role.ADMIN, { sub: 'ws-reader' });
    const processId = (await createProcess(t, { name: 'Cutting' })).id;
    const { client } = wsClient(t.wsUrl, token);
    leftovers.push(() => client.dispose());

    const query = collect(client, '{ operations(first: 5) { edges { node { id } } } }');
    await query.until(() => query.completed);
    expect(query.results[0].extensions).toMatchObject({ cost: { requested: 1, complexity: 11, limit: 2000, restoreRate: 100 } });

    const live = collect(
      client,
      `subscription ($processId: ID!) { throughputUpdated(processId: $processId) { cursor sample { goodUnits } } }`,
      { processId },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = Date.now();
    for (let i = 0; i < 2; i++) {
      const start = new Date(now - (3 - i) * 60_000).toISOString();
      const end = new Date(now - (2 - i) * 60_000).toISOString();
      const recorded = await t.gql(
        `mutation ($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename ... on ErrorResult { code } } }`,
        { input: { processId, periodStart: start, periodEnd: end, goodUnits: 10, rejectedUnits: 0 } },
        Role.OPERATOR,
      );
      expect(recorded.data?.recordThroughput).toEqual({ __typename: 'ThroughputSample' });
    }
    await live.until(() => live.results.length >= 2);
    expect(live.results[0].extensions).toMatchObject({ cost: { requested: 1, limit: 2000 } });
    expect(live.results[1].extensions).toBeUndefined();
    expect(live.results.map((r) => (r.data as any).throughputUpdated.sample.goodUnits)).toEqual([10, 10]);
  });
});

describe('CORS and GET under the development defaults', () => {
  const dev = 'http://localhost:5173';

  it('answers a preflight from a local dev origin with the headers Apollo Client, urql and a bearer token need', async () => {
    const t = await app();
    const r = await t.fetch('/graphql', {
      method: 'OPTIONS',
      headers: { origin: dev, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(dev);
    expect(r.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(r.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(r.headers.get('access-control-allow-headers')).toMatch(/apollo-require-preflight/);
    expect(r.headers.get('vary')).toMatch(/Origin/);

    const q = await post(t, '{ __typename }', await t.token(Role.VIEWER), { origin: dev });
    expect(q.status).toBe(200);
    expect(q.headers.get('access-control-allow-origin')).toBe(dev);
    expect(q.headers.get('access-control-expose-headers')).toMatch(/ratelimit/);
  });

  it('gives any other origin no Access-Control-Allow-Origin, and refuses its preflight', async () => {
    const t = await app();
    const evil = 'https://evil.example';
    const r = await t.fetch('/graphql', { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'POST' } });
    expect(r.status).toBe(403);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const q = await post(t, '{ __typename }', null, { origin: evil });
    expect(q.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('has no CORS origins in production unless CORS_ORIGINS lists them', async () => {
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(production.hardening.corsOrigins).toEqual([]);
    expect(production.hardening.ws.allowedOrigins).toEqual([]);
    const listed = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      CORS_ORIGINS: 'https://ops.example.com/, https://App.example.com',
    });
    expect(listed.hardening.corsOrigins).toEqual(['https://ops.example.com', 'https://app.example.com']);
    expect(listed.hardening.ws.allowedOrigins).toEqual(listed.hardening.corsOrigins);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CORS_ORIGINS: 'ops.example.com' })).toThrow(
      /CORS_ORIGINS/,
    );
  });

  it('opens a WebSocket from a listed origin and from the server’s own pages, and refuses any other origin at upgrade', async () => {
    const t = await app();
    const open = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(t.wsUrl, 'graphql-transport-ws', { origin });
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => undefined);
      });
    expect(await open(dev)).toBe(101);
    expect(await open(new URL(t.url).origin)).toBe(101);
    expect(await open('https://evil.example')).toBe(403);
  });

  it('answers a GET query that carries a bearer token (urql’s default) and refuses one without any preflight-forcing header with BAD_REQUEST', async () => {
    const t = await app();
    const token = await t.token(Role.VIEWER);
    const search = `?query=${encodeURIComponent('{ __typename }')}`;
    const withToken = await t.fetch(`/graphql${search}`, { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(200);
    expect(((await withToken.json()) as any).data).toEqual({ __typename: 'Query' });

    const preflighted = await t.fetch(`/graphql${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);

    const bare = await t.fetch(`/graphql${search}`);
    expect(bare.status).toBe(400);
    const body = (await bare.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/apollo-require-preflight/);

    const mutation = await t.fetch(
      `/graphql?query=${encodeURIComponent('mutation { acknowledgeAlert(input: { id: "x" }) { __typename } }')}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(mutation.status).toBe(405);
  });
});
