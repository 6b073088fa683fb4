import { captureLogger, startRedisCluster, testRedisUrl } from '@herald/devkit/testing';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkEvictionPolicy,
  createProducerConnection,
  createWorkerConnection,
  waitUntilReady,
} from './redis.js';

describe('Redis connections', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(testRedisUrl());
  });
  afterAll(() => redis.disconnect());

  it('when the eviction policy is noeviction, then nothing is said', async () => {
    const { logger, lines } = captureLogger();
    const original = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1]!;
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    try {
      expect(await checkEvictionPolicy(redis, logger)).toBe('noeviction');
      expect(lines).toEqual([]);
    } finally {
      await redis.config('SET', 'maxmemory-policy', original);
    }
  });

  it('when Redis may evict keys, then a warning says queued messages can be lost and how to fix it', async () => {
    const { logger, lines } = captureLogger();
    const original = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1]!;
    // With maxmemory unset, the policy is never applied: changing it briefly is harmless.
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      expect(await checkEvictionPolicy(redis, logger)).toBe('allkeys-lru');
    } finally {
      await redis.config('SET', 'maxmemory-policy', original);
    }
    expect(lines.join('')).toContain('maxmemory-policy is \\"allkeys-lru\\"');
    expect(lines.join('')).toContain('noeviction');
  });

  it('a producer connection fails fast instead of queueing commands while Redis is away', async () => {
    const producer = createProducerConnection('redis://127.0.0.1:1', { retryStrategy: () => null });
    producer.on('error', () => {});
    const started = Date.now();
    await expect(producer.ping()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3500);
    await expect(waitUntilReady(producer, 200)).rejects.toThrow(/did not answer/);
    producer.disconnect();
  });

  it('on a Redis Cluster, a worker connection waits forever on each node, a producer fails fast, and every master is asked for its eviction policy', async () => {
    const cluster = await startRedisCluster(3);
    const target = { url: 'redis://unused', cluster: cluster.target };
    const worker = createWorkerConnection(target) as Cluster;
    const producer = createProducerConnection(target) as Cluster;
    try {
      expect(worker).toBeInstanceOf(Cluster);
      expect(worker.options.redisOptions?.maxRetriesPerRequest).toBeNull();
      expect(producer.options.enableOfflineQueue).toBe(false);
      expect(producer.options.redisOptions?.maxRetriesPerRequest).toBe(1);
      await waitUntilReady(producer);
      await producer.set('{t}:a', '1');
      expect(await worker.get('{t}:a')).toBe('1');
      const { logger, lines } = captureLogger();
      expect(await checkEvictionPolicy(producer, logger)).toBe('noeviction');
      expect(lines).toEqual([]);
    } finally {
      worker.disconnect();
      producer.disconnect();
      await cluster.remove();
    }
  });
});
