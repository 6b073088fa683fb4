import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  AccountClosureRow,
  AccountDatabase,
  AccountRow,
  AccountStatus,
} from '../../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/** The account row under a lock: closing, cancelling and purging never interleave. */
export async function lockAccount(db: Db, accountId: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findClosure(
  db: Db,
  accountId: string,
): Promise<AccountClosureRow | undefined> {
  return db
    .selectFrom('account_closures')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function insertClosure(
  db: Db,
  row: {
    account_id: string;
    requested_by: string | null;
    requested_at: Date;
    previous_status: AccountStatus;
    content_shredded_at: Date;
    purge_at: Date;
  },
): Promise<AccountClosureRow> {
  return db.insertInto('account_closures').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteClosure(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('account_closures').where('account_id', '=', accountId).execute();
}

export async function setAccountStatus(
  db: Db,
  accountId: string,
  status: AccountStatus,
): Promise<AccountRow> {
  return db
    .updateTable('accounts')
    .set({ status, updated_at: new Date() })
    .where('id', '=', accountId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Revokes every live key of the account; returns how many. */
export async function revokeAllApiKeys(db: Db, accountId: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Closings whose grace period is over and that no legal hold pauses, oldest first. */
export async function listDueClosures(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('account_closures as c')
    .leftJoin('retention_policies as p', 'p.account_id', 'c.account_id')
    .select('c.account_id')
    .where('c.purged_at', 'is', null)
    .where('c.purge_at', '<=', now)
    .where(sql<boolean>`coalesce(p.legal_hold, false) = false`)
    .orderBy('c.purge_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Purged accounts whose audit log has reached the end of its keeping period. */
export async function listAuditExpiredAccounts(db: Db, purgedBefore: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('account_closures as c')
    .leftJoin('retention_policies as p', 'p.account_id', 'c.account_id')
    .select('c.account_id')
    .where('c.purged_at', '<', purgedBefore)
    .where(sql<boolean>`coalesce(p.legal_hold, false) = false`)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('audit_events as a')
          .select('a.id')
          .whereRef('a.account_id', '=', 'c.account_id'),
      ),
    )
    .execute();
  return rows.map((r) => r.account_id);
}

export async function deleteAuditEvents(db: Db, accountId: string): Promise<number> {
  const result = await db
    .deleteFrom('audit_events')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
