import type { Kysely, Transaction } from 'kysely';
import type {
  AccountDatabase,
  AccountRow,
  ApiKeyRow,
  ApiKeyScope,
  NewApiKeyRow,
  Role,
} from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function insertAccount(
  db: Db,
  row: { id: string; name: string; awaiting_owner_verification?: boolean },
): Promise<AccountRow> {
  return db.insertInto('accounts').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateAccount(
  db: Db,
  id: string,
  fields: Partial<
    Pick<
      AccountRow,
      | 'name'
      | 'help_text'
      | 'sms_opt_out_line'
      | 'rate_limit_per_second'
      | 'status'
      | 'suspended_at'
    >
  >,
): Promise<AccountRow> {
  return db
    .updateTable('accounts')
    .set({ ...fields, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertApiKey(db: Db, row: NewApiKeyRow): Promise<ApiKeyRow> {
  return db.insertInto('api_keys').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listApiKeys(db: Db, accountId: string): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .execute();
}

export type ApiKeyWithAccount = Pick<
  ApiKeyRow,
  | 'id'
  | 'account_id'
  | 'mode'
  | 'scope'
  | 'revoked_at'
  | 'last_used_at'
  | 'last_used_ip'
  | 'owner_user_id'
> & {
  /** The owner's role now, or null when the owner is not a member (or the key has none). */
  owner_role: Role | null;
  account_status: AccountRow['status'];
  rate_limit_per_second: AccountRow['rate_limit_per_second'];
  awaiting_owner_verification: AccountRow['awaiting_owner_verification'];
  /** From the retention policy (null without one: the defaults, which store content). */
  store_content: boolean | null;
  content_days: number | null;
};

/**
 * The keys by their hashes, each with its account's status and its owner's current role: one
 * indexed lookup (the owner's membership by its primary key), so the role bounds every request.
 */
export async function findApiKeysByHash(
  db: Db,
  secretHashes: readonly string[],
): Promise<Map<string, ApiKeyWithAccount>> {
  const rows = await db
    .selectFrom('api_keys')
    .innerJoin('accounts', 'accounts.id', 'api_keys.account_id')
    .leftJoin('retention_policies', 'retention_policies.account_id', 'api_keys.account_id')
    .leftJoin('memberships', (join) =>
      join
        .onRef('memberships.account_id', '=', 'api_keys.account_id')
        .onRef('memberships.user_id', '=', 'api_keys.owner_user_id'),
    )
    .select([
      'api_keys.secret_hash',
      'api_keys.id',
      'api_keys.account_id',
      'api_keys.mode',
      'api_keys.scope',
      'api_keys.revoked_at',
      'api_keys.last_used_at',
      'api_keys.owner_user_id',
      'memberships.role as owner_role',
      'api_keys.last_used_ip',
      'accounts.status as account_status',
      'accounts.rate_limit_per_second',
      'accounts.awaiting_owner_verification',
      'retention_policies.store_content',
      'retention_policies.content_days',
    ])
    .where('api_keys.secret_hash', 'in', [...new Set(secretHashes)])
    .execute();
  return new Map(rows.map(({ secret_hash, ...key }) => [secret_hash, key]));
}

export async function touchApiKey(db: Db, id: string, at: Date, ip: string | null): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: at, last_used_ip: ip })
    .where('id', '=', id)
    .execute();
}

export async function revokeApiKey(
  db: Db,
  accountId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A person's live keys in one organisation, locked: removing them decides each one's fate. */
export async function lockLiveKeysOwnedBy(
  db: Transaction<AccountDatabase>,
  accountId: string,
  userId: string,
): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('owner_user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .forUpdate()
    .execute();
}

/** Hands a live key to another owner, with the scope it keeps. */
export async function reassignApiKey(
  db: Db,
  accountId: string,
  id: string,
  owner: { userId: string; scope: ApiKeyScope },
): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ owner_user_id: owner.userId, scope: owner.scope })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}
