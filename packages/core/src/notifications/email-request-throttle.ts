import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { HeraldError } from '../platform/errors/herald-error.js';
import { redisLimiter, takePoint } from '../platform/rate-limit/redis-limiter.js';
import type { ThrottleKeys } from '../platform/rate-limit/throttle-keys.js';
import type { RedisClient } from '../platform/redis/redis.js';

/** How often someone may ask Herald to send one of its emails: the caller's own limits. */
export type EmailRequestLimits = {
  /** Sign-ups from one network in an hour (IPv6: one /64). */
  signUpsPerSourcePerHour: number;
  /** Password reset requests from one network in an hour. */
  passwordResetsPerSourcePerHour: number;
  /** Verification emails one user asks for in an hour (resends, and email changes). */
  verificationEmailsPerUserPerHour: number;
  /** Invitations one person sends in an hour. */
  invitationsPerInviterPerHour: number;
  /** Invitations one organisation sends in a day. */
  invitationsPerAccountPerDay: number;
};

export const defaultEmailRequestLimits: EmailRequestLimits = {
  signUpsPerSourcePerHour: 10,
  passwordResetsPerSourcePerHour: 20,
  verificationEmailsPerUserPerHour: 10,
  invitationsPerInviterPerHour: 20,
  invitationsPerAccountPerDay: 100,
};

const HOUR = 3600;
const DAY = 86_400;

type LimiterName = 'signUp' | 'passwordReset' | 'verification' | 'inviter' | 'invitingAccount';

/**
 * Limits on the requests that make Herald send an email, per caller: a network for the routes
 * anyone may call, a user or an organisation for the others. Unlike the per-recipient limit
 * (OwnEmailThrottle, silent), these answer `429 email_throttled` with `Retry-After`: they are the
 * caller's own limit, and say nothing about any address.
 */
export class EmailRequestThrottle {
  private readonly limiters: Record<LimiterName, RateLimiterRedis>;

  constructor(
    private readonly deps: {
      redis: RedisClient;
      prefix: string;
      keys: ThrottleKeys;
      limits?: EmailRequestLimits;
    },
  ) {
    const limits = deps.limits ?? defaultEmailRequestLimits;
    const limiter = (name: string, points: number, durationSeconds: number) =>
      redisLimiter(deps.redis, `${deps.prefix}:email-requests:${name}`, {
        points,
        durationSeconds,
      });
    this.limiters = {
      signUp: limiter('sign-up', limits.signUpsPerSourcePerHour, HOUR),
      passwordReset: limiter('password-reset', limits.passwordResetsPerSourcePerHour, HOUR),
      verification: limiter('verification', limits.verificationEmailsPerUserPerHour, HOUR),
      inviter: limiter('inviter', limits.invitationsPerInviterPerHour, HOUR),
      invitingAccount: limiter('account-invitations', limits.invitationsPerAccountPerDay, DAY),
    };
  }

  signUp(ip: string | null): Promise<void> {
    return this.take('signUp', this.deps.keys.source(ip), 'sign-ups from this network');
  }

  passwordReset(ip: string | null): Promise<void> {
    return this.take(
      'passwordReset',
      this.deps.keys.source(ip),
      'password reset requests from this network',
    );
  }

  verification(userId: string): Promise<void> {
    return this.take('verification', userId, 'verification emails for this user');
  }

  async invitation(accountId: string, inviterId: string): Promise<void> {
    await this.take('inviter', inviterId, 'invitations from you');
    await this.take('invitingAccount', accountId, 'invitations from this organisation');
  }

  private async take(limiter: LimiterName, key: string, what: string): Promise<void> {
    const refused = await takePoint(this.limiters[limiter], key);
    if (!refused) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
    throw new HeraldError('email_throttled', {
      retryAfterSeconds,
      detail: `Too many ${what} for now. Wait for the time in \`Retry-After\` (${retryAfterSeconds} s), then try again.`,
    });
  }
}
