import type { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { HeraldError } from '../platform/errors/herald-error.js';
import { redisLimiter } from '../platform/rate-limit/redis-limiter.js';
import type { ThrottleKeys } from '../platform/rate-limit/throttle-keys.js';
import type { RedisClient } from '../platform/redis/redis.js';

type Limit = { points: number; durationSeconds: number };

export type LoginThrottleOptions = {
  /** Failures for one address from one network before that pair is locked (5 in 15 minutes). */
  perAddressAndSource?: Limit;
  /** Failures from one network, whatever the address (30 in an hour). */
  perSource?: Limit;
  /**
   * Failures for one address from every network together (100 in an hour): guessing spread over
   * many networks. Past it, only networks the user has logged in from before get through.
   */
  perAddress?: Limit;
  /** How long a network a user logged in from stays known to the per-address limit. */
  knownSourceDays?: number;
};

export const defaultLoginThrottle: Required<LoginThrottleOptions> = {
  perAddressAndSource: { points: 5, durationSeconds: 15 * 60 },
  perSource: { points: 30, durationSeconds: 60 * 60 },
  perAddress: { points: 100, durationSeconds: 60 * 60 },
  knownSourceDays: 30,
};

/**
 * Throttles log-in after repeated failures, in Redis so every API instance sees the same counts.
 * Failures count per address and network together: someone failing from their network locks
 * only themselves out, never the user from the user's own network. Alone, that would let a
 * botnet guess one user's password from many networks, so a far higher count per address
 * stops unknown networks too, while the networks the user has logged in from (or reset the
 * password from) still get through. Keys are keyed hashes, never an address or IP.
 */
export class LoginThrottle {
  private readonly byPair: RateLimiterRedis;
  private readonly bySource: RateLimiterRedis;
  private readonly byAddress: RateLimiterRedis;
  private readonly knownSourceSeconds: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly keys: ThrottleKeys,
    options: LoginThrottleOptions = {},
  ) {
    const settings = { ...defaultLoginThrottle, ...options };
    const limiter = (name: string, limit: Limit) =>
      redisLimiter(redis, `${prefix}:login-fail:${name}`, limit);
    this.byPair = limiter('pair', settings.perAddressAndSource);
    this.bySource = limiter('source', settings.perSource);
    this.byAddress = limiter('address', settings.perAddress);
    this.knownSourceSeconds = settings.knownSourceDays * 86_400;
  }

  /** Throws `login_throttled` (with Retry-After) when a count this attempt falls under is spent. */
  async check(email: string, ip: string | null): Promise<void> {
    const { address, source } = this.keysOf(email, ip);
    const [pair, fromSource, forAddress] = await Promise.all([
      this.byPair.get(`${address}:${source}`),
      this.bySource.get(source),
      this.byAddress.get(address),
    ]);
    const blocked = [pair, fromSource].filter(spent);
    if (spent(forAddress) && !(await this.isKnown(address, source))) blocked.push(forAddress);
    if (blocked.length > 0) {
      const retryAfterMs = Math.max(...blocked.map((r) => r.msBeforeNext));
      throw new HeraldError('login_throttled', {
        retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
      });
    }
  }

  async recordFailure(email: string, ip: string | null): Promise<void> {
    const { address, source } = this.keysOf(email, ip);
    await Promise.all([
      this.byPair.penalty(`${address}:${source}`, 1),
      this.bySource.penalty(source, 1),
      this.byAddress.penalty(address, 1),
    ]);
  }

  /**
   * A log-in succeeded: this network's count for the address starts again, and the network is
   * known to the per-address limit. The per-address count stays: one right password from one
   * network says nothing about guesses from the others.
   */
  async recordSuccess(email: string, ip: string | null): Promise<void> {
    const { address, source } = this.keysOf(email, ip);
    await this.byPair.delete(`${address}:${source}`);
    await this.rememberSource(email, ip);
  }

  /** A network proved itself for this address (a log-in, or a password reset from its link). */
  async rememberSource(email: string, ip: string | null): Promise<void> {
    const { address, source } = this.keysOf(email, ip);
    const key = this.knownKey(address);
    await this.redis.multi().sadd(key, source).expire(key, this.knownSourceSeconds).exec();
  }

  private async isKnown(address: string, source: string): Promise<boolean> {
    return (await this.redis.sismember(this.knownKey(address), source)) === 1;
  }

  private knownKey(address: string): string {
    return `${this.prefix}:login-known:${address}`;
  }

  private keysOf(email: string, ip: string | null) {
    return { address: this.keys.address(email), source: this.keys.source(ip) };
  }
}

function spent(result: RateLimiterRes | null): result is RateLimiterRes {
  return result !== null && result.remainingPoints <= 0;
}
