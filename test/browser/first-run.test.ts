import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, launchBrowser, watchNetwork, type NetworkLog, type TestBrowser } from './browser';

// Cold start under swc on a busy 2-core machine: compiling the app and seeding take a while.
jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');

/**
 * Settings that would make this run differ from a new user's: jest's NODE_ENV=test, the suites'
 * TEST_* and limit overrides, and anything else src/config.ts reads.
 */
const NOT_A_NEW_USERS =
  /^(NODE_ENV|TEST_|RATE_LIMIT|QUERY_|DATABASE_|JWT_|JWKS_|REDIS_|WS_|CORS_|EVENT_|SUBSCRIBER_|HEALTH_|THROUGHPUT_|INVENTORY_|IDEMPOTENCY_|SHUTDOWN_|OPERATION_TIMEOUT|MAX_BODY|SEED_DEMO|SIMULATOR|PRINT_DEMO|GRAPHIQL|INTROSPECTION|LOG_LEVEL|CURRENCY|HOST$|PORT$)/;

/**
 * A new user's first run, as the README says: `npm start` (= node -r @swc-node/register src/main.ts)
 * in a working directory of its own, so ./data/opsgraph.sqlite is new and the demo is seeded, with
 * no settings at all except PORT=0 (a free port instead of 4000). The dashboard must come up
 * complete and live, and nothing it asks for may be refused.
 */
