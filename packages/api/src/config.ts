import {
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

/** The API's variables (the README's tables are tested against these keys). */
export const apiEnvShape = {
  ...serviceEnvShape,
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  API_MIGRATE_ON_START: booleanFlag.default(true),
  /** Processes on this machine (node:cluster; unset = one per core in production, else 1). */
  API_PROCESSES: processCount,
  CONSOLE_DIR: z.string().min(1).optional(),
  HERALD_PUBLIC_URL: z.string().url().optional(),
  SESSION_IDLE_MINUTES: positiveInt.default(60),
  SESSION_ABSOLUTE_HOURS: positiveInt.default(12),
  SESSION_COOKIE_SECURE: booleanFlag.default(true),
  TRUST_PROXY: z.string().min(1).optional(),
  HERALD_OPERATOR_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters (openssl rand -base64 32)')
    .optional(),
  DEFAULT_RATE_LIMIT_PER_SECOND: positiveInt.default(50),
  /** Reads (GET) per second of each API key and each console user, apart from sends. */
  READ_RATE_LIMIT_PER_SECOND: positiveInt.default(100),
  ACCOUNT_CLOSE_GRACE_DAYS: positiveInt.default(30),
  /** The callers' own limits on the requests that make Herald send an email (429 past them). */
  SIGNUPS_PER_SOURCE_PER_HOUR: positiveInt.default(10),
  PASSWORD_RESETS_PER_SOURCE_PER_HOUR: positiveInt.default(20),
  VERIFICATION_EMAILS_PER_USER_PER_HOUR: positiveInt.default(10),
  INVITATIONS_PER_INVITER_PER_HOUR: positiveInt.default(20),
  INVITATIONS_PER_ACCOUNT_PER_DAY: positiveInt.default(100),
  /** Failed log-ins: per address from one network (15 minutes), per network and per address (an hour). */
  LOGIN_FAILURES_PER_ADDRESS_AND_SOURCE: positiveInt.default(5),
  LOGIN_FAILURES_PER_SOURCE: positiveInt.default(30),
  LOGIN_FAILURES_PER_ADDRESS: positiveInt.default(100),
  /** /readyz answers 503 while no worker beats its heartbeat. */
  READYZ_REQUIRE_WORKERS: booleanFlag.default(true),
  /** Development only: webhook endpoints on loopback addresses, over http too. */
  WEBHOOK_ALLOW_HTTP_LOOPBACK: booleanFlag.default(false),
  /** They sign Twilio's status callbacks and inbound webhooks (the worker's own tokens). */
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_BACKUP_AUTH_TOKEN: z.string().min(1).optional(),
  EMAIL_EVENTS_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters (openssl rand -base64 32)')
    .optional(),
  /** Development only: where `npm start` serves what its local provider servers received. */
  DEV_INBOX_URL: z.string().url().optional(),
  /** Sending domains: the SPF include and return-path host their records name, and where to look. */
  SENDING_DOMAIN_SPF_INCLUDE: z.string().min(1).default('spf.herald.localhost'),
  SENDING_DOMAIN_RETURN_PATH: z.string().min(1).default('bounces.herald.localhost'),
  /** DNS servers for verifying sending domains (`ip` or `ip:port`, comma-separated); the system's when unset. */
  DNS_SERVERS: z.string().min(1).optional(),
};

/**
 * The API's configuration: its variables, the rules between them, and the frozen object made
 * from them. main.ts reads it once, through loadApiConfig.
 */
export const apiConfigSchema = z
  .object(apiEnvShape)
  .superRefine((e, ctx) => {
    if (e.DEV_INBOX_URL && e.NODE_ENV === 'production')
      ctx.addIssue({ code: 'custom', path: ['DEV_INBOX_URL'], message: 'never set in production' });
  })
  .transform(toApiConfig);

export type ApiConfig = z.output<typeof apiConfigSchema>;

/** Reads the API's environment once; a ConfigError names each variable at fault. */
export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return parseEnv(apiConfigSchema, env);
}

function toApiConfig(e: z.output<z.ZodObject<typeof apiEnvShape>>) {
  const publicUrl = e.HERALD_PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return Object.freeze({
    ...toServiceConfig(e),
    port: e.PORT,
    host: e.HOST,
    migrateOnStart: e.API_MIGRATE_ON_START,
    processes: toProcessCount(e.NODE_ENV, e.API_PROCESSES),
    consoleDir: e.CONSOLE_DIR,
    publicUrl,
    sendingDomains: {
      spfInclude: e.SENDING_DOMAIN_SPF_INCLUDE,
      returnPathHost: e.SENDING_DOMAIN_RETURN_PATH,
      servers: e.DNS_SERVERS?.split(',').map((server) => server.trim()),
    },
    session: {
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    cookies: { secure: e.SESSION_COOKIE_SECURE, https: publicUrl.startsWith('https://') },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    operatorToken: e.HERALD_OPERATOR_TOKEN,
    defaultRateLimit: e.DEFAULT_RATE_LIMIT_PER_SECOND,
    emailRequests: {
      signUpsPerSourcePerHour: e.SIGNUPS_PER_SOURCE_PER_HOUR,
      passwordResetsPerSourcePerHour: e.PASSWORD_RESETS_PER_SOURCE_PER_HOUR,
      verificationEmailsPerUserPerHour: e.VERIFICATION_EMAILS_PER_USER_PER_HOUR,
      invitationsPerInviterPerHour: e.INVITATIONS_PER_INVITER_PER_HOUR,
      invitationsPerAccountPerDay: e.INVITATIONS_PER_ACCOUNT_PER_DAY,
    },
    loginThrottle: {
      perAddressAndSource: {
        points: e.LOGIN_FAILURES_PER_ADDRESS_AND_SOURCE,
        durationSeconds: 900,
      },
      perSource: { points: e.LOGIN_FAILURES_PER_SOURCE, durationSeconds: 3600 },
      perAddress: { points: e.LOGIN_FAILURES_PER_ADDRESS, durationSeconds: 3600 },
    },
    readRateLimit: e.READ_RATE_LIMIT_PER_SECOND,
    closeGraceDays: e.ACCOUNT_CLOSE_GRACE_DAYS,
    readinessRequiresWorkers: e.READYZ_REQUIRE_WORKERS,
    webhooks: { allowHttpLoopback: e.WEBHOOK_ALLOW_HTTP_LOOPBACK },
    twilioAuthTokens: [e.TWILIO_AUTH_TOKEN, e.TWILIO_BACKUP_AUTH_TOKEN].filter(
      (token): token is string => token !== undefined,
    ),
    emailEventsToken: e.EMAIL_EVENTS_TOKEN,
    devInboxUrl: e.DEV_INBOX_URL,
  });
}

/** `true`/`false`, a hop count, or Express's list of trusted addresses ("loopback, 10.0.0.0/8"). */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
