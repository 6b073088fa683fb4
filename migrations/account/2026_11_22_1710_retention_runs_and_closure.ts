import { type Kysely, sql } from 'kysely';

/**
 * What the retention jobs removed (per store and account), the closing of accounts, and the
 * billing records that outlive the usage rows they count.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('store', 'text', (c) => c.notNull())
    .addColumn('rows_removed', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retention_runs_account_idx')
    .on('retention_runs')
    .columns(['account_id', 'id'])
    .execute();

  // One row per closing (or closed) organisation; a canceled closing deletes its row.
  await db.schema
    .createTable('account_closures')
    .addColumn('account_id', 'text', (c) =>
      c.primaryKey().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    // What a canceled closing returns the account to (a suspension survives a close and cancel).
    .addColumn('previous_status', 'text', (c) => c.notNull())
    .addColumn('content_shredded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('purge_at', 'timestamptz', (c) => c.notNull())
    .addColumn('purged_at', 'timestamptz')
    .execute();
  // The account job looks for closings whose grace period is over.
  await db.schema
    .createIndex('account_closures_due_idx')
    .on('account_closures')
    .column('purge_at')
    .where(sql.ref('purged_at'), 'is', null)
    .execute();

  // Message counts only: no recipient, no content, no provider id.
  await db.schema
    .createTable('billing_records')
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    // `YYYY-MM` (UTC): sorts as text, and no driver turns it into a local-time Date.
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('messages', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('billing_records_pk', ['account_id', 'month', 'channel', 'direction'])
    .execute();
  await db.schema
    .createIndex('billing_records_month_idx')
    .on('billing_records')
    .column('month')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('billing_records').execute();
  await db.schema.dropTable('account_closures').execute();
  await db.schema.dropTable('retention_runs').execute();
}
