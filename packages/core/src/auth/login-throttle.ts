import type { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import { HeraldError } from '../errors/herald-error.js';
import { hashToken } from './secret-token.js';

export type LoginThrottleOptions = {
  /** Failures for one address before it is locked out (default 5 in 15 minutes). */
  perAccount?: { points: number; durationSeconds: number };
  /** Failures from one IP before it is locked out (default 30 in an hour). */
  perIp?: { points: number; durationSeconds: number };
};

/**
 * Throttles log-in after repeated failures, per address and per IP, in Redis so every API
 * instance sees the same counts. Keys hold a hash of the address, never the address.
 */
export class LoginThrottle {
  private readonly byAccount: RateLimiterRedis;
  private readonly byIp: RateLimiterRedis;

  constructor(redis: Redis, prefix: string, options: LoginThrottleOptions = {}) {
    const perAccount = options.perAccount ?? { points: 5, durationSeconds: 15 * 60 };
    const perIp = options.perIp ?? { points: 30, durationSeconds: 60 * 60 };
    this.byAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:login-fail:account`,
      points: perAccount.points,
      duration: perAccount.durationSeconds,
      blockDuration: perAccount.durationSeconds,
    });
    this.byIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:login-fail:ip`,
      points: perIp.points,
      duration: perIp.durationSeconds,
      blockDuration: perIp.durationSeconds,
    });
  }

  /** Throws `login_throttled` (with Retry-After) when either counter is exhausted. */
  async check(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([
      this.byAccount.get(key(email)),
      this.byIp.get(ip),
    ]);
    const blocked = [account, address].filter(
      (r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0,
    );
    if (blocked.length > 0) {
      const retryAfterMs = Math.max(...blocked.map((r) => r.msBeforeNext));
      throw new HeraldError('login_throttled', {
        retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
      });
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.byAccount.penalty(key(email), 1).catch(() => {}),
      this.byIp.penalty(ip, 1).catch(() => {}),
    ]);
  }

  /** A successful log-in clears the address's count (not the IP's: one good password is not a pass for a network). */
  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(key(email));
  }
}

function key(email: string): string {
  return hashToken(email.trim().toLowerCase());
}
