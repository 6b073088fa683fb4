import { type Kysely, sql } from 'kysely';

/**
 * The months of the usage store that retention dropped whole (ADR 29). A month's messages are
 * counted into the billing records in the same transaction that writes its row here, so a run
 * that stops between counting and dropping never counts the month twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retired_usage_months')
    .addColumn('partition', 'text', (c) => c.primaryKey())
    .addColumn('messages', 'bigint', (c) => c.notNull())
    .addColumn('counted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retired_usage_months').execute();
}
