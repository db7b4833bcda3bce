/**
 * A line-side client with Apollo Client 4: reads a process through `node(id:)`, subscribes to its
 * throughput over graphql-ws, reports a production sample every half second until the stream
 * echoes one back, then reports an already-recorded period again and shows the `SampleOverlap`
 * the server returns (a member of `RecordThroughputResult` implementing `ErrorResult`).
 *
 *   OPSGRAPH_URL=http://127.0.0.1:4000 OPSGRAPH_TOKEN=<OPERATOR or ADMIN token> \
 *     node -r @swc-node/register examples/apollo-client.ts [processId]
 *
 * Without a process id it uses the first RUNNING process. `createApolloClient` is the set-up to
 * copy: the cache gets `possibleTypes` from schema/possible-types.json (written by `npm run schema`);
 * without it InMemoryCache cannot tell that `SampleOverlap` is an `ErrorResult` or that `Process` is
 * a `Node`, and silently drops the fields of `... on ErrorResult { code message }` and
 * `... on Node { id }` from the results it returns.
 */
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache, type TypedDocumentNode } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import possibleTypes from '../schema/possible-types.json';

/**
 * Apollo Client for opsgraph: queries and mutations over HTTP POST (Apollo's default, which the
 * server's CSRF prevention accepts because the body is JSON), subscriptions over graphql-ws on the
 * same `/graphql` path, the token in both. `dispose()` stops the client and closes the socket.
 */
export function createApolloClient(baseUrl: string, token: string, options: { retryAttempts?: number } = {}) {
  const auth = { authorization: `Bearer ${token}` };
  const wsClient: WsClient = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: auth,
    retryAttempts: options.retryAttempts ?? 5,
  });
  const client = new ApolloClient({
    cache: new InMemoryCache({ possibleTypes }),
    link: ApolloLink.split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
      },
      new GraphQLWsLink(wsClient),
      new HttpLink({ uri: `${baseUrl}/graphql`, headers: auth }),
    ),
  });
  return {
    client,
    wsClient,
    async dispose() {
      client.stop();
      await wsClient.dispose();
    },
  };
}

/** What the client read back: each part went through the normalized cache. */
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
 * Runs the line-side tour against `baseUrl` with an OPERATOR (or ADMIN) token. Throws when the
 * process does not exist, when a field selected through an interface fragment comes back missing,
 * or when no event arrives within `timeoutMs` (default 15 s).
 */
export async function runApolloExample(options: {
  baseUrl: string;
  token: string;
  processId: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}): Promise<LineReport> {
  const { baseUrl, token, processId, timeoutMs = 15_000, log = () => undefined } = options;
  const { client, dispose } = createApolloClient(baseUrl, token);
  try {
    const { data } = await client.query({ query: PROCESS, variables: { id: processId } });
    const node = data?.node;
    if (!node || node.__typename !== 'Process') throw new Error(`No process ${processId}`);
    // The cache returns only what it can match: without possibleTypes `id` would be missing here.
    if (node.id !== processId) throw new Error(`node(id:) came back without its ... on Node { id } (got ${JSON.stringify(node)})`);
    log(`Process ${node.name} (${node.id})`);

    // Set by the subscription's callbacks while the loop below records samples.
    const stream: { event: LineReport['event'] | null; error: Error | null } = { event: null, error: null };
    const subscription = client.subscribe({ query: THROUGHPUT, variables: { processId } }).subscribe({
      next: ({ data: event, error }) => {
        if (error) stream.error = error;
        else if (event && !stream.event) {
          const update = event.throughputUpdated;
          stream.event = { cursor: update.cursor, sampleId: update.sample.id, goodUnits: update.sample.goodUnits };
          log(`Live: sample ${update.sample.id}, ${update.stats.goodUnits} good units in the last hour`);
        }
      },
      error: (error: Error) => (stream.error = error),
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
    // the answer is a SampleOverlap the client can show (the same idempotencyKey would instead
    // have returned the first result).
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

async function record(client: ApolloClient, input: RecordInput) {
  const { data } = await client.mutate({ mutation: RECORD, variables: { input } });
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
      const { client, dispose } = createApolloClient(baseUrl, token);
      const { data } = await client.query({ query: FIRST_RUNNING_PROCESS }).finally(dispose);
      processId = data?.processes.edges[0]?.node.id ?? '';
      if (!processId) throw new Error('No RUNNING process');
    }
    await runApolloExample({ baseUrl, token, processId, log: console.log });
  })().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
