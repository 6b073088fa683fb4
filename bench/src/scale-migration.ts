import { connectStores, destroyStores, newId } from '@herald/core';
import { toolBestEffort, withDatabase } from '@herald/devkit';
import { migrationProvider } from '@herald/migrations';
import { type Kysely, Migrator } from 'kysely';
import pg from 'pg';
import type { BenchEnv } from './bench-env.js';
import { seedUsage } from './scale-seed.js';

const BEFORE_PARTITIONING = '2026_12_07_0300_message_daily_counts';

export type MigrationStep = {
  migration: string;
  ms: number;
  /** The slowest of the inserts made one after another while the step ran. */
  slowestInsertMs: number;
  inserts: number;
};

/**
 * The partitioning of a usage store that already holds `size` messages the old way: a store of
 * its own, migrated to just before, seeded, then brought up one migration at a time as
 * `migrateStores` does, while another connection inserts messages one after another. Each
 * step's time and the slowest insert during it say which step holds a lock that stops writes.
 */
export async function measureMigration(
  env: BenchEnv,
  size: number,
  log: (line: string) => void,
): Promise<MigrationStep[]> {
  const name = `${env.databases.usage}_migration`;
  const admin = new pg.Client({ connectionString: env.infra.postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = withDatabase(env.infra.postgresAdminUrl, name);
  const stores = connectStores(
    { account: url, usage: url, content: url },
    {
      poolSize: 2,
      applicationName: 'herald-bench-migration',
      bestEffort: toolBestEffort('herald-bench-migration'),
    },
  );
  try {
    const db = stores.usage as Kysely<unknown>;
    const migrator = new Migrator({ db, provider: migrationProvider('usage') });
    const before = await migrator.migrateTo(BEFORE_PARTITIONING);
    if (before.error) throw before.error;
    await seedUsage(stores.usage, env.accountId, size, log);
    const steps: MigrationStep[] = [];
    for (;;) {
      const writer = insertOneAfterAnother(url);
      const started = performance.now();
      const { error, results } = await migrator.migrateUp();
      const ms = Math.round(performance.now() - started);
      const writes = await writer.stop();
      if (error) throw error;
      if (!results?.length) break;
      steps.push({ migration: results[0]!.migrationName, ms, ...writes });
      log(`scale: migration ${results[0]!.migrationName} took ${ms} ms ${JSON.stringify(writes)}`);
    }
    return steps;
  } finally {
    await destroyStores(stores);
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

/** Inserts a message, waits for it, inserts the next, until stopped: what a send would feel. */
function insertOneAfterAnother(url: string) {
  const client = new pg.Client({ connectionString: url });
  let running = true;
  let slowest = 0;
  let inserts = 0;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const started = performance.now();
      await client.query(
        `insert into messages (id, account_id, channel, recipient, status, content_stored)
         values ($1, 'acc_bench_writer', 'sms', '+14155550100', 'queued', false)`,
        [newId('msg')],
      );
      slowest = Math.max(slowest, performance.now() - started);
      inserts += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      return { slowestInsertMs: Math.round(slowest), inserts };
    },
  };
}
