/**
 * `--baseline-ref <git ref>`: an earlier commit of this repository checked out as a detached
 * `git worktree` in a temporary directory, so scenarios can start its app beside the current one
 * and measure both in the same run. The worktree gets a symlink to this checkout's node_modules
 * (the baseline runs on today's installed packages) and is removed when the runner exits, also on
 * SIGINT/SIGTERM (children.ts exits the process on those, which runs the 'exit' hook here).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CpuUse } from './cpu';
import type { ResultRow } from './report';

/** The checkout the runner was started from. */
export const CURRENT_ROOT = path.join(__dirname, '..', '..');

export interface BaselineTree {
  /** The ref as given on the command line. */
  ref: string;
  sha: string;
  short: string;
  subject: string;
  /** The worktree's directory (its own src/, bench/lib/ and migrations). */
  root: string;
}

/** What results.json keeps of a baseline (the worktree itself is gone after the run). */
export type BaselineInfo = Omit<BaselineTree, 'root'>;

function git(args: string[], cwd = CURRENT_ROOT): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * The commit the results are measured on: HEAD's short sha, plus " + uncommitted changes" when the
 * tree differs from HEAD (the bench's own output files aside). "unknown" outside a git checkout.
 */
export function currentCommit(): string {
  try {
    const sha = git(['rev-parse', '--short', 'HEAD']);
    const dirty = git(['status', '--porcelain'])
      .split('\n')
      .filter((line) => line && !/ bench\/(RESULTS\.md|results\.json)$/.test(line));
    return dirty.length ? `${sha} + uncommitted changes` : sha;
  } catch {
    return 'unknown';
  }
}

/** "abc1234 "subject"" for RESULTS.md. */
export function describeBaseline(b: BaselineInfo): string {
  return `${b.short} "${b.subject}"`;
}

/** The subject cut to its first clause, for table cells. */
export function shortSubject(subject: string, max = 60): string {
  return subject.length > max ? `${subject.slice(0, max - 1)}…` : subject;
}

let removeHook: (() => void) | null = null;

/**
 * Checks `ref` out as a detached worktree in a temp dir (with node_modules symlinked from this
 * checkout) and returns where it is. Throws with git's message when the ref does not resolve.
 * Throws, leaving nothing behind, when the ref is too old to have bench/lib/app-process.ts.
 * Removed at exit; one tree per run (a second call replaces the first's removal hook).
 */
export function createBaselineTree(ref: string): BaselineTree {
  const sha = git(['rev-parse', '--verify', `${ref}^{commit}`]);
  const short = git(['rev-parse', '--short', sha]);
  const subject = git(['log', '-1', '--format=%s', sha]);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `opsgraph-bench-baseline-${short}-`));
  // `git worktree add` wants a missing or empty directory: mkdtemp gives an empty one.
  git(['worktree', 'add', '--detach', '--quiet', root, sha]);
  const remove = () => {
    // Unlink the node_modules symlink first, so nothing below can follow it into this checkout's.
    fs.rmSync(path.join(root, 'node_modules'), { force: true });
    try {
      git(['worktree', 'remove', '--force', root]);
    } catch {
      fs.rmSync(root, { recursive: true, force: true });
      try {
        git(['worktree', 'prune']);
      } catch {
        // Nothing more to do: `git worktree prune` later tidies up.
      }
    }
  };
  removeHook = remove;
  process.once('exit', remove);
  fs.symlinkSync(path.join(CURRENT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  if (!treeHas(root, 'bench', 'lib', 'app-process.ts')) {
    removeBaselineTree();
    throw new Error(`--baseline-ref ${ref} (${short}) has no bench/lib/app-process.ts: the runner cannot start its app`);
  }
  return { ref, sha, short, subject, root };
}

/** Removes the worktree now (the runner calls it when it is done; the exit hook covers the rest). */
export function removeBaselineTree() {
  if (!removeHook) return;
  const remove = removeHook;
  removeHook = null;
  process.removeListener('exit', remove);
  remove();
}

/** True when the file exists in the tree at `root` (older trees may lack newer entries). */
export function treeHas(root: string, ...parts: string[]): boolean {
  return fs.existsSync(path.join(root, ...parts));
}

/** The two sides of a baseline comparison in round `r`: the order alternates so drift hits both alike. */
export function alternate<T>(r: number, sides: T[]): T[] {
  return r % 2 ? [...sides].reverse() : sides;
}

/** One side of a `--baseline-ref` comparison: its median and the CPU of each measured round. */
export interface ComparedSide {
  value: number;
  cpu: Record<string, CpuUse>[];
}

/**
 * The result row of a `--baseline-ref` comparison: current ÷ baseline, no target of its own, and
 * each side's CPU from its middle round.
 */
export function againstBaselineRow(
  baseline: BaselineInfo,
  row: { variant: string; unit: string; current: ComparedSide; base: ComparedSide; details: Record<string, unknown> },
): ResultRow {
  const middle = (cpu: Record<string, CpuUse>[]) => cpu[Math.floor(cpu.length / 2)];
  return {
    variant: row.variant,
    baselineLabel: `baseline ${baseline.short}, same run`,
    baseline: row.base.value,
    ours: row.current.value,
    unit: row.unit,
    ratio: row.current.value / row.base.value,
    target: '—',
    met: null,
    cpu: { ours: middle(row.current.cpu), baseline: middle(row.base.cpu) },
    details: row.details,
  };
}
