import {
  abusePolicy,
  booleanFlag,
  parseEnv,
  port,
  positiveInt,
  processCount,
  serviceEnvShape,
  toProcessCount,
  toServiceConfig,
} from '@herald/core';
import { z } from 'zod';

/** The worker's variables (the README's tables are tested against these keys). */
export const workerEnvShape = {
  ...serviceEnvShape,
  WORKER_CONCURRENCY: positiveInt.default(10),
  /** Processes on this machine (node:cluster; unset = one per core in production, else 1). */
  WORKER_PROCESSES: processCount,
  /** The worker's own HTTP server: /healthz, /readyz, /metrics (0 = any free port). */
  WORKER_PORT: port.default(3001),
  WORKER_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_RETRY_BASE_MS: positiveInt.default(2000),
  /** How long a dispatch job's lock lives (BullMQ lockDuration and stalledInterval): a killed worker's jobs run again within about twice this. */
  WORKER_LOCK_MS: positiveInt.default(30_000),
  RECONCILE_INTERVAL_MS: positiveInt.default(10_000),
  RECONCILE_GRACE_MS: positiveInt.default(30_000),
  /** How often each worker checks that Redis still holds its schedules and was not emptied. */
  REDIS_WATCH_INTERVAL_MS: positiveInt.default(5_000),
  WORKER_MIGRATE_ON_START: booleanFlag.default(true),
  RETENTION_INTERVAL_MS: positiveInt.default(60 * 60 * 1000),
  PROVIDER_ERASURE_RETRY_MS: positiveInt.default(60_000),
  RETENTION_BATCH_SIZE: positiveInt.default(1000),
  ABUSE_SCORING_INTERVAL_MS: positiveInt.default(60_000),
  ABUSE_WINDOW_MS: positiveInt.min(60_000, 'must be at least 60000 (one minute)').default(900_000),
  ABUSE_SCORE_THRESHOLD: z.coerce.number().positive().default(1),
  ABUSE_MIN_VOLUME: positiveInt.default(50),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_FROM_NUMBER: z.string().min(1).optional(),
  TWILIO_API_URL: z.string().url().optional(),
  TWILIO_BACKUP_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')
    .optional(),
  TWILIO_BACKUP_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_BACKUP_FROM_NUMBER: z.string().min(1).optional(),
  TWILIO_BACKUP_API_URL: z.string().url().optional(),
  SMTP_BACKUP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  FAILOVER_AFTER_ATTEMPTS: positiveInt.default(3),
  FAILOVER_BREAKER_THRESHOLD: positiveInt.default(5),
  FAILOVER_BREAKER_COOLDOWN_MS: positiveInt.default(60_000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  EMAIL_FROM: z.string().min(3).default('Herald <no-reply@localhost>'),
  FCM_PROJECT_ID: z.string().min(1).optional(),
  FCM_CREDENTIALS_FILE: z.string().min(1).optional(),
  FCM_API_URL: z.string().url().optional(),
  WEBHOOK_ALLOW_HTTP_LOOPBACK: booleanFlag.default(false),
  WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
  WEBHOOK_MAX_IN_FLIGHT_PER_ACCOUNT: positiveInt.default(5),
  WEBHOOK_CONCURRENCY: positiveInt.default(20),
  WEBHOOK_RELAY_INTERVAL_MS: positiveInt.default(1000),
  /** Where Twilio reaches the API: its delivery receipts are posted there. */
  HERALD_PUBLIC_URL: z.string().url().optional(),
};

/**
 * The worker's configuration: its variables, the rules between them, and the frozen object
 * made from them; a provider is configured when its required variables are. main.ts reads it
 * once, through loadWorkerConfig. Loose, so that a retired variable is seen and refused.
 */
export const workerConfigSchema = z
  .looseObject(workerEnvShape)
  .superRefine((e, ctx) => {
    // Refused rather than ignored: a deployment that shortened it must not silently get 90 days.
    if (e.IP_LOG_RETENTION_DAYS !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['IP_LOG_RETENTION_DAYS'],
        message:
          "replaced by each organisation's retention policy (`ip_log_days`, 90 days unless changed with PUT /v1/retention-policy); unset it",
      });
    if (e.TWILIO_ACCOUNT_SID)
      for (const variable of ['TWILIO_AUTH_TOKEN', 'TWILIO_FROM_NUMBER'] as const)
        if (!e[variable])
          ctx.addIssue({
            code: 'custom',
            path: [variable],
            message: 'is required with TWILIO_ACCOUNT_SID',
          });
  })
  .transform(toWorkerConfig);

