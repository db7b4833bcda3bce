/**
 * 6. Memory per idle subscriber at 5,000: server RSS after a full GC with 5,000 idle
 * `throughputUpdated` subscribers, minus RSS before they connected, ÷ 5,000; the same for a raw
 * ws server holding 5,000 idle connections.
 */
import { startChild, type BenchChild } from '../lib/children';
import { openSockets, startClients, startFanoutApp, stopAll } from '../lib/fanout';
import { sleep } from '../lib/bench';
import { formatBytes } from '../lib/stats';
import type { Scenario } from './types';

const SUBSCRIBERS = 5000;

async function settledRss(child: BenchChild): Promise<number> {
  await sleep(1000);
  const { rss } = await child.request<{ rss: number }>('gc', {}, 30_000);
  return rss;
}

export const subscriberMemory: Scenario = {
  id: 6,
  title: 'memory per idle subscriber at 5,000',
  scaled: false,
  estimateSeconds: () => 75,
  async run(bench, _scale, out) {
    const fan = await startFanoutApp(bench, 'memory6', { exposeGc: true });
    if (!fan) {
      out.status = 'not available yet';
      out.reason = 'Subscription.throughputUpdated(processId) is not in the schema yet';
      return;
    }
    let raw: BenchChild | null = null;
    let clients: BenchChild[] = [];
    try {
      // One subscriber first, so lazily built state (schema caches, first execution) is in "before".
      clients = await startClients();
      const subscribe = {
        url: fan.app.wsUrl,
        mode: 'graphql',
        connectionParams: { authorization: `Bearer ${bench.tokens.viewer}` },
        subscribe: fan.subscription,
      };
      await openSockets(clients.slice(0, 1), 1, subscribe);
      const oursBefore = await settledRss(fan.app.child);
      await openSockets(clients, SUBSCRIBERS, subscribe);
      const oursAfter = await settledRss(fan.app.child);
      await stopAll(clients);
      await fan.stop();

      raw = await startChild('raw-ws', 'raw-ws-process.ts', { exposeGc: true });
      clients = await startClients();
      await openSockets(clients.slice(0, 1), 1, { url: raw.url, mode: 'raw' });
      const rawBefore = await settledRss(raw);
      await openSockets(clients, SUBSCRIBERS, { url: raw.url, mode: 'raw' });
      const rawAfter = await settledRss(raw);
      const ours = (oursAfter - oursBefore) / SUBSCRIBERS;
      const base = (rawAfter - rawBefore) / SUBSCRIBERS;
      bench.log(`6: per connection: ours ${formatBytes(ours)}, raw ws ${formatBytes(base)}`);
      out.rows.push({
        variant: `${SUBSCRIBERS.toLocaleString('en-US')} idle subscribers, RSS per connection`,
        baselineLabel: 'raw ws',
        baseline: base / 1024,
        ours: ours / 1024,
        unit: 'KiB',
        ratio: ours / base,
        target: '≤ 3× raw ws',
        met: ours / base <= 3,
        details: { oursBefore, oursAfter, rawBefore, rawAfter },
      });
      out.notes.push(
        `RSS after a forced GC (--expose-gc): ours ${formatBytes(oursBefore)} → ${formatBytes(oursAfter)}, raw ws ${formatBytes(rawBefore)} → ${formatBytes(rawAfter)}.`,
      );
      out.limits.push(
        'One round (memory does not need a median); RSS also moves with V8 heap growth policy, so small differences are noise.',
      );
    } finally {
      await stopAll([...clients, raw, fan]);
    }
  },
};
