import { randomBytes } from 'node:crypto';
import { connectStores, destroyStores, type Stores, type StoreUrls } from '@herald/core';
import { inject } from 'vitest';
import { toolBestEffort } from '../best-effort.js';
import { withDatabase } from '../infra/postgres.js';
import { cloneDatabase, createEmptyDatabase, dropDatabase } from './databases.js';
import './infrastructure.js';

export type TestStores = { stores: Stores; urls: StoreUrls; drop(): Promise<void> };

/**
 * A short tag that keeps one test file's databases, queues and keys apart. It starts with the
 * creation time (seconds, base 36, 6 characters), so a later run can tell leftovers by age.
 */
export function uniqueTag(): string {
  return `${Math.floor(Date.now() / 1000).toString(36)}${randomBytes(3).toString('hex')}`;
}

export type TestStoreOptions = {
  /** An empty usage database instead of a migrated one: a migration test brings it up itself. */
  emptyUsage?: boolean;
};

/** Three fresh, migrated databases of this test file's own. Call `drop()` in `afterAll`. */
export async function createTestStores(
  tag = uniqueTag(),
  options: TestStoreOptions = {},
): Promise<TestStores> {
  const infra = inject('heraldInfra');
  const names = {
    account: `herald_t_${tag}_account`,
    usage: `herald_t_${tag}_usage`,
    content: `herald_t_${tag}_content`,
  };
  for (const store of ['account', 'usage', 'content'] as const) {
    if (store === 'usage' && options.emptyUsage) {
      await createEmptyDatabase(infra.postgresAdminUrl, names.usage);
      continue;
    }
    await withRetry(() =>
      cloneDatabase(infra.postgresAdminUrl, infra.templates[store], names[store]),
    );
  }
  const urls = {
    account: withDatabase(infra.postgresAdminUrl, names.account),
    usage: withDatabase(infra.postgresAdminUrl, names.usage),
    content: withDatabase(infra.postgresAdminUrl, names.content),
  };
  const stores = connectStores(urls, {
    poolSize: 5,
    applicationName: 'herald-test',
    bestEffort: toolBestEffort('herald-test-stores'),
  });
  return {
    stores,
    urls,
    drop: async () => {
      await destroyStores(stores);
      for (const name of Object.values(names)) await dropDatabase(infra.postgresAdminUrl, name);
    },
  };
}

/** PostgreSQL refuses to clone a template while another clone of it is starting (55006). */
async function withRetry(run: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}
