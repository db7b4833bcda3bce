import Redis from 'ioredis';
import { GraphQLError } from 'graphql';
import type { RateLimitConfig } from '../config';
import type { Logger } from '../common/logger';

/** The outcome of taking points from a principal's bucket, and where the bucket stands after it. */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until the request would fit (0 when allowed). */
  retryAfterSeconds: number;
  /** Points left in the bucket after this decision (whole points, rounded down). */
  remaining: number;
  /** Seconds until the bucket has drained completely (every point available again). */
  resetSeconds: number;
}

/** Where a bucket stands without taking anything from it. */
export type BucketState = Pick<RateDecision, 'remaining' | 'resetSeconds'>;

/**
 * A leaky bucket of points per principal: each operation pours in its cost, the bucket drains at
 * `leakPerSecond`, and an operation that would overflow `capacity` is refused with RATE_LIMITED.
 */
export interface RateLimiter {
  consume(principal: string, points: number): Promise<RateDecision>;
  /** The bucket's state, taking nothing (responses refused before their cost is known still report it). */
  peek(principal: string): Promise<BucketState>;
  /** 'memory', or the Redis state ('ready' | 'degraded': Redis down, falling back to per-instance buckets). */
  state(): 'memory' | 'ready' | 'degraded';
  close(): Promise<void>;
}

/** RATE_LIMITED with the seconds to wait (HTTP adds status 429 and Retry-After). */
export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Rate limit exceeded: retry after ${retryAfterSeconds} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
  });
}

/**
 * RATE_LIMIT_EXCEEDS_BUDGET: the request alone costs more points than the bucket holds, so no
 * amount of waiting lets it run. Non-retryable: the client must ask for less (smaller pages, fewer
 * fields) or the operator must raise RATE_LIMIT_POINTS. HTTP answers 400 without Retry-After.
 */
export function exceedsBudget(requested: number, capacity: number): GraphQLError {
  return new GraphQLError(
    `This operation costs ${requested} points, more than the ${capacity} a rate-limit bucket holds, so it can never run: request fewer items (smaller first/last) or fewer fields`,
    { extensions: { code: 'RATE_LIMIT_EXCEEDS_BUDGET', requested, limit: capacity, retryable: false } },
  );
}

/** The reported state of a bucket filled to `level` (pure; exported for the unit spec). */
export function bucketState(level: number, config: Pick<RateLimitConfig, 'capacity' | 'leakPerSecond'>): BucketState {
  return { remaining: Math.max(0, Math.floor(config.capacity - level)), resetSeconds: Math.ceil(level / config.leakPerSecond) };
}

/** Pure leaky-bucket step; exported for the unit spec. */
export function leak(level: number, elapsedMs: number, leakPerSecond: number): number {
  return Math.max(0, level - (elapsedMs * leakPerSecond) / 1000);
}

/** Buckets in this process only: right for one instance, and the fallback while Redis is down. */
export function createMemoryRateLimiter(config: RateLimitConfig, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { level: number; at: number }>();
  let sweeps = 0;
  return {
    async consume(principal, points) {
      const t = now();
      const bucket = buckets.get(principal) ?? { level: 0, at: t };
      const level = leak(bucket.level, t - bucket.at, config.leakPerSecond);
      if (level + points > config.capacity) {
        buckets.set(principal, { level, at: t });
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((level + points - config.capacity) / config.leakPerSecond)),
          ...bucketState(level, config),
        };
      }
      buckets.set(principal, { level: level + points, at: t });
      // Forget drained buckets now and then so idle principals do not accumulate.
      if (++sweeps % 1000 === 0) {
        for (const [key, b] of buckets) if (leak(b.level, t - b.at, config.leakPerSecond) === 0) buckets.delete(key);
      }
      return { allowed: true, retryAfterSeconds: 0, ...bucketState(level + points, config) };
    },
    async peek(principal) {
      const bucket = buckets.get(principal);
      return bucketState(bucket ? leak(bucket.level, now() - bucket.at, config.leakPerSecond) : 0, config);
    },
    state: () => 'memory',
    async close() {
      buckets.clear();
    },
  };
}

// One bucket per principal in a Redis hash; Redis's own clock, so instances agree on elapsed time.
const LEAKY_BUCKET_LUA = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local points = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'level', 'at')
local level = tonumber(state[1]) or 0
local at = tonumber(state[2]) or now
level = math.max(0, level - (now - at) * rate / 1000)
if points == 0 then
  return {1, tostring(level)}
end
if level + points > capacity then
  return {0, tostring(level)}
end
level = level + points
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(level * 1000 / rate) + 1000)
return {1, tostring(level)}
`;

type BucketRedis = Redis & { leakyBucket(key: string, capacity: number, rate: number, points: number): Promise<[number, string]> };

/**
 * Buckets shared by every instance through Redis (one Lua script per operation). While Redis is
 * unreachable each instance falls back to its own buckets instead of failing requests: the API
 * keeps working, limits are merely per instance until Redis returns.
 */
export function createRedisRateLimiter(url: string, config: RateLimitConfig, logger: Logger): RateLimiter {
  const fallback = createMemoryRateLimiter(config);
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 250,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  }) as BucketRedis;
  redis.on('error', (err) => logger.debug({ err: err.message }, 'rate limiter redis error'));
  redis.defineCommand('leakyBucket', { numberOfKeys: 1, lua: LEAKY_BUCKET_LUA });
  return {
    async consume(principal, points) {
      if (redis.status !== 'ready') return fallback.consume(principal, points);
      try {
        const [allowed, raw] = await redis.leakyBucket(`opsgraph:rl:${principal}`, config.capacity, config.leakPerSecond, points);
        const level = Number(raw);
        if (allowed === 1) return { allowed: true, retryAfterSeconds: 0, ...bucketState(level, config) };
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((level + points - config.capacity) / config.leakPerSecond)),
          ...bucketState(level, config),
        };
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'rate limiter redis call failed; using this instance’s buckets');
        return fallback.consume(principal, points);
      }
    },
    async peek(principal) {
      if (redis.status !== 'ready') return fallback.peek(principal);
      try {
        // Zero points: the script reports the drained level and writes nothing.
        const [, raw] = await redis.leakyBucket(`opsgraph:rl:${principal}`, config.capacity, config.leakPerSecond, 0);
        return bucketState(Number(raw), config);
      } catch {
        return fallback.peek(principal);
      }
    },
    state: () => (redis.status === 'ready' ? 'ready' : 'degraded'),
    async close() {
      redis.disconnect();
      await fallback.close();
    },
  };
}

/** Never limits (RATE_LIMIT=off). */
export const unlimited: RateLimiter = {
  consume: async () => ({ allowed: true, retryAfterSeconds: 0, remaining: Number.POSITIVE_INFINITY, resetSeconds: 0 }),
  peek: async () => ({ remaining: Number.POSITIVE_INFINITY, resetSeconds: 0 }),
  state: () => 'memory',
  close: async () => undefined,
};
