import {
  invalidConfiguration,
  type MasterKey,
  masterKeyEnvShape,
  ownEmailEnvShape,
  paceEnvShape,
  parseEnv,
  redisEnvShape,
  storeEnvShape,
  toOwnEmailLimits,
  toPaceDefaults,
  toRedisConfig,
  toStoreConfig,
} from '@herald/core';
import { z } from 'zod';

const masterKey = masterKeyEnvShape.HERALD_MASTER_KEY;

/**
 * The operator CLI's configuration, read once at start. The stores are all most commands need;
 * the master keys are optional here and required by the commands that use them (see
 * `masterKeysToRotate`), but a key that is set is checked whatever the command.
 */
export const cliConfigSchema = z
  .object({
    ...storeEnvShape,
    ...redisEnvShape,
    ...ownEmailEnvShape,
    ...paceEnvShape,
    HERALD_MASTER_KEY: masterKey.optional(),
    /** `master-key rotate` only: the key to re-wrap everything under. */
    HERALD_NEW_MASTER_KEY: masterKey.optional(),
  })
  .transform((e) =>
    Object.freeze({
      stores: toStoreConfig(e),
      /** `reviews resolve` queues the owners' email, as the API does. */
      redis: toRedisConfig(e),
      ownEmails: toOwnEmailLimits(e),
      /** `providers list` shows the PACE_* defaults the caps fall back to. */
      pacing: toPaceDefaults(e),
      masterKey: e.HERALD_MASTER_KEY,
      newMasterKey: e.HERALD_NEW_MASTER_KEY,
    }),
  );

export type CliConfig = z.output<typeof cliConfigSchema>;

export function loadCliConfig(env: Record<string, string | undefined> = process.env): CliConfig {
  return parseEnv(cliConfigSchema, env);
}

/** Both keys come from the environment, never from the command line (shell history). */
export function masterKeysToRotate(config: CliConfig): { from: MasterKey; to: MasterKey } {
  const { masterKey: from, newMasterKey: to } = config;
  if (from && to) return { from, to };
  const issues: Array<{ variable: string; message: string }> = [];
  if (!from)
    issues.push({
      variable: 'HERALD_MASTER_KEY',
      message: 'is required by master-key rotate: the key everything is wrapped under now',
    });
  if (!to)
    issues.push({
      variable: 'HERALD_NEW_MASTER_KEY',
      message:
        'is required by master-key rotate: the new key, 32 random bytes, base64 (openssl rand -base64 32)',
    });
  throw invalidConfiguration(issues);
}
