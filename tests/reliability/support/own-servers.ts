import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectStores, destroyStores, migrateStores } from '@herald/core';
import { ensureDatabases, startRedisServer, toolBestEffort, withDatabase } from '@herald/devkit';
import { freePort, startRedisCluster, startScratchPostgres } from '@herald/devkit/testing';

/**
 * A throwaway redis-server of this test's own, on a random port, so restarting it never touches
 * the Redis other test files share. AOF on, like `npm start` runs it: a restart keeps the queues.
 */
export async function startOwnRedis(): Promise<{
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stopped, its data thrown away, started again: a Redis restarted without its data. */
  restartEmpty(): Promise<void>;
  remove(): Promise<void>;
}> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let server: { stop(): Promise<void> } | undefined;
  const start = async () => {
    server = await startRedisServer(port, dir, 10_000);
  };
  const stop = async () => {
    await server?.stop();
    server = undefined;
  };
  await start();
  return {
    url,
    start,
    stop,
    restartEmpty: async () => {
      await stop();
      for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true });
      await start();
    },
    remove: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A throwaway Redis Cluster of three masters of this test's own (ADR 26), with the same
 * handles as `startOwnRedis`: `stop`/`start` keep the data, `restartEmpty` throws every
 * master's away; `restartMasterEmpty` one master's only.
 */
export async function startOwnRedisCluster() {
  const cluster = await startRedisCluster(3);
  return {
    url: `redis://127.0.0.1:${cluster.ports[0]}`,
    clusterNodes: cluster.nodes,
    masterOf: cluster.masterOf,
    stop: cluster.stop,
    start: cluster.start,
    restartEmpty: () => cluster.restartEmpty(),
    restartMasterEmpty: (port: number) => cluster.restartEmpty(port),
    remove: cluster.remove,
  };
}

/**
 * A throwaway PostgreSQL of this test's own (see startScratchPostgres) with the three stores
 * migrated, so restarting it never touches the shared server.
 */
export async function startOwnPostgres(): Promise<{
  urls: { account: string; usage: string; content: string };
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}> {
  const server = await startScratchPostgres();
  const urls = {
    account: withDatabase(server.adminUrl, 'herald_account'),
    usage: withDatabase(server.adminUrl, 'herald_usage'),
    content: withDatabase(server.adminUrl, 'herald_content'),
  };
  await ensureDatabases(server.adminUrl, ['herald_account', 'herald_usage', 'herald_content']);
  const stores = connectStores(urls, { bestEffort: toolBestEffort('herald-test-postgres') });
  await migrateStores(stores);
  await destroyStores(stores);
  return { urls, stop: server.stop, start: server.start, remove: server.remove };
}
