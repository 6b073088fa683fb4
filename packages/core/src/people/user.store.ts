import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AccountDatabase, UserRow, UsersTable } from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function insertUser(db: Db, row: Insertable<UsersTable>): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateUser(
  db: Db,
  id: string,
  fields: Partial<
    Pick<
      UserRow,
      | 'name'
      | 'email'
      | 'password_hash'
      | 'email_verified_at'
      | 'marketing_opt_in'
      | 'totp_secret_sealed'
      | 'totp_pending_sealed'
      | 'totp_enabled_at'
      | 'totp_last_step'
    >
  >,
): Promise<UserRow> {
  return db
    .updateTable('users')
    .set({ ...fields, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A user's own records go; the organisations keep their audit records of what the user did,
 * under the user id only (the IP goes). Sessions, tokens and recovery codes go with the row.
 */
export async function deleteUserRecords(tx: Transaction<AccountDatabase>, userId: string) {
  await tx.updateTable('audit_events').set({ ip: null }).where('actor_id', '=', userId).execute();
  await tx.deleteFrom('login_events').where('user_id', '=', userId).execute();
  await tx.deleteFrom('users').where('id', '=', userId).execute();
}
