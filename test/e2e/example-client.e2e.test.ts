import { spawn } from 'node:child_process';
import path from 'node:path';
import { dataOf, Role } from '../harness/app';
import { RECORD_THROUGHPUT } from '../harness/documents';
import { createOperation, createProcess } from '../harness/factories';
import { describeApp } from '../harness/suite';

const ROOT = path.resolve(__dirname, '../..');

describeApp('the examples/ Apollo Client throughput table', { databases: ['sqlite'] }, ({ t, leftovers }) => {
  it('subscribes over graphql-ws and prints a live table row for each recorded sample', async () => {
    const op = await createOperation(t, { name: 'Example line' });
    const proc = await createProcess(t, { operationId: op.id, name: 'Example press' });

    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'examples/throughput-table.ts', '--max-events', '2'], {
      cwd: ROOT,
      env: { ...process.env, OPSGRAPH_URL: t.url, OPSGRAPH_TOKEN: await t.token(Role.VIEWER), NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    leftovers.push(() => child.exitCode === null && child.kill('SIGKILL'));
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
        expect(dataOf(await t.gql(RECORD_THROUGHPUT, { input }, Role.OPERATOR)).recordThroughput.__typename).toBe('ThroughputSample');
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    expect({ code: await exited, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`Watching Example line (${op.id})`); // read through ... on Node { id }
    expect(stdout).toMatch(/process\s+good units\s+attainment\s+OEE\s+last sample/);
    expect(stdout).toMatch(/Example press\s+\d+\s+\d+\.\d %/);
  }, 60_000);
});
