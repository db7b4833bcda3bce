import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { DEV_JWT_SECRET, loadConfig, type Config } from '../config';
import { serveWeb } from './static';

/** A bare HTTP server that answers only through serveWeb (404 "fallthrough" otherwise). */
async function serve(config: Config) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (serveWeb(req, res, url, config)) return;
    res.writeHead(404);
    res.end('fallthrough');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  leftovers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (pathname: string, init?: RequestInit) => fetch(`${base}${pathname}`, init);
}

function settingsOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="opsgraph-settings">(.*?)<\/script>/.exec(html);
  if (!match) throw new Error('page has no settings');
  return JSON.parse(match[1]);
}

const leftovers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (leftovers.length) await leftovers.pop()!();
});

const secret = 'a-production-secret-of-at-least-32-characters!';

describe('serveWeb', () => {
  it('embeds a demo admin token in /graphiql only with the development secret outside production', async () => {
    const get = await serve(loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'sqlite::memory:' }));
    const response = await get('/graphiql');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const token = settingsOf(await response.text()).token as string;
    const { payload } = await jwtVerify(token, new TextEncoder().encode(DEV_JWT_SECRET));
    expect(payload).toMatchObject({ sub: 'demo-admin', roles: ['ADMIN'] });
  });

  it('gives /dashboard the same demo token under the development secret, in a page that is not stored', async () => {
    const get = await serve(loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'sqlite::memory:' }));
    const response = await get('/dashboard');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const token = settingsOf(await response.text()).token as string;
    const { payload } = await jwtVerify(token, new TextEncoder().encode(DEV_JWT_SECRET));
    expect(payload).toMatchObject({ sub: 'demo-admin', roles: ['ADMIN'] });
  });

  it('carries no token when a real secret is configured', async () => {
    const get = await serve(loadConfig({ NODE_ENV: 'development', JWT_SECRET: secret, DATABASE_URL: 'sqlite::memory:' }));
    for (const page of ['/graphiql', '/dashboard']) {
      const html = await (await get(page)).text();
      expect([page, settingsOf(html).token]).toEqual([page, null]);
      expect(html).not.toMatch(/eyJ/);
    }
  });

  it('leaves /graphiql to the caller (404) in production unless GRAPHIQL is on, and then embeds no token', async () => {
    const off = await serve(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, DATABASE_URL: 'sqlite::memory:' }));
    expect(await (await off('/graphiql')).text()).toBe('fallthrough');
    const dashboard = await off('/dashboard');
    expect(dashboard.status).toBe(200);
    const dashboardHtml = await dashboard.text();
    expect(settingsOf(dashboardHtml).token).toBeNull();
    expect(dashboardHtml).not.toMatch(/eyJ/);
    const on = await serve(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, GRAPHIQL: 'true', DATABASE_URL: 'sqlite::memory:' }));
    const html = await (await on('/graphiql')).text();
    expect(settingsOf(html).token).toBeNull();
    expect(html).not.toMatch(/eyJ/);
  });

  it('serves allow-listed assets from node_modules with their content type, gzip and an ETag', async () => {
    const get = await serve(loadConfig({ NODE_ENV: 'test', JWT_SECRET: secret, DATABASE_URL: 'sqlite::memory:' }));
    for (const [name, type] of [
      ['graphiql.min.js', 'text/javascript'],
      ['uPlot.min.css', 'text/css'],
      ['graphql-ws.min.js', 'text/javascript'],
      ['dashboard.js', 'text/javascript'],
    ]) {
      const response = await get(`/assets/${name}`, { headers: { 'accept-encoding': 'gzip' } });
      expect([name, response.status]).toEqual([name, 200]);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const react = await get('/assets/react.production.min.js');
    expect(await react.text()).toContain('React');
    const again = await get('/assets/react.production.min.js', { headers: { 'if-none-match': react.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for anything not on the allow-list, including traversal attempts', async () => {
    const get = await serve(loadConfig({ NODE_ENV: 'test', JWT_SECRET: secret, DATABASE_URL: 'sqlite::memory:' }));
    for (const pathname of [
      '/assets/',
      '/assets/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/src/config.ts',
      '/assets/react/umd/react.production.min.js',
      '/assets/static.ts',
    ]) {
      const response = await get(pathname);
      expect([pathname, response.status]).toEqual([pathname, 404]);
    }
    expect(await (await get('/other')).text()).toBe('fallthrough');
    expect((await get('/dashboard', { method: 'POST' })).status).toBe(405);
  });
});
