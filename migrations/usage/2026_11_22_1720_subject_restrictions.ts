import { type Kysely, sql } from 'kysely';

/**
 * Restrictions of end users. A restriction is a suppression with reason `restricted`; this table
 * remembers the reason the entry had before (an opt-out, say), so lifting the restriction never
 * makes someone reachable who was not. And the index that finds an end user's inbound messages,
 * where they are the sender.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subject_restrictions')
    .addColumn('suppression_id', 'text', (c) =>
      c.primaryKey().references('suppressions.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('reason_before', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createIndex('messages_inbound_sender_idx')
    .on('messages')
    .columns(['account_id', 'sender', 'id'])
    .where(sql.ref('direction'), '=', 'inbound')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_inbound_sender_idx').execute();
  await db.schema.dropTable('subject_restrictions').execute();
}
