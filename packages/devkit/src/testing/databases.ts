import pg from 'pg';
import { quoteIdent } from '../infra/postgres.js';

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  });
}

/** A copy of a migrated template: much faster than migrating a fresh database. */
export async function cloneDatabase(
  adminUrl: string,
  template: string,
  name: string,
): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    await client.query(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`);
  });
}

export async function createEmptyDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    await client.query(`create database ${quoteIdent(name)}`);
  });
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await recreateDatabase(adminUrl, name);
}

/**
 * Drops test databases that a killed run left behind: older than an hour by the time in their
 * name, and not in use (no FORCE, so a long run elsewhere keeps its databases).
 */
export async function dropLeftovers(adminUrl: string, maxAgeSeconds = 3600): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname ~ '^herald_(t|tpl)_[0-9a-z]{12}_(account|usage|content)$'",
    );
    const now = Math.floor(Date.now() / 1000);
    for (const { datname } of rows) {
      const created = Number.parseInt(datname.replace(/^herald_(t|tpl)_/, '').slice(0, 6), 36);
      if (now - created < maxAgeSeconds) continue;
      await client.query(`drop database if exists ${quoteIdent(datname)}`).catch(() => {});
    }
  });
}

const TEST_PREFIX = 'herald-test-';

/**
 * The same, for Redis: keys of test queue prefixes (`herald-test-<tag>`, and the braced
 * `{herald-test-<tag>}` of before ADR 26) older than an hour.
 */
export async function dropLeftoverKeys(redisUrl: string, maxAgeSeconds = 3600): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const now = Math.floor(Date.now() / 1000);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', '*herald-test-*', 'COUNT', 1000);
      cursor = next;
      const stale = keys.filter((key) => {
        const at = key.indexOf(TEST_PREFIX) + TEST_PREFIX.length;
        return now - Number.parseInt(key.slice(at, at + 6), 36) > maxAgeSeconds;
      });
      if (stale.length > 0) await redis.unlink(...stale);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
