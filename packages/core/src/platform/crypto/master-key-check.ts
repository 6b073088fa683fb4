import type { Kysely } from 'kysely';
import type { ContentDatabase } from '../stores/content.schema.js';
import type { UsageDatabase } from '../stores/usage.schema.js';
import type { MasterKey } from './master-key.js';

/**
 * Refuses to start on a master key that is not the one the stores' keys are wrapped with (a
 * lost `.herald/master.key`, a wrong secret in production, a rotation left half done). Without
 * this check the process would start and fail every send and read with an internal error.
 */
export async function assertMasterKeyMatches(
  stores: { usage: Kysely<UsageDatabase>; content: Kysely<ContentDatabase> },
  masterKey: MasterKey,
): Promise<void> {
  const [dataKeys, heraldKeys] = await Promise.all([
    stores.content
      .selectFrom('data_keys')
      .select('kek_id')
      .distinct()
      .where('kek_id', '<>', masterKey.id)
      .limit(3)
      .execute(),
    stores.usage
      .selectFrom('herald_keys')
      .select('kek_id')
      .distinct()
      .where('kek_id', '<>', masterKey.id)
      .limit(3)
      .execute(),
  ]);
  const foreign = [...new Set([...dataKeys, ...heraldKeys].map((row) => row.kek_id))];
  if (foreign.length === 0) return;
  throw new MasterKeyMismatchError(masterKey.id, foreign);
}

export class MasterKeyMismatchError extends Error {
  constructor(configured: string, found: string[]) {
    super(
      `The stores hold keys wrapped by master key ${found.join(', ')}, but the configured ` +
        `HERALD_MASTER_KEY is ${configured}. Set HERALD_MASTER_KEY to the key they were made ` +
        'with; if a rotation was cut short, run it again (npm run herald -- master-key rotate). ' +
        'In development, a lost .herald/master.key means the local data cannot be read: drop ' +
        'the herald_account, herald_usage and herald_content databases to start afresh.',
    );
    this.name = 'MasterKeyMismatchError';
  }
}
