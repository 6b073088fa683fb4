import { type Kysely, sql } from 'kysely';

/**
 * Undoing an email change (ADR 16): the old address gets a link, a `user_tokens` row of purpose
 * `email_change_undo` naming that address. While the link is live nobody else may take the
 * address, so sign-up and email changes look it up by address.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('user_tokens_undo_email_idx')
    .on('user_tokens')
    .column('email')
    .where(sql.ref('purpose'), '=', 'email_change_undo')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('user_tokens_undo_email_idx').execute();
}
