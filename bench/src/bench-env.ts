import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  connectStores,
  destroyStores,
  generateMasterKey,
  markRedisEpoch,
  migrateStores,
  type Stores,
  type StoreUrls,
} from '@herald/core';
import {
  accountServiceFor,
  type DevSinks,
  ensureDatabases,
  findOrStartInfrastructure,
  freePort,
  type Infrastructure,
  quoteIdent,
  startDevSinks,
  toolBestEffort,
  withDatabase,
} from '@herald/devkit';
import { Redis } from 'ioredis';
import pg from 'pg';
import { benchLib, type NodeProcess, repoRoot, startNode, waitForHttp } from './processes.js';

export const DEV_FROM = '+15005550006';

/**
 * Everything one benchmark run owns: throwaway databases (`herald_bench_<tag>_*`), a throwaway
 * Redis key prefix (`herald-bench-<tag>`), local provider servers, one account and its API
 * key. `close()` removes them all.
 */
export type BenchEnv = {
  tag: string;
  infra: Infrastructure;
  storeUrls: StoreUrls;
  floorUrl: string;
  prefix: string;
  floorPrefix: string;
  w0Prefix: string;
  masterKey: string;
  sinks: DevSinks;
  stores: Stores;
  redis: Redis;
  apiKey: string;
  accountId: string;
  databases: Record<'account' | 'usage' | 'content' | 'floor', string>;
  poolSize: number;
  concurrency: number;
  startApi(options?: { countRoundTrips?: boolean }): Promise<{ proc: NodeProcess; url: string }>;
  /** `processes` sets WORKER_PROCESSES (1 unless given). */
  startWorker(options?: {
    countRoundTrips?: boolean;
    processes?: number;
  }): Promise<{ proc: NodeProcess; url: string }>;
  startFloor(): Promise<{ proc: NodeProcess; url: string }>;
  startW0(queue: string): Promise<NodeProcess>;
  /** W1, the durable drain floor: it drains `messages` of its own and answers its rate. */
  runW1(messages: number): Promise<DrainFloorResult>;
  close(): Promise<void>;
};

/**
 * What W1 measured: its rate between 10 % and 90 % of its messages, its per-job latency and its
 * CPU time per message.
 */
export type DrainFloorResult = {
  rate: number;
  p50ms: number;
  p99ms: number;
  cpuMsPerMessage: number;
  /** The whole machine's CPU time per message over the same stretch as the rate. */
  machineCpuMsPerMessage: number | null;
};

