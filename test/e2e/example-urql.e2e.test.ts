import { runUrqlExample } from '../../examples/urql-client';
import { createProcess } from '../harness/factories';
import { Role } from '../harness/app';
import { describeApp } from '../harness/suite';

// The shipped limits (rate limit, query limits) apply: the example has to work with the defaults.
describeApp('the examples/ urql + Graphcache line-side client on %s', ({ t, leftovers }) => {
  it("queries with GET (urql's default) and reads ... on Node { id } and a SampleOverlap's code and message through Graphcache, and a live event over graphql-ws", async () => {
    const processId = (await createProcess(t, { name: 'urql press' })).id;
    const token = await t.token(Role.OPERATOR);

    // Watch what urql sends and what Graphcache says: no warning means it matched every fragment
    // from possibleTypes instead of guessing, and knew every id-less type.
    const requests: { method: string; status: number }[] = [];
    const realFetch = globalThis.fetch;
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      requests.push({ method: init?.method ?? 'GET', status: response.status });
      return response;
    });
    const warnings: unknown[][] = [];
    const warnSpy = jest.spyOn(console, 'warn').mockImplementation((...args) => void warnings.push(args));
    const errorSpy = jest.spyOn(console, 'error').mockImplementation((...args) => void warnings.push(args));
    leftovers.push(
      () => fetchSpy.mockRestore(),
      () => warnSpy.mockRestore(),
      () => errorSpy.mockRestore(),
    );

    const report = await runUrqlExample({ baseUrl: t.url, token, processId });

    expect(report.process).toEqual({ id: processId, name: 'urql press' });
    expect(report.recordedSampleIds).toContain(report.event.sampleId);
    expect(report.event.goodUnits).toBe(1);
    expect(report.refusal).toEqual({
      typename: 'SampleOverlap',
      code: 'SAMPLE_OVERLAP',
      message: expect.stringMatching(/overlaps the recorded sample/),
    });
    expect(requests[0]).toEqual({ method: 'GET', status: 200 }); // the node(id:) query, authorized by its header
    expect(requests.slice(1).every((request) => request.method === 'POST' && request.status === 200)).toBe(true);
    expect(warnings).toEqual([]);
  }, 60_000);
});
