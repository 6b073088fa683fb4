import type { Kysely, Transaction } from 'kysely';
import type { AccountDatabase } from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/**
 * Lets every organisation this user owns send, once the user's address is verified. Called
 * wherever either becomes true (a verified address, an owner role, a membership); an
 * organisation never held is untouched.
 */
export async function releaseAccountsOwnedBy(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ awaiting_owner_verification: false })
    .where('awaiting_owner_verification', '=', true)
    .where('id', 'in', (q) =>
      q
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select('memberships.account_id')
        .where('memberships.user_id', '=', userId)
        .where('memberships.role', '=', 'owner')
        .where('users.email_verified_at', 'is not', null),
    )
    .execute();
}
