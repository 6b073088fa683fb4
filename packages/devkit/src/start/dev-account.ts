import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AccountDatabase } from '@herald/core';
import type { Kysely } from 'kysely';
import { accountServiceFor } from '../accounts.js';

/**
 * The development account and its API key. The key's secret is only ever stored hashed in the
 * account store, so `npm start` keeps a copy in the (git-ignored) state dir to print it on every
 * run; a key that stopped working (revoked, or the database was reset) is replaced.
 */
export async function ensureDevApiKey(
  db: Kysely<AccountDatabase>,
  stateDir: string,
): Promise<{ secret: string; created: boolean }> {
  const file = path.join(stateDir, 'dev-api-key');
  const accounts = accountServiceFor(db);
  if (existsSync(file)) {
    const secret = (await readFile(file, 'utf8')).trim();
    const stillValid = await accounts.authenticate(secret).then(
      () => true,
      () => false,
    );
    if (stillValid) return { secret, created: false };
  }
  const account = await accounts.createAccount('Development');
  const { secret } = await accounts.createApiKey(account.id, {
    name: 'Development key (npm start)',
    mode: 'test',
  });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return { secret, created: true };
}
