import type { Insertable, Kysely, Transaction } from 'kysely';
import type {
  AccountDatabase,
  PrivacyRequestRow,
  PrivacyRequestsTable,
} from '../../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function insertPrivacyRequest(
  db: Db,
  row: Insertable<PrivacyRequestsTable>,
): Promise<PrivacyRequestRow> {
  return db.insertInto('privacy_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Settles an open request; one already settled keeps its outcome. */
export async function settlePrivacyRequest(
  db: Db,
  accountId: string,
  id: string,
  settled: { status: 'completed' | 'failed' | 'expired'; at: Date; outcome: string | null },
): Promise<void> {
  await db
    .updateTable('privacy_requests')
    .set({ status: settled.status, completed_at: settled.at, outcome: settled.outcome })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('status', 'in', ['pending', 'awaiting_verification'])
    .execute();
}

export async function markPrivacyRequestVerified(
  db: Db,
  accountId: string,
  id: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('privacy_requests')
    .set({ status: 'pending', verified_at: at })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('status', '=', 'awaiting_verification')
    .execute();
}

export async function findPrivacyRequest(
  db: Db,
  accountId: string,
  id: string,
): Promise<PrivacyRequestRow | undefined> {
  return db
    .selectFrom('privacy_requests')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Newest first; ids below `beforeId` (the cursor). */
export async function listPrivacyRequests(
  db: Db,
  accountId: string,
  options: { limit: number; beforeId?: string },
): Promise<PrivacyRequestRow[]> {
  let query = db.selectFrom('privacy_requests').selectAll().where('account_id', '=', accountId);
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}

export async function countPrivacyRequests(
  db: Db,
  accountId: string,
  identifierHash: string,
): Promise<number> {
  const row = await db
    .selectFrom('privacy_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('identifier_hash', '=', identifierHash)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
