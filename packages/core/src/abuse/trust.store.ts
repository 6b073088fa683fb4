import type { Insertable, Kysely, Transaction } from 'kysely';
import type {
  AccountDatabase,
  AccountDecisionRow,
  AccountDecisionsTable,
  AccountRow,
  AccountStatus,
  ReviewRequestRow,
  ReviewRequestsTable,
} from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/** Locks the account row: every trust change is serialised per account. */
export async function lockAccount(
  db: Transaction<AccountDatabase>,
  accountId: string,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setAccountStatus(
  db: Db,
  accountId: string,
  status: AccountStatus,
  at: Date,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ status, suspended_at: status === 'suspended' ? at : null, updated_at: at })
    .where('id', '=', accountId)
    .execute();
}

export async function insertDecision(
  db: Db,
  row: Insertable<AccountDecisionsTable>,
): Promise<AccountDecisionRow> {
  return db.insertInto('account_decisions').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Newest first. */
export async function listDecisions(db: Db, accountId: string): Promise<AccountDecisionRow[]> {
  return db
    .selectFrom('account_decisions')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .execute();
}

export async function latestSuspension(
  db: Db,
  accountId: string,
): Promise<AccountDecisionRow | undefined> {
  return db
    .selectFrom('account_decisions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('kind', '=', 'suspended')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findDecisions(db: Db, ids: readonly string[]): Promise<AccountDecisionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('account_decisions').selectAll().where('id', 'in', ids).execute();
}

export async function insertReview(
  db: Db,
  row: Insertable<ReviewRequestsTable>,
): Promise<ReviewRequestRow> {
  return db.insertInto('review_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findPendingReview(
  db: Db,
  accountId: string,
): Promise<ReviewRequestRow | undefined> {
  return db
    .selectFrom('review_requests')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function findReviewForUpdate(
  db: Transaction<AccountDatabase>,
  id: string,
): Promise<ReviewRequestRow | undefined> {
  return db
    .selectFrom('review_requests')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function resolveReviewRow(
  db: Db,
  id: string,
  fields: Pick<ReviewRequestRow, 'status' | 'outcome_reason' | 'resolved_by' | 'resolved_at'>,
): Promise<ReviewRequestRow> {
  return db
    .updateTable('review_requests')
    .set(fields)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Newest first. */
export async function listReviews(db: Db, accountId: string): Promise<ReviewRequestRow[]> {
  return db
    .selectFrom('review_requests')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .execute();
}

/** Oldest first (the status index covers it), with the account's name. */
export async function listPendingReviews(
  db: Db,
): Promise<Array<ReviewRequestRow & { account_name: string }>> {
  return db
    .selectFrom('review_requests')
    .innerJoin('accounts', 'accounts.id', 'review_requests.account_id')
    .selectAll('review_requests')
    .select('accounts.name as account_name')
    .where('review_requests.status', '=', 'pending')
    .orderBy('review_requests.created_at', 'asc')
    .orderBy('review_requests.id', 'asc')
    .execute();
}

/** Status and last reinstatement of each account, for the scorer. */
export async function listStandings(
  db: Db,
  accountIds: readonly string[],
): Promise<Array<{ id: string; status: AccountStatus; reinstated_at: Date | null }>> {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom('accounts')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('account_decisions')
          .select(['account_id', (e) => e.fn.max('created_at').as('reinstated_at')])
          .where('kind', '=', 'reinstated')
          .where('account_id', 'in', accountIds)
          .groupBy('account_id')
          .as('r'),
      (join) => join.onRef('r.account_id', '=', 'accounts.id'),
    )
    .select(['accounts.id', 'accounts.status', 'r.reinstated_at'])
    .where('accounts.id', 'in', accountIds)
    .execute();
}
