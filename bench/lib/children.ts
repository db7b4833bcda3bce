/**
 * Forks benchmark child processes (TypeScript entries run through @swc-node/register) and talks
 * to them over IPC. Every child started here is remembered and killed by its pid when the runner
 * exits, so an interrupted benchmark leaves nothing running.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ChildReply } from './child-protocol';

const live = new Set<ChildProcess>();

function killAll() {
  for (const child of live) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export interface ChildStats {
  cpuUserMs: number;
  cpuSystemMs: number;
  rss: number;
  heapUsed: number;
  [key: string]: unknown;
}

/** A running child: its pid, the URL it printed (if any), and request/stop over IPC. */
export class BenchChild {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  url = '';
  private stderrTail = '';

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.on('message', (message: ChildReply & { type?: string }) => {
      if (typeof message?.id !== 'number') return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${name}: ${message.error}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
    });
    child.on('exit', () => {
      live.delete(child);
      for (const [, waiter] of this.pending) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`${name} exited (code ${child.exitCode}); stderr: ${this.stderrTail.slice(-800)}`));
      }
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get stderr(): string {
    return this.stderrTail;
  }

  /** Sends `{ cmd, ...args }` and resolves with the child's result; rejects after `timeoutMs`. */
  request<T = unknown>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (!this.child.connected) return reject(new Error(`${this.name} is not running; stderr: ${this.stderrTail.slice(-800)}`));
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: "${cmd}" timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.child.send({ id, cmd, ...args });
    });
  }

  stats(): Promise<ChildStats> {
    return this.request<ChildStats>('stats', {}, 15_000);
  }

  /** Asks the child to stop cleanly; kills it if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request('stop', {}, graceMs);
    } catch {
      // Fall through to the kill below.
    }
    const timer = setTimeout(() => {
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** The V8 flags of `npm start` in the tree at `root` (its package.json), so the measured app runs as it is shipped. */
export function appNodeFlags(root: string): string[] {
  try {
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } }).scripts;
    return (scripts?.start?.match(/--max-[a-z-]+=\d+/g) ?? []).filter((flag) => !flag.startsWith('--max-old-space-size'));
  } catch {
    return [];
  }
}

/** This checkout: entries are forked from its bench/lib unless `root` names another tree. */
const OWN_ROOT = path.join(__dirname, '..', '..');

/**
 * Forks `entry` (a .ts file under bench/lib) and waits for its `{ type: 'ready', url? }` message.
 * With `root` (another checkout, e.g. the `--baseline-ref` worktree) the entry is that tree's
 * bench/lib/<entry>, run with its cwd there, so it loads that tree's src/ and tsconfig.
 * Rejects if it exits or does not become ready within `readyTimeoutMs`.
 */
export async function startChild(
  name: string,
  entry: string,
  options: {
    env?: Record<string, string>;
    args?: string[];
    exposeGc?: boolean;
    readyTimeoutMs?: number;
    maxOldSpaceMb?: number;
    root?: string;
  } = {},
): Promise<BenchChild> {
  const execArgv = ['-r', '@swc-node/register'];
  if (options.exposeGc) execArgv.push('--expose-gc');
  if (options.maxOldSpaceMb) execArgv.push(`--max-old-space-size=${options.maxOldSpaceMb}`);
  // The app runs with the V8 flags `npm start` gives it (the young-generation size, see README "Performance").
  const root = options.root ?? OWN_ROOT;
  if (entry === 'app-process.ts') execArgv.push(...appNodeFlags(root));
  // BENCH_CPU_PROF=<dir>: the app children write a V8 CPU profile there when they exit (Node does
  // not accept --cpu-prof in NODE_OPTIONS).
  if (process.env.BENCH_CPU_PROF && entry === 'app-process.ts') execArgv.push('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`);
  const child = fork(path.join(root, 'bench', 'lib', entry), options.args ?? [], {
    cwd: root,
    execArgv,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  live.add(child);
  const bench = new BenchChild(name, child);
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  bench.url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms; stderr: ${bench.stderr.slice(-1500)}`));
    }, timeoutMs);
    const onMessage = (message: { type?: string; url?: string }) => {
      if (message?.type !== 'ready') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message.url ?? '');
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready; stderr: ${bench.stderr.slice(-1500)}`));
    });
  });
  return bench;
}
