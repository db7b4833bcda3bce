/**
 * 8. Ingest: single recordThroughput calls with an idempotency key, 8 concurrent connections,
 * against the app's own HTTP floor in the same run: `{ __typename }` with the same operator token,
 * on the same app, at the same concurrency (auth, Apollo parse/validate/execute and the response,
 * no database). Target (re-based in issue 16): keyed single calls ≥ 0.4× the floor's req/s on SQLite
 * and MariaDB. Raw single-row INSERTs, each in its own transaction, are still measured and shown
 * for reference (an in-process insert has no HTTP request to pay for, so it is not the target).
 */
import { againstBaselineRow, alternate } from '../lib/baseline';
import type { Bench } from '../lib/bench';
import { CpuMeter, databaseServerPid, type CpuUse } from '../lib/cpu';
import { measureOurs, measureRaw, oursLoad, startIngest, type IngestSetup } from '../lib/ingest';
import { idempotencyKey, RECORD_ONE, sampleInput } from '../lib/fixtures';
import { runLoad, type LoadSummary } from '../lib/load';
import { median } from '../lib/stats';
import type { ScenarioResult } from '../lib/report';
import { WARMUP_SECONDS, type Scenario } from './types';

const CONNECTIONS = 8;
const FLOOR_FACTOR = 0.4;