export async function createBenchEnv(
  options: { log?: (line: string) => void; poolSize?: number; concurrency?: number } = {},
): Promise<BenchEnv> {
  const log = options.log ?? (() => {});
  const poolSize = options.poolSize ?? 10;
  const concurrency = options.concurrency ?? 10;
  const infra = await findOrStartInfrastructure({
    env: {},
    stateDir: path.join(repoRoot, '.herald'),
    log,
  });
  const tag = `${Math.floor(Date.now() / 1000).toString(36)}${randomBytes(3).toString('hex')}`;
  const databases = {
    account: `herald_bench_${tag}_account`,
    usage: `herald_bench_${tag}_usage`,
    content: `herald_bench_${tag}_content`,
    floor: `herald_bench_${tag}_floor`,
  };
  await ensureDatabases(infra.postgresAdminUrl, Object.values(databases));
  const storeUrls = {
    account: withDatabase(infra.postgresAdminUrl, databases.account),
    usage: withDatabase(infra.postgresAdminUrl, databases.usage),
    content: withDatabase(infra.postgresAdminUrl, databases.content),
  };
  const stores = connectStores(storeUrls, {
    poolSize: 4,
    applicationName: 'herald-bench',
    bestEffort: toolBestEffort('herald-bench'),
  });
  await migrateStores(stores);
  const accounts = accountServiceFor(stores.account);
  const account = await accounts.createAccount('Bench');
  const { secret } = await accounts.createApiKey(account.id, { name: 'bench' });
  const sinks = await startDevSinks();
  const redis = new Redis(infra.redisUrl, { maxRetriesPerRequest: null });
  const prefix = `herald-bench-${tag}`;
  const floorPrefix = `{herald-bench-${tag}-floor}`;
  const w0Prefix = `{herald-bench-${tag}-w0}`;
  // A deployment that has been running: its Redis carries the epoch a worker leaves (ADR 19).
  // Without it the first worker would take the bench's backlog for a Redis that lost its data
  // and queue all of it again while it drains.
  await markRedisEpoch(redis, prefix, new Date());
  const masterKey = generateMasterKey();
  const running = new Set<NodeProcess>();

  const common = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    ACCOUNT_DATABASE_URL: storeUrls.account,
    USAGE_DATABASE_URL: storeUrls.usage,
    CONTENT_DATABASE_URL: storeUrls.content,
    DATABASE_POOL_SIZE: String(poolSize),
    REDIS_URL: infra.redisUrl,
    HERALD_QUEUE_PREFIX: prefix,
    HERALD_MASTER_KEY: masterKey,
    // The drain and latency runs send from Herald's default number as fast as the worker can;
    // the pacing run sends from numbers with caps of their own (ADR 28).
    PACE_SMS_DEFAULT_SENDER_PER_SECOND: '0',
  };
  const track = (proc: NodeProcess) => {
    running.add(proc);
    proc.child.once('exit', () => running.delete(proc));
    return proc;
  };

  return {
    tag,
    infra,
    storeUrls,
    floorUrl: withDatabase(infra.postgresAdminUrl, databases.floor),
    prefix,
    floorPrefix,
    w0Prefix,
    masterKey,
    sinks,
    stores,
    redis,
    apiKey: secret,
    accountId: account.id,
    databases,
    poolSize,
    concurrency,
    startApi: async ({ countRoundTrips = false } = {}) => {
      const port = await freePort();
      const proc = track(
        startNode(
          'api',
          path.join(repoRoot, 'packages/api/dist/main.js'),
          {
            ...common,
            PORT: String(port),
            API_MIGRATE_ON_START: 'false',
            // One process, whatever production's default (one per core): what is measured, and
            // what the round trips are counted in.
            API_PROCESSES: '1',
            // The per-account limit (50/s by default) would be all the benchmark measured.
            DEFAULT_RATE_LIMIT_PER_SECOND: '1000000',
            READ_RATE_LIMIT_PER_SECOND: '1000000',
            READYZ_REQUIRE_WORKERS: 'false',
          },
          { preload: countRoundTrips ? benchLib('count-round-trips.mjs') : undefined },
        ),
      );
      const url = `http://127.0.0.1:${port}`;
      await waitForHttp(`${url}/readyz`, proc);
      return { proc, url };
    },
    startWorker: async ({ countRoundTrips = false, processes = 1 } = {}) => {
      const port = await freePort();
      const proc = track(
        startNode(
          'worker',
          path.join(repoRoot, 'packages/worker/dist/main.js'),
          {
            ...common,
            WORKER_PORT: String(port),
            WORKER_MIGRATE_ON_START: 'false',
            WORKER_CONCURRENCY: String(concurrency),
            WORKER_PROCESSES: String(processes),
            TWILIO_ACCOUNT_SID: sinks.twilio.accountSid,
            TWILIO_AUTH_TOKEN: sinks.twilio.authToken,
            TWILIO_FROM_NUMBER: DEV_FROM,
            TWILIO_API_URL: sinks.twilio.url,
            SMTP_URL: sinks.smtp.url,
            FCM_PROJECT_ID: sinks.fcm.projectId,
            FCM_API_URL: sinks.fcm.url,
            // One account sending one template at full speed is what the abuse checks look for.
            ABUSE_SCORE_THRESHOLD: '1000000',
          },
          { preload: countRoundTrips ? benchLib('count-round-trips.mjs') : undefined },
        ),
      );
      const url = `http://127.0.0.1:${port}`;
      await waitForHttp(`${url}/healthz`, proc);
      return { proc, url };
    },
    startFloor: async () => {
      const port = await freePort();
      const proc = track(
        startNode('floor', benchLib('floor-server.mjs'), {
          FLOOR_DATABASE_URL: withDatabase(infra.postgresAdminUrl, databases.floor),
          REDIS_URL: infra.redisUrl,
          FLOOR_QUEUE_PREFIX: floorPrefix,
          PORT: String(port),
          POOL_SIZE: String(poolSize),
        }),
      );
      await proc.waitFor('listening');
      return { proc, url: `http://127.0.0.1:${port}` };
    },
    startW0: async (queue: string) => {
      const proc = track(
        startNode('w0', benchLib('noop-worker.mjs'), {
          REDIS_URL: infra.redisUrl,
          W0_QUEUE_PREFIX: w0Prefix,
          W0_QUEUE: queue,
          WORKER_CONCURRENCY: String(concurrency),
        }),
      );
      await proc.waitFor('ready');
      return proc;
    },
    runW1: async (messages: number) => {
      const proc = track(
        startNode('w1', benchLib('drain-floor.mjs'), {
          FLOOR_DATABASE_URL: withDatabase(infra.postgresAdminUrl, databases.floor),
          REDIS_URL: infra.redisUrl,
          W1_QUEUE_PREFIX: w0Prefix,
          W1_MESSAGES: String(messages),
          WORKER_CONCURRENCY: String(concurrency),
        }),
      );
      const result = await proc.waitFor<DrainFloorResult>('result', 15 * 60_000);
      await proc.stop();
      return result;
    },
    close: async () => {
      await Promise.all([...running].map((proc) => proc.stop()));
      await sinks.close();
      await destroyStores(stores);
      for (const pattern of [`${prefix}*`, `${floorPrefix}*`, `${w0Prefix}*`])
        await unlinkMatching(redis, pattern);
      redis.disconnect();
      const admin = new pg.Client({ connectionString: infra.postgresAdminUrl });
      await admin.connect();
      for (const name of Object.values(databases))
        await admin
          .query(`drop database if exists ${quoteIdent(name)} with (force)`)
          .catch(() => {});
      await admin.end();
      await infra.stop();
    },
  };
}

export async function unlinkMatching(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
