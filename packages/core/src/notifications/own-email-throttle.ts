import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { redisLimiter, takePoint } from '../platform/rate-limit/redis-limiter.js';
import type { ThrottleKeys } from '../platform/rate-limit/throttle-keys.js';
import type { RedisClient } from '../platform/redis/redis.js';

/** Every email Herald sends on its own behalf, by what it is for. */
export type SystemEmailKind =
  | 'email_verification'
  | 'password_reset'
  | 'invitation'
  | 'address_in_use'
  | 'email_change_notice'
  | 'trust_decision'
  | 'privacy_request_code'
  | 'privacy_request_export'
  | 'privacy_request_deadline'
  | 'security_notice'
  | 'policy_change';

export type OwnEmailLimits = {
  /** Emails of one kind to one address in an hour. */
  perRecipientPerHour: number;
  /** Emails to one address in a day, every kind a stranger can cause counted together. */
  perRecipientPerDay: number;
};

export const defaultOwnEmailLimits: OwnEmailLimits = {
  perRecipientPerHour: 5,
  perRecipientPerDay: 20,
};

const KINDS: SystemEmailKind[] = [
  'email_verification',
  'password_reset',
  'invitation',
  'address_in_use',
  'email_change_notice',
  'trust_decision',
  'privacy_request_code',
  'privacy_request_export',
  'privacy_request_deadline',
  'security_notice',
  'policy_change',
];

/**
 * Herald's suspension and review notices are caused by Herald (its scorer, an operator), and the
 * notice of an email change by the user's own session (the change itself is limited per user),
 * never by a stranger's request: a flood of password resets must not crowd them out of the
 * daily count.
 */
const OUTSIDE_DAILY_COUNT = new Set<SystemEmailKind>([
  'trust_decision',
  'email_change_notice',
  'privacy_request_deadline',
  'security_notice',
  'policy_change',
]);

/**
 * The per-recipient limit of Herald's own emails, checked where they are enqueued (the
 * SystemMailer), so no route that sends one can forget it. Over the limit an email is dropped,
 * never refused: whoever caused it may be a stranger, and must learn nothing about the address.
 */
export class OwnEmailThrottle {
  private readonly hourly: Map<SystemEmailKind, RateLimiterRedis>;
  private readonly daily: RateLimiterRedis;

  constructor(
    private readonly deps: {
      redis: RedisClient;
      prefix: string;
      keys: ThrottleKeys;
      limits?: OwnEmailLimits;
    },
  ) {
    const limits = deps.limits ?? defaultOwnEmailLimits;
    const limiter = (name: string, points: number, durationSeconds: number) =>
      redisLimiter(deps.redis, `${deps.prefix}:own-email:${name}`, { points, durationSeconds });
    this.hourly = new Map(
      KINDS.map((kind) => [kind, limiter(kind, limits.perRecipientPerHour, 3600)]),
    );
    this.daily = limiter('all', limits.perRecipientPerDay, 86_400);
  }

  /** Counts the email against its recipient's limits; false when it must not be sent. */
  async allow(kind: SystemEmailKind, to: string): Promise<boolean> {
    const key = this.deps.keys.address(to);
    if (await takePoint(this.hourly.get(kind)!, key)) return false;
    return OUTSIDE_DAILY_COUNT.has(kind) || (await takePoint(this.daily, key)) === null;
  }
}
