/**
 * The line-side client of ./apollo-client.ts with urql and its normalized cache, Graphcache, left on
 * urql's defaults: queries go out as GET when they fit in a URL (`preferGetMethod:
 * 'within-url-limit'`), mutations as POST, subscriptions over graphql-ws.
 *
 *   OPSGRAPH_URL=http://127.0.0.1:4000 OPSGRAPH_TOKEN=<OPERATOR or ADMIN token> \
 *     node -r @swc-node/register examples/urql-client.ts [processId]
 *
 * `createUrqlClient` is the set-up to copy:
 * - the token goes in `fetchOptions` as `authorization`; the server's CSRF prevention accepts a
 *   GET query only with a header a browser cannot send cross-site without a CORS preflight, and
 *   `authorization` is one (so are `apollo-require-preflight` and `x-apollo-operation-name`);
 * - Graphcache gets the schema from schema/introspection.json (written by `npm run schema`), so it
 *   matches `... on ErrorResult` and `... on Node` exactly instead of guessing. (It also accepts
 *   schema/possible-types.json as `possibleTypes`, which is enough to read results, but Graphcache 9
 *   then still visits every member's fragment when it writes one, and warns in development about
 *   the fields that are absent, e.g. `code` on a ThroughputSample.)
 * - `keys` marks the types without an `id` as embedded values, which Graphcache otherwise warns about.
 */
import { Client, fetchExchange, gql, subscriptionExchange, type TypedDocumentNode } from '@urql/core';
import { cacheExchange, type KeyingConfig } from '@urql/exchange-graphcache';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import schema from '../schema/introspection.json';
import possibleTypes from '../schema/possible-types.json';

const embedded = () => null;

/**
 * Types this example selects that have no `id`: stored inside their parent, not normalized.
 * Every `ErrorResult` member is one (an error is a value, not an entity).
 */
const keys: KeyingConfig = {
  ...Object.fromEntries(possibleTypes.ErrorResult.map((typename) => [typename, embedded])),
  ThroughputUpdate: embedded,
  ThroughputStats: embedded,
  ThroughputSampleConnection: embedded,
  ThroughputSampleEdge: embedded,
};

/**
 * urql for opsgraph, with urql's own request defaults. `dispose()` closes the socket (the urql
 * client itself holds nothing open).
 */
export function createUrqlClient(baseUrl: string, token: string) {
  const authorization = `Bearer ${token}`;
  const wsClient: WsClient = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
  });
  const client = new Client({
    url: `${baseUrl}/graphql`,
    fetchOptions: () => ({ headers: { authorization } }),
    exchanges: [
      cacheExchange({ schema, keys }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              return { unsubscribe: wsClient.subscribe(input, sink) };
            },
          };
        },
      }),
    ],
  });
  return { client, wsClient, dispose: () => wsClient.dispose() };
}

/** What the client read back: each part went through Graphcache. */
export interface LineReport {
  /** Read with `... on Node { id }`: it is the id that was asked for. */
  process: { id: string; name: string };
  /** The first throughput event the subscription delivered. */
  event: { cursor: string; sampleId: string; goodUnits: number };
  /** Every sample this run recorded. */
  recordedSampleIds: string[];
  /** The error member returned for an overlapping report, read with `... on ErrorResult { code message }`. */
  refusal: { typename: string; code: string; message: string };
}

/**
 * Runs the line-side tour against `baseUrl` with an OPERATOR (or ADMIN) token: the same steps and
 * result as `runApolloExample`. Throws on a GraphQL or network error (e.g. a GET refused by the
 * server), when a field selected through an interface fragment comes back missing, or when no event
 * arrives within `timeoutMs` (default 15 s).
 */
