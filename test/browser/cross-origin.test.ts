import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role, startTestApp, type TestApp } from '../harness/app';
import { launchBrowser, type TestBrowser } from './browser';

jest.setTimeout(60_000);

/**
 * A frontend served from its own origin, as a team's Vite app would be, calling the API from a real
 * browser: CORS and the WebSocket Origin check are enforced by Chromium itself, not simulated.
 */
describe('a browser app on its own origin', () => {
  let t: TestApp;
  let b: TestBrowser;
  const servers: http.Server[] = [];
  let allowed: string;
  let other: string;

  /** Serves one empty page; its origin is what the test lists (or not) in CORS_ORIGINS. */
  async function pageServer(host: string): Promise<string> {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>frontend</title><p>frontend</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return `http://${host}:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    allowed = await pageServer('127.0.0.1');
    other = await pageServer('localhost');
    // The frontend's port is picked at random (port 0), so it is listed explicitly; every other
    // setting is the shipped default.
    t = await startTestApp('sqlite', { env: { CORS_ORIGINS: allowed } });
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  /** In the page: a query, a mutation and a graphql-ws subscription (the protocol written out, no bundler). */
  async function callFrom(origin: string) {
    // A context of its own without request routing: Playwright answers CORS preflights itself for
    // routed requests, which would let a refused origin through. These pages load nothing else.
    const context = await b.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/`);
      const token = await t.token(Role.ADMIN, { sub: `browser-${origin}` });
      return await page.evaluate(
        async ({ api, ws, token, origin }) => {
          const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
          const post = async (query: string, variables = {}) => {
            try {
              const response = await fetch(api, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
              return { status: response.status, rateLimit: response.headers.get('ratelimit'), body: await response.json() };
            } catch (error) {
              return { failed: String(error) };
            }
          };
          const query = await post('{ operations(first: 1) { totalCount } }');
          const mutation = await post(
            'mutation ($input: CreateOperationInput!) { createOperation(input: $input) { __typename ... on Operation { id } } }',
            { input: { name: `From ${origin}` } },
          );
          const subscription = await new Promise<string>((resolve) => {
            const socket = new WebSocket(ws, 'graphql-transport-ws');
            const timer = setTimeout(() => resolve('timeout'), 5000);
            socket.onerror = () => {
              clearTimeout(timer);
              resolve('error');
            };
            socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
            socket.onmessage = (event) => {
              const message = JSON.parse(event.data);
              if (message.type === 'connection_ack') {
                socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { alertRaised { cursor } }' } }));
                // A subscription that started: the server answered `ack` and kept it open; ping to prove the socket is live.
                socket.send(JSON.stringify({ type: 'ping' }));
              }
              if (message.type === 'pong') {
                clearTimeout(timer);
                socket.close();
                resolve('subscribed');
              }
              if (message.type === 'error') {
                clearTimeout(timer);
                resolve(`refused: ${JSON.stringify(message.payload)}`);
              }
            };
          });
          return { query, mutation, subscription };
        },
        { api: `${t.url}/graphql`, ws: t.wsUrl, token, origin },
      );
    } finally {
      await context.close();
    }
  }

  it('queries, mutates and subscribes from an origin in CORS_ORIGINS, and reads the rate-limit headers', async () => {
    const result = await callFrom(allowed);
    expect(result.query).toMatchObject({ status: 200, body: { data: { operations: { totalCount: expect.any(Number) } } } });
    expect((result.query as { rateLimit: string }).rateLimit).toMatch(/^"points";r=\d+;t=\d+$/);
    expect(result.mutation).toMatchObject({ status: 200, body: { data: { createOperation: { __typename: 'Operation' } } } });
    expect(result.subscription).toBe('subscribed');
  });

  it('can do none of it from an origin that is not listed', async () => {
    const result = await callFrom(other);
    expect(result.query).toEqual({ failed: expect.stringMatching(/TypeError|Failed to fetch/) });
    expect(result.mutation).toEqual({ failed: expect.stringMatching(/TypeError|Failed to fetch/) });
    expect(result.subscription).toBe('error');
    // The refused mutation never reached the database.
    const names = await t.gql('{ operations(first: 100) { edges { node { name } } } }');
    expect(names.data.operations.edges.map((e: { node: { name: string } }) => e.node.name)).not.toContain(`From ${other}`);
  });
});
