/**
 * What every scenario gets from the runner: options, the global deadline, progress logging,
 * signed tokens, and helpers to start the real app (as a child process) and talk to it.
 */
import { randomBytes } from 'node:crypto';
import { Role, signToken } from '../../src/common/auth';
import { startChild, type BenchChild, type ChildStats } from './children';
import type { BaselineTree } from './baseline';
import { appDatabaseUrl, type DbKind } from '../seed';

export type ScaleName = 'small' | 'large';

export interface BenchOptions {
  /** Scales to run; the default run is small for all, then large for 2 and 9 when time allows. */
  scales: ScaleName[];
  /** Scenario numbers to run; null = all. */
  only: number[] | null;
  /** Measured rounds per variant (the median is reported). */
  rounds: number;
  /** Seconds of load per round. */
  roundSeconds: number;
  /** The whole run's budget in seconds; scenarios that would not fit are skipped and listed. */
  budgetSeconds: number;
  /** Databases to use where a database is involved. */
  databases: DbKind[];
  /** `--baseline-ref`: the ref whose app scenarios that support it measure beside the current one. */
  baselineRef: string | null;
}

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The app running in a child process. */
export interface AppHandle {
  child: BenchChild;
  url: string;
  wsUrl: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResult<T>>;
  stats(): Promise<ChildStats & { sql: number }>;
  stop(): Promise<void>;
}

/**
 * Per-client protections lifted for the benchmarks: one loopback load generator stands in for
 * thousands of clients, so per-IP/per-principal socket caps and the rate limiter would measure
 * themselves instead of the server. Listed in RESULTS.md. Query depth/cost limits stay as shipped.
 */
export const BENCH_LIMIT_OVERRIDES: Record<string, string> = {
  WS_MAX_CONNECTIONS_PER_IP: '1000000',
  WS_MAX_CONNECTIONS_PER_PRINCIPAL: '1000000',
  RATE_LIMIT_POINTS: '1000000000',
  RATE_LIMIT_POINTS_PER_SECOND: '1000000000',
};

export class Bench {
  readonly startedAt = Date.now();
  readonly deadline: number;
  /** HS256 secret set in every app child's JWT_SECRET. */
  readonly secret = randomBytes(32).toString('hex');
  tokens!: { admin: string; operator: string; viewer: string };
  /** The `--baseline-ref` worktree, once the runner has made it (null without the flag). */
  baseline: BaselineTree | null = null;

  constructor(readonly options: BenchOptions) {
    this.deadline = this.startedAt + options.budgetSeconds * 1000;
  }

  async init() {
    const sign = (role: Role) => signToken(this.secret, { sub: `bench-${role.toLowerCase()}`, roles: [role] }, { expiresIn: '6h' });
    this.tokens = { admin: await sign(Role.ADMIN), operator: await sign(Role.OPERATOR), viewer: await sign(Role.VIEWER) };
  }

  /**
   * This bench with `databases` narrowed (the runner runs per-database scenarios once per engine);
   * everything else (deadline, tokens, secret, baseline) is shared with the original.
   */
  narrowed(databases: DbKind[]): Bench {
    const view = Object.create(this) as Bench;
    Object.defineProperty(view, 'options', { value: { ...this.options, databases } });
    return view;
  }

  /** Seconds left before the global deadline. */
  remainingSeconds(): number {
    return (this.deadline - Date.now()) / 1000;
  }

  log(line: string) {
    const elapsed = ((Date.now() - this.startedAt) / 1000).toFixed(0).padStart(4);
    process.stdout.write(`[bench ${elapsed}s] ${line}\n`);
  }

  /**
   * Starts the real app (bench/lib/app-process.ts) on a database; production settings, introspection
   * on. With `root` it is that tree's app (the `--baseline-ref` worktree), which runs its own
   * migrations on start, so give it a database of its own.
   */
  async startApp(
    kind: DbKind,
    url: string,
    env: Record<string, string> = {},
    options: { exposeGc?: boolean; root?: string; name?: string } = {},
  ): Promise<AppHandle> {
    const child = await startChild(options.name ?? `app(${kind})`, 'app-process.ts', {
      exposeGc: options.exposeGc,
      root: options.root,
      readyTimeoutMs: 120_000,
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: appDatabaseUrl(kind, url),
        JWT_SECRET: this.secret,
        HOST: '127.0.0.1',
        PORT: '0',
        INTROSPECTION: 'true',
        GRAPHIQL: 'false',
        SEED_DEMO: 'false',
        PRINT_DEMO_TOKENS: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_POOL_SIZE: '10',
        ...BENCH_LIMIT_OVERRIDES,
        ...env,
      },
    });
    const base = child.url;
    const handle: AppHandle = {
      child,
      url: base,
      wsUrl: `${base.replace(/^http/, 'ws')}/graphql`,
      gql: (query, variables = {}, token = this.tokens.admin) => postGraphQL(`${base}/graphql`, query, variables, token),
      stats: () => child.stats() as Promise<ChildStats & { sql: number }>,
      stop: () => child.stop(),
    };
    return handle;
  }
}

/** POSTs one GraphQL request; throws on a non-JSON answer. */
export async function postGraphQL<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = null,
  timeoutMs = 60_000,
): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const send = () =>
    fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(timeoutMs) });
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    // A keep-alive socket the server closed while this process was busy (e.g. a synchronous bulk
    // insert into SQLite kept undici's timers from running): retry once on a fresh connection.
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error;
    response = await send();
  }
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLResult<T>;
  } catch {
    throw new Error(`HTTP ${response.status} from ${url}: ${text.slice(0, 300)}`);
  }
}

/** The data of a result, or an Error naming the GraphQL errors. */
export function dataOf<T>(result: GraphQLResult<T>, what: string): T {
  if (result.errors?.length) throw new Error(`${what}: ${JSON.stringify(result.errors).slice(0, 600)}`);
  return result.data as T;
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
