import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import { Role, signToken } from '../common/auth';

/**
 * The web faces of opsgraph: GraphiQL at /graphiql, the live dashboard at /dashboard and their
 * assets at /assets/<name>. Every asset is named in an allow-list: a request for anything else
 * (including any path with a slash or dots after /assets/) is a 404, so nothing outside the list
 * can be read. Browser libraries come from node_modules; nothing is loaded from a CDN.
 */

/** Where the page's own scripts, styles and HTML live (beside this file, or in src/ when built). */
const OWN_DIR =
  [path.join(__dirname, 'assets'), path.resolve(__dirname, '../../../src/web/assets')].find((dir) => fs.existsSync(dir)) ??
  path.join(__dirname, 'assets');

/** Finds an installed package's folder without relying on its `exports` map. */
function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = path.join(base, name);
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`Package ${name} is not installed: the web pages need it`);
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The allow-list: public asset name → file on disk. Vendor files are versioned by their package. */
function assetFiles(): Map<string, { file: string; vendor: boolean }> {
  const vendor = (pkg: string, rel: string) => ({ file: path.join(packageDir(pkg), rel), vendor: true });
  const own = (rel: string) => ({ file: path.join(OWN_DIR, rel), vendor: false });
  return new Map([
    ['react.production.min.js', vendor('react', 'umd/react.production.min.js')],
    ['react-dom.production.min.js', vendor('react-dom', 'umd/react-dom.production.min.js')],
    ['graphiql.min.js', vendor('graphiql', 'graphiql.min.js')],
    ['graphiql.min.css', vendor('graphiql', 'graphiql.min.css')],
    ['graphql-ws.min.js', vendor('graphql-ws', 'umd/graphql-ws.min.js')],
    ['uPlot.iife.min.js', vendor('uplot', 'dist/uPlot.iife.min.js')],
    ['uPlot.min.css', vendor('uplot', 'dist/uPlot.min.css')],
    ['graphiql-page.js', own('graphiql-page.js')],
    ['graphiql-tour.js', own('graphiql-tour.js')],
    ['operation-kind.js', own('operation-kind.js')],
    ['dashboard.js', own('dashboard.js')],
    ['dashboard-data.js', own('dashboard-data.js')],
    ['dashboard.css', own('dashboard.css')],
    ['favicon.svg', own('favicon.svg')],
  ]);
}

interface Loaded {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  type: string;
}

const cache = new Map<string, Loaded>();
let assets: ReturnType<typeof assetFiles> | null = null;

function load(file: string): Loaded {
  let hit = cache.get(file);
  if (!hit) {
    const body = fs.readFileSync(file);
    hit = {
      body,
      gzip: gzipSync(body),
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      type: TYPES[path.extname(file)] ?? 'application/octet-stream',
    };
    // Own files are re-read in development so an edit shows on reload; vendor files never change.
    if (process.env.NODE_ENV === 'production' || file.includes(`${path.sep}node_modules${path.sep}`)) cache.set(file, hit);
  }
  return hit;
}

/** CSP for both pages: only this origin; GraphiQL's editor sets inline styles. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function send(req: IncomingMessage, res: ServerResponse, loaded: Loaded, cacheControl: string, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = {
    'content-type': loaded.type,
    'cache-control': cacheControl,
    etag: loaded.etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...extra,
  };
  if (req.headers['if-none-match'] === loaded.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && loaded.gzip.length < loaded.body.length;
  const body = gzip ? loaded.gzip : loaded.body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end('Not found');
}

/** Puts the page's settings into its HTML as inert JSON (`<` escaped so it cannot close the tag). */
function renderPage(name: 'graphiql.html' | 'dashboard.html', settings: Record<string, unknown>): Loaded {
  const template = load(path.join(OWN_DIR, name)).body.toString('utf8');
  const json = JSON.stringify(settings).replace(/</g, '\\u003c');
  const body = Buffer.from(template.replace('<!--SETTINGS-->', `<script type="application/json" id="opsgraph-settings">${json}</script>`));
  return { body, gzip: gzipSync(body), etag: `"${createHash('sha1').update(body).digest('base64url')}"`, type: TYPES['.html'] };
}

/**
 * The zero-config demo's admin token for GraphiQL's header editor and the dashboard: only when the
 * known development secret is in use outside production; otherwise null, and the pages carry no
 * token at all.
 */
export async function demoToken(config: Config): Promise<string | null> {
  if (!config.auth.usingDevSecret || config.env === 'production' || !config.auth.jwtSecret) return null;
  // 12 h, or TOKEN_MAX_LIFETIME when shorter: the server refuses a token that lives longer.
  const lifetime = Math.min(12 * 3600, config.auth.maxLifetimeSeconds);
  return signToken(config.auth.jwtSecret, { sub: 'demo-admin', roles: [Role.ADMIN], name: 'Demo ADMIN' }, { expiresIn: `${lifetime}s` });
}

/** Renders a page with its settings; `no-store` because a development page carries a token. */
async function servePage(req: IncomingMessage, res: ServerResponse, config: Config, name: 'graphiql.html' | 'dashboard.html') {
  const page = renderPage(name, { endpoint: '/graphql', token: await demoToken(config) });
  send(req, res, page, 'no-store', { 'content-security-policy': CSP });
}

/**
 * Serves the web faces. Returns true when it took the request (it then answers it, also with 404
 * for an unknown asset), false for any other path so the caller carries on. /graphiql is off
 * (false → the caller's 404) unless `config.graphiql`, which defaults to on outside production.
 */
export function serveWeb(req: IncomingMessage, res: ServerResponse, url: URL, config: Config): boolean {
  const { pathname } = url;
  const isPage = pathname === '/graphiql' || pathname === '/dashboard';
  if (!isPage && !pathname.startsWith('/assets/')) return false;
  if (pathname === '/graphiql' && !config.graphiql) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Method not allowed');
    return true;
  }
  const fail = (error: unknown) => {
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Could not serve ${pathname}: ${(error as Error).message}`);
    } else res.end();
  };
  try {
    if (pathname === '/graphiql') {
      servePage(req, res, config, 'graphiql.html').catch(fail);
    } else if (pathname === '/dashboard') {
      servePage(req, res, config, 'dashboard.html').catch(fail);
    } else {
      assets ??= assetFiles();
      const asset = assets.get(pathname.slice('/assets/'.length));
      if (!asset) notFound(res);
      else send(req, res, load(asset.file), asset.vendor ? 'public, max-age=86400' : 'no-cache');
    }
  } catch (error) {
    fail(error);
  }
  return true;
}
