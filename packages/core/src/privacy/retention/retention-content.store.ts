import { type Kysely, sql, type Transaction } from 'kysely';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import { type BatchResult, inBatches } from './retention-batches.js';

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

/** Which of an account's content rows retention removes: older than `before`, minus `keep`. */
export type ContentScope = { accountId: string; before?: Date; keep?: string[] };

function expired(db: Db, scope: ContentScope) {
  let query = db.selectFrom('message_contents').where('account_id', '=', scope.accountId);
  if (scope.before) query = query.where('created_at', '<', scope.before);
  // One array parameter, however many messages are kept (a list would hit the parameter limit).
  if (scope.keep && scope.keep.length > 0)
    query = query.where(sql<boolean>`message_id <> all(${scope.keep}::text[])`);
  return query;
}

export async function countContent(db: Db, scope: ContentScope): Promise<number> {
  const row = await expired(db, scope)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteContentRows(
  db: Db,
  scope: ContentScope,
  batch: number,
): Promise<BatchResult> {
  return inBatches(async () => {
    const result = await db
      .deleteFrom('message_contents')
      .where('message_id', 'in', expired(db, scope).select('message_id').limit(batch))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }, batch);
}

/**
 * Destroys the account's data key: from then on every copy of its ciphertext, in this database,
 * its replicas and its backups, is unreadable (crypto-shredding). Returns whether there was one.
 */
export async function deleteDataKey(db: Db, accountId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('data_keys')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function hasDataKey(db: Db, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('data_keys')
    .select('account_id')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}
