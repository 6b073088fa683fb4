import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { OwnEmailLimits } from '../../notifications/own-email-throttle.js';
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

type Env<Shape extends z.ZodRawShape> = z.infer<z.ZodObject<Shape>>;

export function toOwnEmailLimits(env: Env<typeof ownEmailEnvShape>): OwnEmailLimits {
  return {
    perRecipientPerHour: env.SYSTEM_EMAILS_PER_RECIPIENT_PER_HOUR,
    perRecipientPerDay: env.SYSTEM_EMAILS_PER_RECIPIENT_PER_DAY,
  };
}

export type StoreConfig = StoreUrls & { poolSize: number };
export type RedisConfig = { url: string; cluster: RedisClusterTarget | null; prefix: string };

export function toStoreConfig(env: Env<typeof storeEnvShape>): StoreConfig {
  return {
    account: env.ACCOUNT_DATABASE_URL,
    usage: env.USAGE_DATABASE_URL,
    content: env.CONTENT_DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
  };
}

export function toRedisConfig(env: Env<typeof redisEnvShape>): RedisConfig {
  return {
    url: env.REDIS_URL,
    cluster: env.REDIS_CLUSTER_NODES ?? null,
    prefix: env.HERALD_QUEUE_PREFIX,
  };
}

/** What the API and the worker both read: runtime, the three stores, Redis, the master key, own emails. */
export const serviceEnvShape = {
  ...runtimeEnvShape,
  ...storeEnvShape,
  ...redisEnvShape,
  ...masterKeyEnvShape,
  ...ownEmailEnvShape,
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
