import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  AccountDatabase,
  AccountStatus,
  Role,
  SessionRow,
} from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function insertSession(
  db: Db,
  row: { id_hash: string; user_id: string; account_id: string; expires_at: Date },
): Promise<SessionRow> {
  return db.insertInto('sessions').values(row).returningAll().executeTakeFirstOrThrow();
}

export type LiveSession = SessionRow & {
  role: Role;
  account_status: AccountStatus;
  rate_limit_per_second: number | null;
  awaiting_owner_verification: boolean;
  store_content: boolean | null;
  content_days: number | null;
  /** The organisation requires two factors and this user has none yet. */
  two_factor_setup_required: boolean;
};

/**
 * The session by its hash if it is neither past its absolute expiry nor idle too long, with the
 * member's current role (a role change applies at once) and the account's status.
 */
export async function findLiveSession(
  db: Db,
  idHash: string,
  idleSince: Date,
  now: Date,
): Promise<LiveSession | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('memberships', (join) =>
      join
        .onRef('memberships.account_id', '=', 'sessions.account_id')
        .onRef('memberships.user_id', '=', 'sessions.user_id'),
    )
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .leftJoin('retention_policies', 'retention_policies.account_id', 'sessions.account_id')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select([
      sql<boolean>`accounts.require_two_factor and users.totp_enabled_at is null`.as(
        'two_factor_setup_required',
      ),
      'memberships.role',
      'accounts.status as account_status',
      'accounts.rate_limit_per_second',
      'accounts.awaiting_owner_verification',
      'retention_policies.store_content',
      'retention_policies.content_days',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('sessions.last_seen_at', '>', idleSince)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: at })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user (in one organisation, or in all of them). */
export async function deleteSessionsOf(db: Db, userId: string, accountId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (accountId) query = query.where('account_id', '=', accountId);
  await query.execute();
}

/** Ends every session of a user but one (the browser that made a change keeps going). */
export async function deleteSessionsOfExcept(
  db: Db,
  userId: string,
  keepIdHash: string,
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id_hash', '<>', keepIdHash)
    .execute();
}
