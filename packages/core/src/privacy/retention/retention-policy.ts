import type { Insertable, Kysely, Transaction } from 'kysely';
import type {
  AccountDatabase,
  RetentionPoliciesTable,
  RetentionPolicyRow,
} from '../../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/** An organisation's retention policy, with the defaults applied. */
export type RetentionPolicy = {
  accountId: string;
  /** 0 = content is never stored (no-store mode). */
  contentDays: number;
  usageDays: number;
  ipLogDays: number;
  storeContent: boolean;
  /** Set by an operator: while on, no retention job deletes anything of the account. */
  legalHold: boolean;
  updatedAt: Date | null;
};

export const defaultRetention = {
  contentDays: 30,
  usageDays: 395,
  ipLogDays: 90,
  storeContent: true,
  legalHold: false,
} as const;

/** The policy from its row, or the defaults when the organisation never set one. */
export function effectiveRetention(
  accountId: string,
  row: RetentionPolicyRow | undefined,
): RetentionPolicy {
  if (!row) return { accountId, ...defaultRetention, updatedAt: null };
  return {
    accountId,
    contentDays: row.content_days,
    usageDays: row.usage_days,
    ipLogDays: row.ip_log_days,
    storeContent: row.store_content,
    legalHold: row.legal_hold,
    updatedAt: row.updated_at,
  };
}

/** Whether a new message's content may be written to the content store. */
export function storesContent(
  policy: Pick<RetentionPolicy, 'contentDays' | 'storeContent'>,
): boolean {
  return policy.storeContent && policy.contentDays > 0;
}

export async function findRetentionPolicy(db: Db, accountId: string): Promise<RetentionPolicy> {
  const row = await db
    .selectFrom('retention_policies')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return effectiveRetention(accountId, row);
}

/** Every policy that differs from the defaults, for the retention jobs. */
export async function listRetentionPolicies(db: Db): Promise<RetentionPolicy[]> {
  const rows = await db.selectFrom('retention_policies').selectAll().execute();
  return rows.map((row) => effectiveRetention(row.account_id, row));
}

export async function upsertRetentionPolicy(
  db: Db,
  accountId: string,
  fields: Partial<Omit<Insertable<RetentionPoliciesTable>, 'account_id'>>,
): Promise<RetentionPolicy> {
  const row = await db
    .insertInto('retention_policies')
    .values({ account_id: accountId, ...fields, updated_at: new Date() })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...fields, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return effectiveRetention(accountId, row);
}
