import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logging/logger.js';

/**
 * Connections as BullMQ's production guide describes them: producers (the API) fail fast so a
 * request never hangs while Redis is away; workers wait for Redis forever.
 */
export function createProducerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    lazyConnect: false,
    ...extra,
  });
}

export function createWorkerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true, ...extra });
}

/** Waits until the connection is ready, or fails after `timeoutMs`. */
export async function waitUntilReady(redis: Redis, timeoutMs = 5000): Promise<void> {
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
 * unreadable policy is reported, not fatal.
 */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? null;
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
