import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanFlag, parseEnv, port } from '@herald/core';
import { z } from 'zod';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * What `npm start` itself reads. The first four are its own (the README's `npm start` table);
 * the rest are the API's and the worker's, which it fills in for development when unset.
 */
export const startEnvShape = {
  HERALD_STATE_DIR: z.string().optional(),
  DEV_SINK_TWILIO_PORT: port.default(4010),
  DEV_SINK_SMTP_PORT: port.default(2525),
  DEV_SINK_FCM_PORT: port.default(4011),
  PORT: port.default(3000),
  HERALD_PUBLIC_URL: z.string().url().optional(),
  CONSOLE_DIR: z.string().optional(),
  WEBHOOK_ALLOW_HTTP_LOOPBACK: booleanFlag.default(true),
  // Passed on as they are: the API and the worker check them.
  HERALD_MASTER_KEY: z.string().optional(),
  HERALD_OPERATOR_TOKEN: z.string().optional(),
  // A channel whose provider is configured gets no local server.
  TWILIO_ACCOUNT_SID: z.string().optional(),
  SMTP_URL: z.string().optional(),
  FCM_PROJECT_ID: z.string().optional(),
  EMAIL_FROM: z.string().optional(),
};

const startConfigSchema = z.object(startEnvShape).transform((e) => ({
  stateDir: path.resolve(e.HERALD_STATE_DIR ?? path.join(repoRoot, '.herald')),
  sinkPorts: {
    twilio: e.DEV_SINK_TWILIO_PORT,
    smtp: e.DEV_SINK_SMTP_PORT,
    fcm: e.DEV_SINK_FCM_PORT,
  },
  port: e.PORT,
  // Where the local Twilio server posts delivery receipts and inbound SMS (the API's own URL).
  publicUrl: e.HERALD_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
  consoleDir: e.CONSOLE_DIR ?? path.join(repoRoot, 'packages/console/dist'),
  allowHttpLoopback: e.WEBHOOK_ALLOW_HTTP_LOOPBACK,
  masterKey: e.HERALD_MASTER_KEY,
  operatorToken: e.HERALD_OPERATOR_TOKEN,
  configured: { sms: !!e.TWILIO_ACCOUNT_SID, email: !!e.SMTP_URL, push: !!e.FCM_PROJECT_ID },
  emailFrom: e.EMAIL_FROM,
}));

/**
 * Reads the launcher's environment once. `inherited` is the whole environment: the API and the
 * worker get it too, and PostgreSQL and Redis are looked for where it points.
 */
export function loadStartConfig(env: Record<string, string | undefined> = process.env) {
  return Object.freeze({ ...parseEnv(startConfigSchema, env), inherited: { ...env } });
}

export type StartConfig = ReturnType<typeof loadStartConfig>;
