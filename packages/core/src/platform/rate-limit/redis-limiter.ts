import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../redis/redis.js';

/** A fixed-window count in Redis under `keyPrefix`, shared by every API instance. */
export function redisLimiter(
  redis: RedisClient,
  keyPrefix: string,
  limit: { points: number; durationSeconds: number },
): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points: limit.points,
    duration: limit.durationSeconds,
  });
}

/**
 * Takes one point for `key`: the refusal (how long until the window ends) when none is left.
 * Any other failure (Redis) is thrown: a throttle that cannot count must not let all through.
 */
export async function takePoint(
  limiter: RateLimiterRedis,
  key: string,
): Promise<RateLimiterRes | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error;
    throw error;
  }
}
