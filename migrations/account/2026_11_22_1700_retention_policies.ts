import { type Kysely, sql } from 'kysely';

/**
 * Each organisation's retention policy. No row means the defaults (content 30 days, usage 395,
 * IP log 90, content stored, no legal hold); readers apply them, so accounts need no backfill.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_policies')
    .addColumn('account_id', 'text', (c) =>
      c.primaryKey().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('content_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('usage_days', 'integer', (c) => c.notNull().defaultTo(395))
    .addColumn('ip_log_days', 'integer', (c) => c.notNull().defaultTo(90))
    .addColumn('store_content', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('legal_hold', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('legal_hold_reason', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retention_policies').execute();
}
