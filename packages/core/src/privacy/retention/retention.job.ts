/**
 * The retention contract: one queue, one repeatable job per store, each under its account's
 * policy (privacy/retention-sweep.ts). `retention.content` removes content past `content_days`;
 * `retention.usage` messages past `usage_days` (counted into the billing records first) and
 * spent idempotency records; `retention.account` the IP log past `ip_log_days`, spent sessions
 * and links, and purges closed accounts after their grace period.
 */
export const RETENTION_QUEUE_NAME = 'retention';
export const RETENTION_CONTENT_JOB_NAME = 'retention.content';
export const RETENTION_CONTENT_SCHEDULER_ID = 'retention-content';
export const RETENTION_USAGE_JOB_NAME = 'retention.usage';
export const RETENTION_USAGE_SCHEDULER_ID = 'retention-usage';
export const RETENTION_ACCOUNT_JOB_NAME = 'retention.account';
export const RETENTION_ACCOUNT_SCHEDULER_ID = 'retention-account';
