/**
 * Typed operations from GraphQL Code Generator's client preset: every document below is written
 * with `graphql(...)` from ./gql/, which returns a TypedDocumentNode, so Apollo Client infers the
 * result and variable types and `__typename` narrows a Result union to its members.
 *
 *   OPSGRAPH_URL=http://127.0.0.1:4000 OPSGRAPH_TOKEN=<OPERATOR or ADMIN token> \
 *     node -r @swc-node/register examples/codegen/record-sample.ts <processId>
 *
 * After changing a document here (or the graph), run `npm run codegen`.
 */
import { createApolloClient } from '../apollo-client';
import { graphql } from './gql';

/** What the run read back through the cache. */
export interface TypedReport {
  /** Read with `... on Node { id }`. */
  process: { id: string; name: string };
  /** The sample recorded first. */
  sample: { id: string; goodUnits: number };
  /** The ErrorResult member returned for the same period reported again. */
  refusal: { typename: string; code: string; message: string };
}

/**
 * Reads a process through `node(id:)`, records one sample from its latest sample's end (at most a
 * minute back) to now, reports the same period again and returns the `SampleOverlap`. Throws when the process does not exist or
 * a field selected through an interface fragment is missing.
 */
export async function runCodegenExample(options: { baseUrl: string; token: string; processId: string }): Promise<TypedReport> {
  const { client, dispose } = createApolloClient(options.baseUrl, options.token);
  try {
    const { data } = await client.query({ query: TypedProcess, variables: { id: options.processId } });
    const node = data?.node;
    if (node?.__typename !== 'Process') throw new Error(`No process ${options.processId}`);
    // Typed as string: the generated type says the fragment always carries it; the check says the cache kept it.
    if (node.id !== options.processId) throw new Error(`node(id:) came back without its ... on Node { id } (got ${JSON.stringify(node)})`);

    const periodEnd = new Date();
    const latestEnd = node.samples.edges[0]?.node.periodEnd; // typed string | undefined: DateTimeISO maps to string
    const input = {
      processId: node.id,
      periodStart: new Date(Math.max(periodEnd.getTime() - 60_000, latestEnd ? Date.parse(latestEnd) : 0)).toISOString(),
      periodEnd: periodEnd.toISOString(),
      goodUnits: 10,
      rejectedUnits: 1,
    };
    const first = (await client.mutate({ mutation: TypedRecordSample, variables: { input } })).data?.recordThroughput;
    if (first?.__typename !== 'ThroughputSample') throw new Error(`Expected a ThroughputSample, got ${JSON.stringify(first)}`);
    const again = (await client.mutate({ mutation: TypedRecordSample, variables: { input } })).data?.recordThroughput;
    if (!again || again.__typename === 'ThroughputSample') throw new Error(`Expected an ErrorResult, got ${JSON.stringify(again)}`);
    // Every other member implements ErrorResult, so code and message are typed on all of them.
    if (typeof again.code !== 'string' || typeof again.message !== 'string')
      throw new Error(`The cache dropped ... on ErrorResult { code message } (got ${JSON.stringify(again)})`);

    return {
      process: { id: node.id, name: node.name },
      sample: { id: first.id, goodUnits: first.goodUnits },
      refusal: { typename: again.__typename, code: again.code, message: again.message },
    };
  } finally {
    await dispose();
  }
}

const TypedProcess = graphql(`
  query TypedProcess($id: ID!) {
    node(id: $id) {
      __typename
      ... on Node {
        id
      }
      ... on Process {
        name
        status
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
`);

const TypedRecordSample = graphql(`
  mutation TypedRecordSample($input: RecordThroughputInput!) {
    recordThroughput(input: $input) {
      __typename
      ... on ThroughputSample {
        id
        goodUnits
        periodEnd
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`);

if (require.main === module) {
  const [processId] = process.argv.slice(2);
  const token = process.env.OPSGRAPH_TOKEN;
  if (!token || !processId) {
    console.error('Usage: OPSGRAPH_TOKEN=<OPERATOR token> node -r @swc-node/register examples/codegen/record-sample.ts <processId>');
    process.exit(2);
  }
  runCodegenExample({ baseUrl: process.env.OPSGRAPH_URL ?? 'http://127.0.0.1:4000', token, processId }).then(
    (report) => console.log(JSON.stringify(report, null, 2)),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
