/**
 * 4. Fan-out throughput: 1,000 and 5,000 subscribers of `throughputUpdated` for one process,
 * samples recorded back to back (one in flight, so the rate is what delivery allows), against a
 * raw `ws` server broadcasting the same bytes to the same number of clients as fast as its
 * sockets drain. Reported: messages delivered to clients per second.
 *
 * With `--baseline-ref <ref>` the raw server gives way to the ref's app: both apps run at once, each
 * on its own scratch database (so the samples one side records never reach the other) with its own
 * subscribers in client processes of their own, measured in interleaved rounds whose order
 * alternates; reported per size: both sides' msg/s and current ÷ baseline.
 */
import { startChild, type BenchChild } from '../lib/children';
import { CpuMeter, type CpuUse } from '../lib/cpu';
import { median } from '../lib/stats';
import {
  CLIENT_PROCESSES,
  collect,
  type FanoutApp,
  openSockets,
  Producer,
  startClients,
  startFanoutApp,
  startMeasuring,
  stopAll,
  timestampPlaceholder,
  waitForDelivery,
} from '../lib/fanout';
import { againstBaselineRow, alternate } from '../lib/baseline';
import { sleep, type Bench } from '../lib/bench';
import type { ScenarioResult } from '../lib/report';
import type { Scenario } from './types';

const SIZES = [1000, 5000];

/** Issue 16 asks for ≥ 0.75× raw ws at 5,000 subscribers; 1,000 keeps the earlier ≥ 0.7×. */
function targetFor(size: number) {
  return size >= 5000 ? 0.75 : 0.7;
}

function clientPids(clients: BenchChild[]) {
  return Object.fromEntries(clients.map((c, i) => [`clients${i}`, c.pid]));
}

