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

/**
 * Where a walk through the content store stands: the last row's `created_at` as PostgreSQL
 * prints it (a Date would lose its microseconds, and rows written by one statement share
 * theirs) and its message id.
 */
export type ContentPosition = { createdAt: string; messageId: string };

export type ContentKey = ContentPosition & { accountId: string };

/**
 * A page of content rows older than `before`, in (created_at, message_id) order after `after`,
 * without the accounts in `exceptAccounts` (legal holds). Walks `message_contents_created_idx`.
 */
export async function listContentBefore(
  db: Db,
  options: { before: Date; after?: ContentPosition; exceptAccounts: string[]; limit: number },
): Promise<ContentKey[]> {
  let query = db
    .selectFrom('message_contents')
    .select(['message_id', 'account_id', sql<string>`created_at::text`.as('position')])
    .where('created_at', '<', options.before)
    .where(sql<boolean>`account_id <> all(${options.exceptAccounts}::text[])`);
  const after = options.after;
  if (after)
    query = query.where(
      sql<boolean>`(created_at, message_id) > (${after.createdAt}::timestamptz, ${after.messageId})`,
    );
  const rows = await query
    .orderBy('created_at')
    .orderBy('message_id')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({
    messageId: r.message_id,
    accountId: r.account_id,
    createdAt: r.position,
  }));
}

/** Deletes the content of these messages, only where it is older than `before`. */
export async function deleteContentOf(db: Db, messageIds: string[], before: Date): Promise<number> {
  const result = await db
    .deleteFrom('message_contents')
    .where(sql<boolean>`message_id = any(${messageIds}::text[])`)
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
