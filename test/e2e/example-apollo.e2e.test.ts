import { runApolloExample } from '../../examples/apollo-client';
import { createProcess } from '../harness/factories';
import { Role } from '../harness/app';
import { describeApp } from '../harness/suite';

// The shipped limits (rate limit, query limits) apply: the example has to work with the defaults.
describeApp('the examples/ Apollo Client line-side client on %s', ({ t }) => {
  it("reads ... on Node { id } and a SampleOverlap's code and message through InMemoryCache, and a live event over graphql-ws", async () => {
    const processId = (await createProcess(t, { name: 'Apollo press' })).id;

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
