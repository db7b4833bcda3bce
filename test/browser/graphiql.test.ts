import { parse, validate } from 'graphql';
import { DEV_JWT_SECRET } from '../../src/config';
import { Role, signToken } from '../../src/common/auth';
import { dataOf, startTestApp, type TestApp } from '../harness/app';
import { eventually, importInPage, launchBrowser, liveListeners, screenshotPath, type TestBrowser } from './browser';

// GraphiQL is a few MB of script: under the full suite on two cores a page load alone can take tens of seconds.
jest.setTimeout(120_000);

describe('GraphiQL at /graphiql', () => {
  let t: TestApp;
  let b: TestBrowser;
  let admin: { token: string };

  beforeAll(async () => {
    // No JWT_SECRET: the zero-config demo, whose development secret lets the page carry a token.
    t = await startTestApp('sqlite', { env: { JWT_SECRET: '' } });
    admin = { token: await signToken(DEV_JWT_SECRET, { sub: 'browser-test', roles: [Role.ADMIN] }) };
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
  });

  async function openGraphiQL() {
    // Start each test from the tour as the page builds it now (tab variables name today's first
    // operation), not from tabs an earlier test's page stored. GraphiQL restores its tabs from
    // localStorage and writes them back 500 ms after it mounts (a debounced timer): cleared from the
    // GraphiQL page itself, that timer could put the earlier tabs back between the clear and a
    // reload, and a subscription tab then named an earlier test's operation. So the storage is
    // cleared from another page of this origin, where no GraphiQL timer runs.
    await b.page.goto(`${t.url}/healthz`);
    await b.page.evaluate('localStorage.clear()');
    await b.page.goto(`${t.url}/graphiql`);
    await b.page.locator('.graphiql-container').waitFor();
    await b.page.locator('.graphiql-tab').first().waitFor();
  }

  async function runTab(index: number) {
    await b.page.locator('.graphiql-tab-button').nth(index).click();
    await b.page.locator('.graphiql-execute-button').click();
  }

  const result = () => b.page.locator('.result-window');

  it('loads every script from this server and pre-fills the header editor with the demo admin token', async () => {
    await openGraphiQL();
    // The editor fills in after it mounts: wait for the text rather than reading it once.
    await eventually(
      () => b.page.locator('.graphiql-editor-tool .graphiql-editor').last().innerText(),
      (text) => /Bearer ey/.test(text),
      { what: 'the demo token in the header editor' },
    );
    expect(b.blocked).toEqual([]);
  });

  it('opens with a tour whose every document is valid against the schema', async () => {
    await openGraphiQL();
    const tabs = await importInPage<{ query: string }[]>(b.page, 'graphiql-tour.js', 'm.tourTabs');
    expect(tabs.length).toBeGreaterThanOrEqual(4);
    for (const tab of tabs) expect(validate(t.app.schema, parse(tab.query)).map((e) => e.message)).toEqual([]);
    await expect(b.page.locator('.graphiql-tab').count()).resolves.toBe(tabs.length);
  });

  it('runs a query over HTTP', async () => {
    await dataOf(await t.gql(CREATE_OPERATION, { input: { name: 'GraphiQL line' } }, admin));
    await openGraphiQL();
    await runTab(0);
    await result().getByText('GraphiQL line').waitFor();
    await b.page.screenshot({ path: screenshotPath('graphiql.png') });
  });

  it("runs the people tab over the four weeks from today, keeping its window, and shows an over-allocated person's load", async () => {
    const person = dataOf(await t.gql(CREATE_PERSON, { input: { name: 'Overbooked Olga' } }, admin)).createPerson;
    const operation = dataOf(await t.gql(CREATE_OPERATION, { input: { name: 'Olga line' } }, admin)).createOperation;
    const from = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString();
    const allocated = dataOf(
      await t.gql(
        ALLOCATE_PERSON,
        { input: { personId: person.id, operationId: operation.id, hoursPerWeek: 45, from, role: 'Everything' } },
        admin,
      ),
    ).allocatePerson;
    expect(allocated.__typename).toBe('Allocation');
    await openGraphiQL();
    const tabs = await importInPage<{ query: string }[]>(b.page, 'graphiql-tour.js', 'm.tourTabs');
    await runTab(tabs.length - 1);
    await result().getByText('Overbooked Olga').waitFor();
    // 45 h a week against 40 over the tab's four weeks: the window variables reached the server.
    await result().getByText('1.125').waitFor();
  });

  it('runs a subscription over graphql-ws and shows an event sent by a mutation from outside', async () => {
    const op = dataOf(await t.gql(CREATE_OPERATION, { input: { name: 'Assembly line (live)' } }, admin)).createOperation;
    const proc = dataOf(
      await t.gql(
        CREATE_PROCESS,
        { input: { operationId: op.id, name: 'Live press', unit: 'units', status: 'RUNNING', targetRatePerHour: 60 } },
        admin,
      ),
    ).createProcess;
    // The page fills the tab's variables with the first operation by name: this one ('Assembly…' sorts first).
    expect(dataOf(await t.gql(FIRST_OPERATION, {}, admin)).operations.edges[0].node.id).toBe(op.id);
    await openGraphiQL();
    // What went over the page's sockets, for the failure message: whether the server sent the event,
    // the socket was closed and re-opened, or GraphiQL did not render it.
    const frames: string[] = [];
    const subscribed: string[] = [];
    b.page.on('websocket', (ws) => {
      const at = () => `${new Date().toISOString().slice(11, 23)}`;
      frames.push(`${at()} open ${ws.url()}`);
      ws.on('framesent', (f) => {
        const text = String(f.payload);
        if (text.includes('"type":"subscribe"')) subscribed.push(text);
        frames.push(`${at()} > ${text.slice(0, 160)}`);
      });
      ws.on('framereceived', (f) => frames.push(`${at()} < ${String(f.payload).slice(0, 160)}`));
      ws.on('close', () => frames.push(`${at()} closed`));
    });
    const before = t.app.services.live.hub.stats().listeners;
    await runTab(3);
    // An event reaches a subscription only once the server has opened it: wait for that, then record.
    await liveListeners(t.app, before + 1, 'the GraphiQL subscription to open on the server');
    // The tab subscribed to this test's operation (the page filled it in), not an earlier one.
    expect(subscribed).toHaveLength(1);
    expect(JSON.parse(subscribed[0]).payload.variables).toEqual({ operationId: op.id });
    const end = new Date(Date.now() - 60_000);
    const input = {
      processId: proc.id,
      periodStart: new Date(end.getTime() - 60_000).toISOString(),
      periodEnd: end.toISOString(),
      goodUnits: 9,
      rejectedUnits: 1,
    };
    expect(dataOf(await t.gql(RECORD, { input }, admin)).recordThroughput.__typename).toBe('ThroughputSample');
    const recordedAt = new Date().toISOString().slice(11, 23);
    await eventually(
      () => result().innerText(),
      (text) => text.includes('Live press'),
      // GraphiQL renders the event after a round trip through the socket and React; inside the full
      // suite on two cores that took over 10 s once in ten runs.
      { what: 'the subscription event in the result pane', timeout: 30_000 },
    ).catch((error: Error) => {
      const listeners = t.app.services.live.hub.stats().listeners;
      throw new Error(`${error.message}\nsample recorded at ${recordedAt}; hub listeners now ${listeners}\n${frames.join('\n')}`);
    });
    expect(b.blocked).toEqual([]);
  });

  it('routes by the operation actually sent: subscriptions to the socket, everything else to HTTP', async () => {
    await openGraphiQL();
    const cases = JSON.stringify(ROUTING_CASES.map(([doc, name]) => [doc, name]));
    const kinds = await importInPage(b.page, 'operation-kind.js', `${cases}.map(([doc, name]) => m.operationKind(doc, name))`);
    expect(kinds).toEqual(ROUTING_CASES.map(([, , kind]) => kind));
  });
});