export async function runUrqlExample(options: {
  baseUrl: string;
  token: string;
  processId: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}): Promise<LineReport> {
  const { baseUrl, token, processId, timeoutMs = 15_000, log = () => undefined } = options;
  const { client, dispose } = createUrqlClient(baseUrl, token);
  try {
    const { data, error } = await client.query(PROCESS, { id: processId }).toPromise();
    if (error) throw error;
    const node = data?.node;
    if (!node || node.__typename !== 'Process') throw new Error(`No process ${processId}`);
    if (node.id !== processId) throw new Error(`node(id:) came back without its ... on Node { id } (got ${JSON.stringify(node)})`);
    log(`Process ${node.name} (${node.id})`);

    // Set by the subscription's callback while the loop below records samples.
    const stream: { event: LineReport['event'] | null; error: Error | null } = { event: null, error: null };
    const subscription = client.subscription(THROUGHPUT, { processId }).subscribe((result) => {
      if (result.error) stream.error = result.error;
      else if (result.data && !stream.event) {
        const update = result.data.throughputUpdated;
        stream.event = { cursor: update.cursor, sampleId: update.sample.id, goodUnits: update.sample.goodUnits };
        log(`Live: sample ${update.sample.id}, ${update.stats.goodUnits} good units in the last hour`);
      }
    });

    // Report the units made since the last sample, twice a second, until the stream echoes one back
    // (the first report can race the subscription being set up on the server).
    const recorded: { id: string; periodStart: string; periodEnd: string }[] = [];
    let refusal: LineReport['refusal'] | null = null;
    let periodStart = new Date(Math.max(Date.now() - 60_000, Date.parse(node.samples?.edges[0]?.node.periodEnd ?? '0')));
    const deadline = Date.now() + timeoutMs;
    let event: LineReport['event'] | null = null;
    try {
      while (!(event = stream.event)) {
        if (stream.error) throw stream.error;
        if (Date.now() > deadline) throw new Error(`No throughput event within ${timeoutMs} ms`);
        await sleep(500);
        const periodEnd = new Date();
        const input = {
          processId,
          periodStart: periodStart.toISOString(),
          periodEnd: periodEnd.toISOString(),
          goodUnits: 1,
          rejectedUnits: 0,
        };
        const result = await record(client, input);
        if (result.__typename === 'ThroughputSample') {
          recorded.push({ id: result.id!, periodStart: input.periodStart, periodEnd: input.periodEnd });
        } else {
          refusal = readRefusal(result);
          log(`Refused: ${refusal.code}: ${refusal.message}`);
        }
        periodStart = periodEnd;
      }
    } finally {
      subscription.unsubscribe();
    }

    // Report the first recorded period again, as a second device would: nothing is recorded, and
    // the answer is a SampleOverlap the client can show.
    if (!refusal && recorded[0]) {
      refusal = readRefusal(
        await record(client, {
          processId,
          periodStart: recorded[0].periodStart,
          periodEnd: recorded[0].periodEnd,
          goodUnits: 1,
          rejectedUnits: 0,
        }),
      );
      log(`Refused: ${refusal.code}: ${refusal.message}`);
    }
    if (!refusal) throw new Error('Nothing was recorded, so there was no period to report again');
    return { process: { id: node.id, name: node.name ?? '' }, event, recordedSampleIds: recorded.map((sample) => sample.id), refusal };
  } finally {
    await dispose();
  }
}

async function record(client: Client, input: RecordInput) {
  const { data, error } = await client.mutation(RECORD, { input }).toPromise();
  if (error) throw error;
  if (!data) throw new Error('recordThroughput returned no data');
  return data.recordThroughput;
}

/** The `ErrorResult` fields of a Result member, or an error when the cache dropped them. */
function readRefusal(result: RecordResult): LineReport['refusal'] {
  if (result.__typename === 'ThroughputSample' || typeof result.code !== 'string' || typeof result.message !== 'string') {
    throw new Error(`Expected an ErrorResult with code and message, got ${JSON.stringify(result)}`);
  }
  return { typename: result.__typename, code: result.code, message: result.message };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Operation documents, typed by hand here (examples/codegen/ generates these types instead).

interface RecordInput {
  processId: string;
  periodStart: string;
  periodEnd: string;
  goodUnits: number;
  rejectedUnits: number;
}
/** A member of RecordThroughputResult: the sample, or one of the ErrorResult members. */
interface RecordResult {
  __typename: string;
  id?: string;
  goodUnits?: number;
  code?: string;
  message?: string;
}
interface ProcessNode {
  __typename: string;
  id?: string;
  name?: string;
  samples?: { edges: { node: { periodEnd: string } }[] };
}

const PROCESS: TypedDocumentNode<{ node: ProcessNode | null }, { id: string }> = gql`
  query ProcessNode($id: ID!) {
    node(id: $id) {
      __typename
      ... on Node {
        id
      }
      ... on Process {
        name
        samples(first: 1) {
          edges {
            node {
              id
              periodEnd
            }
          }
        }
      }
    }
  }
`;

const RECORD: TypedDocumentNode<{ recordThroughput: RecordResult }, { input: RecordInput }> = gql`
  mutation RecordSample($input: RecordThroughputInput!) {
    recordThroughput(input: $input) {
      __typename
      ... on ThroughputSample {
        id
        goodUnits
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`;

const THROUGHPUT: TypedDocumentNode<
  { throughputUpdated: { cursor: string; sample: { id: string; goodUnits: number }; stats: { goodUnits: number } } },
  { processId: string }
> = gql`
  subscription ProcessThroughput($processId: ID!) {
    throughputUpdated(processId: $processId) {
      cursor
      sample {
        id
        goodUnits
      }
      stats {
        goodUnits
      }
    }
  }
`;

const FIRST_RUNNING_PROCESS: TypedDocumentNode<{ processes: { edges: { node: { id: string } }[] } }, Record<string, never>> = gql`
  query FirstRunningProcess {
    processes(first: 1, filter: { status: [RUNNING] }) {
      edges {
        node {
          ... on Node {
            id
          }
        }
      }
    }
  }
`;

if (require.main === module) {
  const baseUrl = process.env.OPSGRAPH_URL ?? 'http://127.0.0.1:4000';
  const token = process.env.OPSGRAPH_TOKEN;
  if (!token) {
    console.error('Set OPSGRAPH_TOKEN to an OPERATOR or ADMIN token (npm run token -- --role OPERATOR).');
    process.exit(2);
  }
  (async () => {
    let processId = process.argv[2];
    if (!processId) {
      const { client, dispose } = createUrqlClient(baseUrl, token);
      const { data, error } = await client.query(FIRST_RUNNING_PROCESS, {}).toPromise().finally(dispose);
      if (error) throw error;
      processId = data?.processes.edges[0]?.node.id ?? '';
      if (!processId) throw new Error('No RUNNING process');
    }
    await runUrqlExample({ baseUrl, token, processId, log: console.log });
  })().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
