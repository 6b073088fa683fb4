import { migrationProvider, type StoreName } from '@herald/migrations';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { BestEffort } from '../observability/best-effort.js';
import type { AccountDatabase } from './account.schema.js';
import type { ContentDatabase } from './content.schema.js';
import { prepareMarkedStatements } from './prepared-statements.js';
import type { UsageDatabase } from './usage.schema.js';

export type { StoreName };

export type StoreUrls = { account: string; usage: string; content: string };

/** The three stores, one kysely instance each. No query ever spans two of them. */
export type Stores = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  content: Kysely<ContentDatabase>;
};

export type ConnectOptions = {
  poolSize?: number;
  applicationName?: string;
  /** Told of each connection lost (PostgreSQL restarting, a network cut): survived, not silent. */
  bestEffort: BestEffort;
};

export function connectStore<DB>(url: string, options: ConnectOptions): Kysely<DB> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'herald',
    // Fail fast when PostgreSQL is away, so the API answers 503 instead of hanging.
    connectionTimeoutMillis: 3000,
    statement_timeout: 15000,
  });
  // An idle client's error reaches both listeners below: it is reported once.
  const reported = new WeakSet<Error>();
  const lost = (error: Error) => {
    if (reported.has(error)) return;
    reported.add(error);
    options.bestEffort.failed('store_connection', error);
  };
  // An idle client that loses its connection emits 'error'; without a listener that kills the
  // process. The pool replaces the client on the next checkout.
  pool.on('error', lost);
  // A client checked out (inside a transaction, between two statements) has no pool listener:
  // PostgreSQL restarting (57P01) would kill the process. Its next query fails instead, and
  // the pool discards it on release because it is no longer queryable.
  pool.on('connect', (client) => {
    client.on('error', lost);
    prepareMarkedStatements(client);
  });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

export function connectStores(urls: StoreUrls, options: ConnectOptions): Stores {
  return {
    account: connectStore<AccountDatabase>(urls.account, options),
    usage: connectStore<UsageDatabase>(urls.usage, options),
    content: connectStore<ContentDatabase>(urls.content, options),
  };
}

export async function destroyStores(stores: Stores): Promise<void> {
  await Promise.all([stores.account.destroy(), stores.usage.destroy(), stores.content.destroy()]);
}

/** Connects to the three stores for their migrations alone, and closes them (a cluster's primary). */
export async function migrateStoresAt(
  urls: StoreUrls,
  options: ConnectOptions,
): Promise<MigrationReport[]> {
  const stores = connectStores(urls, { ...options, poolSize: 1 });
  try {
    return await migrateStores(stores);
  } finally {
    await destroyStores(stores);
  }
}

export type MigrationReport = { store: StoreName; applied: string[] };

/**
 * Brings each given store to its latest migration, one migration per transaction: a migration
 * that must not hold its locks while another step reads a big table (the usage store's
 * partitioning, ADR 29) is split into migrations that each commit. Safe to run from several
 * processes at once: kysely serialises migrators with a lock table.
 */
export async function migrateStores(stores: Partial<Stores>): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  for (const store of ['account', 'usage', 'content'] as const) {
    const db = stores[store];
    if (!db) continue;
    const migrator = new Migrator({
      db: db as Kysely<unknown>,
      provider: migrationProvider(store),
    });
    const applied: string[] = [];
    for (;;) {
      const { error, results } = await migrator.migrateUp();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
        throw new Error(
          `migration ${store}/${failed} failed: ${(error as Error).message ?? error}`,
          { cause: error },
        );
      }
      if (!results?.length) break;
      applied.push(...results.map((r) => r.migrationName));
    }
    reports.push({ store, applied });
  }
  return reports;
}
