/** Result types shared by the scenarios, and the writer of bench/RESULTS.md and bench/results.json. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CpuUse } from './cpu';
import type { BaselineInfo } from './baseline';
import { formatNumber } from './stats';
import type { DbKind } from '../seed';

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
  /** When the scenario started (results kept from earlier runs keep their own). */
  ranAt?: string;
  /** The engine it ran on, for scenarios the runner runs once per database (`perDatabase`). */
  databases?: DbKind[];
  /** The `--baseline-ref` commit it was measured against, when it was. */
  baseline?: BaselineInfo;
  /** HEAD's short sha when it ran, with " + uncommitted changes" if the tree was dirty. */
  commit?: string;
  /** The command that ran it, and its rounds (results kept from earlier runs keep their own). */
  command?: string;
  rounds?: number;
  roundSeconds?: number;
}

const DB_LABEL: Record<DbKind, string> = { sqlite: 'SQLite', mariadb: 'MariaDB' };

/**
 * What identifies a result among those kept in results.json: scenario, scale, the engine of a
 * per-database scenario, and whether it was a `--baseline-ref` comparison (the latest comparison
 * and the latest plain run are both kept).
 */
export function resultKey(r: ScenarioResult): string {
  return `${r.id}:${r.scale}:${r.databases?.join('+') ?? ''}:${r.baseline ? 'baseline' : ''}`;
}

/** "small, SQLite, vs 6b4d85b": what sets a result apart, for titles. */
export function scopeOf(r: ScenarioResult): string {
  const parts = [r.scale];
  if (r.databases?.length) parts.push(r.databases.map((d) => DB_LABEL[d]).join(', '));
  if (r.baseline) parts.push(`vs ${r.baseline.short}`);
  return parts.join(', ');
}

export interface RunInfo {
  command: string;
  startedAt: string;
  finishedAt: string;
  budgetSeconds: number;
  rounds: number;
  roundSeconds: number;
  machine: Record<string, string | number>;
  /** Written by older runners (`--merge`); each result now carries its own command, date and commit. */
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
 * This run's results plus the earlier ones it did not repeat (same `resultKey`), in report order:
 * small or unscaled by number, then large; SQLite before MariaDB; a plain run before its baseline
 * comparison. A scenario this run skipped for time keeps its earlier figures, with a note saying so.
 * Each result is still measured against the baselines of its own run.
 */
export function mergeResults(current: ScenarioResult[], previous: ScenarioResult[]): ScenarioResult[] {
  const earlier = new Map(previous.map((r) => [resultKey(r), r]));
  const merged: ScenarioResult[] = [];
  for (const result of current) {
    const before = earlier.get(resultKey(result));
    earlier.delete(resultKey(result));
    if (result.status === 'skipped' && before && before.status === 'ok') {
      merged.push({
        ...before,
        notes: [
          `Kept from an earlier run: \`${result.command ?? 'a later run'}\` (started ${result.ranAt ?? '?'}) skipped it: ${result.reason ?? 'no reason given'}`,
          ...before.notes.filter((n) => !n.startsWith('Kept from an earlier run:')),
        ],
      });
    } else merged.push(result);
  }
  merged.push(...earlier.values());
  const rank = (r: ScenarioResult) =>
    (r.scale === 'large' ? 100_000 : 0) +
    r.id * 100 +
    (r.databases?.[0] === 'mariadb' ? 10 : 0) +
    (r.databases && r.databases.length > 1 ? 20 : 0) +
    (r.baseline ? 1 : 0);
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
  lines.push(`Last written by \`${info.command}\` (bench/run.ts). Started ${info.startedAt}, finished ${info.finishedAt}.`);
  lines.push(
    'Results this command did not produce are kept from earlier runs (`--fresh` starts over): the `ran` column and each section below say when, by which command and on which commit each one ran.',
  );
  lines.push(
    `This run: medians of ${info.rounds} measured rounds of ${info.roundSeconds} s each after a warm-up; global budget ${info.budgetSeconds} s. All traffic on loopback.`,
    '',
  );
  lines.push('## Machine (this run)', '');
  for (const [key, value] of Object.entries(info.machine)) lines.push(`- ${key}: ${value}`);
  lines.push('', '## Summary', '');
  lines.push('| # | scenario | variant | baseline | ours | ratio | target | met | ran |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const result of results) {
    const ran = `${result.ranAt?.slice(0, 16).replace('T', ' ') ?? '?'} ${result.commit ?? '(commit not recorded)'}`;
    if (result.status !== 'ok' || result.rows.length === 0) {
      lines.push(
        `| ${result.id} | ${result.title} (${scopeOf(result)}) | — | — | — | — | — | ${result.status}${result.reason ? `: ${result.reason.replace(/\|/g, '\\|').slice(0, 200)}` : ''} | ${ran} |`,
      );
      continue;
    }
    for (const row of result.rows) {
      const baselineValue = row.baselineText ?? (row.baselineLabel ? `${row.baselineLabel}: ${cell(row.baseline, row.unit)}` : '—');
      // A baseline comparison names the commit in the cell: the figures beside it are that commit's.
      const baseline = result.baseline && row.baselineText ? `${result.baseline.short}: ${baselineValue}` : baselineValue;
      const rounds = row.details?.rounds as { total: number }[] | undefined;
      const noResponse = rounds?.length && rounds.every((r) => r.total === 0);
      const ours = noResponse
        ? `no response completed within a ${result.roundSeconds ?? info.roundSeconds} s round`
        : (row.oursText ?? cell(row.ours, row.unit));
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
        `| ${result.id} | ${result.title} (${scopeOf(result)}) | ${row.variant} | ${baseline} | ${ours} | ${ratio} | ${row.target} | ${met} | ${ran} |`,
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
      lines.push(
        `| ${result.id} (${scopeOf(result)}) | ${row.variant} | ${cpuText(row.cpu.ours) || '—'} | ${cpuText(row.cpu.baseline) || '—'} |`,
      );
    }
  }
  lines.push('', '## Notes and limits per scenario', '');
  const limitsShown = new Map<number, { where: string; text: string }>();
  for (const result of results) {
    lines.push(
      `### ${result.id}. ${result.title} (${scopeOf(result)}) — ${result.status}, ${result.seconds.toFixed(0)} s${result.ranAt ? `, started ${result.ranAt}` : ''}, commit ${result.commit ?? 'not recorded'}`,
      '',
    );
    if (result.command)
      lines.push(
        `- Ran by \`${result.command}\`${result.rounds ? `: medians of ${result.rounds} rounds of ${result.roundSeconds} s` : ''}.`,
      );
    if (result.baseline)
      lines.push(
        `- Baseline: commit ${result.baseline.short} "${result.baseline.subject}" (\`--baseline-ref ${result.baseline.ref}\`), started from a worktree of it in the same run; ratio = current ÷ baseline.`,
      );
    if (result.reason) lines.push(`- ${result.status}: ${result.reason}`);
    for (const note of result.notes) lines.push(`- ${note}`);
    // A scenario's limits are the same text in each of its sections: written out once.
    const limits = result.limits.join('\n');
    const shown = limitsShown.get(result.id);
    if (limits && shown?.text === limits) lines.push(`- Limits: as in ${shown.where} above.`);
    else {
      for (const limit of result.limits) lines.push(`- Limit: ${limit}`);
      if (limits) limitsShown.set(result.id, { where: `#${result.id} (${scopeOf(result)})`, text: limits });
    }
    lines.push('');
  }
  fs.writeFileSync(path.join(dir, 'RESULTS.md'), `${lines.join('\n')}\n`);
}
