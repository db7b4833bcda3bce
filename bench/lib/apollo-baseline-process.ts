/**
 * Baseline for scenario 1: a bare @apollo/server `startStandaloneServer` with a one-field schema,
 * no auth, on 127.0.0.1 port 0. Reports `{ type: 'ready', url }` over IPC.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { serveChildRequests } from './child-protocol';

async function main() {
  const server = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
  });
  serveChildRequests({ stop: () => server.stop() });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  process.send?.({ type: 'ready', url: url.replace(/\/$/, '') });
}

main().catch((error) => {
  process.stderr.write(`apollo-baseline failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
