import type { Kysely } from 'kysely';

/**
 * The usage retention job deletes each account's messages older than its policy, and the
 * preview counts them: both walk this index instead of the account's whole history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('messages_account_created_idx')
    .on('messages')
    .columns(['account_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_account_created_idx').execute();
}
