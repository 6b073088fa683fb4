import type { Kysely, Transaction } from 'kysely';
import type { AccountDatabase, LoginEventRow } from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function insertLoginEvent(
  db: Db,
  row: {
    user_id: string | null;
    account_id: string | null;
    success: boolean;
    ip: string | null;
    user_agent: string | null;
  },
): Promise<void> {
  await db.insertInto('login_events').values(row).execute();
}

/** Newest first; `beforeId` is the cursor. */
export async function listLoginEvents(
  db: Db,
  accountId: string,
  options: { limit: number; beforeId?: string },
): Promise<LoginEventRow[]> {
  let query = db.selectFrom('login_events').selectAll().where('account_id', '=', accountId);
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}
