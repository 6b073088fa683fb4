import type { RedisClient } from '../redis/redis.js';
import { redisScript } from '../redis/redis-script.js';

/**
 * GCRA (the "generic cell rate algorithm", a token bucket kept as one timestamp per bucket):
 * `rate` per second with bursts up to `rate`, for every bucket a request names at once (a
 * send's key and account); it is let through only if all have room, and then costs one in
 * each. Redis's own clock is used, so every API instance agrees.
 */
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local increment = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local tats = {}
local worst_wait = 0
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key)) or now
  if tat < now then tat = now end
  tats[i] = tat
  local wait = tat + increment - tolerance - now
  if wait > worst_wait then worst_wait = wait end
end
if worst_wait > 0 then
  local reset = 0
  for i = 1, #KEYS do if tats[i] - now > reset then reset = tats[i] - now end end
  return {0, 0, worst_wait, reset}
end
local remaining = -1
local reset = 0
for i, key in ipairs(KEYS) do
  local new_tat = tats[i] + increment
  redis.call('SET', key, new_tat, 'PX', math.ceil(new_tat - now) + 1000)
  local left = math.floor((now + tolerance - new_tat) / interval)
  if remaining < 0 or left < remaining then remaining = left end
  if new_tat - now > reset then reset = new_tat - now end
end
return {1, remaining, 0, reset}
`;
const takeScript = redisScript(SCRIPT);

export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the buckets are full again. */
  resetSeconds: number;
  /** Seconds to wait before a refused request can succeed. */
  retryAfterSeconds: number;
};

/**
 * Takes `cost` from every bucket named by `keys` (each `perSecond`, bursts up to `perSecond`),
 * or none of them, and says where the caller stands.
 */
export async function takeFromBuckets(
  redis: RedisClient,
  keys: readonly string[],
  perSecond: number,
  cost = 1,
): Promise<RateLimitDecision> {
  const interval = 1000 / perSecond;
  const increment = interval * Math.min(Math.max(1, cost), perSecond);
  const [allowed, remaining, waitMs, resetMs] = (await takeScript(
    redis,
    keys.length,
    ...keys,
    String(increment),
    String(interval * perSecond),
    String(interval),
  )) as number[];
  return {
    allowed: allowed === 1,
    limit: perSecond,
    remaining: Math.max(0, remaining ?? 0),
    resetSeconds: Math.ceil((resetMs ?? 0) / 1000),
    retryAfterSeconds: Math.max(1, Math.ceil((waitMs ?? 0) / 1000)),
  };
}
