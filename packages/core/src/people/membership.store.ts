import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { AccountDatabase, MembershipRow, Role } from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function insertMembership(
  db: Db,
  row: { account_id: string; user_id: string; role: Role },
): Promise<void> {
  await db.insertInto('memberships').values(row).execute();
}

export async function findMembership(
  db: Db,
  accountId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The user's first organisation: where a log-in lands. */
export async function firstMembershipOf(
  db: Db,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'asc')
    .limit(1)
    .executeTakeFirst();
}

export type MemberRow = MembershipRow & { name: string; email: string };

export async function listMembers(db: Db, accountId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'memberships.account_id',
      'memberships.user_id',
      'memberships.role',
      'memberships.created_at',
      'users.name',
      'users.email',
    ])
    .where('memberships.account_id', '=', accountId)
    .orderBy('memberships.created_at', 'asc')
    .execute();
}

/** Locks the organisation's owner rows, so two concurrent demotions cannot remove the last owner. */
export async function lockOwners(
  db: Transaction<AccountDatabase>,
  accountId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('account_id', '=', accountId)
    .where('role', '=', 'owner')
    .forUpdate()
    .execute();
  return rows.map((r) => r.user_id);
}

export async function updateRole(
  db: Db,
  accountId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ role })
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMembership(db: Db, accountId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('memberships')
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .execute();
}

/** The owners' addresses, for the emails about their organisation. */
export async function ownerEmails(
  db: Db,
  accountId: string,
): Promise<Array<{ email: string; name: string }>> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.email', 'users.name'])
    .where('memberships.account_id', '=', accountId)
    .where('memberships.role', '=', 'owner')
    .orderBy('users.email')
    .execute();
}

/** `users` rows that belong to no organisation (any more), as a condition. */
export function belongsToNoOrganisation(eb: ExpressionBuilder<AccountDatabase, 'users'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('memberships')
        .select('user_id')
        .whereRef('memberships.user_id', '=', 'users.id'),
    ),
  );
}
