import { type Kysely, sql } from 'kysely';

/**
 * Counts of each account's messages per UTC day, direction, channel, status and error code:
 * the console's overview reads these for settled days instead of scanning every message of the
 * last 30 (bench/README.md, "A year of data"). Counts only: no recipient, no content. The state
 * row says up to which day (exclusive) the counts are complete; later days are counted live.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_daily_counts')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // '' for none: a primary key cannot hold a null.
    .addColumn('error_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_daily_counts_pkey', [
      'account_id',
      'day',
      'direction',
      'channel',
      'status',
      'error_code',
    ])
    .execute();
  await db.schema
    .createTable('message_daily_counts_state')
    .addColumn('singleton', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`singleton`))
    .addColumn('settled_before', 'date', (c) => c.notNull())
    .addColumn('backfilled', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('message_daily_counts_state').execute();
  await db.schema.dropTable('message_daily_counts').execute();
}
