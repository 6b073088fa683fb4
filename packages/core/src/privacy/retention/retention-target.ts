import type { Kysely, Transaction } from 'kysely';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import { effectiveRetention, type RetentionPolicy } from './retention-policy.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/**
 * One account as the retention jobs see it: its policy (the defaults without a row) and where it
 * stands in closing. A closing account's content is all shredded; a purged one has nothing left.
 */
export type RetentionTarget = {
  accountId: string;
  policy: RetentionPolicy;
  closure: 'none' | 'closing' | 'purged';
};

function targets(db: Db) {
  return db
    .selectFrom('accounts')
    .leftJoin('retention_policies as p', 'p.account_id', 'accounts.id')
    .leftJoin('account_closures as c', 'c.account_id', 'accounts.id')
    .select([
      'accounts.id',
      'p.account_id as policy_account_id',
      'p.content_days',
      'p.usage_days',
      'p.ip_log_days',
      'p.store_content',
      'p.legal_hold',
      'p.legal_hold_reason',
      'p.updated_at',
      'c.account_id as closure_account_id',
      'c.purged_at',
    ]);
}

type TargetRow = Awaited<ReturnType<ReturnType<typeof targets>['executeTakeFirstOrThrow']>>;

function toTarget(row: TargetRow): RetentionTarget {
  const policyRow =
    row.policy_account_id === null
      ? undefined
      : {
          account_id: row.id,
          content_days: row.content_days!,
          usage_days: row.usage_days!,
          ip_log_days: row.ip_log_days!,
          store_content: row.store_content!,
          legal_hold: row.legal_hold!,
          legal_hold_reason: row.legal_hold_reason,
          updated_at: row.updated_at!,
        };
  return {
    accountId: row.id,
    policy: effectiveRetention(row.id, policyRow),
    closure:
      row.closure_account_id === null ? 'none' : row.purged_at === null ? 'closing' : 'purged',
  };
}

/** Accounts in id order, `limit` after `afterId`: the jobs page through every account. */
export async function listRetentionTargets(
  db: Db,
  options: { afterId?: string; limit: number },
): Promise<RetentionTarget[]> {
  let query = targets(db);
  if (options.afterId) query = query.where('accounts.id', '>', options.afterId);
  const rows = await query.orderBy('accounts.id').limit(options.limit).execute();
  return rows.map(toTarget);
}

export async function findRetentionTarget(
  db: Db,
  accountId: string,
): Promise<RetentionTarget | undefined> {
  const row = await targets(db).where('accounts.id', '=', accountId).executeTakeFirst();
  return row && toTarget(row);
}

/** Accounts under a legal hold: the few statements that span accounts leave them out. */
export async function listHeldAccounts(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('retention_policies')
    .select('account_id')
    .where('legal_hold', '=', true)
    .execute();
  return rows.map((r) => r.account_id);
}
