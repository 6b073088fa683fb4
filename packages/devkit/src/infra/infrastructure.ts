import path from 'node:path';
import { findOrStartPostgres, withDatabase } from './postgres.js';
import { findOrStartRedis } from './redis.js';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const EMBEDDED_POSTGRES_PORT = 54329;
export const LOCAL_REDIS_PORT = 63799;

export type StoreUrls = { account: string; usage: string; content: string };

export type Infrastructure = {
  /** The server that holds the three stores (unless the environment points them elsewhere). */
  postgresAdminUrl: string;
  redisUrl: string;
  embeddedPostgres: boolean;
  startedRedis: boolean;
  stop(): Promise<void>;
};

/**
 * What `npm start` and `npm test` both do first: find PostgreSQL and Redis where the
 * environment says (or on their usual local ports), or start local ones under `stateDir`.
 * A URL set explicitly in the environment is used as-is: nothing is started in its place.
 */
export async function findOrStartInfrastructure(options: {
  env: Record<string, string | undefined>;
  stateDir: string;
  log: (line: string) => void;
}): Promise<Infrastructure> {
  const { env, stateDir, log } = options;
  const explicitPostgres = env.ACCOUNT_DATABASE_URL;
  const postgres = await findOrStartPostgres({
    candidates: explicitPostgres
      ? [explicitPostgres]
      : [
          DEFAULT_POSTGRES_URL,
          `postgres://postgres:herald@127.0.0.1:${EMBEDDED_POSTGRES_PORT}/postgres`,
        ],
    embedded: explicitPostgres
      ? undefined
      : { dataDir: path.join(stateDir, 'postgres'), port: EMBEDDED_POSTGRES_PORT },
    log,
  });
  const explicitRedis = env.REDIS_URL;
  const redis = await findOrStartRedis({
    candidates: explicitRedis
      ? [explicitRedis]
      : [DEFAULT_REDIS_URL, `redis://127.0.0.1:${LOCAL_REDIS_PORT}`],
    local: explicitRedis
      ? undefined
      : { dataDir: path.join(stateDir, 'redis'), port: LOCAL_REDIS_PORT },
    log,
  }).catch(async (error) => {
    await postgres.stop();
    throw error;
  });
  return {
    postgresAdminUrl: postgres.adminUrl,
    redisUrl: redis.url,
    embeddedPostgres: postgres.embedded,
    startedRedis: redis.started,
    stop: async () => {
      await redis.stop();
      await postgres.stop();
    },
  };
}

/** Store URLs: the environment's when set, else three databases named `<prefix>_<store>`. */
export function storeUrls(
  env: Record<string, string | undefined>,
  adminUrl: string,
  prefix = 'herald',
): StoreUrls {
  return {
    account: env.ACCOUNT_DATABASE_URL ?? withDatabase(adminUrl, `${prefix}_account`),
    usage: env.USAGE_DATABASE_URL ?? withDatabase(adminUrl, `${prefix}_usage`),
    content: env.CONTENT_DATABASE_URL ?? withDatabase(adminUrl, `${prefix}_content`),
  };
}
