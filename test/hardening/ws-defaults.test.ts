import net from 'node:net';
import WebSocket from 'ws';
import { Role } from '../harness/app';
import { THROUGHPUT_UPDATED } from '../harness/documents';
import { createLine, minuteSamples, recordSamples } from '../harness/factories';
import { describeApp } from '../harness/suite';
import { sleep } from '../harness/wait';
import { collect, rawSocket, wsClient } from '../harness/ws';

/**
 * The WebSocket limits at the values users run (no env set): the abuse catalogue and the fan-out
 * suite shrink them to keep their cases small; these cases walk the same paths at the shipped
 * defaults (50 operations per socket, 50 messages/s, 20 sockets per principal, 100 per IP, 1,000
 * unread events per subscriber).
 */
describeApp('WebSocket limits at the shipped defaults', { databases: ['sqlite'] }, ({ t, leftovers }) => {
  it('refuses the 51st operation on one socket with TOO_MANY_SUBSCRIPTIONS naming the default maximum', async () => {
    const { processId } = await createLine(t, 'Fifty subscriptions');
    const s = rawSocket(t.wsUrl);
    leftovers.push(() => s.close());
    await s.init(await t.token(Role.VIEWER, { sub: 'fifty-one' }));
    for (let i = 1; i <= 51; i++) {
      s.subscribe(String(i), THROUGHPUT_UPDATED, { processId });
      // Under the 50 messages/s default, so the message rate is not what refuses the 51st.
      await sleep(25);
    }
    const refused = await s.waitFor((m) => m.type === 'error' && m.id === '51', 10_000);
    expect(refused.payload[0].extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', max: 50 });
    expect(s.messages.some((m: { type: string; id?: string }) => m.type === 'error' && m.id !== '51')).toBe(false);
  });

  it('closes a socket sending more than 50 messages in a second with 4029', async () => {
    const s = rawSocket(t.wsUrl);
    await s.init(await t.token(Role.VIEWER, { sub: 'flooder' }));
    for (let i = 0; i < 120; i++) s.send({ type: 'ping' });
    expect((await s.closed).code).toBe(4029);
  });

  it('closes the 21st socket of one principal with 4030', async () => {
    const token = await t.token(Role.VIEWER, { sub: 'twenty-one' });
    const sockets = Array.from({ length: 20 }, () => rawSocket(t.wsUrl));
    for (const s of sockets) {
      leftovers.push(() => s.close());
      await s.init(token);
    }
    const extra = rawSocket(t.wsUrl);
    await extra.upgrade;
    extra.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    expect((await extra.closed).code).toBe(4030);
  });

  it('refuses the 101st socket from one address with 429 at upgrade', async () => {
    const sockets = Array.from({ length: 100 }, () => rawSocket(t.wsUrl));
    for (const s of sockets) leftovers.push(() => s.close());
    expect(await Promise.all(sockets.map((s) => s.upgrade))).toEqual(Array(100).fill(101));
    const extra = rawSocket(t.wsUrl);
    leftovers.push(() => extra.close());
    expect(await extra.upgrade).toBe(429);
  });

  it('cuts off a subscriber that stops reading once it is behind by the default limits (4008)', async () => {
    const { processId } = await createLine(t, 'Default slow consumer');
    const slow = new WebSocket(t.wsUrl, 'graphql-transport-ws');
    leftovers.push(() => slow.terminate());
    const closed = new Promise<number>((resolve) => slow.on('close', (code) => resolve(code)));
    await new Promise((r) => slow.once('open', r));
    slow.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await t.token(Role.VIEWER, { sub: 'slow' })}` } }),
    );
    await new Promise((r) => slow.once('message', r));
    // A large event (the process's last 100 samples each time), so the 4 MiB send buffer fills
    // within a thousand events: the direct fan-out path writes to the socket, not to a queue.
    const heavy = `subscription ($p: ID) { throughputUpdated(processId: $p) { cursor process { samples(first: 100) { edges { node { id periodStart periodEnd goodUnits rejectedUnits downtimeMinutes recordedAt } } } } } }`;
    slow.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: heavy, variables: { p: processId } } }));
    await sleep(300);
    (slow as unknown as { _socket: net.Socket })._socket.pause();
    // A subscriber that keeps reading: once it has every event, the slow one's were written too
    // (event executions take turns in stream order), so the cut-off has happened by then.
    const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER, { sub: 'reader' }));
    leftovers.push(() => client.dispose());
    const reader = collect(client, `subscription ($p: ID) { throughputUpdated(processId: $p) { cursor } }`, { p: processId });
    await sleep(300);
    // 1,000 events of ~10 kB: past the 4 MiB a subscriber may leave unsent (WS_MAX_BUFFERED_BYTES).
    // Two writer terminals, each its own principal within the shipped rate limit.
    for (let i = 0; i < 2; i++) {
      const terminal = { token: await t.token(Role.OPERATOR, { sub: `terminal-${i}` }) };
      await recordSamples(t, minuteSamples(processId, 500 * i, 500), terminal);
    }
    await reader.until(() => reader.results.length >= 1000, 60_000);
    (slow as unknown as { _socket: net.Socket })._socket.resume();
    expect(await closed).toBe(4008);
    expect((await t.fetch('/healthz')).status).toBe(200);
  }, 90_000);
});
