/**
 * One of the WebSocket client processes of scenarios 4–6. Holds many sockets to one server and
 * counts what arrives. Modes: `graphql` speaks graphql-transport-ws (connection_init with
 * connectionParams, then one subscribe per socket); `raw` just connects. In latency mode it reads
 * the ISO timestamp after `"recordedAt":"` in each message and records now − that instant.
 */
import WebSocket from 'ws';
import { serveChildRequests } from './child-protocol';
import { Histogram } from './stats';

interface OpenArgs {
  url: string;
  count: number;
  mode: 'graphql' | 'raw';
  connectionParams?: Record<string, unknown>;
  subscribe?: { query: string; variables: Record<string, unknown> };
  /** Sockets opening at once. */
  concurrency: number;
  timeoutMs: number;
}

const sockets: WebSocket[] = [];
let messages = 0;
let errorsSeen = 0;
let firstAt = 0;
let lastAt = 0;
let latencyMode = false;
let histogram = new Histogram();
let sampleText: string | null = null;
let errorText: string | null = null;
const closeCodes: Record<string, number> = {};
const TIMESTAMP = /"recordedAt":"([^"]{24})"/;

function nowEpochMs() {
  return performance.timeOrigin + performance.now();
}

function onData(data: WebSocket.RawData) {
  const at = nowEpochMs();
  messages++;
  if (firstAt === 0) firstAt = at;
  lastAt = at;
  if (sampleText === null || latencyMode) {
    const text = data.toString();
    if (sampleText === null && text.includes('"next"')) sampleText = text;
    if (text.includes('"type":"error"')) {
      errorsSeen++;
      errorText ??= text.slice(0, 500);
    }
    if (latencyMode) {
      const match = TIMESTAMP.exec(text);
      if (match) histogram.record(at - Date.parse(match[1]));
    }
  }
}

function openOne(args: OpenArgs, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(args.url, args.mode === 'graphql' ? 'graphql-transport-ws' : undefined, { perMessageDeflate: false });
    let settled = false;
    const timer = setTimeout(() => done(new Error('timed out opening')), args.timeoutMs);
    const done = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        socket.terminate();
        reject(error);
      } else {
        sockets.push(socket);
        resolve();
      }
    };
    socket.on('error', (error) => done(error));
    socket.on('close', (code) => {
      closeCodes[code] = (closeCodes[code] ?? 0) + 1;
      done(new Error(`closed with ${code} while opening`));
    });
    socket.on('open', () => {
      if (args.mode === 'raw') {
        socket.on('message', onData);
        return done();
      }
      socket.send(JSON.stringify({ type: 'connection_init', payload: args.connectionParams ?? {} }));
    });
    if (args.mode === 'graphql') {
      const onAck = (data: WebSocket.RawData) => {
        const text = data.toString();
        if (!text.includes('connection_ack')) return done(new Error(`expected connection_ack, got ${text.slice(0, 200)}`));
        socket.off('message', onAck);
        socket.on('message', onData);
        socket.send(JSON.stringify({ id: String(index), type: 'subscribe', payload: args.subscribe }));
        done();
      };
      socket.on('message', onAck);
    }
  });
}

serveChildRequests({
  async open(request) {
    const args = request as unknown as OpenArgs;
    const started = performance.now();
    let next = 0;
    let failed = 0;
    let firstError: string | null = null;
    const worker = async () => {
      while (next < args.count) {
        const index = next++;
        try {
          await openOne(args, index);
        } catch (error) {
          failed++;
          firstError ??= (error as Error).message;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(args.concurrency, args.count) }, worker));
    return { opened: args.count - failed, failed, firstError, ms: performance.now() - started };
  },
  measure(request) {
    latencyMode = Boolean(request.latency);
    messages = 0;
    errorsSeen = 0;
    firstAt = 0;
    lastAt = 0;
    histogram = new Histogram();
    return { open: sockets.filter((s) => s.readyState === WebSocket.OPEN).length };
  },
  report() {
    return {
      messages,
      errors: errorsSeen,
      errorText,
      firstAt,
      lastAt,
      histogram: histogram.toJSON(),
      open: sockets.filter((s) => s.readyState === WebSocket.OPEN).length,
      closeCodes,
      sampleText,
    };
  },
  close() {
    for (const socket of sockets) socket.terminate();
    sockets.length = 0;
    return {};
  },
  stop() {
    for (const socket of sockets) socket.terminate();
  },
});
process.send?.({ type: 'ready' });
