import fs from 'node:fs';
import path from 'node:path';
import { appNodeFlags } from '../bench/lib/children';
import { startArguments } from './harness/process';

const ROOT = path.resolve(__dirname, '..');

/**
 * Issue 16: the GC setting chosen by measurement (`--max-semi-space-size=32`, README "Performance")
 * is set in `npm start`, the Dockerfile and the bench's app processes alike, and the tests that run
 * `npm start`'s entry as a process (test/harness/process.ts) run it with the same flags.
 */
describe('node flags of the running app', () => {
  it('npm start sets the young-generation size chosen by measurement', () => {
    expect(startArguments()).toEqual(['--max-semi-space-size=32', '-r', '@swc-node/register', 'src/main.ts']);
  });

  it("the Dockerfile's CMD runs node with exactly npm start's arguments", () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    expect(cmd).toEqual(['node', ...startArguments()]);
  });

  it("the bench's app processes get npm start's V8 flags", () => {
    expect(appNodeFlags(ROOT)).toEqual(startArguments().filter((arg) => arg.startsWith('--max-')));
  });
});
