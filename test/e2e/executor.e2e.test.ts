import { startTestApp, Role, type TestApp } from '../harness/app';
import { CREATE_PROJECT, RECORD_THROUGHPUT, THROUGHPUT_UPDATED_WITH_STATS } from '../harness/documents';
import { createLine, createMilestone, createProject, minuteSample, recordSamples, subscribe, uniqueName } from '../harness/factories';
import { describeApp } from '../harness/suite';
import { opened } from '../harness/wait';
import { rawSocket } from '../harness/ws';
import { trendAttack } from '../hardening/attack-queries';

/**
 * GRAPHQL_EXECUTOR: the suite's app runs graphql-jit's compiled plans (`t`), a second app on the
 * same database runs graphql-js alone (`plain`). Every request is sent to both, in the same order,
 * with the same token and request id, and the two response bodies must be the same bytes: data,
 * errors (messages, locations, paths, codes, request ids), the cost report and the HTTP status.
 * Each document is sent three times, so the jit side answers from graphql-js (first use) and from
 * its compiled plan (later uses).
 *
 * Settings that differ from the shipped ones, and why:
 * - A clock standing still at 02:00 on the samples' day: both apps must compute KPIs at the same "now".
 * - RATE_LIMIT=off: each app's bucket refills with wall time, so `remaining` and `reset` in the cost
 *   report would differ by the milliseconds between the two requests; the cost itself is still reported.
 * - OPERATION_TIMEOUT_MS=1000 and QUERY_MAX_COMPLEXITY/QUERY_MAX_NODES at 10^9: the deadline case runs
 *   the trend attack of the hardening suite, which must be admitted and must pass its deadline quickly.
 *   The shipped 10 s deadline on the same path is checked under the default executor (jit) in
 *   test/hardening/deadline.test.ts and test/hardening/execution-gate.test.ts.
 */
const NOW = '2026-05-01T02:00:00.000Z';
const ENV = {
  GRAPHQL_EXECUTOR: 'jit',
  RATE_LIMIT: 'off',
  OPERATION_TIMEOUT_MS: '1000',
  QUERY_MAX_COMPLEXITY: '1000000000',
  QUERY_MAX_NODES: '1000000000',
};

const DASHBOARD = /* GraphQL */ `
  query Dashboard($operations: Int!, $projects: Int!, $asOf: DateTimeISO) {
    operations(first: $operations) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          status
          processes(first: 20) {
            edges {
              node {
                id
                name
                status
                throughput(asOf: $asOf, lastMinutes: 60) {
                  goodUnits
                  totalUnits
                  sampleCount
                  unitsPerHour {
                    value
                  }
                  attainment {
                    value
                  }
                  oee {
                    availability {
                      value
                    }
                    performance {
                      value
                    }
                    quality {
                      value
                    }
                    oee {
                      value
                    }
                  }
                }
                samples(first: 3) {
                  totalCount
                  edges {
                    node {
                      periodStart
                      goodUnits
                      rejectedUnits
                    }
                  }
                  pageInfo {
                    hasNextPage
                    endCursor
                  }
                }
              }
            }
          }
        }
      }
    }
    projects(first: $projects) {
      totalCount
      edges {
        node {
          id
          name
          status
          dueDate
          progress(asOf: $asOf) {
            value {
              value
              reason
            }
          }
          health(asOf: $asOf) {
            status
          }
        }
      }
    }
  }
`;

const WRITE_THEN_FAIL = /* GraphQL */ `
  mutation WriteThenFail($good: CreateProjectInput!, $bad: CreateProjectInput!) {
    good: createProject(input: $good) {
      __typename
    }
    bad: createProject(input: $bad) {
      __typename
    }
  }
`;

const COUNT_BY_NAME = /* GraphQL */ `
  query CountByName($search: String!) {
    projects(first: 1, filter: { search: $search }) {
      totalCount
    }
  }
`;

