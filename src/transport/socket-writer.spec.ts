import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import * as wsModule from 'ws';
import WebSocket, { WebSocketServer } from 'ws';
import type { LiveSocket } from '../context';
import type { LiveSink, PushableStream } from '../realtime/live-iterator';
import type { CostReport } from '../security/operation-guard';
import { DirectStream, OperationSocket, textFrame, type SharedResult } from './socket-writer';

/** ws's Sender (exported by ws, not declared by @types/ws). */
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] } };

/** What ws's own Sender writes for a text message from a server: header and payload, joined. */
function wsFrame(text: string): Buffer {
  return Buffer.concat(Sender.frame(Buffer.from(text), { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false }));
}

describe('textFrame', () => {
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 70_000])('is byte for byte what ws writes for a text of %i bytes', (bytes) => {
    const text = 'x'.repeat(bytes);
    expect(textFrame(text).equals(wsFrame(text))).toBe(true);
  });

  it('counts bytes, not characters: multi-byte text, and a lone surrogate written as U+FFFD as ws does', () => {
    for (const text of ['Überstunden ≥ 40 h ✓ 𝒳', 'a\uD800b', '€'.repeat(42), '€'.repeat(21_846)]) {
      const frame = textFrame(text);
      expect(frame.equals(wsFrame(text))).toBe(true);
      expect(frame.length - Buffer.byteLength(text)).toBe(Buffer.byteLength(text) < 126 ? 2 : Buffer.byteLength(text) < 65_536 ? 4 : 10);
    }
  });
});

describe('OperationSocket over a real WebSocket', () => {
  let server: Server;
  let wss: WebSocketServer;
  let url: string;

  beforeEach(async () => {
    server = createServer();
    // As the app's server: no compression (see attachWebSocket in ws.ts).
    wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    server.on('upgrade', (req, socket: Duplex, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A client and the server's side of its socket: the WebSocket and the TCP socket its upgrade gave ws. */
  async function connect() {
    const accepted = new Promise<[WebSocket, Duplex]>((resolve) =>
      wss.once('connection', (ws: WebSocket, tcp: Duplex) => resolve([ws, tcp])),
    );
    const client = new WebSocket(url);
    const received: string[] = [];
    client.on('message', (data) => received.push(String(data)));
    await new Promise((resolve) => client.once('open', resolve));
    const [ws, tcp] = await accepted;
    return { client, received, ws, tcp };
  }

  const cost = { requested: 3 } as unknown as CostReport;

  it("writes pre-built frames to the TCP socket in order with ws's own messages, the first next carrying the cost", async () => {
    const { client, received, ws, tcp } = await connect();
    const socket = new OperationSocket(ws, 'op-1', cost, tcp);
    // Each result is one write of one whole frame to the TCP socket (ws's send writes two buffers).
    const writes: unknown[] = [];
    const write = tcp.write.bind(tcp);
    tcp.write = ((chunk: unknown, ...rest: never[]) => (writes.push(chunk), write(chunk as Buffer, ...rest))) as typeof tcp.write;
    const big = JSON.stringify({ data: { text: 'é'.repeat(40_000) } });
    expect(socket.sendNext('{"data":{"n":1}}')).toBe(true);
    ws.send('{"type":"ping"}');
    expect(socket.sendNext(big)).toBe(true);
    ws.send('{"id":"op-2","type":"complete"}');
    expect(socket.sendNext('{"data":{"n":3}}')).toBe(true);
    await new Promise<void>((resolve, reject) => {
      const until = Date.now() + 5000;
      const check = () =>
        received.length === 5 ? resolve() : Date.now() > until ? reject(new Error('not all arrived')) : setTimeout(check, 5);
      check();
    });
    expect(writes[0]).toEqual(textFrame('{"id":"op-1","type":"next","payload":{"extensions":{"cost":{"requested":3}},"data":{"n":1}}}'));
    expect(writes.filter((chunk) => Buffer.isBuffer(chunk) && chunk[0] === 0x81 && chunk.length > 50)).toHaveLength(3);
    expect(received).toEqual([
      '{"id":"op-1","type":"next","payload":{"extensions":{"cost":{"requested":3}},"data":{"n":1}}}',
      '{"type":"ping"}',
      `{"id":"op-1","type":"next","payload":${big}}`,
      '{"id":"op-2","type":"complete"}',
      '{"id":"op-1","type":"next","payload":{"data":{"n":3}}}',
    ]);
    client.close();
  });

  it('writes through ws when it has no TCP socket, and nothing once the socket is closing', async () => {
    const { client, received, ws } = await connect();
    const socket = new OperationSocket(ws, 'op-1', cost);
    expect(socket.sendNext('{"data":{"n":1}}')).toBe(true);
    await new Promise<void>((resolve) => {
      const check = () => (received.length === 1 ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(received).toEqual(['{"id":"op-1","type":"next","payload":{"extensions":{"cost":{"requested":3}},"data":{"n":1}}}']);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    client.close();
    await closed;
    expect(socket.sendNext('{"data":{"n":2}}')).toBe(false);
  });
});

describe('DirectStream, the slow-consumer rule', () => {
  /** A source that only hands its sink over; the test pushes into it as the hub would. */
  function directStream() {
    let sink: LiveSink<number> | null = null;
    const source = {
      pushTo: (next: LiveSink<number> | null) => void (sink = next),
      next: () => new Promise<IteratorResult<number>>(() => undefined),
      return: async () => ({ value: undefined, done: true as const }),
      [Symbol.asyncIterator]() {
        return this;
      },
    } as unknown as PushableStream<number>;
    const frames: string[] = [];
    const socket: LiveSocket = { bufferedAmount: 0, close: () => undefined, sendNext: (json) => (frames.push(json), true) };
    const results = new Map<number, SharedResult>();
    const resultOf = (payload: unknown) => {
      const result: SharedResult = { result: null, json: null, waiters: [] };
      results.set(payload as number, result);
      return result;
    };
    new DirectStream(
      source,
      socket,
      resultOf,
      () => undefined,
      () => undefined,
    );
    return { push: (n: number, maxQueue: number) => sink!(n, maxQueue), results, frames };
  }

  it('does not count results still executing, however many (the server’s backlog, not the subscriber’s)', () => {
    const s = directStream();
    const over = Array.from({ length: 50 }, (_, i) => s.push(i + 1, 10));
    expect(over.every((o) => o === false)).toBe(true);
  });

  it('answers true once more than maxQueue results are ready and unwritten behind one still executing', () => {
    const s = directStream();
    for (let i = 1; i <= 12; i++) s.push(i, 10);
    // The first stays unsettled, so nothing can be written; eleven behind it become ready.
    for (let i = 2; i <= 12; i++) s.results.get(i)!.result = { data: { n: i } };
    expect(s.push(13, 11)).toBe(false);
    expect(s.push(14, 10)).toBe(true);
    expect(s.frames).toEqual([]);
  });
});
