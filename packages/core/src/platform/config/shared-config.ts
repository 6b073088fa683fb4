import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { OwnEmailLimits } from '../../notifications/own-email-throttle.js';
import type { PaceDefaults } from '../../pacing/pace-lanes.js';
import { type MasterKey, parseMasterKey } from '../crypto/master-key.js';
import type { RedisClusterTarget } from '../redis/redis.js';
import type { StoreUrls } from '../stores/stores.js';
import { positiveInt, postgresUrl, queuePrefix, redisClusterNodes, redisUrl } from './parse-env.js';

/**
 * Environment shapes shared by the deployables; each deployable's config.ts picks the ones it
 * needs. Defaults match `npm start` on a machine with PostgreSQL and Redis on their usual ports.
 */
export const runtimeEnvShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

export const storeEnvShape = {
  ACCOUNT_DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/herald_account'),
  USAGE_DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/herald_usage'),
  CONTENT_DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/herald_content'),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  /** The register of erasures (ADR 35): a database never restored with the stores; unset, the account store. */
  ERASURE_REGISTER_URL: postgresUrl.optional(),
};

export const redisEnvShape = {
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /** Set: Herald talks to this Redis Cluster, and REDIS_URL is not used. */
  REDIS_CLUSTER_NODES: redisClusterNodes.optional(),
  HERALD_QUEUE_PREFIX: queuePrefix.default('herald'),
};

export const masterKeyEnvShape = {
  HERALD_MASTER_KEY: z
    .string({ error: 'is required: 32 random bytes, base64 (openssl rand -base64 32)' })
    .transform((value, ctx): MasterKey => {
      try {
        return parseMasterKey(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
};

/** The per-recipient limit of Herald's own emails: every process that sends them reads it. */
export const ownEmailEnvShape = {
  SYSTEM_EMAILS_PER_RECIPIENT_PER_HOUR: positiveInt.default(5),
  SYSTEM_EMAILS_PER_RECIPIENT_PER_DAY: positiveInt.default(20),
};

/** A throughput cap a second (fractions allowed: 0.5 is one every two seconds); 0 is none. */
const perSecond = z.coerce
  .number()
  .min(0, 'must be 0 (no cap) or more')
  .max(1_000_000, 'must be at most 1000000');

/**
 * The throughput caps of what Herald itself sends through (ADR 28): the API reserves each
 * message's send time at accept and the worker for a retry or a scheduled message, so both read
 * them. Numbers an organisation holds have their own caps (PATCH /v1/phone-numbers/{id}).
 */
export const paceEnvShape = {
  /** Herald's configured SMS number (`TWILIO_FROM_NUMBER`), in segments a second: a long code's 1. */
  PACE_SMS_DEFAULT_SENDER_PER_SECOND: perSecond.default(1),
  /** The whole Twilio account, in segments a second (0: only each number's cap). */
  PACE_SMS_PROVIDER_PER_SECOND: perSecond.default(0),
  /** Each email sending domain, in messages a second (0: no cap). */
  PACE_EMAIL_DOMAIN_PER_SECOND: perSecond.default(0),
  /** The SMTP server or relay (SES allows 14 a second to start with; 0: no cap). */
  PACE_EMAIL_PROVIDER_PER_SECOND: perSecond.default(0),
  /** The FCM project: FCM allows 600,000 a minute. */
  PACE_PUSH_PROVIDER_PER_SECOND: perSecond.default(10_000),
};

type Env<Shape extends z.ZodRawShape> = z.infer<z.ZodObject<Shape>>;

export function toPaceDefaults(env: Env<typeof paceEnvShape>): PaceDefaults {
  return {
    smsDefaultSender: env.PACE_SMS_DEFAULT_SENDER_PER_SECOND,
    smsProviderAccount: env.PACE_SMS_PROVIDER_PER_SECOND,
    emailDomain: env.PACE_EMAIL_DOMAIN_PER_SECOND,
    emailProviderAccount: env.PACE_EMAIL_PROVIDER_PER_SECOND,
    pushProviderAccount: env.PACE_PUSH_PROVIDER_PER_SECOND,
  };
}

export function toOwnEmailLimits(env: Env<typeof ownEmailEnvShape>): OwnEmailLimits {
  return {
    perRecipientPerHour: env.SYSTEM_EMAILS_PER_RECIPIENT_PER_HOUR,
    perRecipientPerDay: env.SYSTEM_EMAILS_PER_RECIPIENT_PER_DAY,
  };
}

export type StoreConfig = StoreUrls & {
  poolSize: number;
  /** The register of erasures' database, when it is not the account store's. */
  erasureRegister?: string;
};
export type RedisConfig = { url: string; cluster: RedisClusterTarget | null; prefix: string };

export function toStoreConfig(env: Env<typeof storeEnvShape>): StoreConfig {
  return {
    account: env.ACCOUNT_DATABASE_URL,
    usage: env.USAGE_DATABASE_URL,
    content: env.CONTENT_DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    ...(env.ERASURE_REGISTER_URL && { erasureRegister: env.ERASURE_REGISTER_URL }),
  };
}

export function toRedisConfig(env: Env<typeof redisEnvShape>): RedisConfig {
  return {
    url: env.REDIS_URL,
    cluster: env.REDIS_CLUSTER_NODES ?? null,
    prefix: env.HERALD_QUEUE_PREFIX,
  };
}

/** Who people write to about privacy: the console's footer and every one of Herald's emails say. */
export const DEFAULT_PRIVACY_CONTACT = 'privacy@herald.localhost';

/** What the API and the worker both read: runtime, the three stores, Redis, the master key, own emails, pacing. */
export const serviceEnvShape = {
  PRIVACY_CONTACT: z.string().min(3).max(200).default(DEFAULT_PRIVACY_CONTACT),
  ...runtimeEnvShape,
  ...storeEnvShape,
  ...redisEnvShape,
  ...masterKeyEnvShape,
  ...ownEmailEnvShape,
  ...paceEnvShape,
};

/** The settings of `serviceEnvShape`, as both processes' configs carry them. */
export function toServiceConfig(env: Env<typeof serviceEnvShape>) {
  return {
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    stores: toStoreConfig(env),
    redis: toRedisConfig(env),
    masterKey: env.HERALD_MASTER_KEY,
    ownEmails: toOwnEmailLimits(env),
    pacing: toPaceDefaults(env),
    privacyContact: env.PRIVACY_CONTACT,
  };
}

/**
 * How many processes of a deployable run on this machine (`API_PROCESSES`, `WORKER_PROCESSES`).
 * Unset: one per core in production, one elsewhere (a laptop, `npm start`, the tests).
 */
export const processCount = z
  .string()
  .regex(/^[1-9][0-9]{0,3}$/, 'must be a whole number of processes from 1 to 9999')
  .transform(Number)
  .optional();

export function toProcessCount(
  nodeEnv: Env<typeof runtimeEnvShape>['NODE_ENV'],
  value: number | undefined,
): number {
  return value ?? (nodeEnv === 'production' ? availableParallelism() : 1);
}