describe('first run: npm start, then /dashboard', () => {
  let dir: string;
  let child: ChildProcess | null = null;
  let output = '';
  let b: TestBrowser;
  let network: NetworkLog;
  let printed: { api: string; graphiql: string; dashboard: string; tokens: Record<string, string> };

  /** POSTs to the printed API URL with one of the printed tokens. */
  async function api(role: string, query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(printed.api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${printed.tokens[role]}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) throw new Error(`${role}: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  beforeAll(async () => {
    // A fresh checkout's working directory: the sources and installed packages, no data/.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsgraph-first-run-'));
    for (const entry of ['package.json', 'tsconfig.json', 'src', 'node_modules'])
      fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!NOT_A_NEW_USERS.test(key)) env[key] = value;
    env.PORT = '0';
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`))),
    );
    const banner = eventually(
      async () => output,
      (text) => /Dashboard\s+http:\/\/\S+\/dashboard/.test(text) && /^\s+VIEWER\s+ey/m.test(text) && /^\s+ADMIN\s+ey/m.test(text),
      { timeout: 150_000, interval: 250, what: 'the start-up banner with URLs and tokens' },
    );
    await Promise.race([banner, exited]);
    const url = (label: string) => new RegExp(`^\\s+${label}\\s+(http://\\S+)`, 'm').exec(output)![1];
    const tokens: Record<string, string> = {};
    for (const [, role, token] of output.matchAll(/^\s+(VIEWER|OPERATOR|PROJECT_MANAGER|ADMIN)\s+(ey\S+)/gm)) tokens[role] = token;
    printed = { api: url('API'), graphiql: url('GraphiQL'), dashboard: url('Dashboard'), tokens };
    b = await launchBrowser();
    network = watchNetwork(b.page);
  });

  afterAll(async () => {
    await b?.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child!.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the API, GraphiQL and dashboard URLs on the port it really listens on, and a token per role', async () => {
    const port = new URL(printed.dashboard).port;
    expect(port).not.toBe('4000');
    expect(Number(port)).toBeGreaterThan(0);
    expect(new URL(printed.api).port).toBe(port);
    expect(new URL(printed.graphiql).pathname).toBe('/graphiql');
    expect(Object.keys(printed.tokens).sort()).toEqual(['ADMIN', 'OPERATOR', 'PROJECT_MANAGER', 'VIEWER']);
    expect(fs.existsSync(path.join(dir, 'data', 'opsgraph.sqlite'))).toBe(true);
    expect((await fetch(printed.graphiql)).status).toBe(200);
  });

  it('opens the dashboard signed in with the demo token and draws every process of every active operation', async () => {
    const operations = (await api('VIEWER', ACTIVE_OPERATIONS)).operations.edges.map((e: any) => e.node);
    const processes = operations.flatMap((op: any) => op.processes.edges.map((e: any) => ({ ...e.node, operation: op.name })));
    expect(operations.length).toBeGreaterThanOrEqual(3);
    expect(processes.length).toBeGreaterThanOrEqual(10);

    await b.page.goto(printed.dashboard);
    // Development: the page carries the demo token, as GraphiQL does; nobody has to paste one.
    await b.page.locator('#main').waitFor({ state: 'visible' });
    expect(await b.page.locator('#token-form').isHidden()).toBe(true);
    await b.page.locator('#connection[data-state="live"]').waitFor({ timeout: 120_000 });

    const drawn = async () => {
      const counts: Record<string, number> = {};
      for (const p of processes) {
        const chart = b.page.locator(`[data-process="${p.id}"] .chart`);
        const hasCanvas = (await chart.locator('canvas').count()) > 0;
        counts[`${p.operation} / ${p.name}`] = hasCanvas ? Number((await chart.getAttribute('data-drawn')) ?? 0) : 0;
      }
      // A failure the page will not retry cannot heal: stop waiting and say what it was.
      const final = await b.page.locator('#problem-list li[data-retryable="false"]').allInnerTexts();
      return { counts, final };
    };
    const seen = await eventually(drawn, ({ counts, final }) => final.length > 0 || Object.values(counts).every((n) => n > 0), {
      timeout: 120_000,
      interval: 1000,
      what: 'a drawn chart with data for every process',
    });
    expect(seen.final).toEqual([]);
    for (const op of operations) await b.page.locator('.operation h3', { hasText: op.name }).waitFor();
    for (const p of processes)
      await eventually(
        () => b.page.locator(`[data-process="${p.id}"] [data-kpi="oee"]`).innerText(),
        (text) => /\d+ %/.test(text),
        { what: `an OEE for ${p.name}` },
      );
  });

  it('moves a chart when a sample is recorded through the API with the printed OPERATOR token', async () => {
    const processes = (await api('VIEWER', ACTIVE_OPERATIONS)).operations.edges.flatMap((e: any) =>
      e.node.processes.edges.map((p: any) => p.node),
    );
    // The slowest process: the simulator reports it every 15 minutes, so it rarely writes at the same moment.
    const slowest = processes.sort((a: any, c: any) => a.targetRatePerHour - c.targetRatePerHour)[0];
    const chart = b.page.locator(`[data-process="${slowest.id}"] .chart`);
    let recordedEnd = '';
    await eventually(
      async () => {
        const last = (await api('VIEWER', LATEST_SAMPLE, { id: slowest.id })).process.samples.edges[0]?.node.periodEnd;
        const start = new Date(last ?? Date.now() - 60_000);
        const end = new Date();
        const goodUnits = Math.floor(((slowest.targetRatePerHour * (end.getTime() - start.getTime())) / 3_600_000) * 0.9);
        const result = (
          await api('OPERATOR', RECORD, {
            input: { processId: slowest.id, periodStart: start.toISOString(), periodEnd: end.toISOString(), goodUnits, rejectedUnits: 0 },
          })
        ).recordThroughput;
        if (result.__typename === 'ThroughputSample') recordedEnd = end.toISOString();
        return result; // SAMPLE_OVERLAP: the simulator wrote first; read its end and try again
      },
      (result) => result.__typename === 'ThroughputSample',
      { timeout: 60_000, interval: 500, what: 'a recorded sample' },
    );
    await eventually(
      () => chart.getAttribute('data-latest'),
      (latest) => latest === recordedEnd,
      { timeout: 60_000, what: 'the chart to show the recorded sample' },
    );
  });

  it('was refused nothing: no HTTP error, no GraphQL error, nothing in the status area', async () => {
    expect(await b.page.locator('#problem-list li').allInnerTexts()).toEqual([]);
    expect(network.refused).toEqual([]);
    expect(network.graphqlErrors).toEqual([]);
    expect(network.graphqlErrors.filter((e) => e.startsWith('RATE_LIMITED'))).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(b.blocked).toEqual([]);
  });
});

const ACTIVE_OPERATIONS = `{ operations(first: 20, filter: { status: [ACTIVE] }) { edges { node { id name processes(first: 50) { edges { node { id name targetRatePerHour } } } } } } }`;
const LATEST_SAMPLE = `query ($id: ID!) { process(id: $id) { ... on Process { samples(first: 1) { edges { node { periodEnd } } } } } }`;
const RECORD = `mutation ($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename ... on ErrorResult { code message } } }`;
