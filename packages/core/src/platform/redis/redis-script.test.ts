import { createHash, randomUUID } from 'node:crypto';
import { testRedisUrl } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProducerConnection, type RedisClient, waitUntilReady } from './redis.js';
import { redisScript } from './redis-script.js';

describe('redisScript: a Lua script run by its SHA1', () => {
  let redis: RedisClient;
  beforeAll(async () => {
    redis = createProducerConnection(testRedisUrl());
    await waitUntilReady(redis);
  });
  afterAll(() => redis.disconnect());

  it('when Redis does not know the script, then the first call loads it and every call answers', async () => {
    // A script no server has seen: its text (and so its SHA1) is this run's own.
    const source = `-- ${randomUUID()}\nreturn tonumber(ARGV[1]) + #KEYS`;
    const sha = createHash('sha1').update(source).digest('hex');
    const run = redisScript(source);
    expect(await redis.script('EXISTS', sha)).toEqual([0]);
    expect(await run(redis, 2, 'a', 'b', 40)).toBe(42);
    expect(await redis.script('EXISTS', sha)).toEqual([1]);
    expect(await run(redis, 1, 'a', 41)).toBe(42);
  });

  it('when the script itself fails, then that error is the caller’s, not run again', async () => {
    const run = redisScript(`-- ${randomUUID()}\nreturn redis.call('INCR', KEYS[1])`);
    const key = `script-test:${randomUUID()}`;
    await redis.set(key, 'not a number', 'EX', 60);
    await expect(run(redis, 1, key)).rejects.toThrow(/not an integer/);
    await expect(run(redis, 1, key)).rejects.toThrow(/not an integer/);
  });
});