export const ingestSingle: Scenario = {
  id: 8,
  title: "ingest: recordThroughput with idempotency key, 8 concurrent, vs the app's HTTP floor",
  scaled: false,
  perDatabase: true,
  supportsBaseline: true,
  estimateSeconds: (bench) =>
    bench.options.databases.length * (25 + 3 * (WARMUP_SECONDS + bench.options.rounds * bench.options.roundSeconds)),
  async run(bench, _scale, out) {
    if (bench.baseline) return againstBaseline(bench, out);
    for (const kind of bench.options.databases) {
      const setup = await startIngest(bench, kind, 'ingest8', CONNECTIONS);
      try {
        const ours = await measureOurs(bench, setup, CONNECTIONS, 1, keyedCall(), 'ThroughputSample', '8');
        // The floor: the cheapest authenticated request through the same HTTP path, same app, same connections.
        const floorOptions = {
          url: `${setup.app.url}/graphql`,
          headers: { authorization: `Bearer ${bench.tokens.operator}` },
          connections: CONNECTIONS,
          body: JSON.stringify({ query: '{ __typename }' }),
          check: (text: string) => text.includes('"__typename":"Query"'),
        };
        await runLoad({ ...floorOptions, seconds: WARMUP_SECONDS });
        const floorRounds: LoadSummary[] = [];
        const floorCpus: Record<string, CpuUse>[] = [];
        for (let r = 1; r <= bench.options.rounds; r++) {
          const meter = new CpuMeter({ app: setup.app.child.pid, db: kind === 'mariadb' ? databaseServerPid() : null }).start();
          floorRounds.push(await runLoad({ ...floorOptions, seconds: bench.options.roundSeconds }));
          floorCpus.push(meter.stop());
          bench.log(`8: floor ${kind} round ${r}: ${floorRounds.at(-1)!.rps.toFixed(0)} req/s, p99 ${floorRounds.at(-1)!.p99} ms`);
        }
        const floor = median(floorRounds.map((r) => r.rps));
        const raw = await measureRaw(bench, setup, CONNECTIONS, 1, true, '8');
        const ratio = ours.rowsPerSecond / floor;
        const label = kind === 'mariadb' ? 'MariaDB' : 'SQLite';
        const rejected = ours.rounds.reduce((n, r) => n + r.rejected + r.errors, 0);
        const floorRejected = floorRounds.reduce((n, r) => n + r.rejected + r.errors, 0);
        out.rows.push({
          variant: label,
          baselineLabel: 'HTTP floor: { __typename }, same token, app and connections',
          baseline: floor,
          ours: ours.rowsPerSecond,
          unit: 'req/s',
          ratio,
          target: `≥ ${FLOOR_FACTOR}× the floor's req/s`,
          met: ratio >= FLOOR_FACTOR && rejected === 0 && floorRejected === 0,
          cpu: { ours: ours.cpu, baseline: floorCpus[Math.floor(floorCpus.length / 2)] },
          details: { ours: ours.rounds, floor: floorRounds, raw: raw.rounds },
        });
        out.rows.push({
          variant: `${label}, for reference`,
          baselineLabel: kind === 'mariadb' ? 'raw mysql2 INSERT in a transaction' : 'raw better-sqlite3 INSERT in a transaction',
          baseline: raw.rowsPerSecond,
          ours: ours.rowsPerSecond,
          unit: 'rows/s',
          ratio: ours.rowsPerSecond / raw.rowsPerSecond,
          target: '— (was ≥ 0.5×; re-based to the HTTP floor)',
          met: null,
          cpu: { ours: ours.cpu, baseline: raw.cpu },
        });
        if (rejected) out.notes.push(`${kind}: ${rejected} calls were rejected or failed (excluded from rows/s).`);
        if (floorRejected) out.notes.push(`${kind}: ${floorRejected} floor requests were rejected or failed (excluded from req/s).`);
      } finally {
        await setup.stop();
      }
    }
    out.notes.push(
      'Every call carries a fresh idempotency key, so each one also writes an idempotency record (the baseline writes only the sample).',
    );
    out.limits.push('SQLite baseline: better-sqlite3 is synchronous, so its "8 concurrent" writers are one loop in the runner.');
    out.limits.push(
      "Per-row cost is dominated by the commit; MariaDB's durability settings (innodb_flush_log_at_trx_commit) apply to both sides equally.",
    );
    out.limits.push(
      'Each call is a whole HTTP request with auth, GraphQL parse/validate/execute and an idempotency record; the trivial query (#1) alone does a few thousand requests per second here, which caps SQLite (raw better-sqlite3 does ≈ 14–18 k rows/s without any of that). On SQLite a whole transaction runs without yielding to the event loop, so a write group starts on the next turn and takes the calls read meanwhile (≈ 4 per transaction at 8 connections); COMMIT is then ≈ 180 µs per group on the machine of 2026-12-06 and ≈ 300 µs on that of 2026-12-07 (WAL frames, about 30 write calls per group), checkpoints off the event loop. What is left per call (CPU profile): the SQL ≈ 19 %, the HTTP path the floor also pays, validation ≈ 3 %, the idempotency hashes ≈ 3 %, garbage collection ≈ 4 %. Since 01c9c8e (compiled plans answer in responseForOperation, not behind Apollo’s gateway executor) the floor itself costs ≈ 90 µs of CPU instead of ≈ 150 and runs ≈ 9,600–11,000 req/s here, so the same ingest reads lower against it (0.24× at 654a6a2 against 0.32× the day before, with ingest itself at ≈ 2,300–2,700 calls/s, no slower). Profile of that run (SQLite, 2026-12-07): SQLite’s own time 33 % of the app’s busy time (the COMMIT’s WAL frames for ≈ 20 pages per group: the sample table, its covering (process, period) index at one leaf per process written, the idempotency key and the event rows), type-graphql’s argument conversion and class-validator ≈ 7 %, Apollo’s pipeline ≈ 10 %, the idempotency hashes ≈ 4 %, the response write ≈ 5 %; a call costs ≈ 4× the floor’s CPU, so 0.4× would need the SQL per call roughly halved.',
    );
    out.limits.push(
      'MariaDB: calls arriving while a transaction runs are written together by the next one (group commit, ≤ 64 calls; ≈ 2.2 calls per transaction here), and each transaction is three round trips (BatchedUnitOfWork, one multi-statement text each): BEGIN with the locks and the snapshot read, the INSERT of the samples (their ids go into what follows), then the idempotency answers, order progress, the stream append and COMMIT. Before 2026-12-07 it was eight; same-run A/B (`--only 8 --baseline-ref`): 1.29× req/s against 728f5d7, and the snapshot read without its derived-table wrapper (MariaDB materialised it into a temporary table) a further 1.22×. Timed in the app under this load, per transaction: 1.6 ms for the first batch, 1.1 ms for the INSERT, 1.8 ms for the last batch, 0.4 ms in the queue; at one connection 0.87, 0.30 and 0.62 ms. Server time on an idle connection (each statement alone, inside BEGIN … ROLLBACK): SELECT 1 ≈ 0.12 ms round trip, the snapshot UNION ≈ 0.2 ms over it, the sample INSERT ≈ 0.17, the event INSERT ≈ 0.12, the stream upsert ≈ 0.11, the idempotency INSERT ≈ 0.08, the COMMIT flush ≈ 0.09. A call thus waits ≈ 5–6 ms: ≈ 1,300–1,600 calls/s at 8 connections, 0.20–0.25× the floor, with the app at ≈ 72 % of a core and MariaDB at 60–70 %. The pace is the round trips’ latency on this 2-core VM, where each costs a socket write and a wake-up on both sides (the app’s writeBuffer ≈ 17 % of its profile, ≈ 85 µs per write). Tried: 1, 2 and 8 concurrent transactions instead of 4 (within noise). 0.4× (≈ 2,600/s) needs about one round trip per call; folding the INSERT into the last batch (ids from LAST_INSERT_ID(), consecutive only with innodb_autoinc_lock_mode ≤ 1; payloads and idempotency answers then built in SQL) would save one of three, estimated +20 %: not done.',
    );
    out.limits.push(
      'Why 0.4× is not met on the AMD EPYC machine of the last stop of 2026-12-07 (in-process harness: the app alone in a process, the same keyed calls from an autocannon child, 8 connections, CPU from process.cpuUsage, V8 CPU profile of measured rounds only). SQLite: a keyed call costs 0.51–0.53 ms of the app’s CPU, the floor 0.13 ms (4×); the app is 96 % busy, so req/s follows CPU. Statement timing inside better-sqlite3 (a preload timing every run/all): 165 µs of SQL per call, ≈ 30 % of it (groups of ≈ 4.6 calls; per group COMMIT 315 µs, the sample INSERT … RETURNING 126 µs, the snapshot read 121 µs, the idempotency INSERT 79 µs, the event INSERT 51 µs). The rest: type-graphql’s argument conversion with class-validator ≈ 5 %, the idempotency hashes 3.4 %, Apollo 3.3 %, the response write 5 %, GC 3 %, no single hot spot. The floor here is 9,100 req/s, so 0.4× asks ≤ 0.27 ms per call, half of today’s. MariaDB: 0.8–1.1 ms of the app’s CPU per call at 700–1,050 calls/s with the app 70–86 % busy; the main thread spends 16.7 % in socket writes to MariaDB (mysql2 writeBuffer: three round trips per group of ≈ 2 calls), 7 % writing responses and 27 % idle waiting on the server. The raw driver’s single-row transaction (BEGIN, INSERT, COMMIT, no HTTP, no key, no event) reaches only 3,957 rows/s = 0.44× of the floor, so 0.4× would need a keyed call, with its idempotency record, order progress and event append, within 10 % of a bare INSERT. MAX_CONCURRENT_TRANSACTIONS 1, 2 and 4 gave 818–898, 700–1,022 and 1,038–1,045 calls/s (noise).',
    );
  },
};

