import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RedisClient } from '../redis/redis.js';
import type { BestEffort } from './best-effort.js';

/**
 * Each worker process says it is alive by writing its expiry time into one sorted set every few
 * seconds; the API's readiness counts the members that have not expired. Redis's own clock is
 * used on both sides, so API and worker hosts whose clocks disagree still agree on "alive".
 * One key under the queue prefix: the same Redis Cluster slot as the queues.
 */
const BEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ttl * 2)
return now
`;

const ALIVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
`;

const STOP = `return redis.call('ZREM', KEYS[1], ARGV[1])`;

export const HEARTBEAT_INTERVAL_MS = 5_000;
/** Three missed beats and a worker counts as gone. */
export const HEARTBEAT_TTL_MS = 15_000;

export function heartbeatKey(prefix: string): string {
  return `${prefix}:workers:heartbeat`;
}

/** A stable-for-its-life name of this worker process, for the heartbeat set (no personal data). */
export function workerInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export type Heartbeat = {
  /** When this process last beat successfully (its own readiness), epoch ms; 0 before the first. */
  lastBeatAt(): number;
  stop(): Promise<void>;
};

/**
 * Beats at once, then every `intervalMs` until stopped; a failed beat (Redis away) is reported
 * and retried at the next tick, so the worker turns "not ready" for the API only after the TTL
 * runs out.
 */
export async function startHeartbeat(
  redis: RedisClient,
  prefix: string,
  options: { bestEffort: BestEffort; instanceId?: string; intervalMs?: number; ttlMs?: number },
): Promise<Heartbeat> {
  const member = options.instanceId ?? workerInstanceId();
  const ttl = options.ttlMs ?? HEARTBEAT_TTL_MS;
  const key = heartbeatKey(prefix);
  let last = 0;
  const beat = () =>
    redis.eval(BEAT, 1, key, member, String(ttl)).then(() => {
      last = Date.now();
    });
  const beatOrReport = () => options.bestEffort.attempt('heartbeat', beat(), { member });
  await beatOrReport();
  const timer = setInterval(() => void beatOrReport(), options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    lastBeatAt: () => last,
    stop: async () => {
      clearInterval(timer);
      // Left in the set, the member lapses with its TTL.
      await options.bestEffort.attempt('heartbeat', redis.eval(STOP, 1, key, member), { member });
    },
  };
}

/** How many workers beat within their TTL. */
export async function aliveWorkers(redis: RedisClient, prefix: string): Promise<number> {
  return Number(await redis.eval(ALIVE, 1, heartbeatKey(prefix)));
}
