import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RedisClusterTarget } from '@herald/core';
import { Redis } from 'ioredis';
import { freePort } from '../infra/free-port.js';
import { startRedisServer } from '../infra/redis.js';
import { eventually } from './test-support.js';

const run = promisify(execFile);

export type TestRedisCluster = {
  /** What REDIS_CLUSTER_NODES says of it (every master a seed). */
  target: RedisClusterTarget;
  /** `127.0.0.1:p1,127.0.0.1:p2,…`, for a process's environment. */
  nodes: string;
  ports: number[];
  /** The port of the master that serves `key`'s hash slot. */
  masterOf(key: string): Promise<number>;
  /** Every master's data gone at once (FLUSHALL on each). */
  flushAll(): Promise<void>;
  /** Every master stopped (their data kept: append-only files), or started again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /**
   * Masters (all, or the one on `port`) stopped and started again without their data: each
   * keeps its identity and slots (its nodes file), and what it held is gone.
   */
  restartEmpty(port?: number): Promise<void>;
  remove(): Promise<void>;
};

/**
 * A real Redis Cluster of `masters` cluster-enabled redis-servers on free loopback ports, no
 * replicas, joined with `redis-cli --cluster create`; ready once every node says
 * `cluster_state:ok`. Each node has a directory of its own: its nodes file, and an append-only
 * file like `npm start`'s Redis, so a restart keeps the queues unless told to throw them away.
 */
export async function startRedisCluster(masters = 3): Promise<TestRedisCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < masters; i++) ports.push(await freePort());
  const servers = new Map<number, { stop(): Promise<void> }>();
  const nodeDir = (port: number) => path.join(dir, String(port));
  const start = async (port: number) => {
    mkdirSync(nodeDir(port), { recursive: true });
    const options = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'];
    servers.set(port, await startRedisServer(port, nodeDir(port), 10_000, options));
  };
  const stop = async (port: number) => {
    await servers.get(port)?.stop();
    servers.delete(port);
  };
  const stopAll = () => Promise.all(ports.map(stop));
  /** Starts the nodes not running, and waits for the cluster to be whole again. */
  const startAll = async () => {
    await Promise.all(ports.filter((port) => !servers.has(port)).map(start));
    await untilOk(ports);
  };
  const nodes = ports.map((p) => `127.0.0.1:${p}`);
  try {
    await Promise.all(ports.map(start));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes,
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await untilOk(ports);
  } catch (error) {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    target: { nodes: ports.map((port) => ({ host: '127.0.0.1', port })), tls: false },
    nodes: nodes.join(','),
    ports,
    masterOf: (key) =>
      onNode(ports[0]!, async (redis) => {
        const slot = (await redis.cluster('KEYSLOT', key)) as number;
        const ranges = await redis.cluster('SLOTS');
        const range = ranges.find(([from, to]) => slot >= from && slot <= to);
        if (!range?.[2]) throw new Error(`no master serves slot ${slot}`);
        return range[2][1];
      }),
    flushAll: async () => {
      await Promise.all(ports.map((port) => onNode(port, (redis) => redis.flushall())));
    },
    stop: async () => {
      await stopAll();
    },
    start: startAll,
    restartEmpty: async (port) => {
      const emptied = port === undefined ? ports : [port];
      await Promise.all(emptied.map(stop));
      for (const p of emptied)
        for (const entry of readdirSync(nodeDir(p)))
          if (entry !== 'nodes.conf') rmSync(path.join(nodeDir(p), entry), { recursive: true });
      await startAll();
    },
    remove: async () => {
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Until every node sees the whole cluster healthy (all slots served). */
async function untilOk(ports: number[]): Promise<void> {
  await eventually(
    async () => {
      const states = await Promise.all(
        ports.map((port) => onNode(port, (redis) => redis.cluster('INFO')).catch(() => '')),
      );
      return states.every((info) => String(info).includes('cluster_state:ok'));
    },
    { timeoutMs: 30_000, intervalMs: 200, what: 'the Redis Cluster to be ok' },
  );
}

/** One command (or a few) on one node, on a connection of its own. */
async function onNode<T>(port: number, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}
