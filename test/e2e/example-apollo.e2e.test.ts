import { runApolloExample } from '../../examples/apollo-client';
import { createOperation } from '../harness/factories';
import { dataOf, Role, startTestApp, TEST_DATABASES, type TestApp } from '../harness/app';

// The shipped limits (rate limit, query limits) apply: the example has to work with the defaults.
describe.each(TEST_DATABASES)('the examples/ Apollo Client line-side client on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(db);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("reads ... on Node { id } and a SampleOverlap's code and message through InMemoryCache, and a live event over graphql-ws", async () => {
    const operation = await createOperation(t);
    const processId = dataOf(
      await t.gql(CREATE_PROCESS, {
        input: { operationId: operation.id, name: 'Apollo press', unit: 'units', status: 'RUNNING', targetRatePerHour: 60 },
      }),
    ).createProcess.id;

    const report = await runApolloExample({ baseUrl: t.url, token: await t.token(Role.OPERATOR), processId });

    expect(report.process).toEqual({ id: processId, name: 'Apollo press' });
    expect(report.recordedSampleIds).toContain(report.event.sampleId);
    expect(report.event.goodUnits).toBe(1);
    expect(report.refusal).toEqual({
      typename: 'SampleOverlap',
      code: 'SAMPLE_OVERLAP',
      message: expect.stringMatching(/overlaps the recorded sample/),
    });
  }, 60_000);
});

const CREATE_PROCESS = `mutation ($input: CreateProcessInput!) { createProcess(input: $input) { ... on Process { id } } }`;
