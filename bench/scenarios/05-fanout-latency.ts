/**
 * 5. Fan-out latency: 5,000 subscribers, 5 samples a second (25,000 messages/s, inside both sides'
 * capacity on this machine); event-to-client latency is the time from the sample's recordedAt (set
 * by the server when it records) to its arrival at a client. Baseline: raw ws broadcasting the
 * same bytes at the same rate to the same number of sockets, stamped at send time, in the same
 * run. Target (re-based in issue 16): our p99 ≤ 2× raw ws's p99.
 */
import { startChild, type BenchChild } from '../lib/children';
import { CpuMeter, type CpuUse } from '../lib/cpu';
import { Histogram, median } from '../lib/stats';
import {
  collect,
  openSockets,
  Producer,
  startClients,
  startFanoutApp,
  startMeasuring,
  stopAll,
  timestampPlaceholder,
  waitForDelivery,
} from '../lib/fanout';
import { sleep } from '../lib/bench';
import type { Scenario } from './types';

const SUBSCRIBERS = 5000;
const PER_SECOND = 5;
/** Our p99 may be at most this many times raw ws's p99 in the same run. */
const P99_FACTOR = 2;

export const fanoutLatency: Scenario = {
  id: 5,
  title: 'fan-out latency, 5,000 subscribers, 5 samples/s, p99 vs raw ws',
  scaled: false,
  estimateSeconds: (bench) => 90 + 2 * bench.options.rounds * (bench.options.roundSeconds + 8),
  async run(bench, _scale, out) {
    const fan = await startFanoutApp(bench, 'fanout5');
    if (!fan) {
      out.status = 'not available yet';
      out.reason = 'Subscription.throughputUpdated(processId) is not in the schema yet';
      return;
    }
    let raw: BenchChild | null = null;
    let clients: BenchChild[] = [];
    try {
      clients = await startClients();
      await openSockets(clients, SUBSCRIBERS, {
        url: fan.app.wsUrl,
        mode: 'graphql',
        connectionParams: { authorization: `Bearer ${bench.tokens.viewer}` },
        subscribe: fan.subscription,
      });
      const producer = new Producer(fan.app, fan.processId, bench.tokens.operator);
      await sleep(500);
      await startMeasuring(clients, false);
      for (let i = 0; i < 3; i++) await producer.recordOne();
      const warm = await waitForDelivery(clients, 3 * SUBSCRIBERS, 30_000);
      if (warm.errors) throw new Error(`subscription errors: ${warm.errorText}`);
      const sampleText = warm.sampleText;
      if (!sampleText || !timestampPlaceholder(sampleText)) {
        out.status = 'not available yet';
        out.reason = 'throughputUpdated messages carry no sample.recordedAt to measure event-to-client latency from';
        return;
      }
      const measureRounds = async (side: 'ours' | 'raw', pids: Record<string, number>, send: (ms: number) => Promise<number>) => {
        const p99s: number[] = [];
        const p50s: number[] = [];
        const cpus: Record<string, CpuUse>[] = [];
        const all = new Histogram();
        let delivered = 1;
        for (let r = 1; r <= bench.options.rounds; r++) {
          await startMeasuring(clients, true);
          const meter = new CpuMeter(pids).start();
          const sent = await send(bench.options.roundSeconds * 1000);
          const got = await waitForDelivery(clients, sent * SUBSCRIBERS, 20_000);
          cpus.push(meter.stop());
          delivered = sent ? got.messages / (sent * SUBSCRIBERS) : 0;
          all.merge(got.histogram.toJSON());
          p99s.push(got.histogram.quantile(0.99));
          p50s.push(got.histogram.quantile(0.5));
          bench.log(
            `5: ${side} round ${r}: ${sent} events, ${got.messages} deliveries, p50 ${p50s.at(-1)!.toFixed(1)} ms, p99 ${p99s.at(-1)!.toFixed(1)} ms`,
          );
          if (delivered < 0.99) {
            // Overloaded: a backlog would spill into the next round, so stop measuring here.
            out.notes.push(
              `${side}: overloaded at ${PER_SECOND} samples/s — only ${(delivered * 100).toFixed(1)} % of ${sent * SUBSCRIBERS} deliveries arrived within 20 s of the round's end (p99 is over those that arrived); remaining rounds skipped.`,
            );
            break;
          }
        }
        return {
          p99: median(p99s),
          p50: median(p50s),
          p99s,
          p50s,
          cpu: cpus[Math.floor(cpus.length / 2)],
          max: all.quantile(1),
          delivered,
        };
      };
      const clientPids = () => Object.fromEntries(clients.map((c, i) => [`clients${i}`, c.pid]));
      const ours = await measureRounds('ours', { app: fan.app.child.pid, ...clientPids() }, async (ms) => {
        // Timed-out calls may still have committed and published, so expect every attempt.
        const before = producer.sent + producer.failed;
        await producer.paced(PER_SECOND, ms);
        return producer.sent + producer.failed - before;
      });
      const finalOurs = await collect(clients);
      if (Object.keys(finalOurs.closeCodes).length)
        out.notes.push(`ours: sockets closed during the run by code: ${JSON.stringify(finalOurs.closeCodes)}`);
      if (producer.failed) out.notes.push(`${producer.failed} recordThroughput calls failed, e.g. ${producer.firstFailure}`);
      await stopAll(clients);
      await fan.stop();

      raw = await startChild('raw-ws', 'raw-ws-process.ts');
      clients = await startClients();
      await openSockets(clients, SUBSCRIBERS, { url: raw.url, mode: 'raw' });
      const placeholder = timestampPlaceholder(sampleText)!;
      const rawServer = raw;
      const base = await measureRounds('raw', { raw: rawServer.pid, ...clientPids() }, async (ms) => {
        const { sent } = await rawServer.request<{ sent: number }>(
          'rate',
          { template: sampleText, placeholder, durationMs: ms, perSecond: PER_SECOND },
          ms + 60_000,
        );
        return sent;
      });
      out.rows.push({
        variant: `${SUBSCRIBERS.toLocaleString('en-US')} subscribers, ${PER_SECOND}/s, p99`,
        baselineLabel: 'raw ws',
        baseline: base.p99,
        ours: ours.p99,
        unit: 'ms',
        ratio: ours.p99 / base.p99,
        target: `p99 ≤ ${P99_FACTOR}× raw ws's p99, same run`,
        met: ours.p99 <= P99_FACTOR * base.p99 && ours.delivered >= 0.99 && base.delivered >= 0.99,
        cpu: { ours: ours.cpu, baseline: base.cpu },
        details: { ours, raw: base },
      });
      out.rows.push({
        variant: `${SUBSCRIBERS.toLocaleString('en-US')} subscribers, ${PER_SECOND}/s, p50`,
        baselineLabel: 'raw ws',
        baseline: base.p50,
        ours: ours.p50,
        unit: 'ms',
        ratio: ours.p50 / base.p50,
        target: '—',
        met: null,
      });
      out.notes.push(
        "Latency = arrival at the client − the sample's recordedAt (ours: stamped by the server when recording, so it includes the transaction and the per-subscriber execution; raw: stamped just before the broadcast). Same machine clock; recordedAt has 1 ms resolution.",
      );
      out.limits.push(
        "All 5,000 sockets compete with the server for 2 cores; the p99 includes the client processes' own queueing, identically on both sides.",
      );
      out.limits.push(
        "Our p99 is the write to 5,000 sockets (≈ 26 µs each here, ≈ 130 ms per event) plus the pipeline before it: the HTTP mutation, the transaction, the hub's read of the stream and one execution; the raw baseline stamps its message just before the same writes. The raw server itself measured 91–320 ms p99 across runs on this machine, which is why the target is relative to raw ws in the same run (issue 16) rather than the earlier absolute ≤ 100 ms at 10 samples/s.",
      );
      out.limits.push(
        '5 samples/s to 5,000 subscribers is 25,000 messages/s; scenario 4 measures what each side delivers at most at this size (ours 38–53 k/s across runs here before issue 16, raw 58–64 k/s), so neither side queues through a round and the p99 compares the per-event pipelines, not a backlog. The earlier 10 samples/s (50,000 messages/s) was more than raw ws itself sustains here.',
      );
    } finally {
      await stopAll([...clients, raw, fan]);
    }
  },
};
