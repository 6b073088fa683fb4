import type { Insertable, Kysely, Transaction } from 'kysely';
import type {
  AccountDatabase,
  InvitationRow,
  InvitationsTable,
} from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function insertInvitation(
  db: Db,
  row: Insertable<InvitationsTable>,
): Promise<InvitationRow> {
  return db.insertInto('invitations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listOpenInvitations(
  db: Db,
  accountId: string,
  now: Date,
): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findOpenInvitationByEmail(
  db: Db,
  accountId: string,
  email: string,
  now: Date,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function findInvitationByTokenForUpdate(
  db: Transaction<AccountDatabase>,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function revokeInvitation(
  db: Db,
  accountId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markInvitationAccepted(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('invitations').set({ accepted_at: at }).where('id', '=', id).execute();
}

/** Revokes the open invitations one member sent; answers their ids. */
export async function revokeInvitationsSentBy(
  db: Db,
  accountId: string,
  userId: string,
  at: Date,
): Promise<string[]> {
  const rows = await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('invited_by', '=', userId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