/** The body of one keyed recordThroughput call: the connection's process, its next period, a fresh key. */
function keyedCall() {
  let i = 0;
  return (processId: string, cursor: { take(): { periodStart: string; periodEnd: string } }) =>
    JSON.stringify({
      query: RECORD_ONE,
      variables: { input: { ...sampleInput(processId, cursor.take(), i++), idempotencyKey: idempotencyKey('bench') } },
    });
}

/**
 * #8 with `--baseline-ref`: the current app against the ref's, both up at once, each on its own
 * scratch database, the same keyed calls at the same concurrency, rounds alternating (the other
 * side idles meanwhile). Reports current ÷ baseline req/s; the floor and the raw driver are not run.
 */
async function againstBaseline(bench: Bench, out: ScenarioResult) {
  const baseline = bench.baseline!;
  for (const kind of bench.options.databases) {
    const label = kind === 'mariadb' ? 'MariaDB' : 'SQLite';
    const setups: IngestSetup[] = [];
    try {
      setups.push(await startIngest(bench, kind, 'ingest8', CONNECTIONS));
      setups.push(await startIngest(bench, kind, 'ingest8_baseline', CONNECTIONS, { root: baseline.root }));
      const sides = setups.map((setup, index) => ({
        name: index === 0 ? 'current' : `baseline ${baseline.short}`,
        setup,
        load: oursLoad(bench, setup, CONNECTIONS, keyedCall(), 'ThroughputSample'),
        rounds: [] as LoadSummary[],
        cpus: [] as Record<string, CpuUse>[],
      }));
      for (const side of sides) await runLoad({ ...side.load, seconds: WARMUP_SECONDS });
      for (let r = 0; r < bench.options.rounds; r++) {
        for (const side of alternate(r, sides)) {
          const meter = new CpuMeter({ app: side.setup.app.child.pid, db: kind === 'mariadb' ? databaseServerPid() : null }).start();
          side.rounds.push(await runLoad({ ...side.load, seconds: bench.options.roundSeconds }));
          side.cpus.push(meter.stop());
          const last = side.rounds.at(-1)!;
          bench.log(`8: ${side.name} ${kind} round ${r + 1}: ${last.rps.toFixed(0)} req/s, p99 ${last.p99} ms`);
        }
      }
      const [current, base] = sides.map((side) => ({ value: median(side.rounds.map((round) => round.rps)), cpu: side.cpus }));
      const rejected = sides.reduce((n, side) => n + side.rounds.reduce((m, round) => m + round.rejected + round.errors, 0), 0);
      out.rows.push(
        againstBaselineRow(baseline, {
          variant: `${label}, vs ${baseline.short}`,
          unit: 'req/s',
          current,
          base,
          details: { current: sides[0].rounds, baseline: sides[1].rounds },
        }),
      );
      if (rejected) out.notes.push(`${kind}: ${rejected} calls were rejected or failed (excluded from req/s).`);
    } finally {
      for (const setup of setups) await setup.stop();
    }
  }
  out.notes.push(
    `Against ${baseline.short}: both apps up at once, each on its own scratch database; in each round one side takes the keyed calls while the other idles, the first side alternating. The floor and the raw driver are not run with --baseline-ref.`,
  );
}
