import type { Insertable, Kysely, Transaction } from 'kysely';
import type {
  AccountDatabase,
  PhoneNumberCodeRow,
  PhoneNumberCodesTable,
} from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function insertCode(db: Db, row: Insertable<PhoneNumberCodesTable>): Promise<void> {
  await db.insertInto('phone_number_codes').values(row).execute();
}

/** The newest code sent for a claim, locked: its attempts are counted under the lock. */
export async function findLatestCodeForUpdate(
  db: Transaction<AccountDatabase>,
  numberId: string,
): Promise<PhoneNumberCodeRow | undefined> {
  return db
    .selectFrom('phone_number_codes')
    .selectAll()
    .where('number_id', '=', numberId)
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function countFailedAttempt(db: Db, id: string): Promise<void> {
  await db
    .updateTable('phone_number_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function deleteCodesOf(db: Db, numberId: string): Promise<void> {
  await db.deleteFrom('phone_number_codes').where('number_id', '=', numberId).execute();
}

/**
 * Codes older than any rate-limit window and long expired, every organisation's: nothing needs
 * them any more. The table stays small (codes are rate limited), so this is cheap.
 */
export async function deleteCodesSentBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('phone_number_codes').where('created_at', '<', before).execute();
}

/**
 * The codes sent since `since`, by one organisation or to one number, oldest first (the rate
 * limits: how many, and when the oldest leaves the window).
 */
export async function codesSentSince(
  db: Db,
  by: { accountId: string } | { number: string },
  since: Date,
): Promise<Date[]> {
  const query = db
    .selectFrom('phone_number_codes')
    .select('created_at')
    .where('created_at', '>', since)
    .orderBy('created_at', 'asc');
  const rows = await ('accountId' in by
    ? query.where('account_id', '=', by.accountId)
    : query.where('number', '=', by.number)
  ).execute();
  return rows.map((row) => row.created_at);
}
