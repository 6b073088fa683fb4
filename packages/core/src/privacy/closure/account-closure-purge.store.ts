import { type Kysely, sql, type Transaction } from 'kysely';
import { belongsToNoOrganisation } from '../../people/membership.store.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import { type BatchResult, inBatches } from '../retention/retention-batches.js';
import { scrubAuditDetails } from './account-closure.js';

// biome-ignore lint/suspicious/noExplicitAny: the sweep works on whatever tables a store has.
type AnyDb = Kysely<any> | Transaction<any>;
type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/**
 * Every table of the store with an `account_id` column. The purge removes the account's rows
 * from all of them except the ones it is told to keep, so a table added later is purged too
 * unless someone decides, in writing, that it must be kept.
 */
export async function tablesWithAccountId(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.table_name as name
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.column_name = 'account_id' and c.table_schema = current_schema()
      and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db);
  return rows.map((r) => r.name);
}

/** Deletes the account's rows of one table in batches (by `ctid`: any table, any key). */
export async function deleteAccountRows(
  db: AnyDb,
  table: string,
  accountId: string,
  batch: number,
): Promise<BatchResult> {
  return inBatches(async () => {
    const result = await sql`
      delete from ${sql.table(table)} where ctid = any(array(
        select ctid from ${sql.table(table)} where account_id = ${accountId} limit ${batch}
      ))`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  }, batch);
}

export async function memberIds(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('account_id', '=', accountId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Of `userIds`, the people who belong to no organisation any more: their log-ins and links go too (cascade). */
export async function deleteUsersWithoutMembership(db: Db, userIds: string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const result = await db
    .deleteFrom('users')
    .where('id', 'in', userIds)
    .where(belongsToNoOrganisation)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The account's audit events without IP addresses, and with details reduced to safe keys. */
export async function scrubAuditEvents(db: Db, accountId: string, batch: number): Promise<number> {
  let afterId = '';
  let scrubbed = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .select(['id', 'details'])
      .where('account_id', '=', accountId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return scrubbed;
    const ids = rows.map((r) => r.id);
    const details = rows.map((r) => JSON.stringify(scrubAuditDetails(r.details)));
    await sql`
      update audit_events a set ip = null, details = v.details::jsonb
      from unnest(${ids}::text[], ${details}::text[]) as v(id, details)
      where a.id = v.id`.execute(db);
    scrubbed += rows.length;
    afterId = ids.at(-1)!;
  }
}

/** What stays of the account: its id, its status and its dates. */
export async function tombstoneAccount(db: Db, accountId: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      name: 'closed account',
      status: 'closed',
      help_text: null,
      sms_opt_out_line: null,
      rate_limit_per_second: null,
      suspended_at: null,
      updated_at: new Date(),
    })
    .where('id', '=', accountId)
    .execute();
}

export async function markPurged(db: Db, accountId: string, at: Date): Promise<void> {
  await db
    .updateTable('account_closures')
    .set({ purged_at: at, requested_by: null })
    .where('account_id', '=', accountId)
    .execute();
}
