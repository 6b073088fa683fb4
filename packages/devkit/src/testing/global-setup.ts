import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectStores, destroyStores, migrateStores } from '@herald/core';
import type { TestProject } from 'vitest/node';
import { toolBestEffort } from '../best-effort.js';
import { findOrStartInfrastructure } from '../infra/infrastructure.js';
import { ensureDatabases, withDatabase } from '../infra/postgres.js';
import { dropDatabase, dropLeftoverKeys, dropLeftovers } from './databases.js';
import type { TestInfrastructure } from './infrastructure.js';
import { uniqueTag } from './test-stores.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Runs once per `vitest run`: finds (or starts) PostgreSQL and Redis exactly as `npm start`
 * does, and migrates one template database per store, so each test file can clone fresh
 * stores in milliseconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const infra = await findOrStartInfrastructure({
    // The test suite never touches the developer's configured stores.
    env: {},
    stateDir: path.join(repoRoot, '.herald'),
    log: (line) => console.warn(`[test setup] ${line}`),
  });

  await dropLeftovers(infra.postgresAdminUrl);
  await dropLeftoverKeys(infra.redisUrl);
  // Named per run, so two test runs on one machine never drop each other's templates.
  const run = uniqueTag();
  const templates = {
    account: `herald_tpl_${run}_account`,
    usage: `herald_tpl_${run}_usage`,
    content: `herald_tpl_${run}_content`,
  };
  await ensureDatabases(infra.postgresAdminUrl, Object.values(templates));
  const stores = connectStores(
    {
      account: withDatabase(infra.postgresAdminUrl, templates.account),
      usage: withDatabase(infra.postgresAdminUrl, templates.usage),
      content: withDatabase(infra.postgresAdminUrl, templates.content),
    },
    { bestEffort: toolBestEffort('herald-test-setup') },
  );
  await migrateStores(stores);
  await destroyStores(stores);

  const provided: TestInfrastructure = {
    postgresAdminUrl: infra.postgresAdminUrl,
    redisUrl: infra.redisUrl,
    templates,
    repoRoot,
  };
  project.provide('heraldInfra', provided);
  return async () => {
    for (const name of Object.values(templates)) await dropDatabase(infra.postgresAdminUrl, name);
    await infra.stop();
  };
}
