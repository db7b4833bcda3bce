/**
 * The small request/response protocol between the runner and the processes it forks (the app,
 * the baselines, the WebSocket client processes). Requests are `{ id, cmd, ...args }`; replies are
 * `{ id, ok, result | error }`. Every child also answers `stats` with its own CPU and memory.
 */
export interface ChildRequest {
  id: number;
  cmd: string;
  [arg: string]: unknown;
}

export interface ChildReply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export type Handlers = Record<string, (request: ChildRequest) => unknown>;

/** What every child reports for `stats`, merged with the handler's own fields. */
export function processStats() {
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  return { cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, rss: mem.rss, heapUsed: mem.heapUsed };
}

/**
 * Answers IPC requests with `handlers`. `stats`, `gc` and `stop` have defaults; `stop` runs the
 * given handler, replies, then exits. A lost parent (disconnect) also stops and exits.
 */
export function serveChildRequests(handlers: Handlers) {
  let stopping = false;
  const stopAndExit = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await handlers.stop?.({ id: 0, cmd: 'stop' });
    } finally {
      process.exit(0);
    }
  };
  process.on('message', async (message: ChildRequest) => {
    if (!message || typeof message.cmd !== 'string') return;
    const reply = (body: Omit<ChildReply, 'id'>) => process.send?.({ id: message.id, ...body });
    try {
      if (message.cmd === 'stats') {
        reply({ ok: true, result: { ...processStats(), ...((await handlers.stats?.(message)) as object | undefined) } });
      } else if (message.cmd === 'gc') {
        const gc = (globalThis as { gc?: () => void }).gc;
        if (gc) {
          gc();
          await new Promise((resolve) => setTimeout(resolve, 50));
          gc();
        }
        reply({ ok: true, result: { collected: Boolean(gc), ...processStats() } });
      } else if (message.cmd === 'stop') {
        if (stopping) return;
        stopping = true;
        try {
          await handlers.stop?.(message);
        } finally {
          reply({ ok: true });
          setTimeout(() => process.exit(0), 20);
        }
      } else if (handlers[message.cmd]) {
        reply({ ok: true, result: await handlers[message.cmd](message) });
      } else {
        reply({ ok: false, error: `unknown command ${message.cmd}` });
      }
    } catch (error) {
      reply({ ok: false, error: (error as Error).message });
    }
  });
  process.on('disconnect', () => void stopAndExit());
  process.on('SIGTERM', () => void stopAndExit());
}