const ROUTING_CASES: [string, string | null, string | null][] = [
  ['{ viewer { subject } }', null, 'query'],
  ['subscription S { throughputUpdated { cursor } }', null, 'subscription'],
  ['# subscription {\nquery Q($x: String = "subscription {") { viewer { subject } }', null, 'query'],
  ['query A { a } subscription B { b }', 'B', 'subscription'],
  ['query A { a } subscription B { b }', null, null],
  ['fragment F on X { a { b } } mutation M { m { ...F } }', null, 'mutation'],
  ['"""subscription { """ subscription { x }', null, 'subscription'],
  // A stale name from the editor's debounced parse: the document's only operation runs.
  ['subscription Throughput { x }', 'Portfolio', 'subscription'],
];
const CREATE_OPERATION = `mutation ($input: CreateOperationInput!) { createOperation(input: $input) { ... on Operation { id } } }`;
const CREATE_PROCESS = `mutation ($input: CreateProcessInput!) { createProcess(input: $input) { ... on Process { id } } }`;
const CREATE_PERSON = `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { ... on Person { id } } }`;
const ALLOCATE_PERSON = `mutation ($input: AllocatePersonInput!) { allocatePerson(input: $input) { __typename } }`;
const FIRST_OPERATION = `{ operations(first: 1) { edges { node { id } } } }`;
const RECORD = `mutation ($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename ... on ErrorResult { code message } } }`;
