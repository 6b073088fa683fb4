import { type Kysely, sql } from 'kysely';

/**
 * An organisation made by sign-up cannot send until one of its owners has verified their email
 * address. The flag sits on `accounts` so the API key lookup that runs on every request reads it
 * in the same row it already reads (no query of its own on the send path). Organisations made by
 * an operator never get it.
 *
 * Existing organisations with owners, none of them verified, are held too: they are exactly the
 * sign-ups that could send at once before this change. Organisations without any owner (made by
 * an operator) are left alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('awaiting_owner_verification', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`
    update accounts set awaiting_owner_verification = true
    where exists (
      select 1 from memberships m where m.account_id = accounts.id and m.role = 'owner'
    )
    and not exists (
      select 1 from memberships m join users u on u.id = m.user_id
      where m.account_id = accounts.id and m.role = 'owner' and u.email_verified_at is not null
    )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('awaiting_owner_verification').execute();
}
