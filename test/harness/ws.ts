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
