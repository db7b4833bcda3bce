/** Result types shared by the scenarios, and the writer of bench/RESULTS.md and bench/results.json. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CpuUse } from './cpu';
import { formatNumber } from './stats';

export interface ResultRow {
  /** What distinguishes this row inside its scenario, e.g. "MariaDB, large" or "5,000 subscribers". */
  variant: string;
  baselineLabel: string;
  baseline: number | null;
  ours: number | null;
  unit: string;
  /** ours ÷ baseline (null when there is no baseline). */
  ratio: number | null;
  target: string;
  /** Whether the target is met; null when this row has no target of its own. */
  met: boolean | null;
  /** CPU per process during the measured rounds (ours / baseline), % of one core. */
  cpu?: { ours?: Record<string, CpuUse>; baseline?: Record<string, CpuUse> };
  /** Per-round values and anything else worth keeping in the JSON. */
  details?: Record<string, unknown>;
  /** Overrides for the table cells when a number is not the right shape. */
  oursText?: string;
  baselineText?: string;
}

export type ScenarioStatus = 'ok' | 'skipped' | 'not available yet' | 'failed';

export interface ScenarioResult {
  id: number;
  title: string;
  scale: string;
  status: ScenarioStatus;
  reason?: string;
  rows: ResultRow[];
  notes: string[];
  limits: string[];
  seconds: number;
  /** When the scenario started (runs merged with --merge keep their own). */
  ranAt?: string;
}

export interface RunInfo {
  command: string;
  startedAt: string;
  finishedAt: string;
  budgetSeconds: number;
  rounds: number;
  roundSeconds: number;
  machine: Record<string, string | number>;
  /** Earlier runs whose scenarios were kept by `--merge` (those not re-run). */
  mergedFrom?: { command: string; startedAt: string; finishedAt: string }[];
}

/** The results of an earlier run, as written to results.json (null when there is none). */
export function readPreviousReport(dir: string): { info: RunInfo; results: ScenarioResult[] } | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as { info: RunInfo; results: ScenarioResult[] };
  } catch {
    return null;
  }
}

/**
 * This run's results plus an earlier run's scenarios that this run did not repeat (same id and
 * scale), in report order: every small or unscaled scenario by number, then the large ones.
 * Each scenario is still measured against baselines of its own run.
 */
export function mergeResults(current: ScenarioResult[], previous: ScenarioResult[]): ScenarioResult[] {
  const key = (r: ScenarioResult) => `${r.id}:${r.scale}`;
  const rerun = new Set(current.map(key));
  const merged = [...current, ...previous.filter((r) => !rerun.has(key(r)))];
  const rank = (r: ScenarioResult) => (r.scale === 'large' ? 1000 : 0) + r.id;
  return merged.sort((a, b) => rank(a) - rank(b));
}

export function machineInfo(extra: Record<string, string | number>): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ...extra,
  };
}

function cpuText(cpu: Record<string, CpuUse> | undefined): string {
  if (!cpu) return '';
  return Object.entries(cpu)
    .filter(([, use]) => use.seconds > 0.005)
    .map(([name, use]) => `${name} ${use.percent}%`)
    .join(', ');
}

function cell(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return `${formatNumber(value, digits)} ${unit}`.trim();
}

/** Writes RESULTS.md (human) and results.json (everything) next to this folder's run.ts. */
export function writeReports(dir: string, info: RunInfo, results: ScenarioResult[]) {
  fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify({ info, results }, null, 2)}\n`);
  const lines: string[] = [];
  lines.push('# opsgraph benchmark results', '');
  lines.push(`Written by \`${info.command}\` (bench/run.ts). Started ${info.startedAt}, finished ${info.finishedAt}.`);
  for (const earlier of info.mergedFrom ?? []) {
    lines.push(
      `Merged (\`--merge\`) with the scenarios this run did not repeat from \`${earlier.command}\` (started ${earlier.startedAt}, finished ${earlier.finishedAt}); each section below says when it ran.`,
    );
  }
  lines.push(
    `Medians of ${info.rounds} measured rounds of ${info.roundSeconds} s each after a warm-up; global budget ${info.budgetSeconds} s. All traffic on loopback.`,
    '',
  );
  lines.push('## Machine', '');
  for (const [key, value] of Object.entries(info.machine)) lines.push(`- ${key}: ${value}`);
  lines.push('', '## Summary', '');
  lines.push('| # | scenario | variant | baseline | ours | ratio | target | met |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const result of results) {
    if (result.status !== 'ok' || result.rows.length === 0) {
      lines.push(
        `| ${result.id} | ${result.title} (${result.scale}) | — | — | — | — | — | ${result.status}${result.reason ? `: ${result.reason.replace(/\|/g, '\\|').slice(0, 200)}` : ''} |`,
      );
      continue;
    }
    for (const row of result.rows) {
      const baseline = row.baselineText ?? (row.baselineLabel ? `${row.baselineLabel}: ${cell(row.baseline, row.unit)}` : '—');
      const rounds = row.details?.rounds as { total: number }[] | undefined;
      const noResponse = rounds?.length && rounds.every((r) => r.total === 0);
      const ours = noResponse ? `no response completed within a ${info.roundSeconds} s round` : (row.oursText ?? cell(row.ours, row.unit));
      const ratio = row.ratio === null || !Number.isFinite(row.ratio) ? '—' : `${row.ratio.toFixed(2)}×`;
      const met =
        noResponse && row.target.startsWith('p99 ≤ 50 ms')
          ? row.met === null
            ? '—'
            : '**no**'
          : row.met === null
            ? '—'
            : row.met
              ? 'yes'
              : '**no**';
      lines.push(
        `| ${result.id} | ${result.title} (${result.scale}) | ${row.variant} | ${baseline} | ${ours} | ${ratio} | ${row.target} | ${met} |`,
      );
    }
  }
  lines.push('', '## CPU used per process during the measured rounds', '');
  lines.push(
    'Average % of one core over the measured time (this machine has 2 cores, so 200 % is everything). `runner` is the load generator (autocannon, the producer, or the raw baseline client); `db` is the MariaDB server.',
    '',
  );
  lines.push('| # | variant | ours | baseline |');
  lines.push('|---|---|---|---|');
  for (const result of results) {
    for (const row of result.rows) {
      if (!row.cpu) continue;
      lines.push(`| ${result.id} | ${row.variant} | ${cpuText(row.cpu.ours) || '—'} | ${cpuText(row.cpu.baseline) || '—'} |`);
    }
  }
  lines.push('', '## Notes and limits per scenario', '');
  for (const result of results) {
    lines.push(
      `### ${result.id}. ${result.title} (${result.scale}) — ${result.status}, ${result.seconds.toFixed(0)} s${result.ranAt ? `, started ${result.ranAt}` : ''}`,
      '',
    );
    if (result.reason) lines.push(`- ${result.status}: ${result.reason}`);
    for (const note of result.notes) lines.push(`- ${note}`);
    for (const limit of result.limits) lines.push(`- Limit: ${limit}`);
    lines.push('');
  }
  fs.writeFileSync(path.join(dir, 'RESULTS.md'), `${lines.join('\n')}\n`);
}
