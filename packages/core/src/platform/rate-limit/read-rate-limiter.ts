import type { Principal } from '../../access/permissions.js';
import { HeraldError } from '../errors/herald-error.js';
import type { RedisClient } from '../redis/redis.js';
import { type RateLimitDecision, takeFromBuckets } from './gcra.js';

/**
 * Reads (`GET`) per second for each API key and each console user, in a bucket of their own:
 * apart from the send limit, so polling never costs a send and a burst of sends never blocks
 * reading their status. One limit for everyone (`READ_RATE_LIMIT_PER_SECOND`).
 */
export class ReadRateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    readonly perSecond: number,
  ) {}

  take(principal: Principal): Promise<RateLimitDecision> {
    const who =
      principal.kind === 'api_key' ? `key:${principal.apiKeyId}` : `user:${principal.userId}`;
    return takeFromBuckets(this.redis, [`${this.prefix}:read:${who}`], this.perSecond);
  }
}

export function readRateLimitedError(decision: RateLimitDecision): HeraldError {
  return new HeraldError('rate_limited', {
    retryAfterSeconds: decision.retryAfterSeconds,
    detail: `This key (or person) may make ${decision.limit} reads per second. Wait for the time in \`Retry-After\`, then try again.`,
  });
}
