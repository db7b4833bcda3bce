import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { dataOf, Role, startTestApp, type TestApp } from '../harness/app';

const ROOT = path.resolve(__dirname, '../..');

describe('the examples/ Apollo Client throughput table', () => {
  let t: TestApp;
  const leftovers: ChildProcess[] = [];
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterEach(() => {
    for (const child of leftovers.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('subscribes over graphql-ws and prints a live table row for each recorded sample', async () => {
    const op = dataOf(await t.gql(CREATE_OPERATION, { input: { name: 'Example line' } })).createOperation;
    const proc = dataOf(
      await t.gql(CREATE_PROCESS, {
        input: { operationId: op.id, name: 'Example press', unit: 'units', status: 'RUNNING', targetRatePerHour: 60 },
      }),
    ).createProcess;

    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'examples/throughput-table.ts', '--max-events', '2'], {
      cwd: ROOT,
      env: { ...process.env, OPSGRAPH_URL: t.url, OPSGRAPH_TOKEN: await t.token(Role.VIEWER), NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    leftovers.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    // Record a sample every half second until the client has seen two and exits by itself.
    let minutesAgo = 30;
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      if (stdout.includes('Subscribed')) {
        const end = new Date(Date.now() - minutesAgo-- * 60_000);
        const input = {
          processId: proc.id,
          periodStart: new Date(end.getTime() - 60_000).toISOString(),
          periodEnd: end.toISOString(),
          goodUnits: 30,
          rejectedUnits: 0,
        };
        expect(dataOf(await t.gql(RECORD, { input }, Role.OPERATOR)).recordThroughput.__typename).toBe('ThroughputSample');
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    expect({ code: await exited, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`Watching Example line (${op.id})`); // read through ... on Node { id }
    expect(stdout).toMatch(/process\s+good units\s+attainment\s+OEE\s+last sample/);
    expect(stdout).toMatch(/Example press\s+\d+\s+\d+\.\d %/);
  }, 60_000);
});

const CREATE_OPERATION = `mutation ($input: CreateOperationInput!) { createOperation(input: $input) { ... on Operation { id } } }`;
const CREATE_PROCESS = `mutation ($input: CreateProcessInput!) { createProcess(input: $input) { ... on Process { id } } }`;
const RECORD = `mutation ($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename ... on ErrorResult { code message } } }`;
