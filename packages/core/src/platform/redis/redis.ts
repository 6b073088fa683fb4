import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logging/logger.js';

/** A connection to one Redis or to a Redis Cluster: Herald and BullMQ use either alike. */
export type RedisClient = Redis | Cluster;

/** A Redis Cluster's seed nodes (any of its masters; the rest are discovered). */
export type RedisClusterTarget = {
  nodes: { host: string; port: number }[];
  /** Credentials and TLS, the same on every node (from `redis://` / `rediss://` entries). */
  username?: string;
  password?: string;
  tls: boolean;
};

/** Where Redis is: a `redis://` URL, or a cluster when `cluster` is set (`REDIS_CLUSTER_NODES`). */
export type RedisTarget = string | { url: string; cluster: RedisClusterTarget | null };

/**
 * Connections as BullMQ's production guide describes them: producers (the API) fail fast so a
 * request never hangs while Redis is away; workers wait for Redis forever.
 */
export function createProducerConnection(target: RedisTarget, extra: RedisOptions = {}) {
  return connect(target, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    lazyConnect: false,
    ...extra,
  });
}

export function createWorkerConnection(target: RedisTarget, extra: RedisOptions = {}) {
  return connect(target, { maxRetriesPerRequest: null, enableOfflineQueue: true, ...extra });
}

const CLUSTER_COMMAND_TIMEOUT_MS = 15_000;

function connect(target: RedisTarget, options: RedisOptions): RedisClient {
  const { url, cluster } = typeof target === 'string' ? { url: target, cluster: null } : target;
  if (!cluster) return new Redis(url, options);
  // Queueing and connecting are the cluster's to decide; the rest applies to each node's
  // connection, where BullMQ looks for `maxRetriesPerRequest`.
  const { enableOfflineQueue, lazyConnect, retryStrategy, ...node } = options;
  const clusterOptions: ClusterOptions = {
    enableOfflineQueue,
    lazyConnect,
    redisOptions: {
      // When every master restarted at once, a worker's blocking read (BullMQ's wait for its
      // next job) could stay waiting on a connection the restart killed, for good: seen with
      // the webhook relay, a job waiting and the relay never taking it. ioredis ends such a
      // read only with `blockingTimeout`; any other command gets the same safety net. Both
      // exceed BullMQ's longest blocking read (10 s); the job's own retry handles the error.
      blockingTimeout: CLUSTER_COMMAND_TIMEOUT_MS,
      commandTimeout: CLUSTER_COMMAND_TIMEOUT_MS,
      ...node,
      username: cluster.username,
      password: cluster.password,
      tls: cluster.tls ? {} : undefined,
    },
  };
  if (retryStrategy) clusterOptions.clusterRetryStrategy = retryStrategy;
  return new Cluster(cluster.nodes, clusterOptions);
}

/** Waits until the connection is ready, or fails after `timeoutMs`. */
export async function waitUntilReady(redis: RedisClient, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/**
 * BullMQ loses jobs if Redis evicts keys. Managed Redis services sometimes forbid CONFIG, so an
 * unreadable policy is reported, not fatal. On a cluster, every master is asked.
 */
export async function checkEvictionPolicy(
  redis: RedisClient,
  logger: Logger,
): Promise<string | null> {
  try {
    const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
    const policies = await Promise.all(
      nodes.map(async (node) => ((await node.config('GET', 'maxmemory-policy')) as string[])[1]),
    );
    const policy = policies.find((p) => p !== 'noeviction') ?? policies[0] ?? null;
    if (policy !== 'noeviction') {
      logger.warn(
        { policy },
        `Redis maxmemory-policy is "${policy}": queued messages can be evicted and lost. Set it to "noeviction" (redis-cli CONFIG SET maxmemory-policy noeviction, and in redis.conf).`,
      );
    }
    return policy;
  } catch {
    logger.warn(
      'Could not read Redis maxmemory-policy (CONFIG is disabled?). Make sure it is "noeviction", or queued messages can be lost.',
    );
    return null;
  }
}
