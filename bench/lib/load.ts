/** autocannon, wrapped: one bounded HTTP load run against loopback, summarised. */
import autocannon from 'autocannon';

export interface LoadSummary {
  /** Completed 2xx requests per second over the run. */
  rps: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
  seconds: number;
  /** Responses the caller's `check` rejected (GraphQL errors, unexpected typename). */
  rejected: number;
  /** The start of the first rejected response body, for the report. */
  firstRejected: string | null;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  body?: string;
  /** Per-request body factory (context is per connection; keep counters there). */
  makeBody?: (context: Record<string, any>) => string;
  /** Return false for a response body that is not a success. */
  check?: (body: string) => boolean;
}

export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  if (!/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/]/.test(options.url))
    throw new Error(`refusing non-loopback target ${options.url}`);
  let rejected = 0;
  let firstRejected: string | null = null;
  const request: Record<string, unknown> = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
  };
  if (options.makeBody) {
    request.setupRequest = (req: Record<string, unknown>, context: Record<string, any>) => ({ ...req, body: options.makeBody!(context) });
  } else {
    request.body = options.body;
  }
  if (options.check) {
    request.onResponse = (status: number, body: string) => {
      if (status !== 200 || !options.check!(body)) {
        rejected++;
        firstRejected ??= `HTTP ${status}: ${String(body).slice(0, 300)}`;
      }
    };
  }
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    requests: [request as any],
  });
  const ok = result['2xx'] - rejected;
  return {
    rps: ok / result.duration,
    total: result.requests.total,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    seconds: result.duration,
    rejected,
    firstRejected,
  };
}