export type WorkerConfig = z.output<typeof workerConfigSchema>;

/** Reads the worker's environment once; a ConfigError names each variable at fault. */
export function loadWorkerConfig(
  env: Record<string, string | undefined> = process.env,
): WorkerConfig {
  return parseEnv(workerConfigSchema, env);
}

function toWorkerConfig(e: z.output<z.ZodObject<typeof workerEnvShape>>) {
  return Object.freeze({
    ...toServiceConfig(e),
    /** Per recipient, Herald's own emails (the suspension notices it sends). */
    concurrency: e.WORKER_CONCURRENCY,
    /** Where the worker's health and metrics server listens. */
    http: { port: e.WORKER_PORT, host: e.WORKER_HOST },
    lockMs: e.WORKER_LOCK_MS,
    backoff: { baseMs: e.WORKER_RETRY_BASE_MS, maxMs: 10 * 60 * 1000 },
    reconcile: { intervalMs: e.RECONCILE_INTERVAL_MS, graceMs: e.RECONCILE_GRACE_MS },
    redisWatchIntervalMs: e.REDIS_WATCH_INTERVAL_MS,
    retention: { intervalMs: e.RETENTION_INTERVAL_MS, batchSize: e.RETENTION_BATCH_SIZE },
    providerErasureRetryMs: e.PROVIDER_ERASURE_RETRY_MS,
    abuse: {
      intervalMs: e.ABUSE_SCORING_INTERVAL_MS,
      policy: abusePolicy({
        windowMs: e.ABUSE_WINDOW_MS,
        scoreThreshold: e.ABUSE_SCORE_THRESHOLD,
        minVolume: e.ABUSE_MIN_VOLUME,
      }),
    },
    migrateOnStart: e.WORKER_MIGRATE_ON_START,
    processes: toProcessCount(e.NODE_ENV, e.WORKER_PROCESSES),
    /** The API's public URL; with it, Twilio posts each SMS's delivery receipts back. */
    publicUrl: e.HERALD_PUBLIC_URL,
    webhooks: {
      allowHttpLoopback: e.WEBHOOK_ALLOW_HTTP_LOOPBACK,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxInFlightPerAccount: e.WEBHOOK_MAX_IN_FLIGHT_PER_ACCOUNT,
      concurrency: e.WEBHOOK_CONCURRENCY,
      relayIntervalMs: e.WEBHOOK_RELAY_INTERVAL_MS,
    },
    twilio:
      e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM_NUMBER
        ? {
            accountSid: e.TWILIO_ACCOUNT_SID,
            authToken: e.TWILIO_AUTH_TOKEN,
            fromNumber: e.TWILIO_FROM_NUMBER,
            apiUrl: e.TWILIO_API_URL,
            backup:
              e.TWILIO_BACKUP_ACCOUNT_SID && e.TWILIO_BACKUP_AUTH_TOKEN
                ? {
                    accountSid: e.TWILIO_BACKUP_ACCOUNT_SID,
                    authToken: e.TWILIO_BACKUP_AUTH_TOKEN,
                    fromNumber: e.TWILIO_BACKUP_FROM_NUMBER ?? e.TWILIO_FROM_NUMBER,
                    apiUrl: e.TWILIO_BACKUP_API_URL,
                  }
                : undefined,
          }
        : undefined,
    smtp: e.SMTP_URL
      ? { url: e.SMTP_URL, from: e.EMAIL_FROM, backupUrl: e.SMTP_BACKUP_URL }
      : undefined,
    failover: {
      primaryAttempts: e.FAILOVER_AFTER_ATTEMPTS,
      breakerThreshold: e.FAILOVER_BREAKER_THRESHOLD,
      breakerCooldownMs: e.FAILOVER_BREAKER_COOLDOWN_MS,
    },
    fcm: e.FCM_PROJECT_ID
      ? {
          projectId: e.FCM_PROJECT_ID,
          credentialsFile: e.FCM_CREDENTIALS_FILE,
          apiUrl: e.FCM_API_URL,
        }
      : undefined,
  });
}
