import { type RedisClient, redisScript } from '@herald/core';

/*
 * Admits a slot when the account has fewer than `limit` live ones. Slots are members of a sorted
 * set scored by when they lapse, so a worker killed mid-delivery cannot leak one for long.
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
  return 1
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;
const acquireScript = redisScript(ACQUIRE);

export type InFlightGateOptions = {
  redis: RedisClient;
  /** Herald's key prefix: each account's slots are one key, so one Redis Cluster slot. */
  prefix: string;
  limit: number;
  /** How long a slot lives if its holder never releases it (past the request timeout). */
  slotTtlMs: number;
};

/**
 * Caps the webhook deliveries in flight per account across every worker, so one account's slow
 * endpoint holds at most `limit` of the worker's slots and other accounts keep flowing.
 */
export class InFlightGate {
  constructor(private readonly options: InFlightGateOptions) {}

  async acquire(accountId: string, holder: string): Promise<boolean> {
    const now = Date.now();
    const admitted = await acquireScript(
      this.options.redis,
      1,
      this.key(accountId),
      String(now),
      String(now + this.options.slotTtlMs),
      String(this.options.limit),
      holder,
      String(this.options.slotTtlMs * 2),
    );
    return admitted === 1;
  }

  async release(accountId: string, holder: string): Promise<void> {
    await this.options.redis.zrem(this.key(accountId), holder);
  }

  private key(accountId: string): string {
    return `${this.options.prefix}:webhooks:in-flight:${accountId}`;
  }
}
