import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client for tests; `closes` records every close event. */
export function wsClient(url: string, token: string | null, options: { retry?: boolean; lazy?: boolean } = {}) {
  const closes: { code: number; reason: string }[] = [];
  const client: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: options.lazy ?? true,
    retryAttempts: options.retry ? 5 : 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: {
      closed: (event) => {
        const e = event as { code: number; reason: string };
        closes.push({ code: e.code, reason: String(e.reason) });
      },
    },
  });
  return { client, closes };
}

/** Runs one query or mutation over the socket and resolves with its result. */
export function wsOnce<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  return new Promise<FormattedExecutionResult<T, unknown>>((resolve, reject) => {
    let result: FormattedExecutionResult<T, unknown> | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => (result = value),
        error: reject,
        complete: () => (result ? resolve(result) : reject(new Error('completed without a result'))),
      },
    );
  });
}

/** Collects a subscription's results until stopped; `next(n)` waits until n results have arrived. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: FormattedExecutionResult<T, unknown>[] = [];
  let error: unknown = null;
  let completed = false;
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        results.push(value);
        notify();
      },
      error: (err) => {
        error = err;
        notify();
      },
      complete: () => {
        completed = true;
        notify();
      },
    },
  );
  return {
    results,
    get error() {
      return error;
    },
    get completed() {
      return completed;
    },
    dispose,
    /** Waits until `predicate()` holds, an error arrives, or the timeout passes (then throws). */
    async until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (error || completed) return;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms with ${results.length} results`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 200));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

/**
 * A graphql-transport-ws socket spoken by hand, for protocol-level tests: every frame as sent
 * (`texts`) and parsed (`messages`), the close code, and the HTTP status of a refused upgrade.
 */
export function rawSocket(url: string, options: { origin?: string; protocol?: string | null } = {}) {
  const ws = new WebSocket(url, options.protocol === null ? [] : [options.protocol ?? 'graphql-transport-ws'], {
    headers: options.origin ? { origin: options.origin } : {},
  });
  const texts: string[] = [];
  const messages: any[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    const text = String(data);
    texts.push(text);
    try {
      messages.push(JSON.parse(text));
    } catch {
      messages.push(text);
    }
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const upgrade = new Promise<number>((resolve) => {
    ws.on('open', () => resolve(101));
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(0));
  });
  /** Waits until `predicate()` holds; throws after `timeoutMs` or once the socket has closed without it. */
  async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline || ws.readyState === ws.CLOSED)
        throw new Error(`timed out with ${texts.length} messages: ${texts.slice(-3).join(' | ').slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  const send = (message: unknown) => ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  return {
    ws,
    texts,
    messages,
    closed,
    /** 101 when the upgrade succeeded, else the HTTP status of the refusal. */
    upgrade,
    send,
    until,
    /** Sends connection_init (with a bearer token if given) and waits for the ack. */
    async init(token?: string) {
      await upgrade;
      send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
      await until(() => messages.some((m) => m.type === 'connection_ack'));
    },
    subscribe: (id: string, query: string, variables: Record<string, unknown> = {}) =>
      send({ id, type: 'subscribe', payload: { query, variables } }),
    complete: (id: string) => send({ id, type: 'complete' }),
    /** The first message that matches, waiting for it as `until` does. */
    async waitFor(predicate: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
      await until(() => messages.some(predicate), timeoutMs);
      return messages.find(predicate);
    },
    close: () => ws.terminate(),
  };
}
