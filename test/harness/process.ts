import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from './wait';

const ROOT = path.resolve(__dirname, '../..');

/** `npm start`'s entry running as a real process: its output so far and how it ended. */
export interface MainProcess {
  child: ChildProcess;
  /** Everything it printed, stdout and stderr, in order. */
  output: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** The arguments `npm start` gives node (package.json's start script without its leading `node`). */
export function startArguments(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node`);
  return args;
}

/** Runs src/main.ts as `npm start` does (node with its flags) from the repository, with `env` on top of this process's environment. */
export function startMain(env: Record<string, string>): MainProcess {
  const child = spawn(process.execPath, startArguments(), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

/** Waits until `url`'s /readyz answers 200. */
export function whenReady(url: string, timeoutMs = 30_000, what = 'the app process to be ready'): Promise<void> {
  return eventually(async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200, timeoutMs, what);
}

/** POSTs GraphQL documents to `url`/graphql with a bearer token: the harness factories need an in-process app, these do not. */
export function graphqlPoster(url: string) {
  return async (query: string, variables: Record<string, unknown>, token: string) => {
    const r = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: r.status, json: (await r.json()) as any };
  };
}
