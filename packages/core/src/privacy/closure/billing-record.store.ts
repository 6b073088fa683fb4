import { type Kysely, sql, type Transaction } from 'kysely';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { BillingTally } from './billing-record.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/** Adds counts to the account's billing records (the rows they count are about to go). */
export async function addBillingCounts(
  db: Db,
  accountId: string,
  tallies: BillingTally[],
): Promise<void> {
  await addBillingCountsOfAccounts(
    db,
    tallies.map((t) => ({ account_id: accountId, ...t })),
  );
}

/** The same for many accounts at once: one statement (a retention pass over every account). */
export async function addBillingCountsOfAccounts(
  db: Db,
  tallies: Array<BillingTally & { account_id: string }>,
): Promise<void> {
  if (tallies.length === 0) return;
  await db
    .insertInto('billing_records')
    .values(tallies)
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'month', 'channel', 'direction'])
        .doUpdateSet({ messages: sql`billing_records.messages + excluded.messages` }),
    )
    .execute();
}

export async function listBillingRecords(db: Db, accountId: string): Promise<BillingTally[]> {
  const rows = await db
    .selectFrom('billing_records')
    .select(['month', 'channel', 'direction', 'messages'])
    .where('account_id', '=', accountId)
    .orderBy('month')
    .orderBy('channel')
    .orderBy('direction')
    .execute();
  return rows.map((r) => ({ ...r, messages: Number(r.messages) }));
}

/** Records of months before `month` (`YYYY-MM`), except those of accounts under a legal hold. */
export async function deleteBillingRecordsBefore(
  db: Db,
  month: string,
  exceptAccounts: string[],
): Promise<number> {
  const result = await db
    .deleteFrom('billing_records')
    .where('month', '<', month)
    .where(sql<boolean>`account_id <> all(${exceptAccounts}::text[])`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
