import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEnv, queuePrefix, redisClusterNodes } from './parse-env.js';

const schema = z.object({
  REDIS_CLUSTER_NODES: redisClusterNodes.optional(),
  HERALD_QUEUE_PREFIX: queuePrefix.default('herald'),
});

describe('Redis configuration', () => {
  it('when REDIS_CLUSTER_NODES lists host:port entries, then each is a seed node, without credentials', () => {
    const env = parseEnv(schema, { REDIS_CLUSTER_NODES: '10.0.0.1:6379, redis-b:7000' });
    expect(env.REDIS_CLUSTER_NODES).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 6379 },
        { host: 'redis-b', port: 7000 },
      ],
      tls: false,
    });
  });

  it('when an entry is a rediss:// URL with a password, then TLS and the password apply to every node', () => {
    const env = parseEnv(schema, {
      REDIS_CLUSTER_NODES: 'rediss://:s%40cret@10.0.0.1:6380,10.0.0.2:6380',
    });
    expect(env.REDIS_CLUSTER_NODES).toMatchObject({ password: 's@cret', tls: true });
    expect(env.REDIS_CLUSTER_NODES?.nodes).toHaveLength(2);
  });

  it.each(['10.0.0.1', '10.0.0.1:6379,', 'http://10.0.0.1:6379'])(
    'when REDIS_CLUSTER_NODES is %j, then the process refuses to start naming the variable and the entry',
    (value) => {
      expect(() => parseEnv(schema, { REDIS_CLUSTER_NODES: value })).toThrow(
        /REDIS_CLUSTER_NODES: ".*" is not host:port/,
      );
    },
  );

  it('when HERALD_QUEUE_PREFIX is braced, then the process refuses to start: braces would put every queue in one slot', () => {
    expect(() => parseEnv(schema, { HERALD_QUEUE_PREFIX: '{herald}' })).toThrow(
      /HERALD_QUEUE_PREFIX: must not contain braces/,
    );
    expect(parseEnv(schema, {}).HERALD_QUEUE_PREFIX).toBe('herald');
  });
});
