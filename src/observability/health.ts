import type { DataSource } from 'typeorm';
import type { DatabaseState } from '../db/connect';
import { poolStats } from './metrics';

export interface Readiness {
  /** HTTP status for /readyz: 200 when the instance should receive traffic, 503 otherwise. */
  status: 200 | 503;
  body: {
    status: 'ready' | 'degraded' | 'not ready';
    draining: boolean;
    /** 'up', 'saturated' (the ping failed while the pool was busy), 'connecting' (never connected yet) or 'down'; only 'up' is ready. */
    database: 'up' | 'saturated' | 'connecting' | 'down';
    migrated: boolean;
    /** 'memory' (no Redis), 'ready', or 'degraded' (Redis down: fan-out across instances falls back to polling). */
    redis: 'memory' | 'ready' | 'degraded';
    /** 'full' while GRAPHQL_MAX_WAITING_OPERATIONS queries wait for a turn (the next is refused), else 'ok'; only 'ok' is ready. */
    queue: 'ok' | 'full';
  };
}

const PING_TIMEOUT_MS = 1000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

/**
 * Liveness and readiness. Liveness says only that the event loop answers (never touches the
 * database, so an outage does not get the process restarted in a loop). Readiness is false while
 * draining, before the database is connected and migrated, or whenever it does not answer
 * `SELECT 1` within a second, whatever the reason: the body says 'saturated' when the pool was
 * busy (every connection taken, or its wait queue full) and 'down' otherwise, but both answer 503.
 * A database that has gone away holds every pooled connection exactly as a busy one does, so a
 * busy pool cannot be told from an outage and must not keep the instance in rotation. Nor does an
 * instance whose queue of queries waiting for a turn is full (security/execution-gate: it refuses
 * the next at once), which on MySQL/MariaDB takes the place of the pool filling up. Redis down is
 * reported as "degraded" with 200: the API works and subscribers catch up by polling.
 */
export function createHealth(deps: {
  dataSource: DataSource;
  database: () => DatabaseState | null;
  redis: () => 'memory' | 'ready' | 'degraded';
  draining: () => boolean;
  /** Whether the execution gate's queue is full. */
  queueFull: () => boolean;
}) {
  return {
    liveness() {
      return { status: 'ok' as const };
    },

    async readiness(): Promise<Readiness> {
      const draining = deps.draining();
      const db = deps.database();
      let database: Readiness['body']['database'] = db?.ready ? 'up' : db?.lastError ? 'down' : 'connecting';
      if (db?.ready) {
        try {
          await withTimeout(deps.dataSource.query('SELECT 1'), PING_TIMEOUT_MS);
        } catch (error) {
          const pool = poolStats(deps.dataSource);
          const busy = /Queue limit reached/i.test((error as Error).message) || (pool !== null && pool.free === 0 && pool.total > 0);
          database = busy ? 'saturated' : 'down';
        }
      }
      const redis = deps.redis();
      const queue = deps.queueFull() ? 'full' : 'ok';
      const ready = !draining && database === 'up' && queue === 'ok';
      return {
        status: ready ? 200 : 503,
        body: {
          status: !ready ? 'not ready' : redis === 'degraded' ? 'degraded' : 'ready',
          draining,
          database,
          migrated: Boolean(db?.ready),
          redis,
          queue,
        },
      };
    },
  };
}
