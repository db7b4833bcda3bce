/**
 * A live throughput table in the terminal: Apollo Client over graphql-ws, resuming from the last
 * cursor after any disconnect so no sample is missed.
 *
 *   OPSGRAPH_URL=http://127.0.0.1:4000 OPSGRAPH_TOKEN=<jwt> npx tsx examples/throughput-table.ts
 *   (or: node -r @swc-node/register examples/throughput-table.ts [operationId] [--max-events N])
 *
 * Without an operation id it watches the first operation. `--max-events N` exits after N events.
 * The client comes from ./apollo-client.ts: its InMemoryCache gets schema/possible-types.json, so
 * `... on Node { id }` below is not dropped.
 */
import { gql } from '@apollo/client';
import { createApolloClient } from './apollo-client';

const OPERATION = gql`
  query WatchedOperation($id: ID!) {
    node(id: $id) {
      __typename
      ... on Node {
        id
      }
      ... on Operation {
        name
      }
    }
  }
`;

const FIRST_OPERATION = gql`
  query FirstOperation {
    operations(first: 1) {
      edges {
        node {
          ... on Node {
            id
          }
          name
        }
      }
    }
  }
`;

const THROUGHPUT = gql`
  subscription Throughput($operationId: ID!, $after: String) {
    throughputUpdated(operationId: $operationId, after: $after, windowMinutes: 60) {
      cursor
      replayed
      process {
        id
        name
      }
      sample {
        periodEnd
        goodUnits
        rejectedUnits
      }
      stats {
        goodUnits
        attainment {
          value
        }
        oee {
          oee {
            value
          }
        }
      }
    }
  }
`;

interface Row {
  process: string;
  goodUnits: number;
  attainment: number | null;
  oee: number | null;
  last: string;
  replayed: boolean;
}

const args = process.argv.slice(2);
const maxIndex = args.indexOf('--max-events');
const maxEvents = maxIndex >= 0 ? Number(args[maxIndex + 1]) : Infinity;
const operationArg = args.find((arg, i) => !arg.startsWith('--') && i !== maxIndex + 1);
const baseUrl = process.env.OPSGRAPH_URL ?? 'http://127.0.0.1:4000';
const token = process.env.OPSGRAPH_TOKEN;
if (!token) {
  console.error('Set OPSGRAPH_TOKEN to a token (npm run token, or one printed by the demo server).');
  process.exit(2);
}

// retryAttempts 0: we resubscribe ourselves, with the last cursor.
const { client, wsClient } = createApolloClient(baseUrl, token, { retryAttempts: 0 });

const pct = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);

function printTable(rows: Map<string, Row>) {
  console.log(`\n${'process'.padEnd(28)} ${'good units'.padStart(10)} ${'attainment'.padStart(10)} ${'OEE'.padStart(8)}  last sample`);
  for (const row of rows.values()) {
    console.log(
      `${row.process.padEnd(28)} ${String(Math.round(row.goodUnits)).padStart(10)} ${pct(row.attainment).padStart(10)} ${pct(row.oee).padStart(8)}  ${row.last}${row.replayed ? ' (replayed)' : ''}`,
    );
  }
}

async function main() {
  let watched: { id?: string; name?: string } | undefined;
  if (operationArg) {
    const { data } = await client.query<{ node: { __typename: string; id?: string; name?: string } | null }>({
      query: OPERATION,
      variables: { id: operationArg },
    });
    if (data?.node?.__typename !== 'Operation') throw new Error(`No operation ${operationArg}`);
    watched = data.node;
  } else {
    const { data } = await client.query<{ operations: { edges: { node: { id?: string; name: string } }[] } }>({ query: FIRST_OPERATION });
    watched = data?.operations.edges[0]?.node;
    if (!watched) throw new Error('No operation to watch');
  }
  // Read through `... on Node { id }`: a cache without possibleTypes would have dropped it.
  const operationId = watched.id;
  if (!operationId) throw new Error('The operation came back without its id: is InMemoryCache given possibleTypes?');
  console.log(`Watching ${watched.name} (${operationId})`);

  const rows = new Map<string, Row>();
  let cursor: string | null = null;
  let events = 0;
  let attempt = 0;

  const subscribe = () => {
    let interrupted = false;
    // Apollo Client 4 reports a failed stream as a result with `error` (or errors the observable):
    // either way, come back after a backoff from the last cursor, so nothing is missed.
    const resume = (reason: string) => {
      if (interrupted || events >= maxEvents) return;
      interrupted = true;
      subscription.unsubscribe();
      const delay = Math.min(30_000, 500 * 2 ** attempt++);
      console.error(`Stream interrupted (${reason}); resuming in ${delay} ms after ${cursor ?? 'now'}`);
      setTimeout(subscribe, delay);
    };
    const subscription = client.subscribe<any>({ query: THROUGHPUT, variables: { operationId, after: cursor } }).subscribe({
      next: ({ data, error }) => {
        if (error) return resume(error.message);
        const event = data?.throughputUpdated;
        if (!event) return;
        attempt = 0;
        cursor = event.cursor;
        rows.set(event.process.id, {
          process: event.process.name,
          goodUnits: event.stats.goodUnits,
          attainment: event.stats.attainment.value,
          oee: event.stats.oee.oee.value,
          last: event.sample.periodEnd,
          replayed: event.replayed,
        });
        printTable(rows);
        if (++events >= maxEvents) {
          subscription.unsubscribe();
          void wsClient.dispose();
          client.stop();
        }
      },
      error: (error) => resume(error.message),
      complete: () => resume('the server ended the stream'),
    });
  };
  subscribe();
  console.log('Subscribed; waiting for samples…');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
