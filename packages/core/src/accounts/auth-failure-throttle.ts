import { RateLimiterRedis } from 'rate-limiter-flexible';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { RedisClient } from '../platform/redis/redis.js';

export type AuthFailureThrottleOptions = {
  /** Failed authentications one IP may make in a window (default 30 in 10 minutes). */
  points: number;
  durationSeconds: number;
};

const DEFAULTS: AuthFailureThrottleOptions = { points: 30, durationSeconds: 10 * 60 };

/**
 * Failed authentications with an API key (Bearer or Twilio's Basic), counted per source IP in
 * Redis so every API instance sees the same count. Past the allowance, a source's failing
 * attempts are answered `429 auth_throttled` until its window ends. Only failures touch Redis:
 * a valid key costs nothing here. Should Redis fail, the throttle lets requests through (and
 * says so through `onError`): it guards against guessing, it must not take authentication down.
 */
export class AuthFailureThrottle {
  private readonly limiter: RateLimiterRedis;
  private readonly points: number;

  constructor(
    redis: RedisClient,
    prefix: string,
    options: AuthFailureThrottleOptions = DEFAULTS,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.points = options.points;
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:auth-fail:ip`,
      points: options.points,
      duration: options.durationSeconds,
    });
  }

  /** `auth_throttled` when the source has used up its allowance, else undefined. */
  async refusal(ip: string): Promise<HeraldError | undefined> {
    const state = await this.limiter.get(ip).catch(this.failOpen);
    return state && state.consumedPoints >= this.points ? throttled(state.msBeforeNext) : undefined;
  }

  /** Counts one failure; `auth_throttled` once the source is past its allowance. */
  async recordFailure(ip: string): Promise<HeraldError | undefined> {
    const state = await this.limiter.penalty(ip, 1).catch(this.failOpen);
    return state && state.consumedPoints > this.points ? throttled(state.msBeforeNext) : undefined;
  }

  private readonly failOpen = (error: unknown): null => {
    this.onError(error);
    return null;
  };
}

function throttled(msBeforeNext: number): HeraldError {
  return new HeraldError('auth_throttled', {
    retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)),
  });
}