const ERRORS = /* GraphQL */ `
  query Errors($bad: ID!) {
    node(id: $bad) {
      id
    }
    operations(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

describeApp('executors (jit against graphql-js) on %s', { clock: NOW, env: ENV }, ({ t, leftovers }) => {
  let plain: TestApp;
  let processId: string;
  let operationId: string;
  let requestNo = 0;

  beforeAll(async () => {
    expect(t.app.executor.kind).toBe('jit');
    plain = await startTestApp({ databaseUrl: t.databaseUrl, clock: NOW, env: { ...ENV, GRAPHQL_EXECUTOR: 'graphql-js' } });
    expect(plain.app.executor.kind).toBe('graphql-js');
    ({ operationId, processId } = await createLine(t, 'Press line', 2));
    await recordSamples(
      t,
      [0, 1, 2, 3, 4].map((i) => minuteSample(processId, 60 + i)),
    );
    const project = await createProject(t, { startDate: '2026-04-01T00:00:00.000Z', dueDate: '2026-07-01T00:00:00.000Z' });
    await createMilestone(t, project.id, { dueDate: '2026-06-01T00:00:00.000Z', percentComplete: 40 });
  });

  afterAll(async () => {
    await plain?.stop();
  });

  /** Sends the same request to both apps and returns both answers as raw text with their statuses. */
  async function both(body: unknown, token: string | null) {
    const requestId = `executor-test-${++requestNo}`;
    const send = async (app: TestApp) => {
      const res = await app.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    };
    return { jit: await send(t), plain: await send(plain) };
  }

  /** Sends a document three times to both apps: the answers must be byte-identical every time. Returns the last answer. */
  async function expectIdentical(body: unknown, role: Role | null = Role.VIEWER) {
    const token = role ? await t.token(role) : null;
    let last = { status: 0, text: '' };
    for (let i = 0; i < 3; i++) {
      const answers = await both(body, token);
      expect(answers.jit.status).toBe(answers.plain.status);
      expect(answers.jit.text).toBe(answers.plain.text);
      last = answers.jit;
    }
    return { status: last.status, json: JSON.parse(last.text) };
  }

  it('answers the dashboard document with the same bytes, from the compiled plan after its first use', async () => {
    const before = { ...t.app.executor.stats };
    const { status, json } = await expectIdentical({ query: DASHBOARD, variables: { operations: 20, projects: 20, asOf: NOW } });
    expect(status).toBe(200);
    expect(json.errors).toBeUndefined();
    const line = json.data.operations.edges.find((e: any) => e.node.id === operationId).node;
    expect(line.processes.edges[0].node.throughput.goodUnits).toBe(5);
    expect(line.processes.edges[0].node.samples.totalCount).toBe(5);
    expect(json.extensions.cost.requested).toBeGreaterThan(1);
    // First use on graphql-js, compiled on the second, the plan reused on the third.
    expect(t.app.executor.stats.compiles - before.compiles).toBe(1);
    expect(t.app.executor.stats.compiledExecutions - before.compiledExecutions).toBe(2);
  });

  it('gives the same errors: a resolver error with its path, partial data, and field-level auth refusals', async () => {
    const { status, json } = await expectIdentical({ query: ERRORS, variables: { bad: 'not-a-global-id' } });
    expect(status).toBe(200);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].path).toEqual(['node']);
    expect(json.data.operations.edges.length).toBeGreaterThan(0);
    // A VIEWER may not create a project (field-level @Authorized on the mutation): refused, and nothing is stored.
    const countBefore = (await t.gql('{ projects(first: 1) { totalCount } }')).data.projects.totalCount;
    const refused = await expectIdentical({
      query: CREATE_PROJECT,
      variables: {
        input: { name: uniqueName('Refused'), goal: 'x', status: 'ACTIVE', startDate: NOW, dueDate: '2026-06-01T00:00:00.000Z', budget: 1 },
      },
    });
    expect(refused.json.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql('{ projects(first: 1) { totalCount } }')).data.projects.totalCount).toBe(countBefore);
    // Without a token: UNAUTHENTICATED, the same bytes.
    const anonymous = await expectIdentical({ query: '{ operations(first: 1) { totalCount } }' }, null);
    expect(anonymous.json.errors[0].extensions.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });

  it('hands a compiled run that answered with errors to Apollo to format, and never runs it again', async () => {
    // Two mutations in one document run in order: the first writes, the second fails its input's
    // validation. The compiled run's result (data and the error) goes to Apollo as it is: run again,
    // the first project would be written twice.
    const name = uniqueName('Written once');
    const input = { name, goal: 'x', status: 'ACTIVE', startDate: NOW, dueDate: '2026-06-01T00:00:00.000Z', budget: 1 };
    const variables = { good: input, bad: { ...input, name: uniqueName('Refused'), budget: -1 } };
    const count = async () => (await t.gql(COUNT_BY_NAME, { search: name })).data.projects.totalCount as number;
    const before = { ...t.app.executor.stats };
    for (let i = 1; i <= 3; i++) {
      const res = await t.gql(WRITE_THEN_FAIL, variables);
      // `bad` is non-null, so its error nulls the whole answer; `good` was written all the same.
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['bad'], 'BAD_USER_INPUT']]);
      expect(await count()).toBe(i);
    }
    // Each document's first use on graphql-js, then two runs of its plan (the mutation's formatted
    // by Apollo) and no other execution: an execution more would also show in the stats.
    const after = t.app.executor.stats;
    expect(after.compiles - before.compiles).toBe(2);
    expect(after.compiledExecutions - before.compiledExecutions).toBe(4);
    expect(after.graphqlJsExecutions - before.graphqlJsExecutions).toBe(2);
  });

  it('gives the same variable errors: BAD_USER_INPUT with the variable located, HTTP 400, nothing executed', async () => {
    const wrongType = await expectIdentical({ query: DASHBOARD, variables: { operations: 'twenty', projects: 20 } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(wrongType.json.errors[0].locations).toBeDefined();
    const missing = await expectIdentical({ query: DASHBOARD, variables: { projects: 20 } });
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // A mutation input with an omitted non-null field that has a default (graphql-jit's own coercion refused it) runs on the plan.
    const sample = { input: { ...minuteSample(processId, 90), goodUnits: 3, rejectedUnits: 0 } };
    const recorded = await both({ query: RECORD_THROUGHPUT, variables: sample }, await t.token(Role.OPERATOR));
    expect(JSON.parse(recorded.jit.text).data.recordThroughput.__typename).toBe('ThroughputSample');
  });

  it('answers an operation past its deadline with the same 503 SERVICE_UNAVAILABLE under both executors', async () => {
    const answers = [];
    for (let i = 0; i < 2; i++)
      answers.push(await both({ query: trendAttack(), variables: { id: operationId } }, await t.token(Role.VIEWER)));
    for (const answer of answers) {
      expect(answer.jit.status).toBe(503);
      expect(answer.jit.text).toBe(answer.plain.text);
      expect(JSON.parse(answer.jit.text).errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', deadlineMs: 1000 });
    }
  });

  it('compiles a document only on its second use: distinct documents sent once each buy no compile', async () => {
    const token = await t.token(Role.VIEWER, { sub: 'many-documents' });
    const before = { ...t.app.executor.stats };
    for (let i = 0; i < 25; i++) {
      const res = await t.gql(`query Distinct${i} { operations(first: ${i + 1}) { totalCount } }`, {}, { token });
      expect(res.errors).toBeUndefined();
    }
    expect(t.app.executor.stats.compiles).toBe(before.compiles);
    expect(t.app.executor.stats.graphqlJsExecutions - before.graphqlJsExecutions).toBe(25);
    const doc = `query Twice { operations(first: 2) { totalCount } }`;
    await t.gql(doc, {}, { token });
    expect(t.app.executor.stats.compiles).toBe(before.compiles);
    await t.gql(doc, {}, { token });
    expect(t.app.executor.stats.compiles).toBe(before.compiles + 1);
    await t.gql(doc, {}, { token });
    expect(t.app.executor.stats.compiles).toBe(before.compiles + 1);
    expect(t.app.executor.stats.compiledExecutions - before.compiledExecutions).toBe(2);
  });

  it('caps compiles per principal per minute (GRAPHQL_JIT_COMPILES_PER_MINUTE, 30): past it documents run on graphql-js with the same answers', async () => {
    const token = await t.token(Role.VIEWER, { sub: 'compile-budget' });
    const before = { ...t.app.executor.stats };
    const answers: string[] = [];
    for (let i = 0; i < 32; i++) {
      const doc = `query Budget${i} { operations(first: 1) { totalCount } }`;
      await t.gql(doc, {}, { token });
      answers.push(JSON.stringify((await t.gql(doc, {}, { token })).data));
    }
    // The clock of the budget is the wall clock: a minute boundary in the middle gives a fresh budget, so at most 30 or 60.
    const compiled = t.app.executor.stats.compiles - before.compiles;
    const deferred = t.app.executor.stats.compilesDeferred - before.compilesDeferred;
    expect(compiled + deferred).toBe(32);
    expect(deferred).toBeGreaterThanOrEqual(compiled === 32 ? 0 : 2);
    expect(compiled).toBeLessThanOrEqual(32);
    expect(new Set(answers).size).toBe(1);
  });

  it('runs WebSocket queries with the same frames and subscription events on one compiled plan per group', async () => {
    const token = await t.token(Role.VIEWER);
    const frames = async (app: TestApp) => {
      const s = rawSocket(app.wsUrl);
      leftovers.push(() => s.close());
      await s.init(token);
      for (let i = 0; i < 3; i++) {
        s.send({ id: `q${i}`, type: 'subscribe', payload: { query: DASHBOARD, variables: { operations: 5, projects: 5, asOf: NOW } } });
        await s.waitFor((m) => m.id === `q${i}` && m.type === 'complete');
      }
      return s.texts.filter((text) => text.includes('"next"'));
    };
    const jitFrames = await frames(t);
    const plainFrames = await frames(plain);
    expect(jitFrames).toHaveLength(3);
    expect(jitFrames).toEqual(plainFrames);

    // Two subscribers with the same document form one group: each event executes once for both.
    const before = { ...t.app.executor.stats };
    const first = await opened(t, () => subscribe(t, leftovers, THROUGHPUT_UPDATED_WITH_STATS, { processId }));
    const second = await opened(t, () => subscribe(t, leftovers, THROUGHPUT_UPDATED_WITH_STATS, { processId }));
    for (let i = 0; i < 3; i++) {
      await recordSamples(t, [minuteSample(processId, 100 + i)]);
      await first.until(() => first.results.length > i);
      await second.until(() => second.results.length > i);
    }
    expect(first.results).toEqual(second.results);
    expect(first.results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    expect(first.results.map((r: any) => r.data.throughputUpdated.stats.sampleCount)).toHaveLength(3);
    // Compiled on the group's second event, run for the third: one compile, at least one compiled execution.
    expect(t.app.executor.stats.compiles - before.compiles).toBeGreaterThanOrEqual(1);
    expect(t.app.executor.stats.compiledExecutions - before.compiledExecutions).toBeGreaterThanOrEqual(1);
  });
});

/**
 * The same comparison on the shipped settings (only the clock stands still, for the KPIs' "now"):
 * rate limiting on, the shipped deadline and query limits, GRAPHQL_EXECUTOR at its default (jit,
 * named only because CI's second run sets graphql-js in the environment). The bodies are compared without the cost report's `remaining` and `reset`, which follow
 * each app's own bucket; everything else, cost included, must be the same.
 */
describeApp('executors on the shipped settings on %s', { clock: NOW, env: { GRAPHQL_EXECUTOR: 'jit' } }, ({ t }) => {
  let plain: TestApp;

  beforeAll(async () => {
    expect(t.app.executor.kind).toBe('jit');
    plain = await startTestApp({ databaseUrl: t.databaseUrl, clock: NOW, env: { GRAPHQL_EXECUTOR: 'graphql-js' } });
    const { processId } = await createLine(t, 'Shipped settings line', 2);
    await recordSamples(
      t,
      [0, 1, 2].map((i) => minuteSample(processId, 60 + i)),
    );
  });

  afterAll(async () => {
    await plain?.stop();
  });

  it('answers the dashboard document the same, from the compiled plan after its first use, within the rate limit', async () => {
    const before = { ...t.app.executor.stats };
    const body = { query: DASHBOARD, variables: { operations: 20, projects: 20, asOf: NOW } };
    const token = await t.token(Role.VIEWER);
    for (let i = 0; i < 3; i++) {
      const [jit, js] = [await t.post(body, { token }), await plain.post(body, { token })];
      expect(jit.status).toBe(200);
      expect(jit.status).toBe(js.status);
      const strip = (json: any) => ({
        ...json,
        extensions: { ...json.extensions, cost: { ...json.extensions.cost, remaining: 0, reset: 0 } },
      });
      expect(strip(jit.json)).toEqual(strip(js.json));
      expect(jit.json.errors).toBeUndefined();
      expect(jit.json.extensions.cost.limit).toBeGreaterThan(0);
    }
    expect(t.app.executor.stats.compiles - before.compiles).toBe(1);
    expect(t.app.executor.stats.compiledExecutions - before.compiledExecutions).toBe(2);
  });
});
