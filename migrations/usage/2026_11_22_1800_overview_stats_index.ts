import { type Kysely, sql } from 'kysely';

/**
 * The console's overview counts an account's outbound messages of the last 7 or 30 days by day,
 * channel, status and error code. Every column it reads is in this index, so PostgreSQL answers
 * from the index alone, never touching the (wide) message rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index messages_account_stats_idx
      on messages (account_id, direction, created_at)
      include (channel, status, error_code)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_account_stats_idx').execute();
}
