/**
 * `npm run bench` — issue 7's benchmark suite. Starts the real app (and each baseline) as child
 * processes on loopback, seeds named data scales, warms up, measures rounds, and writes
 * bench/RESULTS.md and bench/results.json.
 *
 * Flags:
 *   --scale small|large   only this scale (default: small for every scenario, then large for #2
 *                         and #9 while the budget allows)
 *   --only 1,7,8          only these scenarios
 *   --rounds N            measured rounds per variant, median reported (default 3)
 *   --seconds N           seconds per measured round (default 4)
 *   --budget N            global deadline in seconds (default 600); a scenario whose estimate no
 *                         longer fits is skipped and listed as such in RESULTS.md
 *   --db sqlite,mariadb   engines (default both; MariaDB is dropped with a note if unreachable);
 *                         scenarios that measure each engine on its own run once per engine
 *   --baseline-ref REF    also start the app of git ref REF (e.g. 6b4d85b) from a detached
 *                         worktree in a temp dir (node_modules symlinked; removed at exit, also on
 *                         Ctrl-C) beside the current one, in interleaved rounds whose order
 *                         alternates, and report both sides and current ÷ baseline naming REF's
 *                         commit. Supported by #2 (current jit vs baseline jit), #4 and #9; the
 *                         others say the flag does not apply and run as usual. Each side gets its
 *                         own database, the baseline's made by its own migrations.
 *   --fresh               start RESULTS.md over: by default every result this run does not
 *                         produce (other scenarios, scales, engines, the baseline comparison or
 *                         the plain run) is kept from the previous bench/results.json, each with
 *                         its own date, command and commit; a scenario skipped for time keeps its
 *                         last figures with a note
 *   --merge               accepted for old commands; keeping is now the default (a no-op)
 *
 * Issue 17's before/after on SQLite, for example:
 *   npm run bench -- --only 2,4,9 --db sqlite --scale small --baseline-ref 6b4d85b
 */
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Bench, BENCH_LIMIT_OVERRIDES, type BenchOptions, type ScaleName } from './lib/bench';
import { createBaselineTree, currentCommit, describeBaseline, removeBaselineTree } from './lib/baseline';
import { formatNumber } from './lib/stats';
import { machineInfo, mergeResults, readPreviousReport, writeReports, type ScenarioResult } from './lib/report';
import { mariadbAvailable, mariadbVersion, type DbKind } from './seed';
import type { Scenario } from './scenarios/types';
import { trivialQuery } from './scenarios/01-trivial-query';
import { dashboard } from './scenarios/02-dashboard';
import { sqlPerRequestScenario } from './scenarios/03-sql-per-request';
import { fanoutThroughput } from './scenarios/04-fanout-throughput';
import { fanoutLatency } from './scenarios/05-fanout-latency';
import { subscriberMemory } from './scenarios/06-subscriber-memory';
import { ingestBatch } from './scenarios/07-ingest-batch';
import { ingestSingle } from './scenarios/08-ingest-single';
import { growth } from './scenarios/09-growth';
import { liveness } from './scenarios/10-liveness';
import { postgraphilePeer } from './scenarios/11-postgraphile';

const SCENARIOS: Scenario[] = [
  trivialQuery,
  dashboard,
  sqlPerRequestScenario,
  fanoutThroughput,
  fanoutLatency,
  subscriberMemory,
  ingestBatch,
  ingestSingle,
  growth,
  liveness,
  postgraphilePeer,
];
/** Scenarios that also run at the large scale in the default run, when time allows. */
const LARGE_BY_DEFAULT = [2, 9];

