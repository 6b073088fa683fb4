import { type Kysely, sql } from 'kysely';

/** Which organisation owns each number's inbound SMS: one organisation per number. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbound_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('inbound_numbers_account_idx')
    .on('inbound_numbers')
    .columns(['account_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbound_numbers').execute();
}
