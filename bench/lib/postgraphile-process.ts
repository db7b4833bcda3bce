/**
 * Child-process entry for the peer of scenario 11: PostGraphile 4 (library mode,
 * `postgraphile(pgPool, 'public', options)` on node:http) over the PostgreSQL database named in
 * PEER_DATABASE_URL, on 127.0.0.1, port 0, `/graphql`. No JWT, no mutations, no GraphiQL, no
 * query log, no schema watching: its fastest production settings. Answers `stats` and `stop`.
 */
import http from 'node:http';
import Module from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Pool } from 'pg';
import { serveChildRequests } from './child-protocol';

/**
 * PostGraphile 4 needs graphql 15 (npm nests it under node_modules/postgraphile); the app uses 16.
 * npm hoists graphql-parse-resolve-info, whose graphql is a peer dependency, so it would load 16
 * and PostGraphile's schema would mix the two ("Unexpected input type"). In this process only,
 * every `require('graphql')` resolves to PostGraphile's copy.
 */
const postgraphileEntry = require.resolve('postgraphile');
const moduleInternals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request === 'graphql' || request.startsWith('graphql/'))
    return resolveFilename.call(this, request, rest[0], false, { paths: [path.dirname(postgraphileEntry)] });
  return resolveFilename.call(this, request, ...rest);
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { postgraphile } = require('postgraphile') as typeof import('postgraphile');

async function main() {
  const pool = new Pool({ connectionString: process.env.PEER_DATABASE_URL, max: Number(process.env.PEER_POOL_SIZE ?? 10) });
  const middleware = postgraphile(pool, 'public', {
    graphqlRoute: '/graphql',
    graphiql: false,
    disableDefaultMutations: true,
    disableQueryLog: true,
    watchPg: false,
    retryOnInitFail: false,
    ignoreRBAC: false,
    setofFunctionsContainNulls: false,
    dynamicJson: true,
    extendedErrors: [],
    showErrorStack: false,
  });
  const server = http.createServer(middleware);
  serveChildRequests({
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.send?.({ type: 'ready', url });
}

main().catch((error) => {
  process.stderr.write(`postgraphile-process failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
