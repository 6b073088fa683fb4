import { HeraldError } from '../errors/herald-error.js';
import type { RedisClient } from '../redis/redis.js';
import { type RateLimitDecision, takeFromBuckets } from './gcra.js';

export type { RateLimitDecision } from './gcra.js';

export class SendRateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly defaultPerSecond: number,
  ) {}

  /**
   * Takes `cost` sends (a batch costs one per message, at most a full bucket) from the key's
   * bucket and the account's, or says how long to wait.
   */
  async take(
    accountId: string,
    apiKeyId: string | null,
    perSecond: number | null,
    cost = 1,
  ): Promise<RateLimitDecision> {
    // Both buckets are taken in one script: the account's hash tag keeps them in one Cluster slot.
    const keys = [`${this.prefix}:rate:{${accountId}}:account`];
    if (apiKeyId) keys.push(`${this.prefix}:rate:{${accountId}}:key:${apiKeyId}`);
    return takeFromBuckets(this.redis, keys, perSecond ?? this.defaultPerSecond, cost);
  }
}

export function rateLimitedError(decision: RateLimitDecision): HeraldError {
  return new HeraldError('rate_limited', {
    retryAfterSeconds: decision.retryAfterSeconds,
    detail: `This account may send ${decision.limit} messages per second. Wait for the time in \`Retry-After\`, then try again.`,
  });
}
