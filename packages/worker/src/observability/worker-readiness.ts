import type { RedisClient } from '@herald/core';
import { HEARTBEAT_TTL_MS, type Heartbeat, hasRedisEpoch } from '@herald/core';
import { type Kysely, sql } from 'kysely';
import type { ScheduleKeeper } from '../queue-repair/schedule-keeper.js';
import type { WorkerReadiness } from './worker-server.js';

export type WorkerReadinessDeps = {
  // biome-ignore lint/suspicious/noExplicitAny: a `select 1` runs on any store's schema.
  stores: { account: Kysely<any>; usage: Kysely<any>; content: Kysely<any> };
  redis: RedisClient;
  heartbeat: Pick<Heartbeat, 'lastBeatAt'>;
  /** The repeatable jobs this worker keeps: not ready while one is missing or Redis was emptied. */
  schedules: { keeper: Pick<ScheduleKeeper, 'missing'>; prefix: string };
  heartbeatTtlMs?: number;
  now?: () => number;
};

/**
 * The worker is ready when its three stores and Redis answer, its own heartbeat landed within
 * the TTL (exactly when the API's `/readyz` counts it alive), and Redis holds every schedule it
 * keeps and was not emptied since its last rebuild.
 */
export function workerReadiness(deps: WorkerReadinessDeps): () => Promise<WorkerReadiness> {
  const ttl = deps.heartbeatTtlMs ?? HEARTBEAT_TTL_MS;
  const now = deps.now ?? Date.now;
  return async () => {
    const checks = {
      account_store: await probe(() => sql`select 1`.execute(deps.stores.account)),
      usage_store: await probe(() => sql`select 1`.execute(deps.stores.usage)),
      content_store: await probe(() => sql`select 1`.execute(deps.stores.content)),
      redis: await probe(() => deps.redis.ping()),
      heartbeat:
        now() - deps.heartbeat.lastBeatAt() < ttl ? ('ok' as const) : ('unavailable' as const),
      schedules: await probe(async () => {
        if (!(await hasRedisEpoch(deps.redis, deps.schedules.prefix)))
          throw new Error('Redis was emptied and is not rebuilt yet');
        if ((await deps.schedules.keeper.missing()).length > 0) throw new Error('schedule missing');
      }),
    };
    const ok = Object.values(checks).every((check) => check === 'ok');
    return { status: ok ? 'ok' : 'unavailable', checks };
  };
}

async function probe(run: () => Promise<unknown>): Promise<'ok' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), 2000);
  });
  try {
    await Promise.race([run(), timeout]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}
