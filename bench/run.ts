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
 *   --db sqlite,mariadb   engines (default both; MariaDB is dropped with a note if unreachable)
 *   --merge               keep the scenarios of the previous bench/results.json that this run does
 *                         not repeat (e.g. `--only 9 --scale large --merge` adds the large growth
 *                         curve to a default run); each keeps its own date and same-run baselines
 */
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Bench, BENCH_LIMIT_OVERRIDES, type BenchOptions, type ScaleName } from './lib/bench';
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
    if (key === 'merge') {
      flags.set(key, 'true');
      continue;
    }
    flags.set(key, inline ?? argv[++i] ?? '');
  }
  const known = new Set(['scale', 'only', 'rounds', 'seconds', 'budget', 'db', 'merge']);
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
  return {
    explicitScale: scale as ScaleName | undefined,
    merge: flags.has('merge'),
    options: {
      scales: scale ? [scale as ScaleName] : ['small', 'large'],
      only: only ?? null,
      rounds: int('rounds', 3, 1, 20),
      roundSeconds: int('seconds', 4, 1, 60),
      budgetSeconds: int('budget', 600, 30, 7200),
      databases,
    } satisfies BenchOptions,
  };
}

async function main() {
  const { explicitScale, merge, options } = parseArgs(process.argv.slice(2));
  const previous = merge ? readPreviousReport(__dirname) : null;
  const bench = new Bench(options);
  await bench.init();
  const notes: string[] = [];
  if (options.databases.includes('mariadb') && !(await mariadbAvailable())) {
    options.databases = options.databases.filter((d) => d !== 'mariadb');
    notes.push('MariaDB was not reachable at BENCH_MYSQL_URL (default root@127.0.0.1:3306): ran on SQLite only.');
  }
  const jobs: { scenario: Scenario; scale: ScaleName }[] = [];
  const selected = SCENARIOS.filter((s) => !options.only || options.only.includes(s.id));
  for (const scenario of selected) jobs.push({ scenario, scale: explicitScale ?? 'small' });
  if (!explicitScale) {
    for (const scenario of selected) if (LARGE_BY_DEFAULT.includes(scenario.id)) jobs.push({ scenario, scale: 'large' });
  }
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
  const mergedFrom = previous
    ? [
        ...(previous.info.mergedFrom ?? []),
        { command: previous.info.command, startedAt: previous.info.startedAt, finishedAt: previous.info.finishedAt },
      ]
    : undefined;
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
        mergedFrom,
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
      previous ? mergeResults(results, previous.results) : results,
    );

  bench.log(
    `${jobs.length} scenario runs, budget ${options.budgetSeconds} s, ${options.rounds} rounds × ${options.roundSeconds} s, databases: ${options.databases.join(', ')}`,
  );
  for (const { scenario, scale } of jobs) {
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
    };
    results.push(result);
    const estimate = scenario.estimateSeconds(bench, scale);
    if (estimate > bench.remainingSeconds()) {
      result.status = 'skipped';
      result.reason = `global deadline: needs ~${Math.round(estimate)} s, ${Math.max(0, Math.round(bench.remainingSeconds()))} s left of the ${options.budgetSeconds} s budget`;
      bench.log(`skip ${scenario.id} (${scale}): ${result.reason}`);
      write();
      continue;
    }
    bench.log(`start ${scenario.id}. ${scenario.title}${scenario.scaled ? ` [${scale}]` : ''} (estimate ${Math.round(estimate)} s)`);
    const started = performance.now();
    try {
      await scenario.run(bench, scale, result);
    } catch (error) {
      result.status = 'failed';
      result.reason = (error as Error).message.slice(0, 1500);
      bench.log(`${scenario.id} failed: ${(error as Error).stack ?? result.reason}`);
    }
    result.seconds = (performance.now() - started) / 1000;
    bench.log(`done ${scenario.id} (${result.status}) in ${result.seconds.toFixed(0)} s`);
    write();
  }
  write();
  bench.log(`wrote ${path.join('bench', 'RESULTS.md')} and ${path.join('bench', 'results.json')}`);
  const failed = results.filter((r) => r.status === 'failed').length;
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