export const fanoutThroughput: Scenario = {
  id: 4,
  title: 'fan-out throughput, throughputUpdated',
  scaled: false,
  supportsBaseline: true,
  estimateSeconds: (bench) => 40 + SIZES.length * 2 * (25 + bench.options.rounds * (bench.options.roundSeconds + 5)),
  async run(bench, _scale, out) {
    if (bench.baseline) return againstBaseline(bench, out);
    const fan = await startFanoutApp(bench, 'fanout4');
    if (!fan) {
      out.status = 'not available yet';
      out.reason = 'Subscription.throughputUpdated(processId) is not in the schema yet';
      return;
    }
    const raw = await startChild('raw-ws', 'raw-ws-process.ts');
    let clients: BenchChild[] = [];
    try {
      for (const size of SIZES) {
        // Ours.
        clients = await startClients();
        const opened = await openSockets(clients, size, {
          url: fan.app.wsUrl,
          mode: 'graphql',
          connectionParams: { authorization: `Bearer ${bench.tokens.viewer}` },
          subscribe: fan.subscription,
        });
        bench.log(`4: ${size} subscribers open in ${opened.seconds.toFixed(1)} s; warming up`);
        const producer = new Producer(fan.app, fan.processId, bench.tokens.operator);
        await sleep(500);
        await startMeasuring(clients, false);
        for (let i = 0; i < 3; i++) await producer.recordOne();
        const warm = await waitForDelivery(clients, 3 * size, 30_000);
        if (warm.errors) throw new Error(`subscription errors: ${warm.errorText}`);
        if (warm.messages < 3 * size) out.notes.push(`${size}: warm-up delivered ${warm.messages} of ${3 * size} messages.`);
        const sampleText = warm.sampleText;
        const oursRates: number[] = [];
        const oursCpu: Record<string, CpuUse>[] = [];
        for (let r = 1; r <= bench.options.rounds; r++) {
          await startMeasuring(clients, false);
          const sentBefore = producer.sent;
          const meter = new CpuMeter({ app: fan.app.child.pid, ...clientPids(clients) }).start();
          const t0 = performance.timeOrigin + performance.now();
          await producer.flood(bench.options.roundSeconds * 1000);
          const got = await waitForDelivery(clients, (producer.sent - sentBefore) * size, 60_000, 10_000);
          oursCpu.push(meter.stop());
          const rate = got.messages / ((got.lastAt - t0) / 1000);
          oursRates.push(rate);
          bench.log(
            `4: ours ${size} round ${r}: ${producer.sent - sentBefore} samples, ${got.messages} messages delivered, ${rate.toFixed(0)} msg/s`,
          );
        }
        const finalOurs = await collect(clients);
        if (producer.failed) out.notes.push(`${size}: ${producer.failed} recordThroughput calls failed, e.g. ${producer.firstFailure}`);
        if (Object.keys(finalOurs.closeCodes).length)
          out.notes.push(`${size} ours: sockets closed during the run by code: ${JSON.stringify(finalOurs.closeCodes)}`);
        await stopAll(clients);

        // Raw ws with the same bytes.
        const placeholder = sampleText ? timestampPlaceholder(sampleText) : null;
        const template = sampleText ?? '{"type":"next"}';
        clients = await startClients();
        await openSockets(clients, size, { url: raw.url, mode: 'raw' });
        await startMeasuring(clients, false);
        const warmRaw = await raw.request<{ sent: number }>(
          'flood',
          { template, placeholder: placeholder ?? '\u0000', durationMs: 1000 },
          60_000,
        );
        await waitForDelivery(clients, warmRaw.sent * size, 30_000);
        const rawRates: number[] = [];
        const rawCpu: Record<string, CpuUse>[] = [];
        for (let r = 1; r <= bench.options.rounds; r++) {
          await startMeasuring(clients, false);
          const meter = new CpuMeter({ raw: raw.pid, ...clientPids(clients) }).start();
          const t0 = performance.timeOrigin + performance.now();
          const { sent } = await raw.request<{ sent: number }>(
            'flood',
            { template, placeholder: placeholder ?? '\u0000', durationMs: bench.options.roundSeconds * 1000 },
            120_000,
          );
          const got = await waitForDelivery(clients, sent * size, 60_000);
          rawCpu.push(meter.stop());
          const rate = got.messages / ((got.lastAt - t0) / 1000);
          rawRates.push(rate);
          bench.log(`4: raw ${size} round ${r}: ${sent} broadcasts, ${got.messages} messages delivered, ${rate.toFixed(0)} msg/s`);
        }
        await stopAll(clients);
        clients = [];
        const ours = median(oursRates);
        const base = median(rawRates);
        out.rows.push({
          variant: `${size.toLocaleString('en-US')} subscribers`,
          baselineLabel: 'raw ws broadcast',
          baseline: base,
          ours,
          unit: 'msg/s',
          ratio: ours / base,
          target: `≥ ${targetFor(size)}× msg/s`,
          met: ours / base >= targetFor(size),
          cpu: { ours: oursCpu[Math.floor(oursCpu.length / 2)], baseline: rawCpu[Math.floor(rawCpu.length / 2)] },
          details: { oursRates, rawRates, messageBytes: Buffer.byteLength(template) },
        });
      }
      out.notes.push(
        "Delivered msg/s = messages received by all clients ÷ (last receipt − start of the round); the round's tail is drained before it ends.",
      );
      out.notes.push(
        'Every message carries the same bytes on both sides: the raw server broadcasts a captured `next` message of ours, with only the recordedAt timestamp rewritten (same length).',
      );
      out.limits.push(
        `The server, the producer and ${2} client processes share 2 cores; the clients only count messages, but at 5,000 sockets they still take a large share of the CPU, which caps both sides.`,
      );
      out.limits.push(
        'Ours runs the whole path per sample (HTTP mutation, SQLite transaction, event append, hub read, one GraphQL execution per group of identical subscriptions, one JSON serialisation, then a pre-built frame per socket); the baseline only writes to sockets. The producer sends one sample at a time, so that fixed cost per sample is paid between broadcasts.',
      );
      out.limits.push(
        "Where the app's time goes at 5,000 subscribers (CPU profile): ≈ 60 % is the kernel write to each socket (≈ 26 µs each on an earlier machine, ≈ 10 µs on that of 2026-12-07), which the raw server pays alike; our own code is ≈ 10 %. The app used ≈ 50–60 % of a core during #4 (was ≈ 110 % before frames were written directly).",
        "In-process profile of the app alone (2026-12-07: the app, 2 client processes and a producer recording back to back, profiled only while measuring): the app then uses 92–105 % of a core and ≈ 13–17 ms of CPU per sample at 5,000 subscribers (≈ 23 ms at 1,000); the socket writes (writev) are 50–65 % of it, Node's stream code ≈ 6–11 %, the hub-to-socket path (live iterator, shared result, frame) ≈ 4–8 %, the mutation, transaction and one execution per sample ≈ 5 %. So ours is bound by the app's core writing frames, at ≈ 10 µs of kernel time per frame; the raw server spends less per frame (≈ 9–10 µs in all at 1,000 subscribers), as its flood keeps the clients awake, while ours wakes them once per sample.",
      );
      out.limits.push(
        "Tried and kept: one execution and one JSON serialisation per group, frames written straight to the sockets from the hub callback (no per-subscriber promise, iterator or stringify), one metrics increment per event, and (2026-12-07) each frame as one buffer in one write to the TCP socket instead of ws's header and payload as two through Node's writev path: 1.07× / 1.05× msg/s at 1,000 / 5,000 against dad4871 in the same run (`--only 4 --baseline-ref dad4871`), ≈ 9 % less app CPU per sample in-process. Tried and dropped: building frames as Buffers for ws.send (≈ 0.1 µs per message), delaying the hub read until the mutation had answered (no change).",
      );
      out.limits.push(
        'SQLite only: the database is touched once per sample, not per subscriber, so the engine hardly matters here (time budget).',
      );
    } finally {
      await stopAll([...clients, raw, fan]);
    }
  },
};