function parseArgs(argv: string[]) {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"`);
    const [key, inline] = arg.slice(2).split('=', 2);
    if (key === 'merge' || key === 'fresh') {
      flags.set(key, 'true');
      continue;
    }
    flags.set(key, inline ?? argv[++i] ?? '');
  }
  const known = new Set(['scale', 'only', 'rounds', 'seconds', 'budget', 'db', 'merge', 'fresh', 'baseline-ref']);
  for (const key of flags.keys()) if (!known.has(key)) throw new Error(`Unknown flag --${key}`);
  const scale = flags.get('scale');
  if (scale !== undefined && scale !== 'small' && scale !== 'large') throw new Error('--scale must be small or large');
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer ${min}–${max}`);
    return n;
  };
  const only = flags
    .get('only')
    ?.split(',')
    .map((s) => Number(s.trim()));
  if (only?.some((n) => !SCENARIOS.some((s) => s.id === n))) throw new Error(`--only takes scenario numbers 1–${SCENARIOS.length}`);
  const databases = (flags.get('db') ?? 'sqlite,mariadb').split(',').map((s) => s.trim()) as DbKind[];
  if (databases.some((d) => d !== 'sqlite' && d !== 'mariadb')) throw new Error('--db takes sqlite and/or mariadb');
  const baselineRef = flags.get('baseline-ref');
  if (baselineRef !== undefined && !/^[\w./^~@{}-]+$/.test(baselineRef))
    throw new Error('--baseline-ref takes a git ref (e.g. 6b4d85b or main~3)');
  return {
    explicitScale: scale as ScaleName | undefined,
    fresh: flags.has('fresh'),
    options: {
      scales: scale ? [scale as ScaleName] : ['small', 'large'],
      only: only ?? null,
      rounds: int('rounds', 3, 1, 20),
      roundSeconds: int('seconds', 4, 1, 60),
      budgetSeconds: int('budget', 600, 30, 7200),
      databases,
      baselineRef: baselineRef ?? null,
    } satisfies BenchOptions,
  };
}

/**
 * Results of an older runner (before per-engine results): a per-database scenario's rows split by
 * engine (variants start with "SQLite" / "MariaDB"), so a run on one engine replaces only its own.
 */
function upgradePrevious(results: ScenarioResult[]): ScenarioResult[] {
  return results.flatMap((result) => {
    const scenario = SCENARIOS.find((s) => s.id === result.id);
    if (!scenario?.perDatabase || result.databases) return [result];
    return (['sqlite', 'mariadb'] as DbKind[])
      .map((db) => ({
        ...result,
        databases: [db],
        rows: result.rows.filter((row) => row.variant.startsWith(db === 'sqlite' ? 'SQLite' : 'MariaDB')),
      }))
      .filter((split) => split.rows.length > 0 || result.rows.length === 0);
  });
}

async function main() {
  const { explicitScale, fresh, options } = parseArgs(process.argv.slice(2));
  const previous = fresh ? null : readPreviousReport(__dirname);
  const bench = new Bench(options);
  await bench.init();
  const notes: string[] = [];
  if (options.databases.includes('mariadb') && !(await mariadbAvailable())) {
    options.databases = options.databases.filter((d) => d !== 'mariadb');
    notes.push('MariaDB was not reachable at BENCH_MYSQL_URL (default root@127.0.0.1:3306): ran on SQLite only.');
  }
  const jobs: { scenario: Scenario; scale: ScaleName; databases?: DbKind[] }[] = [];
  const selected = SCENARIOS.filter((s) => !options.only || options.only.includes(s.id));
  const addJobs = (scenario: Scenario, scale: ScaleName) => {
    if (!scenario.perDatabase) jobs.push({ scenario, scale });
    else for (const db of options.databases) jobs.push({ scenario, scale, databases: [db] });
  };
  for (const scenario of selected) addJobs(scenario, explicitScale ?? 'small');
  if (!explicitScale) {
    for (const scenario of selected) if (LARGE_BY_DEFAULT.includes(scenario.id)) addJobs(scenario, 'large');
  }
  if (options.baselineRef) {
    const supported = selected.filter((s) => s.supportsBaseline);
    for (const scenario of selected)
      if (!scenario.supportsBaseline) bench.log(`${scenario.id}: --baseline-ref does not apply to this scenario; it runs as usual`);
    if (supported.length) {
      bench.baseline = createBaselineTree(options.baselineRef);
      bench.log(`baseline ${describeBaseline(bench.baseline)}: worktree at ${bench.baseline.root}`);
    }
  }
  const commit = currentCommit();
  const machine = machineInfo({
    mariadb: (await mariadbVersion()) ?? 'not reachable',
    sqlite: (new Database(':memory:').prepare('select sqlite_version() as v').get() as { v: string }).v,
    loadavg: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  });
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const results: ScenarioResult[] = [];
  const kept = previous ? upgradePrevious(previous.results) : [];
  const write = () =>
    writeReports(
      __dirname,
      {
        command,
        startedAt: new Date(bench.startedAt).toISOString(),
        finishedAt: new Date().toISOString(),
        budgetSeconds: options.budgetSeconds,
        rounds: options.rounds,
        roundSeconds: options.roundSeconds,
        machine: {
          ...machine,
          'app settings': `NODE_ENV=production, LOG_LEVEL=warn, DATABASE_POOL_SIZE=10; lifted for one-client-simulates-many load: ${Object.entries(
            BENCH_LIMIT_OVERRIDES,
          )
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`,
          notes: notes.join(' ') || '—',
        },
      },
      mergeResults(results, kept),
    );

  bench.log(
    `${jobs.length} scenario runs, budget ${options.budgetSeconds} s, ${options.rounds} rounds × ${options.roundSeconds} s, databases: ${options.databases.join(', ')}, commit ${commit}${bench.baseline ? `, baseline ${bench.baseline.short}` : ''}${previous ? ', keeping the other results of bench/results.json' : ''}`,
  );
  for (const { scenario, scale, databases } of jobs) {
    const withBaseline = Boolean(bench.baseline && scenario.supportsBaseline);
    const result: ScenarioResult = {
      id: scenario.id,
      title: scenario.title,
      scale: scenario.scaled ? scale : '—',
      status: 'ok',
      rows: [],
      notes: [],
      limits: [],
      seconds: 0,
      ranAt: new Date().toISOString(),
      databases,
      baseline:
        withBaseline && bench.baseline
          ? { ref: bench.baseline.ref, sha: bench.baseline.sha, short: bench.baseline.short, subject: bench.baseline.subject }
          : undefined,
      commit,
      command,
      rounds: options.rounds,
      roundSeconds: options.roundSeconds,
    };
    results.push(result);
    // The scenario sees only its engine, and the baseline only if it supports one.
    const view = databases ? bench.narrowed(databases) : bench.narrowed(options.databases);
    if (!withBaseline) Object.defineProperty(view, 'baseline', { value: null });
    const label = `${scenario.id}${scenario.scaled ? ` [${scale}]` : ''}${databases ? ` [${databases.join(', ')}]` : ''}`;
    const estimate = scenario.estimateSeconds(view, scale);
    if (estimate > bench.remainingSeconds()) {
      result.status = 'skipped';
      result.reason = `global deadline: needs ~${Math.round(estimate)} s, ${Math.max(0, Math.round(bench.remainingSeconds()))} s left of the ${options.budgetSeconds} s budget`;
      bench.log(`skip ${label}: ${result.reason}`);
      write();
      continue;
    }
    bench.log(`start ${scenario.id}. ${scenario.title}${label.slice(String(scenario.id).length)} (estimate ${Math.round(estimate)} s)`);
    const started = performance.now();
    try {
      await scenario.run(view, scale, result);
    } catch (error) {
      result.status = 'failed';
      result.reason = (error as Error).message.slice(0, 1500);
      bench.log(`${scenario.id} failed: ${(error as Error).stack ?? result.reason}`);
    }
    result.seconds = (performance.now() - started) / 1000;
    bench.log(`done ${label} (${result.status}) in ${result.seconds.toFixed(0)} s`);
    for (const row of result.rows)
      if (result.baseline && row.ratio !== null)
        bench.log(
          `  ${row.variant}: current ${row.oursText ?? `${formatNumber(row.ours, 0)} ${row.unit}`} / baseline ${row.baselineText ?? `${formatNumber(row.baseline, 0)} ${row.unit}`} = ${row.ratio.toFixed(2)}×`,
        );
    write();
  }
  write();
  removeBaselineTree();
  bench.log(`wrote ${path.join('bench', 'RESULTS.md')} and ${path.join('bench', 'results.json')}`);
  const failed = results.filter((r) => r.status === 'failed').length;
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
