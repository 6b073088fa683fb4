import type { Kysely, Transaction } from 'kysely';
import type { AccountDatabase, InvitationRow } from '../../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/** Every invitation the organisation sent, open or not, newest first. */
export async function listAllInvitations(db: Db, accountId: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .execute();
}