interface FanoutSide {
  name: string;
  fan: FanoutApp;
  clients: BenchChild[];
  producer: Producer;
  rates: number[];
  cpu: Record<string, CpuUse>[];
}

/** #4 with `--baseline-ref`: the current app against the ref's, same sizes, interleaved rounds. */
async function againstBaseline(bench: Bench, out: ScenarioResult) {
  const baseline = bench.baseline!;
  const current = await startFanoutApp(bench, 'fanout4');
  if (!current) {
    out.status = 'not available yet';
    out.reason = 'Subscription.throughputUpdated(processId) is not in the schema yet';
    return;
  }
  const sides: FanoutSide[] = [];
  const started: (FanoutApp | BenchChild)[] = [current];
  try {
    const base = await startFanoutApp(bench, 'fanout4_baseline', { root: baseline.root });
    if (!base) {
      out.status = 'not available yet';
      out.reason = `the baseline ${baseline.short} has no Subscription.throughputUpdated(processId)`;
      return;
    }
    started.push(base);
    for (const size of SIZES) {
      sides.length = 0;
      for (const [name, fan] of [
        ['current', current],
        [`baseline ${baseline.short}`, base],
      ] as const) {
        const clients = await startClients();
        started.push(...clients);
        const opened = await openSockets(clients, size, {
          url: fan.app.wsUrl,
          mode: 'graphql',
          connectionParams: { authorization: `Bearer ${bench.tokens.viewer}` },
          subscribe: fan.subscription,
        });
        bench.log(`4: ${name}: ${size} subscribers open in ${opened.seconds.toFixed(1)} s`);
        sides.push({ name, fan, clients, producer: new Producer(fan.app, fan.processId, bench.tokens.operator), rates: [], cpu: [] });
      }
      await sleep(500);
      for (const side of sides) {
        await startMeasuring(side.clients, false);
        for (let i = 0; i < 3; i++) await side.producer.recordOne();
        const warm = await waitForDelivery(side.clients, 3 * size, 30_000);
        if (warm.errors) throw new Error(`${side.name}: subscription errors: ${warm.errorText}`);
        if (warm.messages < 3 * size) out.notes.push(`${size} ${side.name}: warm-up delivered ${warm.messages} of ${3 * size} messages.`);
      }
      for (let r = 0; r < bench.options.rounds; r++) {
        // Alternate who goes first, so drift on the shared machine hits both alike; the other side idles meanwhile.
        for (const side of alternate(r, sides)) {
          await startMeasuring(side.clients, false);
          const sentBefore = side.producer.sent;
          const meter = new CpuMeter({ app: side.fan.app.child.pid, ...clientPids(side.clients) }).start();
          const t0 = performance.timeOrigin + performance.now();
          await side.producer.flood(bench.options.roundSeconds * 1000);
          const got = await waitForDelivery(side.clients, (side.producer.sent - sentBefore) * size, 60_000, 10_000);
          side.cpu.push(meter.stop());
          const rate = got.messages / ((got.lastAt - t0) / 1000);
          side.rates.push(rate);
          bench.log(
            `4: ${side.name} ${size} round ${r + 1}: ${side.producer.sent - sentBefore} samples, ${got.messages} messages delivered, ${rate.toFixed(0)} msg/s`,
          );
        }
      }
      for (const side of sides) {
        const final = await collect(side.clients);
        if (side.producer.failed)
          out.notes.push(`${size} ${side.name}: ${side.producer.failed} recordThroughput calls failed, e.g. ${side.producer.firstFailure}`);
        if (Object.keys(final.closeCodes).length)
          out.notes.push(`${size} ${side.name}: sockets closed during the run by code: ${JSON.stringify(final.closeCodes)}`);
        await stopAll(side.clients);
      }
      const [currentSide, baseSide] = sides.map((side) => ({ value: median(side.rates), cpu: side.cpu }));
      out.rows.push(
        againstBaselineRow(baseline, {
          variant: `${size.toLocaleString('en-US')} subscribers`,
          unit: 'msg/s',
          current: currentSide,
          base: baseSide,
          details: { oursRates: sides[0].rates, baselineRates: sides[1].rates },
        }),
      );
    }
    out.notes.push(
      `Against ${baseline.short}: both apps up at once, each on its own scratch SQLite database made by its own migrations and with its own ${CLIENT_PROCESSES} client processes; in each round one side is flooded while the other idles, the first side alternating. Delivered msg/s as without the flag. The raw ws broadcast is not run with --baseline-ref.`,
    );
    out.limits.push(
      "Both apps, the producer and 4 client processes share 2 cores; the idle side holds its sockets open during the other side's rounds.",
    );
  } finally {
    await stopAll(started);
  }
}
